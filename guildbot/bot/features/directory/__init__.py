"""The directory: who members are (profile, department, time zone) and the skills they
declare, and the organisation's import of its staff list."""

from __future__ import annotations

from guildbot.bot.context import Context, Reply
from guildbot.bot.core import Core
from guildbot.bot.features.directory import copy
from guildbot.bot.features.directory.buttons import (
    ACTION_ACCEPT_SKILL,
    ACTION_ADD_NEW_SKILL,
    ACTION_ADD_SKILL,
    ACTION_CANCEL,
    ACTION_REJECT_SKILL,
    ACTION_SET_DEPARTMENT,
)
from guildbot.bot.features.directory.commands import SPECS
from guildbot.bot.features.directory.expertise import Expertise
from guildbot.bot.features.directory.profile import Profiles
from guildbot.bot.features.directory.review import Review
from guildbot.bot.registry import Registry

__all__ = ["SPECS", "setup"]


def setup(registry: Registry, core: Core) -> None:
    """Register `profile` and `expertise add|remove|list`, and their buttons."""
    profiles = Profiles(core.database)
    expertise = Expertise(core.database)
    registry.command("profile", "show", lambda ctx, inv: profiles.show(ctx))
    registry.command("profile", "set", lambda ctx, inv: profiles.set(ctx, inv.args, inv.rest))
    registry.command("expertise", "add", lambda ctx, inv: expertise.add(ctx, inv.rest))
    registry.command("expertise", "remove", lambda ctx, inv: expertise.remove(ctx, inv.rest))
    registry.command("expertise", "list", lambda ctx, inv: expertise.list(ctx, inv.rest))
    review = Review(core.database)
    registry.command("expertise", "review", lambda ctx, inv: review.queue(ctx))
    registry.button(ACTION_ACCEPT_SKILL, lambda ctx, value: review.decide(ctx, value, True))
    registry.button(ACTION_REJECT_SKILL, lambda ctx, value: review.decide(ctx, value, False))
    registry.button(ACTION_ADD_SKILL, lambda ctx, value: expertise.add_chosen(ctx, value, False))
    registry.button(ACTION_ADD_NEW_SKILL, lambda ctx, value: expertise.add_chosen(ctx, value, True))
    registry.button(ACTION_SET_DEPARTMENT, profiles.department_chosen)

    async def nothing_changed(ctx: Context, _value: str) -> Reply:
        return Reply(copy.nothing_changed(ctx.language))

    registry.button(ACTION_CANCEL, nothing_changed)
