"""Durable delivery through the real Slack adapter against the mock Web API: a 429 is
waited out by the outbox and the message is sent once, a 429 that never ends fails the row
without a duplicate, and ten messages due together in one channel are posted a second apart
(on the bot's clock: no real waiting).
"""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy import select

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.outbox import Target
from guildbot.bot.scheduler.tick import Ticker
from guildbot.storage.models import OutboxKind, OutboxMessage, OutboxStatus, PlatformIdentity
from tests.adapters.fake_time import FakeTime
from tests.adapters.slack.mock_slack import TEAM, MockSlack
from tests.adapters.slack.rig import SlackRig

Sleep = Callable[[float], Awaitable[None]]
CHANNEL = Target("slack", TEAM, "C0GENERAL", None, "channel")


def ticker(app: Guildbot, slack: SlackRig, sleep: Sleep) -> Ticker:
    return Ticker(app.database, app.clock, {"slack": slack.adapter}, app.policy(), "A", sleep=sleep)


async def row(app: Guildbot, key: str) -> OutboxMessage:
    async with app.database.transaction() as session:
        return (
            await session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key == key))
        ).one()


def posted(mock: MockSlack, text: str) -> int:
    return sum(1 for call in mock.calls_to("chat.postMessage") if text in str(call.args["text"]))


async def test_429_once_is_sent_once_after_retry_after(
    app: Guildbot, slack: SlackRig, clock: ManualClock, sleep: Sleep
) -> None:
    # A long Retry-After is not waited out inside the adapter: the outbox reschedules the row.
    slack.mock.fail("chat.postMessage", status=429, retry_after=120)
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Meetup at 2")
    sending = ticker(app, slack, sleep)
    started = clock.now()
    await sending.tick()
    assert (await row(app, "r1")).status == OutboxStatus.PENDING.value
    clock.advance(timedelta(seconds=60))
    await sending.tick()
    assert posted(slack.mock, "Meetup at 2") == 1  # only the refused attempt so far
    clock.advance(timedelta(seconds=60))
    await sending.tick()
    sent = await row(app, "r1")
    assert sent.status == OutboxStatus.SENT.value
    assert sent.platform_message_id  # Slack's ts, kept for edits and threads
    assert posted(slack.mock, "Meetup at 2") == 2  # refused once, then accepted once
    assert sent.sent_at is not None
    assert sent.sent_at.replace(tzinfo=started.tzinfo) - started >= timedelta(seconds=120)


async def test_a_short_retry_after_is_the_outbox_s_to_wait_too(
    app: Guildbot, slack: SlackRig, fake_time: FakeTime, clock: ManualClock, sleep: Sleep
) -> None:
    slack.mock.fail("chat.postMessage", status=429, retry_after=2)
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Soon")
    sending = ticker(app, slack, sleep)
    await sending.tick()
    waiting = await row(app, "r1")
    assert waiting.status == OutboxStatus.PENDING.value
    assert waiting.not_before == clock.now() + timedelta(seconds=2)
    assert fake_time.sleeps == []  # the adapter itself never waits
    clock.advance(timedelta(seconds=2))
    await sending.tick()
    assert (await row(app, "r1")).status == OutboxStatus.SENT.value
    assert posted(slack.mock, "Soon") == 2


async def test_429_forever_fails_after_max_attempts_without_a_duplicate_and_tells_the_owner(
    app: Guildbot, slack: SlackRig, clock: ManualClock, sleep: Sleep
) -> None:
    await slack.command("/guild", "profile", user="U1")
    async with app.database.transaction() as session:
        owner = (
            await session.scalars(
                select(PlatformIdentity.member_id).where(PlatformIdentity.user_id == "U1")
            )
        ).one()
    attempts = app.policy().max_attempts
    slack.mock.fail("chat.postMessage", status=429, retry_after=120, times=attempts)
    await app.outbox.enqueue(
        OutboxKind.REMINDER, "r1", CHANNEL, clock.now(), "Never", owner_member_id=owner
    )
    sending = ticker(app, slack, sleep)
    for _ in range(attempts + 3):
        await sending.tick()
        clock.advance(timedelta(seconds=121))
    failed = await row(app, "r1")
    assert failed.status == OutboxStatus.FAILED.value
    assert failed.attempts == attempts
    # Every attempt was refused: the reminder never reached the channel, let alone twice.
    assert posted(slack.mock, "Never") == attempts
    notices = [
        call
        for call in slack.mock.calls_to("chat.postMessage")
        if "couldn't deliver a reminder" in str(call.args["text"])
    ]
    assert len(notices) == 1
    assert notices[0].args["channel"] == "DU1"


async def test_ten_messages_due_together_in_one_channel_arrive_a_second_apart(
    app: Guildbot, slack: SlackRig, clock: ManualClock, sleep: Sleep
) -> None:
    # Arrivals are stamped with the bot's clock, which moves only when delivery waits.
    slack.mock.stamp = lambda: clock.now().timestamp()
    for n in range(10):
        await app.outbox.enqueue(OutboxKind.REMINDER, f"r{n}", CHANNEL, clock.now(), f"#{n}")
    await ticker(app, slack, sleep).tick()
    calls = slack.mock.calls_to("chat.postMessage")
    assert [call.args["text"] for call in calls] == [f"#{n}" for n in range(10)]
    gaps = [later.at - earlier.at for earlier, later in itertools.pairwise(calls)]
    # Slack allows about one message a second per channel.
    assert min(gaps) >= 1.0
