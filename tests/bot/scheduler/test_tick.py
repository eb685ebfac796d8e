"""Exactly once and on time: the tick across crashes, outages, retries, leases and instances.

Time is a ManualClock; "sleeping" advances it. Nothing here waits for real time.
"""

import asyncio
import contextlib
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.delivery import GroupCommit
from guildbot.bot.scheduler.outbox import Target
from guildbot.bot.scheduler.tick import ACTION_RESEND, Ticker
from guildbot.contract.errors import DeliveryError, RecipientUnreachable
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.refs import MessageRef
from guildbot.storage.engine import Database, create_engine
from guildbot.storage.models import (
    ConversationSlot,
    OutboxKind,
    OutboxMessage,
    OutboxStatus,
)
from tests.fakes import Harness, RecordingAdapter

Sleep = Callable[[float], Awaitable[None]]
CHANNEL = Target("fake", "T1", "C-general", None, "channel")
TORONTO = ZoneInfo("America/Toronto")
SECOND = timedelta(seconds=1)


def make_ticker(
    app: Guildbot, adapter: RecordingAdapter, sleep: Sleep, instance: str = "A"
) -> Ticker:
    return Ticker(
        app.database, app.clock, {adapter.platform: adapter}, app.policy(), instance, sleep=sleep
    )


async def statuses(app: Guildbot) -> dict[str, int]:
    async with app.database.transaction() as session:
        rows = await session.execute(
            select(OutboxMessage.status, func.count(OutboxMessage.id)).group_by(
                OutboxMessage.status
            )
        )
        return dict(rows.all())  # type: ignore[arg-type]


def texts(adapter: RecordingAdapter) -> list[str]:
    return [m.text for m in adapter.sent]


async def test_a_reminder_is_sent_when_due_and_only_then(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock, sleep: Sleep
) -> None:
    due = clock.now() + timedelta(minutes=10)
    assert await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, due, "Meetup at 3")
    assert not await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, due, "Meetup at 3")
    ticker = make_ticker(app, adapter, sleep)
    await ticker.tick()
    assert adapter.sent == []
    clock.advance(timedelta(minutes=10))
    report = await ticker.tick()
    assert texts(adapter) == ["Meetup at 3"]
    assert adapter.sent[0].to.channel_id == "C-general"
    assert report.delivery.sent == 1
    await ticker.tick()
    assert len(adapter.sent) == 1
    assert await statuses(app) == {"sent": 1}


async def test_killed_before_due_and_restarted_three_minutes_late_sends_once(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock, sleep: Sleep
) -> None:
    due = clock.now() + timedelta(minutes=1)
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, due, "Starting soon")
    clock.advance(timedelta(seconds=55))
    await make_ticker(app, adapter, sleep, "first").tick()  # 5 s before: nothing
    assert adapter.sent == []
    # The process dies here; a new one starts 3 minutes after the due time.
    clock.advance(timedelta(seconds=5) + timedelta(minutes=3))
    report = await make_ticker(app, adapter, sleep, "second").tick()
    assert texts(adapter) == ["Starting soon"]
    assert report.lateness()[0] == pytest.approx(180.0)
    await make_ticker(app, adapter, sleep, "second").tick()
    assert len(adapter.sent) == 1


async def test_killed_mid_send_a_reminder_is_sent_again_after_the_lease(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock, sleep: Sleep
) -> None:
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Reminder")
    dying = make_ticker(app, adapter, sleep, "dying")
    claimed = await dying.claim()  # claimed, then the process is killed before sending
    assert len(claimed) == 1
    clock.advance(timedelta(minutes=3))
    report = await make_ticker(app, adapter, sleep, "survivor").tick()
    assert report.recovered == 1
    assert texts(adapter) == ["Reminder"]
    assert await statuses(app) == {"sent": 1}


async def test_restarted_two_hours_late_the_reminder_is_missed_and_owner_told_once(
    app: Guildbot, adapter: RecordingAdapter, harness: Harness, clock: ManualClock, sleep: Sleep
) -> None:
    owner = await harness.member_id("owner")
    adapter.sent.clear()
    await app.outbox.enqueue(
        OutboxKind.REMINDER,
        "r1",
        CHANNEL,
        clock.now() + timedelta(seconds=5),
        "Too late",
        owner_member_id=owner,
    )
    clock.advance(timedelta(hours=2, seconds=5))
    report = await make_ticker(app, adapter, sleep).tick()
    assert report.missed == 1
    assert "Too late" not in texts(adapter)
    [notice] = adapter.sent
    assert "was not posted" in notice.text
    assert notice.to.channel_id == "Gowner"  # a direct conversation with the owner
    await make_ticker(app, adapter, sleep).tick()
    assert len(adapter.sent) == 1
    assert await statuses(app) == {"missed": 1, "sent": 1}


async def test_a_weekly_item_missed_three_times_posts_nothing_late_and_tells_once(
    app: Guildbot, adapter: RecordingAdapter, harness: Harness, clock: ManualClock, sleep: Sleep
) -> None:
    owner = await harness.member_id("owner")
    adapter.sent.clear()
    start = clock.now().astimezone(TORONTO).replace(tzinfo=None) + timedelta(hours=1)
    await app.outbox.add_schedule(
        "test",
        "weekly",
        OutboxKind.ANNOUNCEMENT,
        "FREQ=WEEKLY",
        "America/Toronto",
        start,
        CHANNEL,
        "Weekly digest",
        owner_member_id=owner,
    )
    clock.advance(timedelta(weeks=2, hours=1) + timedelta(hours=3))  # 3 missed, all past 2 h
    report = await make_ticker(app, adapter, sleep).tick()
    assert report.missed == 3
    assert "Weekly digest" not in texts(adapter)
    [notice] = adapter.sent
    assert notice.text.startswith("3 occurrences of a recurring announcement")
    await make_ticker(app, adapter, sleep).tick()
    assert len(adapter.sent) == 1


async def test_occurrences_missed_within_grace_coalesce_into_one_catch_up(
    app: Guildbot, adapter: RecordingAdapter, harness: Harness, clock: ManualClock, sleep: Sleep
) -> None:
    owner = await harness.member_id("owner")
    adapter.sent.clear()
    start = clock.now().replace(tzinfo=None) + timedelta(minutes=30)
    await app.outbox.add_schedule(
        "test",
        "hourly",
        OutboxKind.ANNOUNCEMENT,
        "FREQ=HOURLY",
        "UTC",
        start,
        CHANNEL,
        "Hourly",
        owner_member_id=owner,
    )
    clock.advance(timedelta(hours=1, minutes=45))  # two occurrences due, both within 2 h
    report = await make_ticker(app, adapter, sleep).tick()
    assert texts(adapter).count("Hourly") == 1  # one catch-up post, not two
    assert report.missed == 1
    assert any("not posted" in t for t in texts(adapter))


async def test_weekly_nine_oclock_posts_at_nine_local_across_both_changes(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock, sleep: Sleep
) -> None:
    await app.outbox.add_schedule(
        "test",
        "standup",
        OutboxKind.ANNOUNCEMENT,
        "FREQ=WEEKLY;BYDAY=MO",
        "America/Toronto",
        datetime(2027, 2, 22, 9, 0),
        CHANNEL,
        "Good morning",
    )
    ticker = make_ticker(app, adapter, sleep)
    for weeks in (range(0, 5), range(35, 40)):  # around 14 March and 7 November 2027
        for week in weeks:
            local = datetime(2027, 2, 22, 9, 0) + timedelta(weeks=week)
            due = local.replace(tzinfo=TORONTO).astimezone(UTC)
            if due < clock.now():
                continue
            clock.advance(due - clock.now() - timedelta(minutes=20))
            await ticker.tick()  # materialised ahead of time, not sent early
            clock.advance(timedelta(minutes=20, seconds=2))
            await ticker.tick()
    sent_local = [at.astimezone(TORONTO) for at in adapter.sent_at]
    assert len(sent_local) >= 9
    assert {(t.weekday(), t.hour, t.minute) for t in sent_local} == {(0, 9, 0)}
    offsets = {t.utcoffset() for t in sent_local}
    assert offsets == {timedelta(hours=-5), timedelta(hours=-4)}


async def test_fall_back_day_posts_a_0130_occurrence_once(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock, sleep: Sleep
) -> None:
    await app.outbox.add_schedule(
        "test",
        "night",
        OutboxKind.REMINDER,
        "FREQ=DAILY",
        "America/St_Johns",
        datetime(2027, 11, 6, 1, 30),
        CHANNEL,
        "Night shift",
    )
    ticker = make_ticker(app, adapter, sleep)
    clock.advance(datetime(2027, 11, 6, 0, 0, tzinfo=UTC) - clock.now())
    for _ in range(3 * 24 * 4):  # every 15 minutes for three days
        clock.advance(timedelta(minutes=15))
        await ticker.tick()
    days = [at.astimezone(ZoneInfo("America/St_Johns")) for at in adapter.sent_at]
    assert [(d.day, d.hour, d.minute) for d in days][:3] == [(6, 1, 30), (7, 1, 30), (8, 1, 30)]
    assert len(days) == 3


async def test_a_frozen_claimer_sends_nothing_after_losing_its_lease(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock, sleep: Sleep
) -> None:
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Once")
    frozen = make_ticker(app, adapter, sleep, "frozen")
    claimed = await frozen.claim()
    clock.advance(app.policy().lease + timedelta(seconds=1))
    await make_ticker(app, adapter, sleep, "other").tick()
    assert texts(adapter) == ["Once"]
    report = await frozen.delivery.deliver(claimed)  # the frozen one wakes up
    assert report.skipped == 1
    assert report.sent == 0
    assert texts(adapter) == ["Once"]


async def test_an_announcement_whose_sender_died_becomes_uncertain_and_the_owner_is_asked(
    app: Guildbot, adapter: RecordingAdapter, harness: Harness, clock: ManualClock, sleep: Sleep
) -> None:
    owner = await harness.member_id("owner")
    adapter.sent.clear()
    await app.outbox.enqueue(
        OutboxKind.ANNOUNCEMENT, "a1", CHANNEL, clock.now(), "Big news", owner_member_id=owner
    )
    await make_ticker(app, adapter, sleep, "dying").claim()
    clock.advance(timedelta(minutes=2))
    report = await make_ticker(app, adapter, sleep, "survivor").tick()
    assert report.uncertain == 1
    assert "Big news" not in texts(adapter)
    [question] = adapter.sent
    assert "may or may not have posted" in question.text
    assert question.buttons[0].action_id == ACTION_RESEND
    assert (await statuses(app))["uncertain"] == 1
    # Only the owner decides; then "Post it again" posts it once.
    [refused] = await harness.press("someone", question.buttons[0])
    assert "Only the person who scheduled" in refused.text
    [answer] = await harness.press("owner", question.buttons[0])
    assert answer.text == "I'll post it again now."
    await make_ticker(app, adapter, sleep, "survivor").tick()
    assert texts(adapter).count("Big news") == 1
    [again] = await harness.press("owner", question.buttons[0])
    assert again.text == "That was already settled."


async def test_rate_limited_once_is_sent_once_after_retry_after(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock, sleep: Sleep
) -> None:
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Hello")
    adapter.failures.append(DeliveryError("rate limited", retryable=True, retry_after=3))
    ticker = make_ticker(app, adapter, sleep)
    report = await ticker.tick()
    assert report.delivery.retried == 1
    assert adapter.sent == []
    clock.advance(timedelta(seconds=2))
    await ticker.tick()
    assert adapter.sent == []  # not before Retry-After
    clock.advance(timedelta(seconds=1))
    await ticker.tick()
    assert texts(adapter) == ["Hello"]
    assert adapter.sent_at[0] - (clock.now() - timedelta(seconds=3)) >= timedelta(seconds=3)


async def test_rate_limited_forever_fails_after_max_attempts_without_duplicates(
    app: Guildbot, adapter: RecordingAdapter, harness: Harness, clock: ManualClock, sleep: Sleep
) -> None:
    owner = await harness.member_id("owner")
    adapter.sent.clear()
    await app.outbox.enqueue(
        OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Never", owner_member_id=owner
    )
    attempts = app.policy().max_attempts
    adapter.failures.extend(
        DeliveryError("rate limited", retryable=True, retry_after=1, code="ratelimited")
        for _ in range(attempts)
    )
    ticker = make_ticker(app, adapter, sleep)
    for _ in range(attempts + 3):
        await ticker.tick()
        clock.advance(timedelta(seconds=1))
    async with app.database.transaction() as session:
        row = (
            await session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key == "r1"))
        ).one()
    assert row.status == OutboxStatus.FAILED.value
    assert row.attempts == attempts
    assert "Never" not in texts(adapter)
    [notice] = adapter.sent
    assert "couldn't deliver a reminder" in notice.text


async def test_unreachable_recipient_fails_at_once(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock, sleep: Sleep
) -> None:
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Hi")
    adapter.failures.append(RecipientUnreachable("not in channel", code="not_in_channel"))
    report = await make_ticker(app, adapter, sleep).tick()
    assert report.delivery.failed == 1
    assert (await statuses(app)) == {"failed": 1}


async def test_a_member_without_an_account_on_the_platform_is_unreachable(
    app: Guildbot, adapter: RecordingAdapter, harness: Harness, clock: ManualClock, sleep: Sleep
) -> None:
    ana = await harness.member_id("ana")
    await app.outbox.enqueue(
        OutboxKind.FOLLOW_UP, "f1", Target.member("teams", "T1", ana), clock.now(), "Met?"
    )
    teams = RecordingAdapter(clock, platform="teams")
    await make_ticker(app, teams, sleep).tick()
    assert teams.sent == []
    assert (await statuses(app)) == {"failed": 1}


async def test_ten_messages_for_one_channel_are_paced_a_second_apart(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock, sleep: Sleep
) -> None:
    for n in range(10):
        await app.outbox.enqueue(OutboxKind.REMINDER, f"r{n}", CHANNEL, clock.now(), f"#{n}")
    await make_ticker(app, adapter, sleep).tick()
    assert texts(adapter) == [f"#{n}" for n in range(10)]
    gaps = [b - a for a, b in zip(adapter.sent_at, adapter.sent_at[1:], strict=False)]
    assert min(gaps) >= timedelta(seconds=1)


@contextlib.asynccontextmanager
async def two_instances(
    app: Guildbot, database_url: str, clock: ManualClock, sleep: Sleep
) -> AsyncIterator[tuple[list[Ticker], list[RecordingAdapter]]]:
    """Two processes' tickers, each with its own connections and adapter."""
    databases = [Database(create_engine(database_url)) for _ in range(2)]
    adapters = [RecordingAdapter(clock) for _ in range(2)]
    try:
        yield (
            [
                Ticker(db, clock, {"fake": a}, app.policy(), f"instance-{i}", sleep=sleep)
                for i, (db, a) in enumerate(zip(databases, adapters, strict=True))
            ],
            adapters,
        )
    finally:
        for db in databases:
            await db.dispose()


async def claim_for(app: Guildbot, instance: str, texts: list[str]) -> list[OutboxMessage]:
    """Claim these rows for `instance` directly, as two processes racing could."""
    async with app.database.transaction() as session:
        rows = (
            await session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key.in_(texts)))
        ).all()
        for row in rows:
            row.status = OutboxStatus.CLAIMED.value
            row.claimed_by = instance
            row.lease_until = app.clock.now() + timedelta(minutes=1)
            row.attempts = 1
        return sorted(rows, key=lambda row: row.id)


async def test_two_instances_holding_rows_of_one_channel_send_them_a_second_apart(
    app: Guildbot, database_url: str, clock: ManualClock, sleep: Sleep
) -> None:
    for n in range(10):
        await app.outbox.enqueue(OutboxKind.REMINDER, f"r{n}", CHANNEL, clock.now(), f"#{n}")
    # Two processes, each with its own connections, holding five rows of the channel each.
    async with two_instances(app, database_url, clock, sleep) as (tickers, adapters):
        held = [
            await claim_for(app, "instance-0", [f"r{n}" for n in range(0, 10, 2)]),
            await claim_for(app, "instance-1", [f"r{n}" for n in range(1, 10, 2)]),
        ]
        await asyncio.gather(
            *(t.delivery.deliver(rows) for t, rows in zip(tickers, held, strict=True))
        )
    assert [len(a.sent) for a in adapters] == [5, 5]
    sent_at = sorted(at for a in adapters for at in a.sent_at)
    assert min(later - earlier for earlier, later in itertools.pairwise(sent_at)) >= SECOND
    assert await statuses(app) == {"sent": 10}


async def test_a_send_whose_booking_outlasted_its_slot_books_another(
    app: Guildbot, database_url: str, clock: ManualClock, sleep: Sleep
) -> None:
    for n in range(2):
        await app.outbox.enqueue(OutboxKind.REMINDER, f"r{n}", CHANNEL, clock.now(), f"#{n}")
    async with two_instances(app, database_url, clock, sleep) as (tickers, adapters):
        first = await claim_for(app, "instance-0", ["r0"])
        second = await claim_for(app, "instance-1", ["r1"])
        slow = tickers[0].delivery
        book = slow._held
        stalled = False

        async def slow_commit(*args: object, **kwargs: object) -> object:
            # The first instance's booking commits a second late; meanwhile the other
            # instance books the next slot and sends in it.
            nonlocal stalled
            result = await book(*args, **kwargs)  # type: ignore[arg-type]
            if not stalled:
                stalled = True
                clock.advance(SECOND)
                await tickers[1].delivery.deliver(second)
            return result

        slow._held = slow_commit  # type: ignore[method-assign,assignment]
        await slow.deliver(first)
    assert [texts(a) for a in adapters] == [["#0"], ["#1"]]
    assert adapters[0].sent_at[0] - adapters[1].sent_at[0] >= SECOND
    assert await statuses(app) == {"sent": 2}


async def test_two_instances_ticking_on_one_channel_pace_it_a_second_apart(
    app: Guildbot, database_url: str, clock: ManualClock, sleep: Sleep
) -> None:
    for n in range(10):
        await app.outbox.enqueue(OutboxKind.REMINDER, f"r{n}", CHANNEL, clock.now(), f"#{n}")
    async with two_instances(app, database_url, clock, sleep) as (tickers, adapters):
        for _ in range(3):
            await asyncio.gather(*(ticker.tick() for ticker in tickers))
            clock.advance(SECOND)
    sent = sorted(
        (at, message.text) for a in adapters for at, message in zip(a.sent_at, a.sent, strict=True)
    )
    assert sorted(text for _, text in sent) == sorted(f"#{n}" for n in range(10))
    assert min(b[0] - a[0] for a, b in itertools.pairwise(sent)) >= SECOND
    assert await statuses(app) == {"sent": 10}


async def test_a_claim_takes_one_row_per_conversation_and_none_held_elsewhere(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock, sleep: Sleep
) -> None:
    other = Target("fake", "T1", "C-random", None, "channel")
    for n in range(3):
        await app.outbox.enqueue(OutboxKind.REMINDER, f"g{n}", CHANNEL, clock.now(), f"g{n}")
        await app.outbox.enqueue(OutboxKind.REMINDER, f"o{n}", other, clock.now(), f"o{n}")
    first = await make_ticker(app, adapter, sleep, "A").claim(10)
    assert sorted(row.dedupe_key for row in first) == ["g0", "o0"]
    # The channel's other rows wait for whoever can send them when its turn comes.
    assert await make_ticker(app, adapter, sleep, "B").claim(10) == []


async def test_a_shared_transaction_locks_conversations_in_one_order(app: Guildbot) -> None:
    # Two processes booking the same conversations in opposite orders would deadlock on
    # PostgreSQL; every batch runs its statements sorted by their lock order instead.
    ran: list[str] = []

    def statement(name: str) -> Callable[[AsyncSession], Awaitable[str]]:
        async def run(session: AsyncSession) -> str:
            ran.append(name)
            return name

        return run

    writes = GroupCommit(app.database)
    results = await asyncio.gather(
        *(writes.run(statement(name), lock_order=name) for name in ["c", "a", "b"])
    )
    assert results == ["c", "a", "b"]  # each caller gets its own result
    assert ran == ["a", "b", "c"]


async def test_housekeeping_forgets_conversation_slots_that_ended_long_ago(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock, sleep: Sleep
) -> None:
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Once")
    await make_ticker(app, adapter, sleep).tick()
    await app.housekeeping()
    async with app.database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(ConversationSlot)) == 1
    clock.advance(timedelta(hours=2))
    await app.housekeeping()
    async with app.database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(ConversationSlot)) == 0


async def test_direct_messages_to_members_go_through_open_conversation(
    app: Guildbot, adapter: RecordingAdapter, harness: Harness, clock: ManualClock, sleep: Sleep
) -> None:
    ana = await harness.member_id("ana")
    adapter.sent.clear()
    await app.outbox.enqueue(
        OutboxKind.FOLLOW_UP, "f1", Target.member("fake", "T1", ana), clock.now(), "Did you meet?"
    )
    await make_ticker(app, adapter, sleep).tick()
    [message] = adapter.sent
    assert message.to.channel_id == "Gana"


async def test_operator_retry_and_cancel(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock, sleep: Sleep
) -> None:
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Again")
    await app.outbox.enqueue(
        OutboxKind.REMINDER, "r2", CHANNEL, clock.now() + timedelta(hours=1), "Cancelled"
    )
    adapter.failures.append(RecipientUnreachable("gone"))
    await make_ticker(app, adapter, sleep).tick()
    [failed] = await app.outbox.listing(OutboxStatus.FAILED)
    [pending] = await app.outbox.listing(OutboxStatus.PENDING)
    assert await app.outbox.cancel(pending.id)
    assert not await app.outbox.cancel(pending.id)  # already cancelled
    assert await app.outbox.retry(failed.id)
    clock.advance(timedelta(seconds=1))
    await make_ticker(app, adapter, sleep).tick()
    assert texts(adapter) == ["Again"]
    assert await statuses(app) == {"sent": 1, "cancelled": 1}


async def test_one_scheduler_per_sqlite_file_any_number_on_postgres(
    app: Guildbot, adapter: RecordingAdapter, caplog: pytest.LogCaptureFixture
) -> None:
    first = app.start_scheduler([adapter])
    assert first is not None
    try:
        second = app.start_scheduler([adapter])
        if app.database.engine.dialect.name == "sqlite":
            assert second is None
            assert "scheduler not started: another Guildbot process runs it" in caplog.text
        else:
            assert second is not None  # PostgreSQL divides the work between schedulers
            await second.stop()
    finally:
        await first.stop()
    again = app.start_scheduler([adapter])
    assert again is not None  # the SQLite lock was released on stop
    await again.stop()


async def let_others_run(turns: int = 20) -> None:
    """Give every ready task its turns, without waiting on the wall clock."""
    for _ in range(turns):
        await asyncio.sleep(0)


async def test_stopping_lets_a_tick_in_progress_finish_its_sends(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Hello")
    entered, release = asyncio.Event(), asyncio.Event()
    real_send = adapter.send

    async def slow_send(message: OutboundMessage) -> MessageRef:
        entered.set()
        await release.wait()  # a platform taking its time, while the process is told to stop
        return await real_send(message)

    adapter.send = slow_send  # type: ignore[method-assign]
    timer = app.start_scheduler([adapter])
    assert timer is not None
    await asyncio.wait_for(entered.wait(), 10)
    stopping = asyncio.create_task(timer.stop())
    await let_others_run()
    assert not stopping.done()  # waiting for the send in progress
    release.set()
    await asyncio.wait_for(stopping, 10)
    assert texts(adapter) == ["Hello"]
    assert (await statuses(app)) == {"sent": 1}
    assert "Traceback" not in caplog.text and "cut short" not in caplog.text


async def test_a_tick_that_outlives_the_grace_is_cut_short_quietly(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Hello")
    entered = asyncio.Event()

    async def stuck_send(message: OutboundMessage) -> MessageRef:
        entered.set()
        await asyncio.Event().wait()
        raise AssertionError("never")

    adapter.send = stuck_send  # type: ignore[method-assign]
    timer = app.start_scheduler([adapter])
    assert timer is not None
    await asyncio.wait_for(entered.wait(), 10)
    await timer.stop(grace_seconds=0.1)
    await let_others_run()  # the cancelled job unwinds
    assert "scheduler still busy after 0.1s; stopping it" in caplog.text
    assert "Traceback" not in caplog.text
    # The row stays claimed; after its lease another tick takes it over (tested above).
    assert (await statuses(app)) == {"claimed": 1}


class StandbyAdapter(RecordingAdapter):
    """An adapter whose platform account another instance holds until `standing_by` clears."""

    standing_by = True


async def test_a_platform_standing_by_for_another_instance_is_not_sent_from_here(
    app: Guildbot, clock: ManualClock, sleep: Sleep
) -> None:
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Meetup at 3")
    standby = StandbyAdapter(clock)
    ticker = make_ticker(app, standby, sleep)
    await ticker.tick()
    assert standby.sent == []
    assert await statuses(app) == {"pending": 1}
    standby.standing_by = False  # the other instance's lease ran out: this one took over
    await ticker.tick()
    assert texts(standby) == ["Meetup at 3"]
