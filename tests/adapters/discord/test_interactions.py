"""Interaction deadlines: every interaction is deferred as it arrives, before the core has
answered (the core touches the database, and Discord allows 3 seconds in all), and the
replies follow up with the visibility they asked for — private in a channel, ordinary
messages in the member's DM, public when the core says so. At stop, handlers in progress
still answer; interactions arriving meanwhile get a polite word and reach nobody."""

from __future__ import annotations

import asyncio
from typing import Any

from guildbot.bot.rich import say
from guildbot.contract.adapter import Replies
from guildbot.contract.inbound import InboundEvent
from guildbot.contract.outbound import OutboundMessage
from tests.adapters.discord.conftest import ANA
from tests.adapters.discord.mock_discord import GUILD, MockDiscord
from tests.adapters.discord.rig import (
    DiscordRig,
    button_message,
    command_data,
    interaction_payload,
    start_rig,
)
from tests.replies import answer

CHANNEL = "800000000000000001"
EPHEMERAL = 64


class SlowCore:
    """Answers only when released (the test releases it once the deferral has come)."""

    def __init__(self, *, public: bool = False) -> None:
        self.public = public
        self.release = asyncio.Event()
        self.events: list[InboundEvent] = []
        self.rig: DiscordRig | None = None

    async def __call__(self, event: InboundEvent) -> Replies:
        self.events.append(event)
        await self.release.wait()
        return answer(
            OutboundMessage(
                event.conversation,
                say("Here you are."),
                ephemeral_to=None if self.public else event.actor,
            )
        )


async def slow_rig(mock: MockDiscord, core: SlowCore) -> DiscordRig:
    rig = await start_rig(mock, dispatch=core)
    core.rig = rig
    return rig


def arrive(rig: DiscordRig, interaction_id: str, *, guild: str | None) -> None:
    """An app command arrives over the gateway (not waited for)."""
    payload = interaction_payload(
        interaction_id,
        user=rig.mock.users[ANA],
        channel_id=CHANNEL,
        guild_id=guild,
        interaction_type=2,
        data=command_data("guild", {"command": "help"}),
    )
    rig.adapter.client._connection.parse_interaction_create(payload)  # type: ignore[arg-type]


def press_arrives(rig: DiscordRig, interaction_id: str) -> None:
    """A button press on an earlier message arrives over the gateway (not waited for)."""
    custom = "gb:coffee.met:42"
    payload = interaction_payload(
        interaction_id,
        user=rig.mock.users[ANA],
        channel_id=CHANNEL,
        guild_id=GUILD,
        interaction_type=3,
        data={"custom_id": custom, "component_type": 2},
        message=button_message(custom, "We met", CHANNEL),
    )
    rig.adapter.client._connection.parse_interaction_create(payload)  # type: ignore[arg-type]


def flags(call: Any) -> int:
    body = call.body.get("data") if call.path.endswith("/callback") else call.body
    return int((body or {}).get("flags") or 0)


async def deferred_then_answered(
    mock: MockDiscord, core: SlowCore, *, guild: str | None
) -> tuple[Any, list[Any]]:
    rig = await slow_rig(mock, core)
    try:
        arrive(rig, "970000000000000001", guild=guild)
        [defer] = await mock.wait_for("POST", r"/interactions/970000000000000001/[^/]+/callback")
        core.release.set()
        await mock.wait_for("POST", r"/webhooks/\d+/[^/]+")
        await rig.adapter.drain()
    finally:
        await rig.close()
    assert defer.body["type"] == 5  # deferred: "thinking…"
    return defer, [c for c in mock.calls if c.path.startswith("/webhooks/")]


async def test_a_slow_answer_in_a_channel_is_deferred_privately_and_follows_up_privately(
    mock_discord: MockDiscord,
) -> None:
    defer, [answer] = await deferred_then_answered(mock_discord, SlowCore(), guild=GUILD)
    assert flags(defer) & EPHEMERAL and flags(answer) & EPHEMERAL
    assert answer.method == "POST" and answer.body["content"] == "Here you are."


async def test_a_slow_answer_in_the_members_dm_is_an_ordinary_message(
    mock_discord: MockDiscord,
) -> None:
    # Ephemeral messages vanish on reload; in a DM nobody else sees them anyway. The first
    # follow-up takes the deferral's visibility, so the deferral must not be ephemeral.
    defer, [answer] = await deferred_then_answered(mock_discord, SlowCore(), guild=None)
    assert not flags(defer) & EPHEMERAL
    assert not flags(answer) & EPHEMERAL and answer.body["content"] == "Here you are."


async def test_a_slow_public_answer_in_a_channel_is_seen_by_everyone(
    mock_discord: MockDiscord,
) -> None:
    defer, calls = await deferred_then_answered(mock_discord, SlowCore(public=True), guild=GUILD)
    assert flags(defer) & EPHEMERAL
    # The private "thinking…" is closed first; only then is a follow-up its own message.
    assert [c.method for c in calls] == ["PATCH", "POST"]
    assert calls[0].path.endswith("/messages/@original")
    assert not flags(calls[1]) & EPHEMERAL and calls[1].body["content"] == "Here you are."


async def test_stop_lets_a_handler_in_progress_answer_and_turns_new_ones_away(
    mock_discord: MockDiscord,
) -> None:
    core = SlowCore()
    rig = await slow_rig(mock_discord, core)
    arrive(rig, "970000000000000002", guild=GUILD)
    await mock_discord.wait_for("POST", r"/interactions/970000000000000002/[^/]+/callback")
    stopping = asyncio.create_task(rig.close())
    for _ in range(20):
        await asyncio.sleep(0)
    arrive(rig, "970000000000000003", guild=GUILD)  # arrives while stopping
    [refused] = await mock_discord.wait_for(
        "POST", r"/interactions/970000000000000003/[^/]+/callback"
    )
    core.release.set()
    await asyncio.wait_for(stopping, 10)
    assert refused.body["type"] == 4 and "restarting" in refused.body["data"]["content"]
    assert len(core.events) == 1  # the late one never reached the core
    [answer] = [c for c in mock_discord.calls if c.path.startswith("/webhooks/")]
    assert answer.body["content"] == "Here you are."


async def test_a_command_is_deferred_before_the_core_has_answered(
    mock_discord: MockDiscord,
) -> None:
    core = SlowCore()
    rig = await slow_rig(mock_discord, core)
    try:
        arrive(rig, "970000000000000004", guild=GUILD)
        # The core is still working (it waits for this very callback to be released).
        [defer] = await mock_discord.wait_for(
            "POST", r"/interactions/970000000000000004/[^/]+/callback"
        )
        assert len(core.events) == 1 and mock_discord.replies() == []
        core.release.set()
        [answer] = await mock_discord.wait_for("POST", r"/webhooks/\d+/token-970000000000000004")
        await rig.adapter.drain()
    finally:
        await rig.close()
    assert defer.body["type"] == 5 and flags(defer) & EPHEMERAL  # "thinking…", privately
    assert answer.body["content"] == "Here you are." and flags(answer) & EPHEMERAL


async def test_a_quick_core_is_not_waited_for_either(mock_discord: MockDiscord) -> None:
    # Deferring only when the core proved slow left it a race against the deadline: a core
    # that answers at once still sees its answer go as a follow-up of the deferral.
    core = SlowCore()
    core.release.set()
    rig = await slow_rig(mock_discord, core)
    try:
        arrive(rig, "970000000000000005", guild=GUILD)
        await mock_discord.wait_for("POST", r"/webhooks/\d+/token-970000000000000005")
        await rig.adapter.drain()
    finally:
        await rig.close()
    [first, answer] = [c for c in mock_discord.calls if "970000000000000005" in c.path]
    assert first.path.endswith("/callback") and first.body["type"] == 5
    assert answer.body["content"] == "Here you are."


async def test_a_press_is_deferred_as_an_update_and_answered_by_a_follow_up(
    mock_discord: MockDiscord,
) -> None:
    core = SlowCore()
    rig = await slow_rig(mock_discord, core)
    try:
        press_arrives(rig, "970000000000000006")
        [defer] = await mock_discord.wait_for(
            "POST", r"/interactions/970000000000000006/[^/]+/callback"
        )
        assert len(core.events) == 1 and mock_discord.replies() == []
        core.release.set()
        [answer] = await mock_discord.wait_for("POST", r"/webhooks/\d+/token-970000000000000006")
        await rig.adapter.drain()
    finally:
        await rig.close()
    assert defer.body["type"] == 6  # DEFERRED_UPDATE_MESSAGE: the pressed message stays
    assert answer.body["content"] == "Here you are." and flags(answer) & EPHEMERAL
