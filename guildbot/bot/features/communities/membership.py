"""Communities of practice: create, link a channel, join, leave, browse, welcome."""

from __future__ import annotations

from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.features.communities import copy
from guildbot.bot.i18n import Language
from guildbot.bot.i18n.channels import ChannelLanguage, side_by_side
from guildbot.bot.lookup import find_community, name_key, slugify
from guildbot.bot.policy import require_manager
from guildbot.bot.scheduler.payload import Body
from guildbot.bot.text import clean_field
from guildbot.contract.inbound import MemberJoined
from guildbot.contract.refs import ConversationKind, ConversationRef
from guildbot.contract.richtext import RichText
from guildbot.storage.engine import Database
from guildbot.storage.models import Community, Role
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.communities import CommunityRepository

MAX_NAME = 80
MAX_DESCRIPTION = 500
MAX_WELCOME = 500


class Communities:
    """What members do with communities, and what their channels say to newcomers."""

    def __init__(self, database: Database, default_language: Language = Language.EN) -> None:
        self.database = database
        # What a new community posts in until its facilitators choose: the operator's
        # language (GUILDBOT_DEFAULT_LOCALE).
        self.default_language = default_language

    async def create(self, ctx: Context, rest: str) -> Reply:
        """`community create NAME [-- DESCRIPTION]`; the creator becomes its admin, and a
        channel it is created in becomes its channel."""
        name_part, _, description_part = rest.partition("--")
        if not name_part.strip():
            raise UsageError("community", "create")
        name = clean_field(name_part, copy.field(ctx.language, "name"), MAX_NAME, ctx.language)
        description = (
            clean_field(
                description_part,
                copy.field(ctx.language, "description"),
                MAX_DESCRIPTION,
                ctx.language,
            )
            if description_part.strip()
            else ""
        )
        slug = slugify(name)
        if not slug:
            raise UserError(copy.needs_a_letter(ctx.language))
        async with self.database.transaction() as session:
            communities = CommunityRepository(session)
            existing = await communities.by_slug(slug) or next(
                (c for c in await communities.all() if name_key(c.name) == name_key(name)), None
            )
            if existing is not None:
                raise UserError(copy.already_exists(ctx.language, existing.name, existing.slug))
            community = await communities.add(
                Community(
                    name=name,
                    slug=slug,
                    description=description,
                    language=self.default_language.value,
                    created_at=ctx.now,
                )
            )
            await communities.add_membership(community.id, ctx.actor.member_id, Role.ADMIN, ctx.now)
            linked = await _link_if_free(communities, community, ctx.conversation)
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "community.create",
                "community",
                community.id,
                {"slug": slug, "linked_channel": linked},
            )
        return Reply(
            copy.created(ctx.language, name, slug, linked),
            context=copy.others_can_join(ctx.language, slug),
            public=linked,
        )

    async def link(self, ctx: Context, rest: str) -> Reply:
        """`community link COMMUNITY`: this channel becomes the community's channel."""
        if not rest.strip():
            raise UsageError("community", "link")
        if ctx.conversation.kind is not ConversationKind.CHANNEL:
            raise UserError(copy.link_in_a_channel(ctx.language))
        where = ctx.conversation
        async with self.database.transaction() as session:
            community = await find_community(session, rest, ctx.language)
            await require_manager(ctx, session, community, "community.link")
            communities = CommunityRepository(session)
            current = await communities.by_channel(
                where.platform, where.workspace_id, where.channel_id
            )
            if current is not None:
                raise UserError(copy.channel_taken(ctx.language, current.name))
            await communities.link_channel(
                community.id, where.platform, where.workspace_id, where.channel_id
            )
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "community.link",
                "community",
                community.id,
                {"channel": where.channel_id},
            )
        return Reply(copy.channel_linked(ctx.language, community.name), public=True)

    async def join(self, ctx: Context, rest: str) -> Reply:
        """`community join COMMUNITY`."""
        if not rest.strip():
            raise UsageError("community", "join")
        async with self.database.transaction() as session:
            community = await find_community(session, rest, ctx.language)
            communities = CommunityRepository(session)
            if await communities.membership(community.id, ctx.actor.member_id):
                return Reply(copy.already_in(ctx.language, community.name))
            if community.archived_at is not None:
                raise UserError(copy.is_archived(ctx.language, community.name))
            await communities.add_membership(
                community.id, ctx.actor.member_id, Role.MEMBER, ctx.now
            )
            await AuditLog(session).record(
                ctx.now, ctx.actor.member_id, "community.join", "community", community.id
            )
        return Reply(copy.welcome_aboard(ctx.language, community.name))

    async def leave(self, ctx: Context, rest: str) -> Reply:
        """`community leave COMMUNITY`; the last admin must hand over first."""
        if not rest.strip():
            raise UsageError("community", "leave")
        async with self.database.transaction() as session:
            community = await find_community(session, rest, ctx.language)
            communities = CommunityRepository(session)
            membership = await communities.membership(community.id, ctx.actor.member_id)
            if membership is None:
                return Reply(copy.not_in(ctx.language, community.name))
            if membership.role == Role.ADMIN.value:
                admins = await communities.members_with_role(community.id, [Role.ADMIN])
                if len(admins) == 1:
                    raise UserError(copy.only_admin(ctx.language, community.name, community.slug))
            await communities.remove_membership(membership)
            await AuditLog(session).record(
                ctx.now, ctx.actor.member_id, "community.leave", "community", community.id
            )
        return Reply(copy.left(ctx.language, community.name))

    async def list(self, ctx: Context) -> Reply:
        """`community list`: every community with its size, marking the actor's own."""
        async with self.database.transaction() as session:
            communities = CommunityRepository(session)
            everything = [c for c in await communities.all() if c.archived_at is None]
            mine = {c.id: role for c, role in await communities.communities_of(ctx.actor.member_id)}
            rows = [
                (c.name, c.slug, await communities.member_count(c.id), mine.get(c.id))
                for c in everything
            ]
        if not rows:
            return Reply(copy.no_communities(ctx.language))
        return Reply(copy.listing(ctx.language, rows), context=copy.join_hint(ctx.language))

    async def info(self, ctx: Context, rest: str) -> Reply:
        """`community info COMMUNITY`."""
        if not rest.strip():
            raise UsageError("community", "info")
        async with self.database.transaction() as session:
            community = await find_community(session, rest, ctx.language)
            communities = CommunityRepository(session)
            size = await communities.member_count(community.id)
            leads = await communities.members_with_role(
                community.id, [Role.FACILITATOR, Role.ADMIN]
            )
            membership = await communities.membership(community.id, ctx.actor.member_id)
        return Reply(
            copy.info(
                ctx.language,
                community.name,
                community.slug,
                community.description,
                size,
                [m.display_name for m in leads],
                membership.role if membership else None,
            )
        )

    async def welcome(self, ctx: Context, rest: str) -> Reply:
        """`community welcome COMMUNITY [en|fr] on|off|-- TEXT`: greet people who join its
        channel. A text is kept as the welcome in the language named, else in the
        facilitator's own: each language has its own words."""
        typed, _, setting = rest.strip().rpartition(" ")
        if " -- " in rest:
            typed, _, setting = rest.partition(" -- ")
        typed, written_in = _language_named(typed, ctx.language)
        if not typed.strip() or not setting.strip():
            raise UsageError("community", "welcome")
        choice = setting.strip()
        text: str | None
        if choice.casefold() == "off":
            text = None
        elif choice.casefold() == "on":
            text = ""
        else:
            text = clean_field(
                choice, copy.field(ctx.language, "welcome"), MAX_WELCOME, ctx.language
            )
        async with self.database.transaction() as session:
            community = await find_community(session, typed, ctx.language)
            await require_manager(ctx, session, community, "community.welcome")
            if text is None or written_in is Language.EN:
                community.welcome_text = text
            else:
                community.welcome_text_fr = text or None
                if community.welcome_text is None:
                    community.welcome_text = ""  # on, with the standard English words
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "community.welcome",
                "community",
                community.id,
                {"on": text is not None},
            )
        if text is None:
            return Reply(copy.welcome_off(ctx.language, community.name))
        return Reply(
            copy.welcome_preview(ctx.language, community.name, welcome_for(community, "Sam"))
        )

    async def greet(self, joined: MemberJoined, name: str) -> RichText | None:
        """The welcome for `name`, who joined a community's channel, when it has one.

        Nothing is stored about them: joining a channel is not talking to the bot."""
        where = joined.conversation
        async with self.database.transaction() as session:
            community = await CommunityRepository(session).by_channel(
                where.platform, where.workspace_id, where.channel_id
            )
        if community is None or community.welcome_text is None:
            return None
        return welcome_for(community, name)


def _language_named(typed: str, language: Language) -> tuple[str, Language]:
    """The community as typed and the language its welcome text is in: a last word `en` or
    `fr` (`community welcome data-science fr -- Bienvenue !`) names it."""
    head, _, last = typed.strip().rpartition(" ")
    if head.strip() and last.casefold() in ("en", "fr"):
        return head, Language(last.casefold())
    return typed, language


def welcome_for(community: Community, newcomer: str) -> RichText:
    """What `newcomer` sees on joining `community`'s channel: in the language its channel
    posts in, or both versions in one post (`community language`)."""
    setting = ChannelLanguage.stored(community.language)
    versions = [Body(_welcome_in(community, newcomer, lang)) for lang in setting.languages]
    return side_by_side(versions).text


def _welcome_in(community: Community, newcomer: str, language: Language) -> RichText:
    # The community's own words in French where it wrote them, else its words as written,
    # else the standard greeting in `language`.
    own = community.welcome_text
    if language is Language.FR and community.welcome_text_fr:
        own = community.welcome_text_fr
    return copy.welcome(
        language, community.name, community.slug, community.description, own, newcomer
    )


async def _link_if_free(
    communities: CommunityRepository, community: Community, where: ConversationRef
) -> bool:
    """Link the channel a community was created in, unless it is a DM or already taken."""
    if where.kind is not ConversationKind.CHANNEL:
        return False
    if await communities.by_channel(where.platform, where.workspace_id, where.channel_id):
        return False
    await communities.link_channel(
        community.id, where.platform, where.workspace_id, where.channel_id
    )
    return True
