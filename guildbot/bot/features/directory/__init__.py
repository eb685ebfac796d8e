"""The directory: who members are (profile, department, time zone) and the skills they
declare, and the organisation's import of its staff list."""

from __future__ import annotations

from guildbot.bot.context import Reply
from guildbot.bot.core import Core
from guildbot.bot.features.directory.commands import SPECS
from guildbot.bot.features.directory.service import (
    ACTION_ADD_NEW_SKILL,
    ACTION_ADD_SKILL,
    ACTION_CANCEL,
    ACTION_SET_DEPARTMENT,
    DirectoryService,
)
from guildbot.bot.registry import Registry

__all__ = ["SPECS", "DirectoryService", "setup"]


def setup(registry: Registry, core: Core) -> DirectoryService:
    """Register `profile` and `expertise add|remove|list`, and their buttons."""
    service = DirectoryService(core.database, core.clock, core.settings.default_timezone)
    registry.command("profile", "show", lambda ctx, inv: service.show_profile(ctx))
    registry.command(
        "profile", "set", lambda ctx, inv: service.set_profile(ctx, inv.args, inv.rest)
    )
    registry.command("expertise", "add", lambda ctx, inv: service.add_expertise(ctx, inv.rest))
    registry.command(
        "expertise", "remove", lambda ctx, inv: service.remove_expertise(ctx, inv.rest)
    )
    registry.command("expertise", "list", lambda ctx, inv: service.list_expertise(ctx, inv.rest))
    registry.button(
        ACTION_ADD_SKILL, lambda ctx, value: service.add_skill_by_button(ctx, value, new=False)
    )
    registry.button(
        ACTION_ADD_NEW_SKILL, lambda ctx, value: service.add_skill_by_button(ctx, value, new=True)
    )
    registry.button(
        ACTION_SET_DEPARTMENT, lambda ctx, value: service.set_department(ctx, value, exact=True)
    )

    async def nothing_changed(_ctx: object, _value: str) -> Reply:
        return Reply("OK, nothing changed.")

    registry.button(ACTION_CANCEL, nothing_changed)
    return service
