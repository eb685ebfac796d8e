"""Answered questions answer the next asker: before a new question goes to colleagues, up to
three similar resolved questions are offered with who resolved them, with [#N answers it]
and [Still ask].

The question waits as a draft meanwhile, so nobody is asked about something already
answered. [Still ask] is [Find an expert] on the draft (`asking.find_expert`); [#N answers
it] resolves the draft by #N's resolver, which is evidence for them like any resolution.

`SimilarIndex` keeps this process's `matching.similar.SimilarQuestions` of resolved
questions, rebuilt when the resolved questions change (any process may resolve one; a
count, the largest id and the latest close tell).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply
from guildbot.bot.features.questions import copy, flow, names
from guildbot.bot.features.questions.buttons import EarlierAnswerValue
from guildbot.bot.features.questions.effects import Outcome
from guildbot.bot.features.questions.executor import Executor
from guildbot.bot.features.questions.locked import lock_question
from guildbot.bot.i18n import Language
from guildbot.bot.people import mention
from guildbot.contract.refs import ConversationKind, ConversationRef
from guildbot.contract.richtext import ChannelLink
from guildbot.matching.similar import SimilarQuestions
from guildbot.storage.models import Question
from guildbot.storage.repositories.questions import EarlierQuestion, QuestionRepository

if TYPE_CHECKING:  # the service holds this module's index, so it is imported for types only
    from guildbot.bot.features.questions.service import QuestionService


class SimilarIndex:
    """The resolved questions of the deployment, searchable by likeness."""

    def __init__(self) -> None:
        self.questions = SimilarQuestions()
        self._signature: tuple[object, ...] | None = None

    async def current(self, session: AsyncSession) -> SimilarQuestions:
        """The index, rebuilt if a question was resolved (or erased) since it was built."""
        repository = QuestionRepository(session)
        signature = await repository.resolved_signature()
        if signature != self._signature:
            fresh = SimilarQuestions()
            for question_id, text, tags in await repository.resolved_texts():
                fresh.add(question_id, text, tags)
            self.questions = fresh
            self._signature = signature
        return self.questions


async def offer(
    service: QuestionService, session: AsyncSession, question: Question, language: Language
) -> Reply | None:
    """The similar resolved questions to offer before routing `question` (None: there are
    none, so it goes to colleagues at once), in its asker's `language`."""
    index = await service.similar.current(session)
    matches = index.similar(question.text, question.tags, exclude=[question.id])
    if not matches:
        return None
    found = await QuestionRepository(session).earlier([m.key for m in matches])
    earlier = [found[m.key] for m in matches if m.key in found]
    if not earlier:
        return None
    people = await names.people(
        session, {e.resolver_id for e in earlier}, question.platform, language
    )
    return copy.similar_resolved(
        language,
        question.id,
        [
            copy.EarlierAnswer(
                e.id,
                e.text,
                people.get(e.resolver_id, copy.a_colleague_lower(language)),
                copy.month(language, e.resolved_at),
                _where(language, e, question.platform),
            )
            for e in earlier
        ],
    )


async def answered_by_earlier(service: QuestionService, ctx: Context, value: str) -> Reply:
    """[#N answers it]: the draft is resolved by #N's resolver."""
    pressed = EarlierAnswerValue.decode(value)
    if pressed is None:
        return copy.button_expired(ctx.language)
    async with service.database.transaction() as session:
        locked = await lock_question(session, pressed.question_id)
        if locked is None or locked.question.asker_id != ctx.actor.member_id:
            return copy.for_the_asker(ctx.language)
        earlier = (await QuestionRepository(session).earlier([pressed.earlier_id])).get(
            pressed.earlier_id
        )
        if earlier is None:
            return copy.earlier_gone(ctx.language)
        decided = flow.answered_by_earlier(locked.state(), earlier.resolver_id, earlier.id)
        if decided is Outcome.NOT_A_DRAFT:
            return copy.with_colleagues_already(ctx.language, locked.id)
        if isinstance(decided, Outcome):
            return copy.finished_already(ctx.language, locked.id, locked.question.status)
        await Executor(
            session, locked, ctx.actor, ctx.now, service.rank, service.language_for
        ).apply(decided)
        if earlier.resolver_id == ctx.actor.member_id:
            return copy.answered_by_earlier(ctx.language, locked.id, earlier.id, None)
        resolver = await names.member(session, earlier.resolver_id)
        name = await mention(
            session,
            earlier.resolver_id,
            resolver.display_name if resolver else copy.a_colleague_lower(ctx.language),
            ctx.actor.ref.platform,
        )
    return copy.answered_by_earlier(ctx.language, locked.id, earlier.id, name)


def _where(language: Language, earlier: EarlierQuestion, platform: str) -> ChannelLink | None:
    """Where the earlier question was discussed, when that is on the asker's platform."""
    if earlier.channel_id is None or earlier.platform != platform:
        return None
    conversation = ConversationRef(
        earlier.platform,
        earlier.workspace_id,
        earlier.channel_id,
        earlier.thread_id,
        ConversationKind.CHANNEL,
    )
    return ChannelLink(conversation, copy.community_channel(language))
