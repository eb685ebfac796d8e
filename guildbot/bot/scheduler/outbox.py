"""The outbox service: how the rest of the bot asks for something to be sent later, once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from guildbot.bot.clock import Clock
from guildbot.bot.scheduler.payload import message_payload
from guildbot.bot.scheduler.recurrence import Recurrence, format_local
from guildbot.contract.outbound import Button
from guildbot.contract.refs import ConversationRef
from guildbot.storage.engine import Database
from guildbot.storage.models import OutboxKind, OutboxMessage, OutboxStatus, Schedule
from guildbot.storage.repositories.outbox import OutboxRepository, ScheduleRepository

RETRYABLE = (
    OutboxStatus.FAILED,
    OutboxStatus.MISSED,
    OutboxStatus.UNCERTAIN,
    OutboxStatus.CANCELLED,
)
CANCELLABLE = (OutboxStatus.PENDING, OutboxStatus.FAILED, OutboxStatus.UNCERTAIN)


@dataclass(frozen=True, slots=True)
class Target:
    """Where a message goes: a conversation, or a member by direct message on a platform."""

    platform: str
    workspace_id: str
    channel_id: str | None = None
    thread_id: str | None = None
    conversation_kind: str | None = None
    member_id: int | None = None

    @classmethod
    def conversation(cls, ref: ConversationRef) -> Target:
        """A conversation target."""
        return cls(ref.platform, ref.workspace_id, ref.channel_id, ref.thread_id, ref.kind.value)

    @classmethod
    def member(cls, platform: str, workspace_id: str, member_id: int) -> Target:
        """A member, reached by direct message."""
        return cls(platform, workspace_id, member_id=member_id)

    def columns(self) -> dict[str, Any]:
        """The outbox columns for this target."""
        return {
            "platform": self.platform,
            "workspace_id": self.workspace_id,
            "channel_id": self.channel_id,
            "thread_id": self.thread_id,
            "conversation_kind": self.conversation_kind,
            "target_member_id": self.member_id,
        }


class OutboxService:
    """Enqueue one-off messages and recurring schedules; operator actions on rows."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    async def enqueue(
        self,
        kind: OutboxKind,
        dedupe_key: str,
        target: Target,
        due_at: datetime,
        text: str,
        buttons: tuple[Button, ...] = (),
        context: str | None = None,
        owner_member_id: int | None = None,
    ) -> bool:
        """Ask for a message to be sent at `due_at`. False when that key was already queued."""
        async with self.database.transaction() as session:
            return await OutboxRepository(session).enqueue(
                {
                    "kind": kind.value,
                    "dedupe_key": dedupe_key,
                    **target.columns(),
                    "owner_member_id": owner_member_id,
                    "payload": message_payload(text, buttons, context),
                    "due_at": due_at,
                    "not_before": due_at,
                    "status": OutboxStatus.PENDING.value,
                    "attempts": 0,
                    "created_at": self.clock.now(),
                }
            )

    async def add_schedule(
        self,
        owner_kind: str,
        owner_id: str,
        kind: OutboxKind,
        rrule: str,
        timezone: str,
        local_start: datetime,
        target: Target,
        text: str,
        offset: timedelta = timedelta(0),
        owner_member_id: int | None = None,
    ) -> int:
        """A recurring message: each occurrence of `rrule` (local to `timezone`) + `offset`."""
        recurrence = Recurrence(rrule, local_start, timezone)
        first = recurrence.first()
        async with self.database.transaction() as session:
            schedule = await ScheduleRepository(session).add(
                Schedule(
                    owner_kind=owner_kind,
                    owner_id=owner_id,
                    owner_member_id=owner_member_id,
                    kind=kind.value,
                    rrule=rrule,
                    timezone=timezone,
                    local_start=format_local(recurrence.local_start),
                    offset_seconds=int(offset.total_seconds()),
                    platform=target.platform,
                    workspace_id=target.workspace_id,
                    channel_id=target.channel_id,
                    target_member_id=target.member_id,
                    payload=message_payload(text),
                    next_local=format_local(first.local) if first else None,
                    next_due_at=first.at + offset if first else None,
                    active=first is not None,
                    created_at=self.clock.now(),
                )
            )
            return schedule.id

    async def retry(self, message_id: int) -> bool:
        """Send a failed, missed, uncertain or cancelled row again, now."""
        async with self.database.transaction() as session:
            return await OutboxRepository(session).transition(
                message_id,
                RETRYABLE,
                OutboxStatus.PENDING,
                not_before=self.clock.now(),
                due_at=self.clock.now(),
                attempts=0,
                claimed_by=None,
                lease_until=None,
            )

    async def answer_uncertain(self, member_id: int, value: str, resend: bool) -> str:
        """The owner's answer to "did it get posted?": post it again, or leave it as sent."""
        if not value.isdigit():
            return "That button has expired."
        async with self.database.transaction() as session:
            outbox = OutboxRepository(session)
            row = await outbox.get(int(value))
            if row is None or row.owner_member_id != member_id:
                return "Only the person who scheduled that message can decide about it."
            if resend:
                changed = await outbox.transition(
                    row.id,
                    [OutboxStatus.UNCERTAIN],
                    OutboxStatus.PENDING,
                    not_before=self.clock.now(),
                    due_at=self.clock.now(),
                )
                return "I'll post it again now." if changed else "That was already settled."
            changed = await outbox.transition(
                row.id,
                [OutboxStatus.UNCERTAIN],
                OutboxStatus.SENT,
                last_error="confirmed as posted by its owner",
            )
            return (
                "Thanks, I've noted that it was posted."
                if changed
                else ("That was already settled.")
            )

    async def cancel(self, message_id: int) -> bool:
        """Never send a row that has not been sent."""
        async with self.database.transaction() as session:
            return await OutboxRepository(session).transition(
                message_id, CANCELLABLE, OutboxStatus.CANCELLED
            )

    async def listing(
        self, status: OutboxStatus | None = None, limit: int = 50
    ) -> list[OutboxMessage]:
        """Rows for operators."""
        async with self.database.transaction() as session:
            return await OutboxRepository(session).listing(status, limit)

    async def schedules(self) -> list[Schedule]:
        """Schedules for operators."""
        async with self.database.transaction() as session:
            return await ScheduleRepository(session).listing()
