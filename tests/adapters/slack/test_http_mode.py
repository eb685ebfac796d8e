"""The real AsyncApp in HTTP mode, driven by signed requests, answering through the mock API."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from guildbot.adapters.slack.blocks import action_id_of
from guildbot.app.build import build
from guildbot.bot.clock import ManualClock
from guildbot.bot.config import Settings
from guildbot.storage.models import (
    Member,
    OutboxMessage,
    OutboxStatus,
    PlatformIdentity,
    ProcessedEvent,
)
from tests.adapters.slack.mock_slack import BOT_USER, TEAM, Call, MockSlack
from tests.adapters.slack.rig import (
    BOT_TOKEN,
    FakeTime,
    SlackRig,
    command_body,
    sign,
    start_rig,
    texts,
)
from tests.fakes import count_rows


def _one(calls: list[Call]) -> Call:
    assert len(calls) == 1, calls
    return calls[0]


@pytest.mark.parametrize(
    ("command", "text", "expected"),
    [
        ("/guild", "help", "Commands:"),
        ("/guild", "expertise add k8s", "kubernetes"),
        ("/ask", "", "ask"),
        ("/coffee", "join", "coffee"),
        ("/event", "list", "No upcoming events"),
        ("/announce", "list", "announce"),
    ],
)
async def test_every_slash_command_answers_privately(
    slack: SlackRig, command: str, text: str, expected: str
) -> None:
    reply = _one(await slack.command(command, text))
    assert reply.method == "chat.postEphemeral"
    assert reply.args["channel"] == "C1"
    assert reply.args["user"] == "U1"
    assert reply.token == BOT_TOKEN
    assert expected.casefold() in reply.args["text"].casefold()
    assert reply.args["blocks"][0]["type"] == "section"  # Block Kit, with the text as fallback


async def test_slash_command_text_is_the_neutral_command_line(slack: SlackRig) -> None:
    # `/coffee` is `coffee`, as is `/guild coffee`: the same line gets the same answer
    # (whether or not the core has that command yet).
    for command in ("/ask", "/coffee", "/event", "/announce"):
        shortcut = _one(await slack.command(command, ""))
        umbrella = _one(await slack.command("/guild", command[1:]))
        assert shortcut.args["text"] == umbrella.args["text"], command
        assert shortcut.method == "chat.postEphemeral"
    # Unknown text after a command gets that command's help, privately.
    usage = _one(await slack.command("/event", "frobnicate"))
    assert "event list" in usage.args["text"]
    assert usage.method == "chat.postEphemeral"
    unknown = _one(await slack.command("/guild", "frobnicate"))
    assert "I don't know the command “frobnicate”" in unknown.args["text"]


async def test_first_contact_creates_the_member_from_users_info(slack: SlackRig) -> None:
    await slack.command("/guild", "profile")
    async with slack.app.database.transaction() as session:
        member = (await session.scalars(select(Member))).one()
        identity = (await session.scalars(select(PlatformIdentity))).one()
    assert member.display_name == "Ana Lima"
    assert member.timezone == "America/Toronto"
    assert member.email == "ana.lima@example.org"
    assert (identity.platform, identity.workspace_id, identity.user_id) == ("slack", TEAM, "U1")


async def test_a_member_whose_slack_is_in_french_is_answered_in_french(slack: SlackRig) -> None:
    slack.mock.add_user("U3", "Zoé Tremblay", locale="fr-CA")
    reply = _one(await slack.command("/guild", "aide", user="U3"))
    assert reply.args["text"].startswith("*Guildbot* met en relation")
    async with slack.app.database.transaction() as session:
        member = (await session.scalars(select(Member))).one()
    assert member.locale == "fr-CA"
    assert slack.mock.calls_to("users.info")[0].args["include_locale"] in ("1", "true", "True")


async def test_a_user_slack_cannot_describe_gets_a_clear_private_answer_and_nothing_is_stored(
    slack: SlackRig,
) -> None:
    reply = _one(await slack.command("/guild", "expertise add k8s", user="U404"))
    assert reply.method == "chat.postEphemeral"
    assert reply.args["user"] == "U404"
    assert "couldn't look up your profile on slack" in reply.args["text"]
    assert await count_rows(slack.app, Member) == 0
    assert await count_rows(slack.app, PlatformIdentity) == 0


async def test_button_press_runs_the_action_with_its_value(slack: SlackRig) -> None:
    offer = _one(await slack.command("/guild", "expertise add kubernets"))
    actions = next(b for b in offer.args["blocks"] if b["type"] == "actions")["elements"]
    assert len({e["action_id"] for e in actions}) == len(actions)  # unique within the block
    first = actions[0]
    assert "kubernetes" in first["text"]["text"]
    reply = _one(await slack.press(first["action_id"], first["value"]))
    assert reply.method == "chat.postEphemeral"
    assert reply.args["text"] == "Added *kubernetes*."
    listed = _one(await slack.command("/guild", "expertise list"))
    assert "kubernetes" in listed.args["text"]


async def test_destructive_buttons_ask_for_confirmation(slack: SlackRig) -> None:
    offer = _one(await slack.command("/guild", "privacy erase"))
    actions = next(b for b in offer.args["blocks"] if b["type"] == "actions")["elements"]
    erase = next(e for e in actions if "confirm" in e)
    assert erase["confirm"]["title"]["text"] == "Erase your data?"
    assert erase["confirm"]["confirm"]["text"] == "Erase"
    assert erase["confirm"]["deny"]["text"] == "Cancel"


async def test_app_home_is_published_with_every_section(slack: SlackRig) -> None:
    await slack.command("/guild", "expertise add plain language")
    status = await slack.event(
        {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"}
    )
    assert status == 200
    publish = _one(slack.mock.calls_to("views.publish"))
    assert publish.args["user_id"] == "U1"
    view = publish.args["view"]
    assert view["type"] == "home"
    shown = json.dumps(view)
    for expected in (
        "Ana Lima",
        "Your profile",
        "Your expertise",
        "plain language",
        "Open questions",
        "No open questions yet.",
        "Coffee",
        "Upcoming events",
        "No upcoming events in your communities yet.",
    ):
        assert expected in shown, expected
    # The messages tab opening publishes nothing.
    await slack.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "messages"})
    assert len(slack.mock.calls_to("views.publish")) == 1


async def test_bad_signature_is_refused_with_401_and_nothing_is_written(slack: SlackRig) -> None:
    body = command_body("/guild", "expertise add k8s")
    forged = sign(body, secret="0000000000000000ffffffffffffffff")
    status = await slack.post(body, "application/x-www-form-urlencoded", signed=forged)
    assert status == 401
    missing = await slack.post(body, "application/x-www-form-urlencoded", signed={})
    assert missing == 401
    await slack.adapter.drain()
    assert slack.mock.replies() == []
    assert await count_rows(slack.app, ProcessedEvent) == 0
    assert await count_rows(slack.app, Member) == 0


async def test_a_request_signed_more_than_five_minutes_ago_is_refused(slack: SlackRig) -> None:
    body = command_body("/guild", "help")
    stale = sign(body, timestamp=int(time.time()) - 6 * 60)
    assert await slack.post(body, "application/x-www-form-urlencoded", signed=stale) == 401
    await slack.adapter.drain()
    assert slack.mock.replies() == []
    assert await count_rows(slack.app, ProcessedEvent) == 0


async def test_an_event_delivered_four_times_gets_one_reply(slack: SlackRig) -> None:
    dm = {
        "type": "message",
        "channel": "D1",
        "channel_type": "im",
        "user": "U1",
        "text": "help",
        "ts": "1700000001.000100",
    }
    statuses = [await slack.event(dm, event_id="Ev4TIMES", retry_num=n or None) for n in range(4)]
    assert statuses == [200, 200, 200, 200]
    reply = _one(slack.mock.replies())
    # In the bot's own DM a private reply is an ordinary message (it survives a reload).
    assert reply.method == "chat.postMessage"
    assert reply.args["channel"] == "D1"
    assert "Commands:" in reply.args["text"]


async def test_two_instances_receiving_the_same_retried_event_reply_once(
    slack: SlackRig, database_url: str, mock_slack: MockSlack
) -> None:
    other_app = await build(
        Settings(database_url=database_url), clock=ManualClock(slack.app.clock.now())
    )
    other = await start_rig(other_app, mock_slack, clock=FakeTime())
    try:
        mention = {
            "type": "app_mention",
            "channel": "C1",
            "user": "U1",
            "text": f"<@{BOT_USER}> expertise add accessibility",
            "ts": "1700000002.000100",
        }
        statuses = await asyncio.gather(
            slack.event(mention, event_id="EvTWICE"),
            other.event(mention, event_id="EvTWICE", retry_num=1),
            slack.event(mention, event_id="EvTWICE", retry_num=2),
            other.event(mention, event_id="EvTWICE", retry_num=3),
        )
        await other.adapter.drain()
        assert statuses == [200, 200, 200, 200]
        reply = _one(mock_slack.replies())
        assert "accessibility" in reply.args["text"]
        assert await count_rows(slack.app, ProcessedEvent) == 1
    finally:
        await other.close()
        await other_app.close()


async def _deliver_queued(slack: SlackRig, clock: ManualClock, wait: float = 0.0) -> None:
    """Let the outbox do its work: time passes, the scheduler ticks as `guildbot run` would."""

    async def no_sleep(seconds: float) -> None:
        clock.advance(timedelta(seconds=max(0.0, seconds)))

    clock.advance(timedelta(seconds=wait))
    await slack.app.ticker([slack.adapter], sleep=no_sleep).tick()


@pytest.mark.parametrize(("status", "retry_after"), [(500, None), (429, 3)])
async def test_a_reply_whose_send_fails_arrives_once_through_the_outbox(
    slack: SlackRig,
    fake_time: FakeTime,
    clock: ManualClock,
    status: int,
    retry_after: int | None,
) -> None:
    """A failed reply is not logged and lost: it is queued, and the outbox — not the SDK —
    retries it (here it reaches the member in their DM with the bot: the command's channel
    may no longer take a private reply by then)."""
    slack.mock.fail("chat.postEphemeral", status=status, retry_after=retry_after)
    failed = _one(await slack.command("/guild", "help"))
    assert failed.method == "chat.postEphemeral"
    assert fake_time.sleeps == []  # nothing retried or waited in-line
    async with slack.app.database.transaction() as session:
        queued = (await session.scalars(select(OutboxMessage))).one()
    assert queued.status == OutboxStatus.PENDING.value
    assert queued.not_before == clock.now() + timedelta(seconds=retry_after or 0)
    await _deliver_queued(slack, clock, wait=retry_after or 0)
    await _deliver_queued(slack, clock, wait=60)  # nothing more, however long we wait
    delivered = [c for c in slack.mock.replies() if "Commands:" in str(c.args.get("text"))]
    assert [c.method for c in delivered] == ["chat.postEphemeral", "chat.postMessage"]
    assert delivered[1].args["channel"].startswith("D")  # the member's DM with the bot
    assert texts(delivered)[0] == texts(delivered)[1]


async def test_slash_command_where_the_bot_is_not_a_member_answers_through_response_url(
    slack: SlackRig,
) -> None:
    slack.mock.not_in.add("C9")
    replies = await slack.command(
        "/guild", "help", channel="C9", response_url=slack.mock.hook_url("r1")
    )
    assert [c.method for c in replies] == ["chat.postEphemeral", "response_url"]
    hook = replies[1]
    assert hook.token == "r1"
    assert hook.args["response_type"] == "ephemeral"
    assert "Commands:" in hook.args["text"]


async def test_unhandled_failures_are_logged_with_method_and_code_never_the_token(
    slack: SlackRig, caplog: pytest.LogCaptureFixture
) -> None:
    slack.mock.not_in.add("C9")
    with caplog.at_level(logging.DEBUG):
        replies = await slack.command("/guild", "help", channel="C9")  # no response_url
    assert [c.method for c in replies] == ["chat.postEphemeral"]
    lines = [r.getMessage() for r in caplog.records]
    assert any(
        "method=chat.postEphemeral" in line and "channel_not_found" in line for line in lines
    )
    assert not any(BOT_TOKEN in line for line in lines)
    assert not any(BOT_TOKEN in (r.exc_text or "") for r in caplog.records)


async def test_url_verification_challenge(slack: SlackRig) -> None:
    body = json.dumps({"token": "x", "challenge": "c-123", "type": "url_verification"})
    async with slack.session.post(
        slack.events_url,
        data=body,
        headers={"Content-Type": "application/json", **sign(body)},
    ) as response:
        assert response.status == 200
        assert (await response.json())["challenge"] == "c-123"


async def test_buttons_round_trip_their_action_ids(slack: SlackRig) -> None:
    offer = _one(await slack.command("/guild", "expertise add kubernets"))
    actions = next(b for b in offer.args["blocks"] if b["type"] == "actions")["elements"]
    assert [action_id_of(e["action_id"]) for e in actions] == [
        "expertise.add",
        "expertise.add_new",
        "cancel",
    ]


async def test_joining_a_community_channel_is_welcomed_once_when_turned_on(
    slack: SlackRig,
) -> None:
    await slack.command("/guild", "community create Accessibility", channel="C1")
    joined = {"type": "member_joined_channel", "user": "U2", "channel": "C1", "channel_type": "C"}
    await slack.event(joined, event_id="EvJOIN1")
    assert not [c for c in slack.mock.replies() if "Welcome to" in str(c.args.get("text"))]
    await slack.command("/guild", "community welcome accessibility on", channel="C1")
    for retry in (None, 1, 2):  # Slack redelivers; the channel sees one welcome
        await slack.event(joined, event_id="EvJOIN2", retry_num=retry)
    welcomes = [
        c for c in slack.mock.calls_to("chat.postMessage") if "Welcome to" in str(c.args["text"])
    ]
    assert len(welcomes) == 1
    assert welcomes[0].method == "chat.postMessage"
    assert welcomes[0].args["channel"] == "C1"
    assert str(welcomes[0].args["text"]).startswith("👋 Welcome to *Accessibility*, Bo Chen!")
