"""Pending actions: what buttons stand for beyond their short values."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import PendingAction


class PendingActionRepository:
    """Keeps and finds pending actions."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, action: PendingAction) -> None:
        """Insert one."""
        self.session.add(action)
        await self.session.flush()

    async def get(self, action_id: str, key: str, now: datetime) -> PendingAction | None:
        """The live pending action `key` of the button action `action_id`."""
        found = await self.session.get(PendingAction, key)
        if found is None or found.action_id != action_id or found.expires_at <= now:
            return None
        return found

    async def prune(self, before: datetime) -> int:
        """Forget those that expired before `before`."""
        result = await self.session.execute(
            delete(PendingAction).where(PendingAction.expires_at < before)
        )
        return int(getattr(result, "rowcount", 0) or 0)
