"""Buttons that stand for more than a short value: the rest is kept in the database.

Every button the core sends carries at most `MAX_BUTTON_VALUE` characters. A longer value
(an event draft, a department's full name) is stored as a pending action, and the button
carries ``~`` and its short id; when pressed — on any instance, after any restart — the
value is read back. Nothing is kept in a process's memory.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.contract.outbound import MAX_ACTION_ID, MAX_BUTTON_VALUE, Button
from guildbot.storage.models import PendingAction
from guildbot.storage.repositories.pending import PendingActionRepository

MARK = "~"  # a value that is a pending action's id
# Long enough for a button left in a DM over a holiday; housekeeping forgets older ones.
LIFETIME = timedelta(days=60)


def fits(button: Button) -> bool:
    """Whether a button can be sent as it is."""
    return (
        len(button.value) <= MAX_BUTTON_VALUE
        and not button.value.startswith(MARK)
        and len(button.action_id) <= MAX_ACTION_ID
    )


class PendingActions:
    """Long button values kept under short ids, inside the caller's unit of work."""

    def __init__(self, session: AsyncSession, now: datetime) -> None:
        self.repository = PendingActionRepository(session)
        self.now = now

    async def shortened(self, buttons: tuple[Button, ...]) -> tuple[Button, ...]:
        """`buttons`, each too long for a platform carrying a pending action's id instead."""
        if all(fits(button) for button in buttons):
            return buttons
        short: list[Button] = []
        for button in buttons:
            if len(button.action_id) > MAX_ACTION_ID:
                raise ValueError(f"action id {button.action_id[:40]!r} is too long")
            if fits(button):
                short.append(button)
                continue
            key = secrets.token_urlsafe(12)
            await self.repository.add(
                PendingAction(
                    id=key,
                    action_id=button.action_id,
                    value=button.value,
                    created_at=self.now,
                    expires_at=self.now + LIFETIME,
                )
            )
            short.append(
                Button(button.label, button.action_id, MARK + key, button.style, button.confirm)
            )
        return tuple(short)

    async def value_of(self, action_id: str, value: str) -> str | None:
        """What a pressed button's value stands for: itself, or the kept value (None: that
        button has expired)."""
        if not value.startswith(MARK):
            return value
        found = await self.repository.get(action_id, value[len(MARK) :], self.now)
        return None if found is None else found.value

    async def prune(self) -> int:
        """Forget what expired."""
        return await self.repository.prune(self.now)
