"""What reaches the core: Slack payloads become neutral events, and noise is dropped."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from guildbot.adapters.slack.inbound import (
    clean_text,
    command_text,
    conversation_kind,
    slash_commands,
)
from guildbot.app.build import Guildbot
from guildbot.bot.features import catalogue
from guildbot.contract.adapter import Replies
from guildbot.contract.inbound import (
    ActionInvoked,
    CommandInvoked,
    InboundEvent,
    MemberJoined,
    MessageReceived,
    mention_token,
)
from guildbot.contract.refs import ConversationKind, MemberRef
from tests.adapters.fake_time import FakeTime
from tests.adapters.slack.mock_slack import BOT_USER, TEAM, MockSlack
from tests.adapters.slack.rig import SlackRig, command_body, start_rig
from tests.replies import nothing


@pytest.fixture
async def seen(
    app: Guildbot, mock_slack: MockSlack
) -> AsyncIterator[tuple[SlackRig, list[InboundEvent]]]:
    """The adapter handing events to a list instead of the core."""
    events: list[InboundEvent] = []

    async def record(event: InboundEvent) -> Replies:
        events.append(event)
        return nothing()

    rig = await start_rig(app, mock_slack, clock=FakeTime(), dispatch=record)
    yield rig, events
    await rig.close()


def message(**fields: object) -> dict[str, object]:
    event: dict[str, object] = {
        "type": "message",
        "channel": "C1",
        "channel_type": "channel",
        "user": "U1",
        "text": "How do I make a scanned PDF accessible?",
        "ts": "1700000003.000200",
    }
    event.update(fields)
    return event


async def test_a_channel_message_is_a_message_received(
    seen: tuple[SlackRig, list[InboundEvent]],
) -> None:
    rig, events = seen
    await rig.event(message(thread_ts="1700000000.000001"), event_id="EvMSG")
    [event] = events
    assert isinstance(event, MessageReceived)
    assert event.event_id == "event:EvMSG"
    assert (event.actor.platform, event.actor.workspace_id, event.actor.user_id) == (
        "slack",
        TEAM,
        "U1",
    )
    assert event.conversation.channel_id == "C1"
    assert event.conversation.thread_id == "1700000000.000001"
    assert event.conversation.kind is ConversationKind.CHANNEL
    assert event.text == "How do I make a scanned PDF accessible?"


@pytest.mark.parametrize(
    "noise",
    [
        {"bot_id": "B999", "user": "U7"},  # another bot
        {"user": BOT_USER},  # ourselves
        {"subtype": "message_changed", "message": {"text": "edited"}},
        {"subtype": "message_deleted"},
        {"subtype": "channel_join", "text": "<@U1> has joined the channel"},
        {"subtype": "bot_message", "bot_id": "B1"},
        {"text": f"<@{BOT_USER}> help"},  # the app_mention event carries this one
    ],
)
async def test_bots_ourselves_edits_and_joins_are_ignored(
    seen: tuple[SlackRig, list[InboundEvent]], noise: dict[str, object]
) -> None:
    rig, events = seen
    assert await rig.event(message(**noise)) == 200
    assert events == []


async def test_mpim_messages_are_group_conversations(
    seen: tuple[SlackRig, list[InboundEvent]],
) -> None:
    rig, events = seen
    await rig.event(message(channel="G123", channel_type="mpim", text="thanks everyone"))
    [event] = events
    assert isinstance(event, MessageReceived)
    assert event.conversation.kind is ConversationKind.GROUP


async def test_a_mention_is_a_command_parsed_by_the_grammar(
    seen: tuple[SlackRig, list[InboundEvent]],
) -> None:
    rig, events = seen
    await rig.event(
        {
            "type": "app_mention",
            "channel": "C1",
            "user": "U1",
            "text": f"<@{BOT_USER}> expertise add <https://a11y.org|a11y> &amp; wcag",
            "ts": "1700000004.000100",
            "thread_ts": "1700000000.000009",
        },
        event_id="EvMENTION",
    )
    [event] = events
    assert isinstance(event, MessageReceived) and event.addressed  # the core reads a command
    assert event.text == "expertise add https://a11y.org & wcag"
    assert event.conversation.thread_id == "1700000000.000009"


async def test_a_direct_message_is_a_command(seen: tuple[SlackRig, list[InboundEvent]]) -> None:
    rig, events = seen
    await rig.event(message(channel="D1", channel_type="im", text="coffee status"))
    [event] = events
    assert isinstance(event, MessageReceived)  # in a DM: the core reads it as a command
    assert event.text == "coffee status"
    assert event.conversation.kind is ConversationKind.DIRECT


async def test_member_joined_channel(seen: tuple[SlackRig, list[InboundEvent]]) -> None:
    rig, events = seen
    joined = {"type": "member_joined_channel", "user": "U2", "channel": "C1", "channel_type": "C"}
    await rig.event(joined, event_id="EvJOIN")
    await rig.event({**joined, "user": BOT_USER})  # the bot being added is not a member joining
    [event] = events
    assert isinstance(event, MemberJoined)
    assert event.actor.user_id == "U2"
    assert event.conversation.channel_id == "C1"


async def test_slash_commands_become_neutral_command_lines(
    seen: tuple[SlackRig, list[InboundEvent]],
) -> None:
    rig, events = seen
    await rig.command("/coffee", "join", trigger_id="T-coffee")
    await rig.command("/guild", "expertise add k8s", channel="D5", channel_name="directmessage")
    first, second = events
    assert isinstance(first, CommandInvoked) and isinstance(second, CommandInvoked)
    assert (first.event_id, first.text) == ("command:T-coffee", "coffee join")
    assert second.text == "expertise add k8s"
    assert second.conversation.kind is ConversationKind.DIRECT


async def test_a_button_on_the_app_home_answers_in_the_members_dm(
    seen: tuple[SlackRig, list[InboundEvent]],
) -> None:
    rig, events = seen
    await rig.press("event.rsvp~2", "7|2026-11-05T14:00|going", channel=None)
    [event] = events
    assert isinstance(event, ActionInvoked)
    assert (event.action_id, event.value) == ("event.rsvp", "7|2026-11-05T14:00|going")
    assert event.conversation.channel_id == "DU1"  # conversations.open with the member
    assert event.conversation.kind is ConversationKind.DIRECT


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("announce <#C42|accessibility> Hello", "announce <#C42|accessibility> Hello"),
        ("expertise list <@U9|amara>", "expertise list <@U9|amara>"),
        (
            "where: <https://meet.example.org/x?a=1&amp;b=2>",
            "where: https://meet.example.org/x?a=1&b=2",
        ),
        ("mail <mailto:ana@example.org|ana@example.org>", "mail ana@example.org"),
        ("a &lt; b &gt; c", "a < b > c"),
    ],
)
def test_clean_text(text: str, cleaned: str) -> None:
    assert clean_text(text) == cleaned


def test_command_text_and_conversation_kinds() -> None:
    slash = slash_commands(catalogue())
    assert sorted(slash) == ["/announce", "/ask", "/coffee", "/event", "/guild"]
    assert command_text("/guild", "  help  ", TEAM, slash) == ("help", ())
    assert command_text("/guild", "", TEAM, slash) == ("", ())
    assert command_text("/ask", "", TEAM, slash) == ("ask", ())
    assert command_text("/event", "list", TEAM, slash) == ("event list", ())
    line, mentioned = command_text(
        "/guild", "role grant <@U2|li.wei> facilitator <@U2>", TEAM, slash
    )
    assert line == f"role grant {mention_token(0)} facilitator {mention_token(0)}"
    assert mentioned == (MemberRef("slack", TEAM, "U2"),)
    # A token typed by hand is not a mention: the marks are dropped.
    assert command_text("/guild", f"role grant {mention_token(0)}", TEAM, slash) == (
        "role grant 0",
        (),
    )
    assert conversation_kind("D1") is ConversationKind.DIRECT
    assert conversation_kind("G1", "mpdm-ana--bo-1") is ConversationKind.GROUP
    assert conversation_kind("G1", "privategroup") is ConversationKind.CHANNEL
    assert conversation_kind("C1", "channel") is ConversationKind.CHANNEL


async def test_slack_is_acknowledged_before_the_work_is_done(
    app: Guildbot, mock_slack: MockSlack
) -> None:
    release = asyncio.Event()
    started: list[InboundEvent] = []

    async def slow_core(event: InboundEvent) -> None:
        started.append(event)
        await release.wait()  # the core takes its time; Slack must not wait for it

    rig = await start_rig(app, mock_slack, clock=FakeTime(), dispatch=slow_core)
    try:
        body = command_body("/guild", "help", trigger_id="slow-1")
        status = await asyncio.wait_for(rig.post(body, "application/x-www-form-urlencoded"), 3)
        assert status == 200
        assert len(started) == 1 and not release.is_set()  # acknowledged, still working
        release.set()
        await rig.adapter.drain()
    finally:
        await rig.close()
