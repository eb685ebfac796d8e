"""After a claimer froze or died: what the platform can tell is asked, owners are asked once
per incident, a frozen transaction holds nothing past its lease, and a process that froze
between renewing and sending sends nothing it may no longer own.

Time is a ManualClock; only the PostgreSQL test waits, for the server to end a session.
"""

import asyncio
import dataclasses
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text, true, update
from sqlalchemy.exc import DBAPIError

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.outbox import Target
from guildbot.bot.scheduler.reconcile import ACTION_RESEND_INCIDENT, ACTION_SHOW_INCIDENT
from guildbot.bot.scheduler.tick import Ticker
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.reconciling import SEND_DEADLINE, Found, SendKey, SendWindowClosed
from guildbot.contract.refs import ConversationRef, MemberRef, MessageRef
from guildbot.contract.richtext import RichText
from guildbot.storage.engine import Database, create_engine, frozen_transaction_limit
from guildbot.storage.models import OutboxKind, OutboxMessage
from guildbot.storage.repositories.outbox import OutboxRepository
from tests.conftest import POSTGRES_URL
from tests.fakes import Harness, RecordingAdapter, button

Sleep = Callable[[float], Awaitable[None]]
CHANNEL = Target("fake", "T1", "C-general", None, "channel")


class KeyedAdapter(RecordingAdapter):
    """A fake platform that keeps each message's key and can be searched by it; it checks
    that no database connection of the bot is held while it is called."""

    def __init__(self, clock: ManualClock, database: Database) -> None:
        super().__init__(clock)
        self.database = database
        self.keys: dict[int, str] = {}  # row id -> message id
        self.searches = 0
        self.during_calls: list[int] = []  # connections checked out while we were called

    @property
    def resend_is_idempotent_for(self) -> timedelta:
        return timedelta(0)

    async def send_keyed(self, message: OutboundMessage, key: SendKey) -> MessageRef:
        self.during_calls.append(self.database.engine.pool.checkedout())  # type: ignore[attr-defined]
        sent = await self.send(message)
        self.keys[key.row_id] = sent.message_id
        return sent

    async def find_sent(
        self, conversation: ConversationRef, keys: Sequence[SendKey], since: datetime
    ) -> Found | None:
        self.during_calls.append(self.database.engine.pool.checkedout())  # type: ignore[attr-defined]
        self.searches += 1
        return Found({k.row_id: self.keys[k.row_id] for k in keys if k.row_id in self.keys})


def ticker(app: Guildbot, adapter: RecordingAdapter, sleep: Sleep, name: str) -> Ticker:
    return Ticker(app.database, app.clock, {"fake": adapter}, app.policy(), name, sleep=sleep)


async def rows(app: Guildbot) -> list[OutboxMessage]:
    async with app.database.transaction() as session:
        return list((await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all())


def count(adapter: RecordingAdapter, words: str) -> int:
    return sum(1 for sent in adapter.sent if sent.text == words)


async def test_a_row_sent_but_not_recorded_is_found_and_not_sent_again(
    app: Guildbot, clock: ManualClock, sleep: Sleep
) -> None:
    keyed = KeyedAdapter(clock, app.database)
    await app.outbox.enqueue(OutboxKind.ANNOUNCEMENT, "a1", CHANNEL, clock.now(), "Big news")
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Soon")
    dying = ticker(app, keyed, sleep, "dying")
    claimed = await dying.claim()
    # It posts the announcement, and dies before recording it (or sending the reminder).
    [announcement] = [row for row in claimed if row.kind == OutboxKind.ANNOUNCEMENT.value]
    message = OutboundMessage(
        to=ConversationRef("fake", "T1", "C-general"), text=RichText.of("Big news")
    )
    await keyed.send_keyed(message, SendKey(announcement.id, announcement.attempts))
    clock.advance(app.policy().lease + timedelta(seconds=1))
    report = await ticker(app, keyed, sleep, "survivor").tick()
    await ticker(app, keyed, sleep, "survivor").tick()
    assert report.found == 1
    assert count(keyed, "Big news") == 1  # found on the platform: not posted twice
    assert count(keyed, "Soon") == 1  # not there: sent once
    assert {row.dedupe_key: row.status for row in await rows(app)} == {
        "a1": "sent",
        "r1": "sent",
    }
    assert [row.platform_message_id for row in await rows(app) if row.dedupe_key == "a1"] == [
        keyed.keys[announcement.id]
    ]
    assert report.uncertain == 0 and report.questions == 0
    # No transaction was open while the platform was called (sends and searches alike).
    assert keyed.during_calls and set(keyed.during_calls) == {0}


async def test_owners_are_asked_once_per_incident_not_once_per_message(
    app: Guildbot, adapter: RecordingAdapter, harness: Harness, clock: ManualClock, sleep: Sleep
) -> None:
    owner = await harness.member_id("owner")
    adapter.sent.clear()
    dying = ticker(app, adapter, sleep, "dying")
    await dying.tick()  # it is alive (it ticks); then it claims these and freezes
    for n in range(12):
        await app.outbox.enqueue(
            OutboxKind.ANNOUNCEMENT,
            f"a{n}",
            Target("fake", "T1", f"C{n}", None, "channel"),
            clock.now(),
            f"News {n}",
            owner_member_id=owner,
        )
    assert len(await dying.claim()) == 12
    clock.advance(app.policy().lease + timedelta(seconds=1))
    report = await ticker(app, adapter, sleep, "survivor").tick()
    await ticker(app, adapter, sleep, "other").tick()
    assert report.uncertain == 12
    [question] = adapter.sent  # one question, not twelve
    assert question.text.startswith("12 announcements may not have been posted during a restart")
    assert [b.label for b in question.buttons] == ["Post the missing ones", "Show them"]
    [listing] = await harness.press("owner", button(question, action=ACTION_SHOW_INCIDENT))
    assert listing.text.count("News ") == 12
    [refused] = await harness.press("someone", button(question, action=ACTION_RESEND_INCIDENT))
    assert "Only the person who scheduled" in refused.text
    [answer] = await harness.press("owner", button(question, action=ACTION_RESEND_INCIDENT))
    assert answer.text == "I'll post those 12 now."
    await ticker(app, adapter, sleep, "survivor").tick()
    assert sorted(s.text for s in adapter.sent if s.text.startswith("News")) == sorted(
        f"News {n}" for n in range(12)
    )
    [again] = await harness.press("owner", button(question, action=ACTION_RESEND_INCIDENT))
    assert again.text == "That was already settled."


async def test_claims_expiring_at_different_times_still_make_one_question(
    app: Guildbot, adapter: RecordingAdapter, harness: Harness, clock: ManualClock, sleep: Sleep
) -> None:
    owner = await harness.member_id("owner")
    adapter.sent.clear()
    dying = ticker(app, adapter, sleep, "dying")
    for batch in range(2):  # claimed 30 s apart: their leases end 30 s apart
        for n in range(3):
            await app.outbox.enqueue(
                OutboxKind.ANNOUNCEMENT,
                f"a{batch}{n}",
                Target("fake", "T1", f"C{batch}{n}", None, "channel"),
                clock.now(),
                f"News {batch}{n}",
                owner_member_id=owner,
            )
        assert len(await dying.claim()) == 3
        clock.advance(timedelta(seconds=30))
    clock.advance(app.policy().lease - timedelta(seconds=59))  # only the first three expired
    survivor = ticker(app, adapter, sleep, "survivor")
    assert (await survivor.tick()).uncertain == 3
    assert adapter.sent == []  # the question waits for the rest of the incident
    clock.advance(timedelta(seconds=31))
    assert (await survivor.tick()).uncertain == 3
    clock.advance(timedelta(seconds=2))
    await survivor.tick()
    [question] = adapter.sent
    assert question.text.startswith("6 announcements may not have been posted")


async def test_a_claimer_frozen_after_renewing_sends_nothing_once_taken_over(
    app: Guildbot, clock: ManualClock, sleep: Sleep
) -> None:
    class Freezing(RecordingAdapter):
        """Opening the member's conversation is where this process freezes; meanwhile the
        lease ends and another instance sends the reminder."""

        frozen = True

        async def open_conversation(
            self, members: Sequence[MemberRef], key: str | None = None
        ) -> ConversationRef:
            if self.frozen:
                self.frozen = False
                clock.advance(app.policy().lease + timedelta(seconds=1))
                await ticker(app, self, sleep, "survivor").tick()
            return await super().open_conversation(members, key)

    freezing = Freezing(clock)
    harness = Harness(app, freezing)
    member = await harness.member_id("ana")
    freezing.sent.clear()
    await app.outbox.enqueue(
        OutboxKind.REMINDER, "r1", Target.member("fake", "T1", member), clock.now(), "Once"
    )
    report = await ticker(app, freezing, sleep, "frozen").tick()
    assert count(freezing, "Once") == 1  # the survivor's; the frozen one sent nothing
    assert report.delivery.skipped == 1
    assert [row.status for row in await rows(app) if row.dedupe_key == "r1"] == ["sent"]


async def test_a_claim_expiring_while_a_tick_is_busy_sending_is_recovered_within_a_tick(
    app: Guildbot, adapter: RecordingAdapter, clock: ManualClock, sleep: Sleep
) -> None:
    """The promise is lease + one tick, also when the survivors' ticks are long: one that
    is busy sending a paced conversation (one message a second) looks for expired claims
    every tick interval, instead of only when it starts."""
    policy = app.policy()
    await app.outbox.enqueue(OutboxKind.REMINDER, "stuck", CHANNEL, clock.now(), "Stuck")
    [stuck] = await ticker(app, adapter, sleep, "frozen").claim()
    lease_ends = clock.now() + policy.lease
    clock.advance(policy.lease - timedelta(seconds=1))
    busy = Target("fake", "T1", "C-busy", None, "channel")
    for n in range(20):  # 20 s of sending in one conversation
        await app.outbox.enqueue(OutboxKind.REMINDER, f"b{n}", busy, clock.now(), f"B{n}")
    adapter.sent.clear()
    adapter.sent_at.clear()
    report = await ticker(app, adapter, sleep, "survivor").tick()
    assert count(adapter, "Stuck") == 1 and report.recovered == 1
    [sent_at] = [
        at for s, at in zip(adapter.sent, adapter.sent_at, strict=True) if s.text == "Stuck"
    ]
    assert sent_at <= lease_ends + policy.recover_every + timedelta(seconds=1)
    assert [row.status for row in await rows(app) if row.id == stuck.id] == ["sent"]


async def test_a_send_resumed_after_its_lease_margin_never_reaches_the_platform(
    app: Guildbot, clock: ManualClock, sleep: Sleep
) -> None:
    """A process stopped between its last check of the lease and the platform call (a
    connection still opening, say) resumes after the others took the row over and resent
    it; the call it was making must not go out then. Each call gets what is left of the
    lease, less the margin, and one that outlives it is abandoned: the row is left to its
    lease and to reconciliation, not sent, retried or failed. (The lease is real time here:
    the call's own deadline is the event loop's.)"""

    class Stalling(RecordingAdapter):
        async def send(self, message: OutboundMessage) -> MessageRef:
            await asyncio.sleep(0.5)  # stopped mid-call, past the deadline below
            return await super().send(message)

    stalling = Stalling(clock)
    policy = dataclasses.replace(app.policy(), lease=timedelta(seconds=0.2))
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Late")
    frozen = Ticker(app.database, app.clock, {"fake": stalling}, policy, "frozen", sleep=sleep)
    report = await asyncio.wait_for(frozen.tick(), 10)
    assert stalling.sent == []  # before: posted after the lease, beside the survivor's copy
    assert report.delivery.skipped == 1 and report.delivery.retried == 0
    [row] = await rows(app)
    assert (row.status, row.claimed_by, row.attempts) == ("claimed", "frozen", 1)


async def test_a_send_refused_by_its_adapter_past_the_deadline_is_left_to_recovery(
    app: Guildbot, clock: ManualClock, sleep: Sleep
) -> None:
    """A process stopped while its send was about to run (not waiting for anything) resumes
    past the deadline; the adapter then refuses to write the request (`SendWindowClosed`),
    and the row is left to its lease, not retried."""

    class Resumed(RecordingAdapter):
        async def send(self, message: OutboundMessage) -> MessageRef:
            time.sleep(0.3)  # noqa: ASYNC251 - stopped while runnable: nothing to cancel
            deadline = SEND_DEADLINE.get()
            assert deadline is not None
            if asyncio.get_running_loop().time() >= deadline:
                raise SendWindowClosed("late")
            return await super().send(message)

    resumed = Resumed(clock)
    policy = dataclasses.replace(app.policy(), lease=timedelta(seconds=0.2))
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Late")
    frozen = Ticker(app.database, app.clock, {"fake": resumed}, policy, "frozen", sleep=sleep)
    report = await frozen.tick()
    assert resumed.sent == []
    assert report.delivery.skipped == 1 and report.delivery.retried == 0  # before: retried
    [row] = await rows(app)
    assert (row.status, row.claimed_by) == ("claimed", "frozen")


@pytest.mark.skipif(not POSTGRES_URL, reason="needs GUILDBOT_TEST_DATABASE_URL (PostgreSQL)")
async def test_claims_of_a_process_frozen_inside_a_transaction_are_taken_over(
    app: Guildbot, adapter: RecordingAdapter, database_url: str, clock: ManualClock, sleep: Sleep
) -> None:
    for n in range(6):
        await app.outbox.enqueue(
            OutboxKind.REMINDER,
            f"r{n}",
            Target("fake", "T1", f"C{n}", None, "channel"),
            clock.now(),
            f"R{n}",
        )
    lease = timedelta(seconds=3)  # its sessions end after 1 s idle in a transaction
    frozen_engine = create_engine(database_url, lease=lease)
    try:
        # It claimed three rows (committed), then froze while renewing them: their row locks
        # are held by a transaction that never ends by itself. It also froze a claim of the
        # other three that it never committed.
        frozen_database = Database(frozen_engine)
        frozen = ticker(app, adapter, sleep, "frozen")
        frozen.database = frozen_database
        async with frozen_database.transaction() as session:
            await OutboxRepository(session).claim(
                "frozen", clock.now(), app.policy().lease, ["fake"], true(), 3
            )
        connection = await frozen_engine.connect()
        transaction = await connection.begin()
        await connection.execute(
            update(OutboxMessage)
            .where(OutboxMessage.claimed_by == "frozen")
            .values(lease_until=clock.now() + app.policy().lease)
        )
        await connection.execute(
            text("SELECT id FROM outbox WHERE status = 'pending' ORDER BY id FOR UPDATE")
        )
        clock.advance(app.policy().lease + timedelta(seconds=1))
        survivor = ticker(app, adapter, sleep, "survivor")
        # Nothing blocks on its locks: what they hold is skipped, not waited for.
        await asyncio.wait_for(survivor.tick(), 30)
        await _wait_until_ended(app, frozen_transaction_limit(lease))
        await survivor.tick()
        assert sorted(s.text for s in adapter.sent) == [f"R{n}" for n in range(6)]
        assert {row.status for row in await rows(app)} == {"sent"}
        with pytest.raises(DBAPIError):  # the server ended the frozen session
            await connection.execute(text("SELECT 1"))
        await transaction.rollback()
        await connection.close()
    finally:
        await frozen_engine.dispose()


async def _wait_until_ended(app: Guildbot, limit: timedelta) -> None:
    """Wait (at most 50 times the limit) until no session is idle in a transaction."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 50 * limit.total_seconds()
    while loop.time() < deadline:
        async with app.database.transaction() as session:
            idle = await session.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND state = 'idle in transaction' AND pid <> pg_backend_pid()"
                )
            )
        if not idle:
            return
        await asyncio.sleep(limit.total_seconds() / 4)
    raise AssertionError("the frozen session was never ended")
