"""Discord: a discord.py 2.x client on the gateway (see `adapter.py`).

The only package that imports discord.py.
"""

from __future__ import annotations

from guildbot.adapters.discord.adapter import DiscordAdapter
from guildbot.adapters.discord.commands import Suggest
from guildbot.bot.config import Settings
from guildbot.bot.shards import ShardClaims

__all__ = ["DiscordAdapter", "discord_adapter"]


def discord_adapter(
    settings: Settings, claims: ShardClaims | None = None, suggest: Suggest | None = None
) -> DiscordAdapter:
    """The adapter configured by DISCORD_* settings."""
    return DiscordAdapter(
        bot_token=settings.discord_bot_token,
        shard_count=settings.discord_shard_count,
        shard_ids=settings.discord_shard_ids,
        intro_channels=settings.discord_intro_channels,
        message_content=settings.discord_message_content,
        api_url=settings.discord_api_url,
        gateway_url=settings.discord_gateway_url,
        claims=claims,
        suggest=suggest,
    )
