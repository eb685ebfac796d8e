"""A property of `event edit`: moving a series' time of day loses nothing. For generated
series (daily, weekly, every other week; with or without a capacity), answers (going,
waitlisted, maybe, can't go) and cancelled dates, and a new time of day: every date keeps
its answers, in their order, and its cancellation (in the database and as the feed's
EXDATE), and everyone going is reminded at the new time — unless the new time on that date
has already passed, when the date is gone and its people are told."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from guildbot.app.build import build
from guildbot.bot.clock import ManualClock
from guildbot.bot.config import Settings
from guildbot.bot.features.calendar import keys
from guildbot.bot.scheduler.recurrence import format_local, parse_local, to_instant
from guildbot.storage.engine import create_engine
from guildbot.storage.models import Base, EventCancellation, EventRsvp, OutboxMessage
from tests.bot.features.calendar.helpers import (
    cancel_event,
    create_event,
    edit_event,
    event_row,
    setup_community,
    to_member,
)
from tests.conftest import POSTGRES_URL, START
from tests.fakes import Harness, RecordingAdapter

ZONE = ZoneInfo("America/Toronto")
PEOPLE = ("ben", "cleo", "dee", "eve")
ANSWERS = ("going", "maybe", "no")
SERIES = {  # how it is typed, and the days between its dates
    "daily": ("daily", 1),
    "weekly": ("weekly on Tuesday", 7),
    "fortnightly": ("every 2 weeks on Thursday", 14),
}
DATES = 5  # answers and cancellations go to the series' first few dates


@dataclass(frozen=True)
class Case:
    series: str
    start: time
    capacity: int | None
    answers: tuple[tuple[int, int, str], ...]  # (person, date index, answer), in order
    cancelled: frozenset[int]
    moved_to: time


clocks = st.builds(time, st.integers(7, 21), st.sampled_from([0, 15, 30, 45]))
cases = st.builds(
    Case,
    series=st.sampled_from(sorted(SERIES)),
    start=clocks,
    capacity=st.one_of(st.none(), st.integers(1, 3)),
    answers=st.lists(
        st.tuples(
            st.integers(0, len(PEOPLE) - 1),
            st.integers(0, DATES - 1),
            st.sampled_from(ANSWERS),
        ),
        max_size=10,
    ).map(tuple),
    cancelled=st.frozensets(st.integers(0, DATES - 1), max_size=2),
    moved_to=clocks,
).filter(lambda case: case.start != case.moved_to)


async def _database(template: str, folder: Path) -> str:
    """An empty migrated database of its own for one generated case."""
    if not POSTGRES_URL:
        path = folder / "guildbot.db"
        shutil.copyfile(make_url(template).database or "", path)
        return f"sqlite:///{path}"
    engine = create_engine(template)
    try:
        async with engine.begin() as connection:
            tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
            await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        await engine.dispose()
    return template


def _typed_day(local: str) -> str:
    return local[:10]


async def _rows(harness: Harness) -> tuple[list[EventRsvp], set[str]]:
    async with harness.app.database.transaction() as session:
        rsvps = list(
            (
                await session.scalars(
                    select(EventRsvp).order_by(EventRsvp.responded_at, EventRsvp.id)
                )
            ).all()
        )
        cancelled = set((await session.scalars(select(EventCancellation.occurrence_local))).all())
    return rsvps, cancelled


async def _check(case: Case, template: str) -> None:
    clock = ManualClock(START)
    with tempfile.TemporaryDirectory() as folder:
        app = await build(
            Settings(database_url=await _database(template, Path(folder))), clock=clock
        )
        try:
            await _scenario(case, Harness(app, RecordingAdapter(clock)), clock)
        finally:
            await app.close()


async def _scenario(case: Case, harness: Harness, clock: ManualClock) -> None:
    await setup_community(harness, *PEOPLE)
    typed, step = SERIES[case.series]
    capacity = f" capacity: {case.capacity}" if case.capacity else ""
    event_id = await create_event(harness, f"Meetup {typed} {case.start:%H:%M}{capacity}")
    first = parse_local((await event_row(harness, event_id)).local_start)
    dates = [first + timedelta(days=step * i) for i in range(DATES)]
    for person, index, answer in case.answers:
        day = _typed_day(format_local(dates[index]))
        await harness.text(PEOPLE[person], f"event rsvp {event_id} {answer} {day}")
    for index in sorted(case.cancelled):
        await cancel_event(harness, f"{event_id} {_typed_day(format_local(dates[index]))}")
    before, cancelled_before = await _rows(harness)
    await harness.run_until(clock, clock.now())

    done = await edit_event(harness, f"{event_id} {case.moved_to:%H:%M}")
    assert done.startswith(f"Updated event {event_id} (when)"), done

    after, cancelled_after = await _rows(harness)
    sequence = (await event_row(harness, event_id)).sequence
    now = clock.now()

    def moved(local: str) -> str | None:
        """The date's new local start, or None when the new time on it has passed."""
        new = datetime.combine(parse_local(local).date(), case.moved_to)
        return format_local(new) if to_instant(new, ZONE) > now else None

    expected = [
        (moved(r.occurrence_local), r.member_id, r.status)
        for r in before
        if moved(r.occurrence_local) is not None
    ]
    assert [(r.occurrence_local, r.member_id, r.status) for r in after] == expected
    assert cancelled_after == {moved(c) for c in cancelled_before} - {None}

    feed = (await harness.app.feeds.feed("accessibility", None) or b"").decode()
    exdates = {line.split(":", 1)[1] for line in feed.splitlines() if line.startswith("EXDATE")}
    assert exdates == {local.replace("-", "").replace(":", "") for local in cancelled_after}

    async with harness.app.database.transaction() as session:
        pending = set(
            (
                await session.scalars(
                    select(OutboxMessage.dedupe_key).where(
                        OutboxMessage.status == "pending", OutboxMessage.kind == "reminder"
                    )
                )
            ).all()
        )
    for local, member_id, status in expected:
        if status != "going" or local in cancelled_after:
            continue
        at = to_instant(parse_local(local), ZONE)
        for offset in (timedelta(days=1), timedelta(minutes=15)):
            if at - offset > now:
                key = keys.reminder(event_id, local, sequence, offset, member_id)
                assert key.text in pending, (key.text, sorted(pending))

    sent = await harness.run_until(clock, now + timedelta(minutes=1))
    told = sorted(to_member(m) for m in sent if "no longer happens" in m.text)
    gone = [
        r
        for r in before
        if moved(r.occurrence_local) is None and r.status in ("going", "waitlisted")
    ]
    assert len(told) == len({(r.occurrence_local, r.member_id) for r in gone})


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=cases)
def test_moving_a_series_time_of_day_loses_no_answer_cancellation_or_reminder(
    migrated_template: str, case: Case
) -> None:
    asyncio.run(_check(case, migrated_template))
