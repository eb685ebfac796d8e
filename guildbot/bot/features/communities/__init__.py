"""Communities of practice: create, join, leave, browse, link a channel, welcome newcomers,
rename, remove a member, and the roles that manage them."""

from __future__ import annotations

from guildbot.bot.core import Core
from guildbot.bot.features.communities.buttons import ACTION_ADD_MEMBER
from guildbot.bot.features.communities.commands import SPECS
from guildbot.bot.features.communities.languages import CommunityLanguages
from guildbot.bot.features.communities.managing import Managing
from guildbot.bot.features.communities.membership import Communities
from guildbot.bot.features.communities.roles import Roles
from guildbot.bot.registry import Registry

__all__ = ["SPECS", "setup"]


def setup(registry: Registry, core: Core) -> None:
    """Register `community` and `role`, and the channel welcome."""
    communities = Communities(core.database, core.identities.default_language)
    roles = Roles(core.database)
    managing = Managing(core.database)
    languages = CommunityLanguages(core.database)
    registry.command("community", "create", lambda ctx, inv: communities.create(ctx, inv.rest))
    registry.command("community", "join", lambda ctx, inv: communities.join(ctx, inv.rest))
    registry.command("community", "leave", lambda ctx, inv: communities.leave(ctx, inv.rest))
    registry.command("community", "list", lambda ctx, inv: communities.list(ctx))
    registry.command("community", "info", lambda ctx, inv: communities.info(ctx, inv.rest))
    registry.command("community", "link", lambda ctx, inv: communities.link(ctx, inv.rest))
    registry.command("community", "welcome", lambda ctx, inv: communities.welcome(ctx, inv.rest))
    registry.command("community", "language", lambda ctx, inv: languages.set(ctx, inv.rest))
    registry.command("community", "rename", lambda ctx, inv: managing.rename(ctx, inv.rest))
    registry.command(
        "community", "remove", lambda ctx, inv: managing.remove(ctx, inv.args, inv.rest)
    )
    registry.command("community", "archive", lambda ctx, inv: managing.archive(ctx, inv.rest, True))
    registry.command(
        "community", "unarchive", lambda ctx, inv: managing.archive(ctx, inv.rest, False)
    )
    registry.command("role", "grant", lambda ctx, inv: roles.grant(ctx, inv.args))
    registry.command("role", "revoke", lambda ctx, inv: roles.revoke(ctx, inv.args))
    registry.button(ACTION_ADD_MEMBER, roles.add_confirmed)
    registry.greet(communities.greet)
