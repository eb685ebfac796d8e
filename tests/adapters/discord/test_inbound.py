"""Gateway messages: a DM is a command line, a mention in a channel too (without the
mention), other channel messages only with the Message Content intent; bots are ignored."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import discord

from guildbot.adapters.discord import DiscordAdapter
from guildbot.bot.features import catalogue
from guildbot.contract.adapter import Replies
from guildbot.contract.inbound import InboundEvent, MessageReceived
from guildbot.contract.refs import ConversationKind
from tests.replies import nothing

BOT = SimpleNamespace(id=2)


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


async def received(adapter: DiscordAdapter, *messages: Any) -> list[InboundEvent]:
    events: list[InboundEvent] = []

    async def core(event: InboundEvent) -> Replies:
        events.append(event)
        return nothing()

    adapter._dispatch = core
    adapter._client = SimpleNamespace(user=BOT)  # type: ignore[assignment]
    for item in messages:
        await adapter.on_message(item)
    await adapter.drain()
    return events


async def test_dms_and_mentions_are_commands_and_the_rest_needs_the_intent() -> None:
    events = await received(
        DiscordAdapter(bot_token="unused", commands=catalogue()),
        message("expertise add k8s", guild=False),
        message("<@2> help", guild=True, mentions=(BOT,)),
        message("how do I deploy?", guild=True),
        message("I am a bot", guild=False, bot=True),
    )
    assert [(type(e), e.text, e.conversation.kind) for e in events] == [  # type: ignore[union-attr]
        (MessageReceived, "expertise add k8s", ConversationKind.DIRECT),
        (MessageReceived, "help", ConversationKind.CHANNEL),
    ]


async def test_with_the_intent_channel_messages_reach_the_core() -> None:
    [event] = await received(
        DiscordAdapter(bot_token="unused", commands=catalogue(), message_content=True),
        message("how do I deploy?", guild=True),
    )
    assert isinstance(event, MessageReceived) and event.text == "how do I deploy?"
    assert (
        DiscordAdapter(bot_token="unused", commands=catalogue(), message_content=True)
        .intents()
        .message_content
    )
    assert not DiscordAdapter(bot_token="unused", commands=catalogue()).intents().message_content
