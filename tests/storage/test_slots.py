"""Conversation send slots (migration 0010), on SQLite and PostgreSQL: each booking starts at
least an interval after the one before, whichever process booked it, even when they race."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select

from guildbot.bot.clock import ManualClock
from guildbot.storage.engine import Database, create_engine
from guildbot.storage.models import ConversationSlot
from guildbot.storage.repositories.slots import ConversationSlotRepository

SECOND = timedelta(seconds=1)


async def _book(database: Database, clock: ManualClock, conversation: str = "C1") -> timedelta:
    """Book a slot in one transaction; how long after now it starts."""
    async with database.transaction() as session:
        starts = await ConversationSlotRepository(session).book(
            "slack", "T1", conversation, clock.now(), SECOND
        )
    return starts - clock.now()


async def test_a_slot_starts_after_the_one_booked_before_it(
    database_url: str, clock: ManualClock
) -> None:
    database = Database(create_engine(database_url))
    try:
        assert await _book(database, clock) == timedelta(0)
        assert await _book(database, clock) == SECOND  # the first one's second is taken
        assert await _book(database, clock, "C2") == timedelta(0)  # another conversation
        clock.advance(timedelta(milliseconds=1500))
        assert await _book(database, clock) == timedelta(milliseconds=500)
        clock.advance(timedelta(seconds=5))
        assert await _book(database, clock) == timedelta(0)  # all past: free at once
    finally:
        await database.dispose()


async def test_bookings_racing_from_three_processes_get_distinct_slots(
    database_url: str, clock: ManualClock
) -> None:
    databases = [Database(create_engine(database_url)) for _ in range(3)]
    try:
        starts = await asyncio.gather(
            *(_book(database, clock) for database in databases for _ in range(10))
        )
        assert sorted(starts) == [n * SECOND for n in range(30)]
    finally:
        for database in databases:
            await database.dispose()


async def test_prune_forgets_only_slots_that_ended_before_the_cutoff(
    database_url: str, clock: ManualClock
) -> None:
    database = Database(create_engine(database_url))
    try:
        await _book(database, clock, "old")
        clock.advance(timedelta(hours=2))
        await _book(database, clock, "recent")
        async with database.transaction() as session:
            pruned = await ConversationSlotRepository(session).prune(
                clock.now() - timedelta(hours=1)
            )
        assert pruned == 1
        async with database.transaction() as session:
            left = (await session.scalars(select(ConversationSlot.conversation))).all()
            assert await session.scalar(select(func.count()).select_from(ConversationSlot)) == 1
        assert left == ["recent"]
    finally:
        await database.dispose()
