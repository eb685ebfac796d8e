"""Communities of practice: create, join, leave, browse, link a channel, welcome newcomers,
and the roles that manage them."""

from __future__ import annotations

from guildbot.bot.core import Core
from guildbot.bot.features.communities.commands import SPECS
from guildbot.bot.features.communities.service import CommunityService
from guildbot.bot.registry import Registry

__all__ = ["SPECS", "CommunityService", "setup"]


def setup(registry: Registry, core: Core) -> CommunityService:
    """Register `community` and `role`, and the channel welcome."""
    service = CommunityService(core.database)
    registry.command("community", "create", lambda ctx, inv: service.create(ctx, inv.rest))
    registry.command("community", "join", lambda ctx, inv: service.join(ctx, inv.rest))
    registry.command("community", "leave", lambda ctx, inv: service.leave(ctx, inv.rest))
    registry.command("community", "list", lambda ctx, inv: service.list(ctx))
    registry.command("community", "info", lambda ctx, inv: service.info(ctx, inv.rest))
    registry.command("community", "link", lambda ctx, inv: service.link(ctx, inv.rest))
    registry.command("community", "welcome", lambda ctx, inv: service.welcome(ctx, inv.rest))
    registry.command("role", "grant", lambda ctx, inv: service.grant(ctx, inv.args))
    registry.command("role", "revoke", lambda ctx, inv: service.revoke(ctx, inv.args))
    registry.greet(service.greet)
    return service
