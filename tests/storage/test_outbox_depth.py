"""The outbox's depth for /metrics (migration 0022), on SQLite and PostgreSQL: rows not
settled yet by status and kind, counted from the (status, kind) index, not the table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, update
from sqlalchemy.ext.asyncio import AsyncEngine

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.outbox import Target
from guildbot.storage.models import OutboxKind, OutboxMessage, OutboxStatus
from guildbot.storage.repositories.outbox import OutboxRepository

CHANNEL = Target("fake", "T1", "C1", None, "channel")


async def _queue(app: Guildbot, clock: ManualClock) -> None:
    for index in range(3):
        await app.outbox.enqueue(OutboxKind.REMINDER, f"r{index}", CHANNEL, clock.now(), "r")
    await app.outbox.enqueue(OutboxKind.ANNOUNCEMENT, "a", CHANNEL, clock.now(), "a")
    await app.outbox.enqueue(OutboxKind.ANNOUNCEMENT, "old", CHANNEL, clock.now(), "sent")
    async with app.database.transaction() as session:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.dedupe_key.in_(["r0", "old"]))
            .values(status=OutboxStatus.SENT.value)
        )
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.dedupe_key == "a")
            .values(status=OutboxStatus.UNCERTAIN.value)
        )


async def test_depth_counts_unsettled_rows_by_status_and_kind(
    app: Guildbot, clock: ManualClock
) -> None:
    await _queue(app, clock)
    async with app.database.transaction() as session:
        depth = await OutboxRepository(session).depth()
    assert depth == {("pending", "reminder"): 2, ("uncertain", "announcement"): 1}


async def test_depth_is_counted_from_the_status_and_kind_index(
    app: Guildbot, clock: ManualClock
) -> None:
    await _queue(app, clock)
    engine: AsyncEngine = app.database.engine
    captured: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "count(" in statement.lower():
            captured.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        async with app.database.transaction() as session:
            await OutboxRepository(session).depth()
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)
    [(statement, parameters)] = captured
    async with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            # A handful of rows is read faster from the table: ask whether the index serves.
            await connection.exec_driver_sql("SET enable_seqscan = off")
            result = await connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
        else:
            result = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        plan = " ".join(str(value) for row in result.all() for value in row)
    assert "ix_outbox_status_kind" in plan, plan
    if engine.dialect.name == "sqlite":
        assert "COVERING INDEX" in plan, plan  # the table itself is not read
