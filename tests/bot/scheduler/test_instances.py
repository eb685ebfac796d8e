"""Several schedulers, each with its own connections, share one database: every message is
sent exactly once and none is left claimed."""

import asyncio
from datetime import timedelta

from sqlalchemy import func, select

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.tick import Ticker
from guildbot.storage.engine import Database, create_engine
from guildbot.storage.models import OutboxKind, OutboxMessage, OutboxStatus
from guildbot.storage.repositories.outbox import OutboxRepository
from tests.conftest import POSTGRES_URL
from tests.fakes import RecordingAdapter

MESSAGES = 1_000
INSTANCES = 3
# The issue asks for 20 repetitions on PostgreSQL; SQLite (one process in production) gets a
# shorter run of the same race, through separate connections to one file.
ROUNDS = 20 if POSTGRES_URL else 1


async def enqueue_round(app: Guildbot, clock: ManualClock, round_number: int) -> None:
    now = clock.now()
    async with app.database.transaction() as session:
        outbox = OutboxRepository(session)
        for n in range(MESSAGES):
            await outbox.enqueue(
                {
                    "kind": OutboxKind.REMINDER.value,
                    "dedupe_key": f"round{round_number}:{n}",
                    "platform": "fake",
                    "workspace_id": "T1",
                    "channel_id": f"C{n}",
                    "conversation_kind": "channel",
                    "payload": {"text": f"{round_number}:{n}"},
                    # All due within the same minute.
                    "due_at": now + timedelta(seconds=n % 60),
                    "not_before": now + timedelta(seconds=n % 60),
                    "status": OutboxStatus.PENDING.value,
                    "attempts": 0,
                    "created_at": now,
                }
            )


async def run_until_idle(ticker: Ticker) -> None:
    idle = 0
    while idle < 2:
        report = await ticker.tick()
        idle = idle + 1 if report.claimed == 0 else 0
        await asyncio.sleep(0)


async def test_three_schedulers_send_each_of_a_thousand_messages_once(
    app: Guildbot, database_url: str, clock: ManualClock
) -> None:
    databases = [Database(create_engine(database_url)) for _ in range(INSTANCES)]
    adapters = [RecordingAdapter(clock) for _ in range(INSTANCES)]
    tickers = [
        Ticker(db, clock, {"fake": adapter}, app.policy(), f"instance-{i}")
        for i, (db, adapter) in enumerate(zip(databases, adapters, strict=True))
    ]
    try:
        for round_number in range(ROUNDS):
            await enqueue_round(app, clock, round_number)
            clock.advance(timedelta(minutes=1))
            await asyncio.gather(*(run_until_idle(t) for t in tickers))
            sent = [m.text for a in adapters for m in a.sent]
            this_round = [t for t in sent if t.startswith(f"{round_number}:")]
            assert len(this_round) == MESSAGES, f"round {round_number}"
            assert len(set(this_round)) == MESSAGES, f"duplicates in round {round_number}"
        async with app.database.transaction() as session:
            left_claimed = await session.scalar(
                select(func.count(OutboxMessage.id)).where(
                    OutboxMessage.status == OutboxStatus.CLAIMED.value
                )
            )
            sent_rows = await session.scalar(
                select(func.count(OutboxMessage.id)).where(
                    OutboxMessage.status == OutboxStatus.SENT.value
                )
            )
        assert left_claimed == 0
        assert sent_rows == MESSAGES * ROUNDS
        if POSTGRES_URL:
            # SKIP LOCKED really shares the work (SQLite's single writer may serialise it).
            assert sum(1 for a in adapters if a.sent) >= 2
    finally:
        for db in databases:
            await db.dispose()
