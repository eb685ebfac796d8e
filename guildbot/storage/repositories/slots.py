"""Conversation send slots: pacing one conversation across every process that sends to it.

A booking is atomic: on PostgreSQL one `INSERT … ON CONFLICT DO UPDATE SET next_at =
GREATEST(next_at, now) + interval RETURNING next_at`, which holds the row's lock until its
transaction commits, so two processes booking one conversation get slots an interval apart.
SQLite (one scheduler per file, but the same code) reads and moves the row after taking the
database's write lock, which is just as exclusive.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Interval,
    String,
    case,
    cast,
    delete,
    func,
    literal,
    select,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import ConversationSlot, OutboxMessage, UtcDateTime

_KEY = ("platform", "workspace_id", "conversation")


def slot_conversation(row: OutboxMessage) -> str:
    """The conversation an outbox row's send slot is booked in: its channel, ``member:<id>``
    for a direct message to a member, ``group:<id>`` for a group (see `ConversationSlot`)."""
    if row.target_member_id is not None:
        return f"member:{row.target_member_id}"
    if row.target_group_id is not None:
        return f"group:{row.target_group_id}"
    return row.channel_id or ""


def slot_conversation_sql(outbox: Any = OutboxMessage) -> ColumnElement[str]:
    """`slot_conversation` in SQL, for the outbox table or an alias of it."""
    return case(
        (
            outbox.target_member_id.is_not(None),
            literal("member:") + cast(outbox.target_member_id, String),
        ),
        (
            outbox.target_group_id.is_not(None),
            literal("group:") + cast(outbox.target_group_id, String),
        ),
        else_=func.coalesce(outbox.channel_id, ""),
    )


class ConversationSlotRepository:
    """Books and prunes conversations' send slots."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def book(
        self,
        platform: str,
        workspace_id: str,
        conversation: str,
        now: datetime,
        interval: timedelta,
    ) -> datetime:
        """Book the conversation's next send slot and return when it starts: `now`, or later
        when a slot booked before (by any process) ends after `now`. The slot after this one
        starts `interval` after it. The booking is held locked until the transaction ends."""
        key = {"platform": platform, "workspace_id": workspace_id, "conversation": conversation}
        if self.session.get_bind().dialect.name == "postgresql":
            statement = (
                postgresql_insert(ConversationSlot)
                .values(**key, next_at=now + interval)
                .on_conflict_do_update(
                    index_elements=list(_KEY),
                    set_={
                        "next_at": func.greatest(
                            ConversationSlot.next_at,
                            literal(now, UtcDateTime()),
                            type_=UtcDateTime(),
                        )
                        + literal(interval, Interval())
                    },
                )
                .returning(ConversationSlot.next_at)
            )
            ends: datetime = (await self.session.execute(statement)).scalar_one()
            return ends - interval
        # SQLite: the insert (even one that does nothing) takes the database's write lock, so
        # reading and moving the booking after it is as exclusive as PostgreSQL's row lock.
        inserted = await self.session.execute(
            sqlite_insert(ConversationSlot)
            .values(**key, next_at=now + interval)
            .on_conflict_do_nothing()
        )
        if int(getattr(inserted, "rowcount", 0) or 0) == 1:
            return now
        booked = await self.session.scalar(select(ConversationSlot.next_at).filter_by(**key))
        starts = now if booked is None or booked < now else booked
        await self.session.execute(
            update(ConversationSlot).filter_by(**key).values(next_at=starts + interval)
        )
        return starts

    async def extend(
        self, platform: str, workspace_id: str, conversation: str, until: datetime
    ) -> None:
        """The conversation is not free before `until` (a send went out later than its
        slot's start): move the booking's end there, unless a later booking already is."""
        await self.session.execute(
            update(ConversationSlot)
            .where(
                ConversationSlot.platform == platform,
                ConversationSlot.workspace_id == workspace_id,
                ConversationSlot.conversation == conversation,
                ConversationSlot.next_at < until,
            )
            .values(next_at=until)
            .execution_options(synchronize_session=False)
        )

    async def prune(self, ended_before: datetime) -> int:
        """Forget slots that ended before `ended_before` (booking them again starts afresh).
        Rows being booked right now are skipped, not waited for."""
        stale = (
            select(ConversationSlot.platform, ConversationSlot.workspace_id)
            .add_columns(ConversationSlot.conversation)
            .where(ConversationSlot.next_at < ended_before)
            .with_for_update(skip_locked=True)
        )
        result = await self.session.execute(
            delete(ConversationSlot)
            .where(
                tuple_(
                    ConversationSlot.platform,
                    ConversationSlot.workspace_id,
                    ConversationSlot.conversation,
                ).in_(stale)
            )
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def ends(self, rows: list[OutboxMessage], after: datetime) -> dict[int, datetime]:
        """For each row whose conversation has a slot ending after `after`: when it ends."""
        if not rows:
            return {}
        found = await self.session.execute(
            select(OutboxMessage.id, ConversationSlot.next_at)
            .join(
                ConversationSlot,
                (ConversationSlot.platform == OutboxMessage.platform)
                & (ConversationSlot.workspace_id == OutboxMessage.workspace_id)
                & (ConversationSlot.conversation == slot_conversation_sql()),
            )
            .where(OutboxMessage.id.in_([row.id for row in rows]))
            .where(ConversationSlot.next_at > after)
        )
        return {row_id: ends for row_id, ends in found.all()}
