"""`role grant|revoke @member ROLE [COMMUNITY]`: who facilitates and administers."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.features.communities import copy
from guildbot.bot.features.communities.buttons import AddValue, add_buttons
from guildbot.bot.lookup import find_community, member_named
from guildbot.bot.policy import require_manager
from guildbot.storage.engine import Database
from guildbot.storage.models import Community, Role
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.members import MemberRepository

ROLE_NAMES = {role.value: role for role in Role}


class Roles:
    """Granting and revoking community roles, within what the granter may give."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def grant(self, ctx: Context, args: tuple[str, ...]) -> Reply:
        """`role grant @member ROLE [COMMUNITY]`."""
        return await self._change(ctx, args, grant=True)

    async def revoke(self, ctx: Context, args: tuple[str, ...]) -> Reply:
        """`role revoke @member ROLE [COMMUNITY]`: back to plain member."""
        return await self._change(ctx, args, grant=False)

    async def _change(self, ctx: Context, args: tuple[str, ...], grant: bool) -> Reply:
        verb = "grant" if grant else "revoke"
        role_at = next((i for i, a in enumerate(args) if a.casefold() in ROLE_NAMES), None)
        if role_at is None or role_at == 0:
            raise UsageError("role", verb)
        role = ROLE_NAMES[args[role_at].casefold()]
        if not grant and role is Role.MEMBER:
            raise UserError(copy.everyone_is_a_member(ctx.language))
        who, community_words = " ".join(args[:role_at]), " ".join(args[role_at + 1 :])
        async with self.database.transaction() as session:
            community = await _community_for(ctx, session, community_words, verb)
            await require_manager(ctx, session, community, f"role.{verb}", granting=role)
            target = await member_named(ctx, session, who)
            communities = CommunityRepository(session)
            membership = await communities.membership(community.id, target.id)
            name, role_name = target.display_name, role.value
            details = {"role": role.value, "member_id": target.id}
            if grant:
                if membership is None:
                    # Adding someone to a community is more than a role: ask first.
                    value = AddValue(community.id, target.id, role.value)
                    return copy.add_first(
                        ctx.language,
                        name,
                        role_name,
                        community.name,
                        add_buttons(ctx.language, value),
                    )
                if membership.role == role.value:
                    return Reply(
                        copy.already_has_role(ctx.language, name, role_name, community.name)
                    )
                else:
                    details["previous"] = membership.role
                    membership.role = role.value
                message = copy.now_has_role(ctx.language, name, role_name, community.name)
            else:
                if membership is None or membership.role != role.value:
                    return Reply(copy.lacks_role(ctx.language, name, role_name, community.name))
                if (
                    role is Role.ADMIN
                    and len(await communities.members_with_role(community.id, [Role.ADMIN])) == 1
                ):
                    raise UserError(copy.needs_an_admin(ctx.language, community.name))
                membership.role = Role.MEMBER.value
                message = copy.no_longer_has_role(ctx.language, name, role_name, community.name)
            await AuditLog(session).record(
                ctx.now, ctx.actor.member_id, f"role.{verb}", "community", community.id, details
            )
        return Reply(message)

    async def add_confirmed(self, ctx: Context, value: str) -> Reply:
        """[Add them] under "X isn't in Y": add them with the role, if still allowed."""
        pressed = AddValue.decode(value)
        if pressed is None:
            return Reply(copy.button_expired(ctx.language))
        async with self.database.transaction() as session:
            communities = CommunityRepository(session)
            community = await communities.get(pressed.community_id)
            target = await MemberRepository(session).get(pressed.member_id)
            if community is None or target is None:
                return Reply(copy.button_expired(ctx.language))
            role = Role(pressed.role)
            await require_manager(ctx, session, community, "role.grant", granting=role)
            if await communities.membership(community.id, target.id) is not None:
                return Reply(copy.already_in_it(ctx.language, target.display_name, community.name))
            await communities.add_membership(community.id, target.id, role, ctx.now)
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "role.grant",
                "community",
                community.id,
                {"role": role.value, "member_id": target.id, "added": True},
            )
        return Reply(
            copy.now_has_role(ctx.language, target.display_name, role.value, community.name)
        )


async def _community_for(ctx: Context, session: AsyncSession, typed: str, verb: str) -> Community:
    """The community named, or the one whose channel this is."""
    if typed.strip():
        return await find_community(session, typed, ctx.language)
    where = ctx.conversation
    linked = await CommunityRepository(session).by_channel(
        where.platform, where.workspace_id, where.channel_id
    )
    if linked is None:
        raise UsageError("role", verb, copy.name_the_community(ctx.language))
    return linked
