"""What facilitators and admins do to a community itself: rename it, remove a member, and
(admins) archive it or bring it back.

A rename keeps the slug, so links, feeds and commands people saved keep working; the new
name must be as unique as a new community's. A member is removed by a facilitator or admin
(an admin only by an admin), never the last admin, and never oneself (`community leave`).
"""

from __future__ import annotations

from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.features.communities import copy
from guildbot.bot.lookup import find_community, member_named, name_key
from guildbot.bot.policy import require_manager
from guildbot.bot.text import clean_field
from guildbot.storage.engine import Database
from guildbot.storage.models import Role
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.coffee import CoffeeRepository
from guildbot.storage.repositories.communities import CommunityRepository

MAX_NAME = 80


class Managing:
    """`community rename` and `community remove`."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def rename(self, ctx: Context, rest: str) -> Reply:
        """`community rename COMMUNITY -- NEW NAME`."""
        typed, separator, new_part = rest.partition("--")
        if not separator or not typed.strip() or not new_part.strip():
            raise UsageError("community", "rename")
        new_name = clean_field(new_part, copy.field(ctx.language, "name"), MAX_NAME, ctx.language)
        async with self.database.transaction() as session:
            community = await find_community(session, typed, ctx.language)
            await require_manager(ctx, session, community, "community.rename")
            communities = CommunityRepository(session)
            taken = next(
                (
                    c
                    for c in await communities.all()
                    if c.id != community.id and name_key(c.name) == name_key(new_name)
                ),
                None,
            )
            if taken is not None:
                raise UserError(copy.already_exists(ctx.language, taken.name, taken.slug))
            old_name = community.name
            community.name = new_name
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "community.rename",
                "community",
                community.id,
                {"from": old_name, "to": new_name},
            )
        return Reply(copy.renamed(ctx.language, old_name, new_name, community.slug))

    async def remove(self, ctx: Context, args: tuple[str, ...], rest: str) -> Reply:
        """`community remove @member COMMUNITY`."""
        if len(args) < 2:
            raise UsageError("community", "remove")
        who, community_words = args[0], rest.split(maxsplit=1)[1]
        async with self.database.transaction() as session:
            community = await find_community(session, community_words, ctx.language)
            target = await member_named(ctx, session, who)
            communities = CommunityRepository(session)
            membership = await communities.membership(community.id, target.id)
            granting = Role.ADMIN if membership and membership.role == Role.ADMIN.value else None
            await require_manager(ctx, session, community, "community.remove", granting=granting)
            if target.id == ctx.actor.member_id:
                raise UserError(copy.leave_instead(ctx.language))
            if membership is None:
                return Reply(copy.not_a_member(ctx.language, target.display_name, community.name))
            if membership.role == Role.ADMIN.value:
                admins = await communities.members_with_role(community.id, [Role.ADMIN])
                if len(admins) == 1:
                    raise UserError(copy.needs_an_admin(ctx.language, community.name))
            await communities.remove_membership(membership)
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "community.remove",
                "community",
                community.id,
                {"member_id": target.id, "role": membership.role},
            )
        return Reply(copy.removed(ctx.language, target.display_name, community.name))

    async def archive(self, ctx: Context, rest: str, archived: bool) -> Reply:
        """`community archive|unarchive COMMUNITY` (its admins, and organisation admins):
        archived, it is kept as it was but not listed, not joinable, without new events, and
        its coffee intros are paused (`coffee resume` restarts them after unarchiving)."""
        verb = "archive" if archived else "unarchive"
        if not rest.strip():
            raise UsageError("community", verb)
        async with self.database.transaction() as session:
            community = await find_community(session, rest, ctx.language)
            await require_manager(ctx, session, community, f"community.{verb}", granting=Role.ADMIN)
            if (community.archived_at is not None) == archived:
                return Reply(copy.archived_already(ctx.language, community.name, archived))
            community.archived_at = ctx.now if archived else None
            paused = 0
            program = await CoffeeRepository(session).program_of(community.id)
            if archived and program is not None and not program.paused:
                program.paused = True
                paused = 1
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                f"community.{verb}",
                "community",
                community.id,
                {"coffee_paused": paused},
            )
        return Reply(
            copy.archived(ctx.language, community.name, community.slug, archived, paused > 0)
        )
