"""Occurrence owners: schedules whose occurrences run code instead of posting a message."""

from collections.abc import Mapping
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.outbox import Target
from guildbot.bot.scheduler.tick import Ticker
from guildbot.contract.adapter import Adapter
from guildbot.storage.models import OutboxKind, OutboxMessage, Schedule
from tests.fakes import RecordingAdapter

TORONTO = ZoneInfo("America/Toronto")


class Recorder:
    def __init__(self) -> None:
        self.occurrences: list[datetime] = []
        self.runs: list[tuple[datetime, str]] = []

    async def materialise(
        self, session: AsyncSession, schedule: Schedule, occurrence_at: datetime, due_at: datetime
    ) -> int:
        assert session.in_transaction()
        self.occurrences.append(occurrence_at)
        return 1

    async def run_due(self, now: datetime, adapters: Mapping[str, Adapter], instance: str) -> int:
        self.runs.append((now, instance))
        return 0


async def test_an_owner_gets_each_occurrence_once_and_runs_every_tick(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock
) -> None:
    start = clock.now().astimezone(TORONTO).replace(tzinfo=None) + timedelta(hours=1)
    await app.outbox.add_schedule(
        "recorder",
        "1",
        OutboxKind.INTRO,
        "FREQ=DAILY",
        "America/Toronto",
        start,
        Target("fake", "T1"),
        "not posted",
    )
    recorder = Recorder()

    def ticker(name: str) -> Ticker:
        return Ticker(
            app.database,
            clock,
            {adapter.platform: adapter},
            app.policy(),
            name,
            owners={"recorder": recorder},
        )

    await ticker("A").tick()
    assert recorder.occurrences == []
    clock.advance(timedelta(hours=1))
    await ticker("A").tick()
    await ticker("B").tick()
    clock.advance(timedelta(days=1))
    await ticker("B").tick()
    assert len(recorder.occurrences) == 2
    assert recorder.occurrences[1] - recorder.occurrences[0] == timedelta(days=1)
    assert [instance for _, instance in recorder.runs] == ["A", "A", "B", "B"]
    async with app.database.transaction() as session:
        assert await session.scalar(select(func.count(OutboxMessage.id))) == 0
    assert adapter.sent == []
