"""A pressed Discord message changes: when the core settles a press, the message it was
pressed on keeps its text, says what was chosen and by whom in small print, and loses its
buttons — edited through the interaction (the only way to edit an ephemeral message), before
the replies follow up. A channel post whose buttons everyone answers (RSVPs) stays."""

from __future__ import annotations

from typing import Any

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.rich import say
from guildbot.contract.adapter import Replies
from guildbot.contract.inbound import ActionInvoked, InboundEvent, PressedMessage
from guildbot.contract.outbound import OutboundMessage
from tests.adapters.discord.conftest import ANA, BO
from tests.adapters.discord.mock_discord import GUILD, MockDiscord
from tests.adapters.discord.rig import PRESSED_MESSAGE, DiscordRig, body_of, start_rig
from tests.adapters.discord.test_calendar_times import buttons_of, buttons_of_last, tick_until
from tests.replies import answer

CHANNEL = "800000000000000001"
EDIT = r"/webhooks/\d+/[^/]+/messages/@original"


def settling_core(events: list[InboundEvent]) -> Any:
    """Answers a press privately and settles its message as the router would."""

    async def core(event: InboundEvent) -> Replies:
        events.append(event)
        reply = answer(
            OutboundMessage(event.conversation, say("Thanks!"), ephemeral_to=event.actor)
        )
        return Replies(reply.messages, reply.undelivered, say("✓ *I can help* — Bo Chen"))

    return core


async def test_a_settled_press_edits_its_message_text_kept_buttons_gone(
    mock_discord: MockDiscord,
) -> None:
    events: list[InboundEvent] = []
    rig = await start_rig(mock_discord, dispatch=settling_core(events))
    try:
        await rig.press(
            "gb:question.accept:1",
            "I can help",
            user=BO,
            guild=GUILD,
            content="Can you help Ana with **PDF forms**?",
            others=("Not this time",),
        )
    finally:
        await rig.close()
    [event] = events
    assert isinstance(event, ActionInvoked)
    assert event.pressed == PressedMessage(PRESSED_MESSAGE, "I can help", private=True)
    [edit] = mock_discord.requests("PATCH", EDIT)
    assert edit.body["content"] == (
        "Can you help Ana with **PDF forms**?\n-# ✓ **I can help** — Bo Chen"
    )
    assert edit.body["components"] == []
    assert edit.body["allowed_mentions"]["parse"] == []  # an edit pings nobody again
    # The message changed before the reply followed up.
    [defer, *after] = [c for c in mock_discord.calls if "token-" in c.path or "/callback" in c.path]
    assert defer.body["type"] == 6
    assert [c.method for c in after] == ["PATCH", "POST"]


async def test_a_press_on_a_channel_post_says_it_is_not_private(
    mock_discord: MockDiscord,
) -> None:
    events: list[InboundEvent] = []

    async def core(event: InboundEvent) -> Replies:
        events.append(event)
        return answer()

    rig = await start_rig(mock_discord, dispatch=core)
    try:
        await rig.press("gb:event.rsvp:7", "Going", guild=GUILD, private=False)
        await rig.press("gb:event.rsvp:7", "Going", channel="800000000000000042")  # a DM
    finally:
        await rig.close()
    in_channel, in_dm = events
    assert isinstance(in_channel, ActionInvoked) and isinstance(in_dm, ActionInvoked)
    assert in_channel.pressed == PressedMessage(PRESSED_MESSAGE, "Going", private=False)
    assert in_dm.pressed == PressedMessage(PRESSED_MESSAGE, "Going", private=True)
    assert mock_discord.requests("PATCH", EDIT) == []  # nothing settled, nothing edited


async def test_a_lost_interaction_still_settles_a_message_everyone_sees(
    mock_discord: MockDiscord,
) -> None:
    # Discord no longer takes the interaction (10062 Unknown interaction): the message is
    # edited through REST, and the private reply goes as a DM.
    mock_discord.fail(r"POST /interactions/\d+/[^/]+/callback", 404, {"code": 10062})
    rig = await start_rig(mock_discord, dispatch=settling_core([]))
    try:
        await rig.press("gb:question.accept:1", "I can help", user=BO, guild=GUILD, private=False)
    finally:
        await rig.close()
    assert mock_discord.requests("PATCH", EDIT) == []
    [edit] = mock_discord.requests("PATCH", rf"/channels/{CHANNEL}/messages/{PRESSED_MESSAGE}")
    assert edit.body["content"].endswith("\n-# ✓ **I can help** — Bo Chen")
    assert edit.body["components"] == []
    [dm] = mock_discord.requests("POST", r"/channels/8\d+/messages")
    assert dm.path != f"/channels/{CHANNEL}/messages" and dm.body["content"] == "Thanks!"


async def test_create_on_an_echo_settles_it_and_an_rsvp_in_the_channel_does_not(
    app: Guildbot, mock_discord: MockDiscord, clock: ManualClock
) -> None:
    rig = await start_rig(mock_discord, app, confirmations=app.confirmations())
    try:
        await rig.command(
            "guild", {"command": "community create Accessibility"}, guild=GUILD, channel=CHANNEL
        )
        [echo] = await rig.command(
            "event",
            {"details": "Show and tell in 3 days at 15:00 for 1h"},
            sub="create",
            guild=GUILD,
            channel=CHANNEL,
        )
        create = buttons_of(echo)[0]
        await press_on(rig, echo, create, user=ANA)
        [settled] = edits(mock_discord)
        assert settled.body["components"] == []
        assert settled.body["content"].endswith("\n-# ✓ **Create** — Ana Lima")
        assert settled.body["content"].startswith(body_of(echo)["content"])

        await tick_until(app, rig, clock, clock.now())
        going = next(b for b in buttons_of_last(mock_discord) if b["label"] == "Going")
        [answered] = await rig.press(
            going["custom_id"], "Going", user=BO, guild=GUILD, channel=CHANNEL, private=False
        )
    finally:
        await rig.close()
    assert answered.body["content"], "the RSVP is answered"
    assert edits(mock_discord) == [settled]  # the post keeps its buttons
    assert mock_discord.requests("PATCH", r"/channels/\d+/messages/\d+") == []


def edits(mock: MockDiscord) -> list[Any]:
    """Edits of pressed messages (not a "thinking…" placeholder closed before a public
    answer, which keeps no buttons to take away)."""
    return [c for c in mock.requests("PATCH", EDIT) if "components" in c.body]


async def press_on(rig: DiscordRig, message: Any, button: dict[str, Any], *, user: str) -> None:
    """Press `button` of the ephemeral `message` the bot sent in the channel."""
    labels = [b["label"] for b in buttons_of(message) if b is not button]
    await rig.press(
        button["custom_id"],
        button["label"],
        user=user,
        guild=GUILD,
        channel=CHANNEL,
        content=body_of(message)["content"],
        others=tuple(labels),
    )
