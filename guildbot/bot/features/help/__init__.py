"""Help: what I can do, or how to use one command — written from the registered specs."""

from __future__ import annotations

from guildbot.bot.context import Context, Reply
from guildbot.bot.features.help import copy
from guildbot.bot.features.help.commands import SPECS
from guildbot.bot.grammar import Invocation
from guildbot.bot.registry import Registry

__all__ = ["SPECS", "setup"]


def setup(registry: Registry) -> None:
    """Register `help`."""

    async def answer(ctx: Context, invocation: Invocation) -> Reply:
        return copy.help_for(registry.commands, invocation.rest, ctx.language)

    registry.command("help", "", answer)
