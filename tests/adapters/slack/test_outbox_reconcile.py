"""A Slack message whose sender stopped between Slack's answer and the outbox's record is
found again in the conversation's history by its metadata, and not posted twice; one that is
not there is posted once; without the history scopes the outbox's policy decides, and says
so once in the log. Real slack_sdk calls against the mock Web API; time is the bot's clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

import aiohttp
import pytest
from aiohttp import ClientRequest
from sqlalchemy import select

from guildbot.adapters.slack.delivery import DeadlineRequest
from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.outbox import Target
from guildbot.bot.scheduler.tick import Ticker
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.reconciling import SEND_DEADLINE, SendKey, SendWindowClosed
from guildbot.contract.refs import ConversationKind, ConversationRef
from guildbot.contract.richtext import RichText
from guildbot.storage.models import OutboxKind, OutboxMessage, PlatformIdentity
from tests.adapters.slack.mock_slack import TEAM
from tests.adapters.slack.rig import SlackRig

Sleep = Callable[[float], Awaitable[None]]
GENERAL = "C0GENERAL"
HISTORY_SCOPES = {"channels:history", "groups:history", "im:history", "mpim:history"}


def ticker(app: Guildbot, slack: SlackRig, sleep: Sleep, name: str) -> Ticker:
    return Ticker(
        app.database, app.clock, {"slack": slack.adapter}, app.policy(), name, sleep=sleep
    )


def channel(n: int) -> Target:
    return Target("slack", TEAM, f"C{n:04d}", None, "channel")


async def statuses(app: Guildbot) -> dict[str, str]:
    async with app.database.transaction() as session:
        rows = (await session.scalars(select(OutboxMessage))).all()
    return {row.dedupe_key: row.status for row in rows}


def posted(slack: SlackRig, words: str) -> int:
    return sum(1 for message in slack.mock.posted() if message["text"] == words)


async def owner(app: Guildbot, slack: SlackRig) -> int:
    await slack.command("/guild", "profile", user="U1")
    async with app.database.transaction() as session:
        return (
            await session.scalars(
                select(PlatformIdentity.member_id).where(PlatformIdentity.user_id == "U1")
            )
        ).one()


async def sent_by_the_dying(
    app: Guildbot, slack: SlackRig, sleep: Sleep, *kinds: OutboxKind
) -> None:
    """A process claims the due rows, posts those of `kinds`, and freezes before recording."""
    claimed = await ticker(app, slack, sleep, "dying").claim()
    for row in claimed:
        if OutboxKind(row.kind) in kinds:
            to = ConversationRef(
                "slack", TEAM, row.channel_id or "", None, ConversationKind.CHANNEL
            )
            text = RichText.of(str(row.payload["text"]))
            await slack.adapter.send_keyed(
                OutboundMessage(to=to, text=text), SendKey(row.id, row.attempts)
            )


@pytest.fixture(autouse=True)
def stamped(slack: SlackRig, clock: ManualClock) -> None:
    """Slack's message timestamps on the bot's clock, so its history can be searched by time."""
    slack.mock.epoch = lambda: clock.now().timestamp()


async def test_messages_carry_their_outbox_row_as_metadata(
    app: Guildbot, slack: SlackRig, clock: ManualClock, sleep: Sleep
) -> None:
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", channel(1), clock.now(), "Soon")
    await ticker(app, slack, sleep, "A").tick()
    [call] = slack.mock.calls_to("chat.postMessage")
    async with app.database.transaction() as session:
        row = (await session.scalars(select(OutboxMessage))).one()
    assert call.args["metadata"] == {
        "event_type": "guildbot_outbox",
        "event_payload": {"row": row.id, "attempt": 1},
    }


async def test_a_request_not_written_by_its_send_deadline_is_never_written(
    slack: SlackRig,
) -> None:
    """A process stopped with a post about to go out resumes past the row's deadline: the
    request is refused before it is written (the HTTP connection's ready hook), so it
    cannot land beside the copy another instance posted meanwhile."""
    to = ConversationRef("slack", TEAM, GENERAL, None, ConversationKind.CHANNEL)
    message = OutboundMessage(to=to, text=RichText.of("Late"))
    loop = asyncio.get_running_loop()
    token = SEND_DEADLINE.set(loop.time() - 0.001)
    try:
        with pytest.raises(SendWindowClosed):
            await slack.adapter.send_keyed(message, SendKey(1, 1))
    finally:
        SEND_DEADLINE.reset(token)
    assert slack.mock.calls_to("chat.postMessage") == []  # before: posted
    token = SEND_DEADLINE.set(loop.time() + 60)
    try:
        await slack.adapter.send_keyed(message, SendKey(1, 2))
    finally:
        SEND_DEADLINE.reset(token)
    assert posted(slack, "Late") == 1


@pytest.mark.parametrize(("request_class", "posts"), [(DeadlineRequest, 0), (ClientRequest, 1)])
async def test_a_request_whose_deadline_passes_before_it_is_written_is_not_written(
    slack: SlackRig, request_class: type[ClientRequest], posts: int
) -> None:
    """aiohttp writes a request in a task of its own once the connection is ready; a
    process stopped in between (here: a hook that blocks past the deadline) wakes with it
    still to write. The adapter's request class closes the connection instead; aiohttp's
    own writes it (the second case: what the adapter did before)."""

    async def stopped(*_: object) -> None:
        time.sleep(0.05)  # noqa: ASYNC251 - the process stopped: nothing else runs

    trace = aiohttp.TraceConfig()
    trace.on_request_headers_sent.append(stopped)
    loop = asyncio.get_running_loop()
    token = SEND_DEADLINE.set(loop.time() + 0.02)
    try:
        async with aiohttp.ClientSession(
            request_class=request_class, trace_configs=[trace]
        ) as http:
            with contextlib.suppress(aiohttp.ClientError):
                async with http.post(
                    f"{slack.mock.api_url}chat.postMessage",
                    json={"channel": GENERAL, "text": "Late"},
                    headers={"Authorization": "Bearer xoxb-test"},
                ) as response:
                    await response.read()
    finally:
        SEND_DEADLINE.reset(token)
    assert len(slack.mock.calls_to("chat.postMessage")) == posts


async def test_a_row_posted_but_not_recorded_is_found_in_the_history_and_not_posted_again(
    app: Guildbot, slack: SlackRig, clock: ManualClock, sleep: Sleep
) -> None:
    member = await owner(app, slack)
    slack.mock.calls.clear()
    await app.outbox.enqueue(
        OutboxKind.ANNOUNCEMENT, "a1", channel(1), clock.now(), "Big news", owner_member_id=member
    )
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", channel(2), clock.now(), "Soon")
    await sent_by_the_dying(app, slack, sleep, OutboxKind.ANNOUNCEMENT, OutboxKind.REMINDER)
    clock.advance(app.policy().lease + timedelta(seconds=1))
    report = await ticker(app, slack, sleep, "survivor").tick()
    await ticker(app, slack, sleep, "survivor").tick()
    assert report.found == 2
    assert posted(slack, "Big news") == 1 and posted(slack, "Soon") == 1
    assert await statuses(app) == {"a1": "sent", "r1": "sent"}
    # The owner is not asked anything: Slack could tell.
    assert [m for m in slack.mock.posted() if m["text"] not in ("Big news", "Soon")] == []
    [search, _] = slack.mock.calls_to("conversations.history")
    assert search.args["include_all_metadata"] in ("1", "true", True)
    assert float(search.args["oldest"]) <= clock.now().timestamp() - 60


async def test_a_row_not_in_the_history_is_posted_once_even_an_announcement(
    app: Guildbot, slack: SlackRig, clock: ManualClock, sleep: Sleep
) -> None:
    member = await owner(app, slack)
    await app.outbox.enqueue(
        OutboxKind.ANNOUNCEMENT, "a1", channel(1), clock.now(), "Big news", owner_member_id=member
    )
    await sent_by_the_dying(app, slack, sleep)  # claimed, never posted
    clock.advance(app.policy().lease + timedelta(seconds=1))
    report = await ticker(app, slack, sleep, "survivor").tick()
    await ticker(app, slack, sleep, "survivor").tick()
    assert report.uncertain == 0
    assert posted(slack, "Big news") == 1
    assert await statuses(app) == {"a1": "sent"}


async def test_a_reply_in_a_thread_is_looked_up_among_the_thread_s_replies(
    app: Guildbot, slack: SlackRig, clock: ManualClock, sleep: Sleep
) -> None:
    thread = Target("slack", TEAM, GENERAL, "1700000000.000001", "channel")
    await app.outbox.enqueue(OutboxKind.ANNOUNCEMENT, "a1", thread, clock.now(), "In thread")
    claimed = await ticker(app, slack, sleep, "dying").claim()
    to = ConversationRef("slack", TEAM, GENERAL, "1700000000.000001", ConversationKind.CHANNEL)
    await slack.adapter.send_keyed(
        OutboundMessage(to=to, text=RichText.of("In thread"), thread_id="1700000000.000001"),
        SendKey(claimed[0].id, claimed[0].attempts),
    )
    clock.advance(app.policy().lease + timedelta(seconds=1))
    report = await ticker(app, slack, sleep, "survivor").tick()
    assert report.found == 1
    assert posted(slack, "In thread") == 1
    assert slack.mock.calls_to("conversations.replies")


async def test_without_history_scopes_the_old_policy_decides_and_says_so_once(
    app: Guildbot,
    slack: SlackRig,
    clock: ManualClock,
    sleep: Sleep,
    caplog: pytest.LogCaptureFixture,
) -> None:
    member = await owner(app, slack)
    slack.mock.scopes = {"chat:write", "im:write", "users:read"}  # no *:history
    for n in range(3):
        await app.outbox.enqueue(
            OutboxKind.ANNOUNCEMENT,
            f"a{n}",
            channel(n),
            clock.now(),
            f"News {n}",
            owner_member_id=member,
        )
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", channel(9), clock.now(), "Soon")
    await sent_by_the_dying(app, slack, sleep, OutboxKind.REMINDER)
    clock.advance(app.policy().lease + timedelta(seconds=1))
    with caplog.at_level(logging.WARNING):
        report = await ticker(app, slack, sleep, "survivor").tick()
        await ticker(app, slack, sleep, "survivor").tick()
    # Slack cannot tell: the reminder is sent again (a duplicate), the announcements are
    # asked about — in one question.
    assert posted(slack, "Soon") == 2
    assert report.uncertain == 3
    questions = [m for m in slack.mock.posted("DU1") if "may not have been posted" in m["text"]]
    assert len(questions) == 1
    assert questions[0]["text"].startswith("3 announcements may not have been posted")
    said = [r for r in caplog.records if "cannot read conversation history" in r.getMessage()]
    assert len(said) == 1
    assert "missing_scope" in said[0].getMessage()
