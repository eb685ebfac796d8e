"""The facilitators' dashboard: a signed link from chat to server-rendered pages of a
community's participation (aggregates only), on the shared web app."""

from __future__ import annotations

from datetime import timedelta

from guildbot.bot.context import Context, Reply, UserError
from guildbot.bot.core import Core
from guildbot.bot.features.dashboard import copy
from guildbot.bot.features.dashboard.access import DashboardAccess
from guildbot.bot.features.dashboard.commands import SPECS
from guildbot.bot.features.dashboard.pages import Pages
from guildbot.bot.grammar import Invocation
from guildbot.bot.lookup import find_community
from guildbot.bot.policy import MANAGING_ROLES, require_manager
from guildbot.bot.registry import Registry
from guildbot.storage.repositories.dashboard import DashboardFigures, DashboardLinks

LINK_RETENTION = timedelta(days=1)

__all__ = ["SPECS", "Dashboard", "setup"]


class Dashboard:
    """The dashboard's two halves: the access it grants and the pages it shows (None when
    the operator has not switched it on)."""

    def __init__(self, core: Core) -> None:
        settings = core.settings
        self.database = core.database
        self.clock = core.clock
        self.access = (
            DashboardAccess(core.database, core.clock, settings.secret_key, settings.public_url)
            if settings.dashboard_enabled
            else None
        )
        self.pages = Pages(core.database, core.clock)

    async def prune_links(self) -> None:
        """Forget sign-in links a day after they were made (they last 15 minutes)."""
        async with self.database.transaction() as session:
            await DashboardLinks(session).prune(self.clock.now() - LINK_RETENTION)

    async def open(self, ctx: Context, invocation: Invocation) -> Reply:
        """`dashboard [COMMUNITY]`: a private sign-in link."""
        if self.access is None:
            raise UserError(copy.not_on(ctx.language))
        community = None
        async with self.database.transaction() as session:
            if invocation.rest.strip():
                community = await find_community(session, invocation.rest, ctx.language)
                await require_manager(ctx, session, community, "dashboard.open")
            elif not ctx.actor.is_admin and not await DashboardFigures(session).managed_by(
                ctx.actor.member_id, MANAGING_ROLES
            ):
                raise UserError(copy.nothing_to_show(ctx.language))
        url = await self.access.link(ctx.actor.member_id, community.id if community else None)
        return copy.link(ctx.language, url, community.name if community else None)


def setup(registry: Registry, core: Core) -> Dashboard:
    """Register `dashboard [COMMUNITY]`, and the hourly pruning of old sign-in links."""
    dashboard = Dashboard(core)
    registry.command("dashboard", "open", dashboard.open)
    registry.chore(dashboard.prune_links)
    return dashboard
