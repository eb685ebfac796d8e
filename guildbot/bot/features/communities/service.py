"""Communities of practice and the roles people hold in them."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.lookup import find_community, find_member, slugify
from guildbot.bot.policy import require_manager
from guildbot.bot.text import clean_field
from guildbot.contract.inbound import MemberJoined
from guildbot.contract.refs import ConversationKind
from guildbot.storage.engine import Database
from guildbot.storage.models import Community, Role
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.communities import CommunityRepository

MAX_DESCRIPTION = 500
MAX_WELCOME = 500
ROLE_NAMES = {role.value: role for role in Role}


class CommunityService:
    """Create, join, leave and browse communities; grant and revoke roles."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def create(self, ctx: Context, rest: str) -> Reply:
        """`community create NAME [-- DESCRIPTION]`; the creator becomes its admin."""
        name_part, _, description_part = rest.partition("--")
        if not name_part.strip():
            raise UsageError("community", "create")
        name = clean_field(name_part, "community name", 80)
        description = (
            clean_field(description_part, "description", MAX_DESCRIPTION)
            if description_part.strip()
            else ""
        )
        slug = slugify(name)
        if not slug:
            raise UserError("A community name needs at least one letter or digit.")
        async with self.database.transaction() as session:
            communities = CommunityRepository(session)
            existing = await communities.by_slug(slug)
            if existing is not None:
                raise UserError(
                    f"There is already a community {existing.name} ({existing.slug}). "
                    f"Join it with `community join {existing.slug}`."
                )
            community = await communities.add(
                Community(name=name, slug=slug, description=description, created_at=ctx.now)
            )
            await communities.add_membership(community.id, ctx.actor.member_id, Role.ADMIN, ctx.now)
            linked = await self._link_if_channel(ctx, communities, community)
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "community.create",
                "community",
                community.id,
                {"slug": slug, "linked_channel": linked},
            )
        where = " This channel is now its channel." if linked else ""
        return Reply(
            f"Created *{name}* ({slug}). You are its admin.{where}",
            context=f"Others can join with `community join {slug}`.",
            public=linked,
        )

    async def _link_if_channel(
        self, ctx: Context, communities: CommunityRepository, community: Community
    ) -> bool:
        conversation = ctx.conversation
        if conversation.kind is not ConversationKind.CHANNEL:
            return False
        if await communities.by_channel(
            conversation.platform, conversation.workspace_id, conversation.channel_id
        ):
            return False
        await communities.link_channel(
            community.id, conversation.platform, conversation.workspace_id, conversation.channel_id
        )
        return True

    async def link(self, ctx: Context, rest: str) -> Reply:
        """`community link COMMUNITY`: this channel becomes the community's channel."""
        if not rest.strip():
            raise UsageError("community", "link")
        if ctx.conversation.kind is not ConversationKind.CHANNEL:
            raise UserError("Run `community link` in the channel you want to link.")
        async with self.database.transaction() as session:
            community = await find_community(session, rest)
            await require_manager(ctx, session, community, "community.link")
            communities = CommunityRepository(session)
            current = await communities.by_channel(
                ctx.conversation.platform,
                ctx.conversation.workspace_id,
                ctx.conversation.channel_id,
            )
            if current is not None:
                raise UserError(f"This channel already belongs to {current.name}.")
            await communities.link_channel(
                community.id,
                ctx.conversation.platform,
                ctx.conversation.workspace_id,
                ctx.conversation.channel_id,
            )
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "community.link",
                "community",
                community.id,
                {"channel": ctx.conversation.channel_id},
            )
        return Reply(f"This channel is now {community.name}'s channel.", public=True)

    async def join(self, ctx: Context, rest: str) -> Reply:
        """`community join COMMUNITY`."""
        if not rest.strip():
            raise UsageError("community", "join")
        async with self.database.transaction() as session:
            community = await find_community(session, rest)
            communities = CommunityRepository(session)
            if await communities.membership(community.id, ctx.actor.member_id):
                return Reply(f"You're already in {community.name}.")
            await communities.add_membership(
                community.id, ctx.actor.member_id, Role.MEMBER, ctx.now
            )
            await AuditLog(session).record(
                ctx.now, ctx.actor.member_id, "community.join", "community", community.id
            )
        return Reply(f"Welcome to *{community.name}*!")

    async def leave(self, ctx: Context, rest: str) -> Reply:
        """`community leave COMMUNITY`; the last admin must hand over first."""
        if not rest.strip():
            raise UsageError("community", "leave")
        async with self.database.transaction() as session:
            community = await find_community(session, rest)
            communities = CommunityRepository(session)
            membership = await communities.membership(community.id, ctx.actor.member_id)
            if membership is None:
                return Reply(f"You're not in {community.name}.")
            if membership.role == Role.ADMIN.value:
                admins = await communities.members_with_role(community.id, [Role.ADMIN])
                if len(admins) == 1:
                    raise UserError(
                        f"You're the only admin of {community.name}. Make someone else admin "
                        f"first: `role grant @member admin {community.slug}`."
                    )
            await communities.remove_membership(membership)
            await AuditLog(session).record(
                ctx.now, ctx.actor.member_id, "community.leave", "community", community.id
            )
        return Reply(f"You've left {community.name}.")

    async def list(self, ctx: Context) -> Reply:
        """`community list`: every community with its size, marking the actor's own."""
        async with self.database.transaction() as session:
            communities = CommunityRepository(session)
            everything = await communities.all()
            mine = {c.id: role for c, role in await communities.communities_of(ctx.actor.member_id)}
            rows = [(c, await communities.member_count(c.id)) for c in everything]
        if not rows:
            return Reply("There are no communities yet. Start one with `community create NAME`.")
        lines = ["*Communities*"]
        for community, size in rows:
            you = f" — you're {mine[community.id]}" if community.id in mine else ""
            people = "member" if size == 1 else "members"
            lines.append(f"• {community.name} ({community.slug}): {size} {people}{you}")
        return Reply("\n".join(lines), context="Join one with `community join SLUG`.")

    async def info(self, ctx: Context, rest: str) -> Reply:
        """`community info COMMUNITY`."""
        if not rest.strip():
            raise UsageError("community", "info")
        async with self.database.transaction() as session:
            community = await find_community(session, rest)
            communities = CommunityRepository(session)
            size = await communities.member_count(community.id)
            leads = await communities.members_with_role(
                community.id, [Role.FACILITATOR, Role.ADMIN]
            )
            membership = await communities.membership(community.id, ctx.actor.member_id)
        lines = [f"*{community.name}* ({community.slug})"]
        if community.description:
            lines.append(community.description)
        lines.append(f"• Members: {size}")
        lines.append("• Facilitators: " + (", ".join(m.display_name for m in leads) or "none"))
        lines.append(
            f"• You: {membership.role}"
            if membership
            else f"• You're not a member: `community join {community.slug}`"
        )
        return Reply("\n".join(lines))

    async def grant(self, ctx: Context, args: tuple[str, ...]) -> Reply:
        """`role grant @member ROLE [COMMUNITY]`."""
        return await self._change_role(ctx, args, grant=True)

    async def revoke(self, ctx: Context, args: tuple[str, ...]) -> Reply:
        """`role revoke @member ROLE [COMMUNITY]`: back to plain member."""
        return await self._change_role(ctx, args, grant=False)

    async def _change_role(self, ctx: Context, args: tuple[str, ...], grant: bool) -> Reply:
        verb = "grant" if grant else "revoke"
        role_at = next((i for i, a in enumerate(args) if a.casefold() in ROLE_NAMES), None)
        if role_at is None or role_at == 0:
            raise UsageError("role", verb)
        role = ROLE_NAMES[args[role_at].casefold()]
        if not grant and role is Role.MEMBER:
            raise UserError(
                "Everyone in a community is a member; to leave, they use `community leave`."
            )
        who, community_words = " ".join(args[:role_at]), " ".join(args[role_at + 1 :])
        async with self.database.transaction() as session:
            community = await self._community_for(ctx, session, community_words, verb)
            await require_manager(ctx, session, community, f"role.{verb}", granting=role)
            target = await find_member(
                session, who, ctx.actor.ref.platform, ctx.actor.ref.workspace_id, ctx.mentions
            )
            communities = CommunityRepository(session)
            membership = await communities.membership(community.id, target.id)
            details = {"role": role.value, "member_id": target.id}
            if grant:
                if membership is None:
                    await communities.add_membership(community.id, target.id, role, ctx.now)
                elif membership.role == role.value:
                    return Reply(f"{target.display_name} is already {role} of {community.name}.")
                else:
                    details["previous"] = membership.role
                    membership.role = role.value
                message = f"{target.display_name} is now {role} of {community.name}."
            else:
                if membership is None or membership.role != role.value:
                    return Reply(f"{target.display_name} isn't {role} of {community.name}.")
                if (
                    role is Role.ADMIN
                    and len(await communities.members_with_role(community.id, [Role.ADMIN])) == 1
                ):
                    raise UserError(f"{community.name} needs at least one admin.")
                membership.role = Role.MEMBER.value
                message = f"{target.display_name} is no longer {role} of {community.name}."
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                f"role.{verb}",
                "community",
                community.id,
                details,
            )
        return Reply(message)

    async def welcome(self, ctx: Context, rest: str) -> Reply:
        """`community welcome COMMUNITY on|off|TEXT`: greet people who join its channel."""
        typed, _, setting = rest.strip().rpartition(" ")
        if " -- " in rest:
            typed, _, setting = rest.partition(" -- ")
        if not typed.strip() or not setting.strip():
            raise UsageError("community", "welcome")
        choice = setting.strip()
        text: str | None
        if choice.casefold() == "off":
            text = None
        elif choice.casefold() == "on":
            text = ""
        else:
            text = clean_field(choice, "welcome text", MAX_WELCOME)
        async with self.database.transaction() as session:
            community = await find_community(session, typed)
            await require_manager(ctx, session, community, "community.welcome")
            community.welcome_text = text
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "community.welcome",
                "community",
                community.id,
                {"on": text is not None},
            )
        if text is None:
            return Reply(f"I won't greet people who join {community.name}'s channel.")
        example = welcome_text(community, "Sam")
        return Reply(f"People who join {community.name}'s channel will see:\n{example}")

    async def greet(self, joined: MemberJoined, name: str) -> str | None:
        """The welcome for `name`, who joined a community's channel, when it has one.

        Nothing is stored about them: joining a channel is not talking to the bot."""
        where = joined.conversation
        async with self.database.transaction() as session:
            community = await CommunityRepository(session).by_channel(
                where.platform, where.workspace_id, where.channel_id
            )
        if community is None or community.welcome_text is None:
            return None
        return welcome_text(community, name)

    async def _community_for(
        self, ctx: Context, session: AsyncSession, typed: str, verb: str
    ) -> Community:
        if typed.strip():
            return await find_community(session, typed)
        conversation = ctx.conversation
        linked = await CommunityRepository(session).by_channel(
            conversation.platform, conversation.workspace_id, conversation.channel_id
        )
        if linked is None:
            raise UsageError(
                "role", verb, "Name the community, or run this in the community's channel."
            )
        return linked


def welcome_text(community: Community, newcomer: str) -> str:
    """The greeting: the community's own words, or a short default that says what to try."""
    intro = community.welcome_text or (
        (f"{community.description}\n" if community.description else "")
        + f"Try `ask` for a question, `coffee join {community.slug}` for intros across "
        "departments, and `event list` for what's coming up."
    )
    return f"👋 Welcome to *{community.name}*, {newcomer}! {intro}"
