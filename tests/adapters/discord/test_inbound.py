"""Gateway messages: a DM is a command line, a mention in a channel too (without the
mention), other channel messages only with the Message Content intent; bots are ignored."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import discord

from guildbot.adapters.discord import DiscordAdapter
from guildbot.bot.adapter_support.localised import CataloguePhrases
from guildbot.bot.features import catalogue
from guildbot.contract.inbound import InboundEvent, MessageReceived
from guildbot.contract.refs import ConversationKind
from tests.adapters.discord.mock_discord import BOT_ID, MockDiscord
from tests.adapters.discord.rig import start_rig
from tests.replies import Heard

BOT = SimpleNamespace(id=int(BOT_ID))


def message(content: str, *, guild: bool, mentions: tuple[Any, ...] = (), bot: bool = False) -> Any:
    return SimpleNamespace(
        id=10,
        content=content,
        author=SimpleNamespace(id=1, bot=bot),
        type=discord.MessageType.default,
        guild=SimpleNamespace(id=5) if guild else None,
        channel=SimpleNamespace(
            id=7, type=discord.ChannelType.text if guild else discord.ChannelType.private
        ),
        mentions=list(mentions),
    )


async def received(
    mock: MockDiscord, *messages: Any, message_content: bool = False
) -> list[InboundEvent]:
    """What the core is handed for each gateway message, by the adapter logged in to the
    mock (so it knows who it is)."""
    core = Heard()
    events = core.events

    rig = await start_rig(mock, dispatch=core, message_content=message_content)
    try:
        for item in messages:
            # The bot as discord.py knows it after logging in (BOT stands for it).
            item.mentions = [rig.adapter.client.user if m is BOT else m for m in item.mentions]
            await rig.adapter.on_message(item)
        await rig.adapter.drain()
    finally:
        await rig.close()
    return events


async def test_dms_and_mentions_are_commands_and_the_rest_needs_the_intent(
    mock_discord: MockDiscord,
) -> None:
    events = await received(
        mock_discord,
        message("expertise add k8s", guild=False),
        message(f"<@{BOT_ID}> help", guild=True, mentions=(BOT,)),
        message("how do I deploy?", guild=True),
        message("I am a bot", guild=False, bot=True),
    )
    assert [(type(e), e.text, e.conversation.kind) for e in events] == [  # type: ignore[union-attr]
        (MessageReceived, "expertise add k8s", ConversationKind.DIRECT),
        (MessageReceived, "help", ConversationKind.CHANNEL),
    ]


async def test_with_the_intent_channel_messages_reach_the_core(mock_discord: MockDiscord) -> None:
    [event] = await received(
        mock_discord, message("how do I deploy?", guild=True), message_content=True
    )
    assert isinstance(event, MessageReceived) and event.text == "how do I deploy?"
    assert (
        DiscordAdapter(
            bot_token="unused",
            commands=catalogue(),
            phrases=CataloguePhrases(),
            message_content=True,
        )
        .intents()
        .message_content
    )
    assert (
        not DiscordAdapter(bot_token="unused", commands=catalogue(), phrases=CataloguePhrases())
        .intents()
        .message_content
    )
