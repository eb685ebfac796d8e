"""Outbound REST against the mock Discord API: channel posts with persistent buttons, DMs,
private-thread intros with members added, rate limits and refusals; presses of buttons sent
by a previous process; rendering (bold, small print, timestamps, long ids)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import discord
import pytest

from guildbot.adapters.discord import render
from guildbot.bot.features.privacy.buttons import ACTION_ERASE, ERASE_CONFIRMATION
from guildbot.bot.rich import say
from guildbot.contract.adapter import Replies
from guildbot.contract.errors import DeliveryError, RecipientUnreachable
from guildbot.contract.inbound import ActionInvoked, InboundEvent
from guildbot.contract.outbound import (
    MAX_ACTION_ID,
    MAX_BUTTON_VALUE,
    Button,
    ButtonStyle,
    Confirmation,
    OutboundMessage,
)
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef
from guildbot.contract.richtext import Bold, Instant, InstantStyle, Mention, RichText
from tests.adapters.discord.conftest import ANA, BO
from tests.adapters.discord.mock_discord import INTRO_CHANNEL, MockDiscord
from tests.adapters.discord.rig import DiscordRig, content_of, start_rig
from tests.replies import answer

CHANNEL = ConversationRef("discord", "discord", "810000000000000001")


def member(user_id: str) -> MemberRef:
    return MemberRef("discord", "discord", user_id)


START = datetime(2026, 12, 3, 19, 0, tzinfo=UTC)


async def recording_rig(
    mock: MockDiscord, **options: object
) -> tuple[DiscordRig, list[InboundEvent]]:
    events: list[InboundEvent] = []

    async def core(event: InboundEvent) -> Replies:
        events.append(event)
        return answer(OutboundMessage(event.conversation, say("Noted."), ephemeral_to=event.actor))

    rig = await start_rig(mock, dispatch=core, **options)  # type: ignore[arg-type]
    return rig, events


async def test_a_channel_post_carries_persistent_buttons(mock_discord: MockDiscord) -> None:
    rig, _ = await recording_rig(mock_discord)
    try:
        sent = await rig.adapter.send(
            OutboundMessage(
                CHANNEL,
                say(
                    "*Show and tell* on {start}–{end} @everyone {who}",
                    start=Instant(START, "Thu 3 Dec 2026, 11:00 America/Vancouver"),
                    end=Instant(START + timedelta(hours=1), "12:00", InstantStyle.TIME),
                    who=Mention(MemberRef("discord", "discord", ANA), "Ana"),
                ),
                buttons=(
                    Button(
                        "Going", "event.rsvp", "7|2026-12-03T11:00:00|going", ButtonStyle.PRIMARY
                    ),
                    Button("Can't go", "event.rsvp", "7|2026-12-03T11:00:00|declined"),
                ),
                context=say("Reminders 1 day before"),
            )
        )
    finally:
        await rig.close()
    [post] = mock_discord.requests("POST", r"/channels/810000000000000001/messages")
    assert sent.message_id and sent.conversation == CHANNEL
    start = int(START.timestamp())
    assert post.body["content"] == (
        f"**Show and tell** on <t:{start}:F>–<t:{start + 3600}:t> @\u200beveryone <@{ANA}>\n"
        "-# Reminders 1 day before"
    )
    assert post.body["allowed_mentions"]["parse"] == ["users"]
    [row] = post.body["components"]
    assert [b["custom_id"] for b in row["components"]] == [
        "gb:event.rsvp:7|2026-12-03T11:00:00|going",
        "gb:event.rsvp:7|2026-12-03T11:00:00|declined",
    ]
    assert [b["style"] for b in row["components"]] == [1, 2]  # primary, secondary


async def test_private_message_outside_an_interaction_is_a_dm(mock_discord: MockDiscord) -> None:
    rig, _ = await recording_rig(mock_discord)
    try:
        sent = await rig.adapter.send(
            OutboundMessage(CHANNEL, say("Just you."), ephemeral_to=member(ANA))
        )
    finally:
        await rig.close()
    [opened] = mock_discord.requests("POST", r"/users/@me/channels")
    assert opened.body == {"recipient_id": int(ANA)}
    assert sent.conversation.kind is ConversationKind.DIRECT
    [post] = mock_discord.requests("POST", rf"/channels/{sent.conversation.channel_id}/messages")
    assert post.body["content"] == "Just you."


async def test_a_group_intro_is_a_private_thread_with_the_members_added(
    mock_discord: MockDiscord,
) -> None:
    rig, _ = await recording_rig(mock_discord)
    try:
        conversation = await rig.adapter.open_conversation([member(ANA), member(BO)])
        await rig.adapter.send(OutboundMessage(conversation, say("☕ Meet each other")))
    finally:
        await rig.close()
    [thread] = mock_discord.requests("POST", rf"/channels/{INTRO_CHANNEL}/threads")
    assert thread.body["type"] == 12 and thread.body["invitable"] is False
    assert thread.body["name"] == "Guildbot intro: Ana Lima, Bo Chen"
    assert thread.headers.get("X-Audit-Log-Reason") == "Guildbot intro"
    added = mock_discord.requests("PUT", rf"/channels/{conversation.channel_id}/thread-members/\d+")
    assert [c.path.rsplit("/", 1)[1] for c in added] == [ANA, BO]
    assert conversation.kind is ConversationKind.GROUP
    assert mock_discord.requests("POST", rf"/channels/{conversation.channel_id}/messages")


async def test_an_intro_that_cannot_add_everyone_is_abandoned(mock_discord: MockDiscord) -> None:
    mock_discord.fail(
        rf"PUT /channels/\d+/thread-members/{BO}", 404, {"code": 10007, "message": "Unknown Member"}
    )
    rig, _ = await recording_rig(mock_discord)
    try:
        with pytest.raises(RecipientUnreachable):
            await rig.adapter.open_conversation([member(ANA), member(BO)])
    finally:
        await rig.close()
    [thread] = mock_discord.requests("POST", rf"/channels/{INTRO_CHANNEL}/threads")
    [removed] = mock_discord.requests("DELETE", r"/channels/\d+/thread-members/\d+")
    assert thread.body["type"] == 12
    assert removed.path.endswith(f"/thread-members/{ANA}")  # nobody left in a half-made group


async def test_the_intro_goes_to_a_server_they_all_share(mock_discord: MockDiscord) -> None:
    other_guild, other_channel = "910000000000000009", "920000000000000009"
    mock_discord.guild_members[other_guild] = {ANA}
    rig, _ = await recording_rig(
        mock_discord,
        intro_channels={other_guild: other_channel, "910000000000000001": INTRO_CHANNEL},
    )
    try:
        await rig.adapter.open_conversation([member(ANA), member(BO)])
    finally:
        await rig.close()
    assert not mock_discord.requests("POST", rf"/channels/{other_channel}/threads")
    assert mock_discord.requests("POST", rf"/channels/{INTRO_CHANNEL}/threads")


async def test_a_429_is_waited_out_then_sent_once(mock_discord: MockDiscord) -> None:
    mock_discord.fail(
        r"POST /channels/\d+/messages",
        429,
        {"message": "You are being rate limited.", "retry_after": 0.01, "global": False},
        {"Retry-After": "0.01", "Via": "1.1 google"},
    )
    rig, _ = await recording_rig(mock_discord)
    try:
        await rig.adapter.send(OutboundMessage(CHANNEL, say("hello")))
    finally:
        await rig.close()
    assert len(mock_discord.requests("POST", r"/channels/\d+/messages")) == 2


async def test_a_long_rate_limit_is_left_to_the_outbox(mock_discord: MockDiscord) -> None:
    mock_discord.fail(
        r"POST /channels/\d+/messages",
        429,
        {"message": "slow down", "retry_after": 120.0, "global": False},
        {"Retry-After": "120", "Via": "1.1 google"},
    )
    rig, _ = await recording_rig(mock_discord)
    try:
        with pytest.raises(DeliveryError) as caught:
            await rig.adapter.send(OutboundMessage(CHANNEL, say("hello")))
    finally:
        await rig.close()
    assert caught.value.retryable and caught.value.retry_after == 120.0
    assert caught.value.code == "ratelimited"


async def test_a_closed_dm_is_unreachable(mock_discord: MockDiscord) -> None:
    mock_discord.fail(
        r"POST /channels/\d+/messages",
        403,
        {"code": 50007, "message": "Cannot send messages to this user"},
    )
    rig, _ = await recording_rig(mock_discord)
    try:
        with pytest.raises(RecipientUnreachable) as caught:
            await rig.adapter.send(OutboundMessage(CHANNEL, say("hello")))
    finally:
        await rig.close()
    assert caught.value.code == "discord_50007"


async def test_a_button_from_a_previous_process_is_handled(mock_discord: MockDiscord) -> None:
    rig, events = await recording_rig(mock_discord)  # a fresh process: nothing rendered yet
    try:
        [answer] = await rig.press(
            "gb:coffee.met:42", "We met", user=ANA, guild="910000000000000001"
        )
    finally:
        await rig.close()
    [event] = events
    assert isinstance(event, ActionInvoked)
    assert (event.action_id, event.value, event.actor.user_id) == ("coffee.met", "42", ANA)
    assert content_of(answer) == "Noted."
    assert answer.path.startswith("/webhooks/") and answer.body["flags"] & 64  # ephemeral


async def test_a_destructive_button_asks_first_and_cancel_changes_nothing(
    mock_discord: MockDiscord,
) -> None:
    erase = Button(
        "Erase my data",
        "privacy.erase",
        "5",
        ButtonStyle.DANGER,
        Confirmation("Erase your data?", "This cannot be undone.", "Erase"),
    )
    assert render.custom_id(erase) == "gb?privacy.erase:5"
    # Another process (just started: it never rendered the button) asks in the core's words.
    rig, events = await recording_rig(
        mock_discord, confirmations={ACTION_ERASE: ERASE_CONFIRMATION}
    )
    try:
        [ask] = await rig.press("gb?privacy.erase:5", "Erase my data", user=ANA)
        buttons = ask.body["data"]["components"][0]["components"]
        assert content_of(ask) == "**Erase your data?** This cannot be undone."
        assert [(b["label"], b["custom_id"]) for b in buttons] == [
            ("Erase", "gb:privacy.erase:5"),
            ("Cancel", "gbx:"),
        ]
        assert not events
        [cancelled] = await rig.press(
            "gbx:", "Cancel", user=ANA, content=content_of(ask), others=("Erase",)
        )
        # The confirmation itself changes: its question kept, its buttons gone.
        assert cancelled.body["type"] == 7  # UPDATE_MESSAGE
        assert content_of(cancelled) == (
            "**Erase your data?** This cannot be undone.\n-# OK — nothing was changed."
        )
        assert cancelled.body["data"]["components"] == []
        assert not events
        await rig.press("gb:privacy.erase:5", "Erase", user=ANA)
    finally:
        await rig.close()
    [event] = events
    assert isinstance(event, ActionInvoked) and event.action_id == "privacy.erase"


def test_a_custom_id_always_fits_what_the_contract_allows() -> None:
    widest = Button(
        "x", "a" * MAX_ACTION_ID, "v" * MAX_BUTTON_VALUE, confirm=Confirmation("?", "?")
    )
    assert len(render.custom_id(widest)) == 100
    with pytest.raises(ValueError):
        render.custom_id(Button("x", "event.create", "v" * (MAX_BUTTON_VALUE + 40)))


def test_instants_become_discord_timestamps_each_reader_sees_in_their_zone() -> None:
    at = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    unix = int(at.timestamp())
    shown = "Sun 29 Mar 2026, 02:30 Europe/London"
    assert render.markdown(RichText.of(Instant(at, shown))) == f"<t:{unix}:F>"
    assert render.markdown(RichText.of(Instant(at, shown, InstantStyle.DATE))) == f"<t:{unix}:D>"
    assert render.markdown(RichText.of(Instant(at, shown, InstantStyle.TIME))) == f"<t:{unix}:t>"


def test_peoples_words_are_shown_as_written_never_as_markup() -> None:
    hostile = "2*3*4 # heading\n-# small @here <@123456789012345678> [x](https://evil)"
    shown = render.markdown(RichText.of(hostile))
    assert "**" not in shown and "<@123456789012345678>" not in shown
    assert "@\u200bhere" in shown and "\\*" in shown
    assert render.markdown(say("a *bold* claim")) == "a **bold** claim"


@pytest.mark.parametrize(
    "text",
    [
        "Thu 3 Dec 2026, 11:00 America/Argentina",  # a folder of the tz database
        "Thu 3 Dec 2026, 23:00-24:99 UTC",  # no such end time
        "Thu 31 Feb 2026, 11:00 UTC",  # no such day
        "Fri 31 Dec 9999, 23:00-00:00 UTC",  # ends past the last representable day
        "due 2026-02-30 10:00 UTC",
    ],
)
def test_text_that_only_looks_like_a_time_is_sent_as_written(text: str) -> None:
    # Members write titles and questions: nothing they type may stop a message being sent.
    content = render.content(OutboundMessage(CHANNEL, RichText.of(Bold(text))))
    assert content == f"**{discord.utils.escape_markdown(text)}**"
