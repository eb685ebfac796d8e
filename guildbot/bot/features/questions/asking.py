"""Asking: `ask QUESTION` (and questions addressed to the bot), [Find an expert] under a
question seen in a `suggest` channel, and [Post it to the community channel] when nobody
qualified agreed to be asked.

A question like one resolved before waits as a draft while those are offered (`similar`);
otherwise it is stored, ranked against everyone's expertise, and the best `first_wave`
consenting colleagues are asked privately, each with why them; the rest of the ranking and
the community's facilitators are scheduled for later (see `flow.route`).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply, UserError
from guildbot.bot.features.questions import copy, flow, keys, names, notices, similar
from guildbot.bot.features.questions.buttons import QuestionValue
from guildbot.bot.features.questions.effects import Effects, Outcome
from guildbot.bot.features.questions.executor import Executor
from guildbot.bot.features.questions.locked import LockedQuestion, own_question
from guildbot.bot.features.questions.routing import facilitators_for, find_skills, vocabulary
from guildbot.bot.features.questions.service import QuestionService
from guildbot.bot.i18n.channels import ChannelLanguage, in_languages
from guildbot.bot.mentions import readable
from guildbot.bot.people import mention
from guildbot.bot.scheduler.outbox import Outbox, Target
from guildbot.contract.refs import ConversationKind, MemberRef
from guildbot.matching.text import is_detailed_enough
from guildbot.storage.models import (
    Community,
    CommunityChannel,
    OutboxKind,
    Question,
    QuestionStatus,
)
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.members import MemberRepository
from guildbot.storage.repositories.questions import QuestionRepository

MAX_QUESTION_CHARS = 3_000


async def ask(
    service: QuestionService, ctx: Context, text: str, draft_of: int | None = None
) -> Reply:
    """`ask TEXT`: store the question (or route the draft `draft_of`), ask the best
    colleagues, and tell the asker who."""
    question_text = " ".join(text.split())
    if not is_detailed_enough(question_text):
        return copy.more_detail(ctx.language)
    if len(question_text) > MAX_QUESTION_CHARS:
        raise UserError(copy.too_long(ctx.language, len(question_text), MAX_QUESTION_CHARS))
    settings = service.settings
    async with service.database.transaction() as session:
        opening: Effects = ()
        if draft_of is not None:
            locked = await own_question(session, ctx, draft_of)
            opened = flow.open_draft(locked.state())
            if opened is Outcome.FINISHED:
                return copy.finished_already(ctx.language, locked.id, locked.question.status)
            if isinstance(opened, Outcome):
                return copy.with_colleagues_already(ctx.language, locked.id)
            opening = opened
        else:
            stored = await store_question(session, ctx, question_text, QuestionStatus.OPEN)
            offered = await similar.offer(service, session, stored, ctx.language)
            if offered is not None:
                # Answered before, perhaps: it waits as a draft until the asker says.
                stored.status = QuestionStatus.DRAFT.value
                return offered
            locked = LockedQuestion(stored)
        question = locked.question
        executor = Executor(session, locked, ctx.actor, ctx.now, service.rank, service.language_for)
        await executor.apply(opening)
        suggestions = await service.rank(session, ctx.now, question, exclude=())
        nobody: Reply | None = None
        if not suggestions:
            channel = await community_channel(session, question)
            nobody = copy.nobody_to_ask(
                ctx.language, question.id, community_channel=channel is not None
            )
        else:
            facilitators = await facilitators_for(session, question, ctx.now)
            routed = flow.route(
                locked.state(),
                locked.asked(),
                suggestions,
                facilitators,
                settings,
                ctx.now,
                ctx.actor.timezone,
            )
            await executor.apply(routed)
            first_wave = suggestions[: settings.first_wave]
            people = await names.people(
                session, [s.member_id for s in first_wave], question.platform, ctx.language
            )
    # Counted once the unit of work has committed: a question rolled back was not routed.
    if nobody is not None:
        service.metrics.questions_unrouted.labels(platform=question.platform).inc()
        return nobody
    service.metrics.questions_routed.labels(platform=question.platform).inc()
    later = len(suggestions) - settings.first_wave
    return copy.asked(
        ctx.language,
        question.id,
        [
            copy.Expert(people.get(s.member_id, "?"), copy.reason(ctx.language, s.why, s.reason))
            for s in first_wave
        ],
        min(later, settings.escalation_wave) if later > 0 else 0,
        settings.escalate_after_hours,
    )


async def find_expert(service: QuestionService, ctx: Context, value: str) -> Reply:
    """[Find an expert] under a question seen in a `suggest` channel: route it."""
    pressed = QuestionValue.decode(value)
    if pressed is None:
        return copy.button_expired(ctx.language)
    async with service.database.transaction() as session:
        text = (await own_question(session, ctx, pressed.question_id)).question.text
    return await ask(service, ctx, text, draft_of=pressed.question_id)


async def post_to_community(service: QuestionService, ctx: Context, value: str) -> Reply:
    """[Post it to the community channel] when nobody qualified was found."""
    pressed = QuestionValue.decode(value)
    if pressed is None:
        return copy.button_expired(ctx.language)
    async with service.database.transaction() as session:
        question = (await own_question(session, ctx, pressed.question_id)).question
        channel = await community_channel(session, question)
        if channel is None:
            return copy.no_community_channel(ctx.language)
        asker = await mention(
            session, ctx.actor.member_id, ctx.actor.display_name, channel.platform
        )
        # A channel is read by all its members: its community's language (or both).
        community = await session.get(Community, channel.community_id)
        setting = ChannelLanguage.stored(community.language if community else None)
        await Outbox(session, ctx.now).queue(
            in_languages(
                setting, lambda language: notices.community_post(language, asker, question.text)
            ),
            Target(
                channel.platform,
                channel.workspace_id,
                channel.channel_id,
                None,
                ConversationKind.CHANNEL.value,
            ),
            ctx.now,
            keys.community_post(question.id),
            kind=OutboxKind.NOTICE,
        )
    return copy.posted(ctx.language)


async def store_question(
    session: AsyncSession, ctx: Context, text: str, status: QuestionStatus
) -> Question:
    """The actor's question, stored with the skills it mentions and where it was asked (a
    channel's community, thread)."""
    skills = await vocabulary(session)
    conversation = ctx.conversation
    in_channel = conversation.kind is ConversationKind.CHANNEL
    community = (
        await CommunityRepository(session).by_channel(
            conversation.platform, conversation.workspace_id, conversation.channel_id
        )
        if in_channel
        else None
    )
    text = await _readable(session, text, ctx.mentions)
    return await QuestionRepository(session).add(
        Question(
            asker_id=ctx.actor.member_id,
            text=text,
            tags=list(find_skills(text, skills)),
            community_id=community.id if community else None,
            platform=conversation.platform,
            workspace_id=conversation.workspace_id,
            channel_id=conversation.channel_id if in_channel else None,
            thread_id=conversation.thread_id if in_channel else None,
            status=status.value,
            created_at=ctx.now,
        )
    )


async def community_channel(session: AsyncSession, question: Question) -> CommunityChannel | None:
    """Where the question could be posted: a channel on its platform of its community, else
    of the first of the asker's communities that has one."""
    questions = QuestionRepository(session)
    community_ids: list[int] = []
    if question.community_id is not None:
        community_ids.append(question.community_id)
    community_ids += await questions.communities_of_asker(question.asker_id)
    for community_id in community_ids:
        channel = await questions.community_channel(community_id, question.platform)
        if channel is not None:
            return channel
    return None


async def _readable(session: AsyncSession, text: str, mentions: Sequence[MemberRef]) -> str:
    """What someone wrote, as stored: each mention as ``@Name`` of the member it names."""
    if not mentions:
        return text
    members = MemberRepository(session)
    found: dict[int, str] = {}
    for index, ref in enumerate(mentions):
        member = await members.by_identity(ref.platform, ref.workspace_id, ref.user_id)
        if member is not None:
            found[index] = member.display_name
    return readable(text, found)
