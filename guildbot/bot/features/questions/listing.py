"""What a member can look up: `ask mine` (their open questions, and those waiting for their
help) and `expertise who TOPIC` (who knows, and why)."""

from __future__ import annotations

from guildbot.bot.context import Context, Reply, UsageError
from guildbot.bot.features.questions import copy, names
from guildbot.bot.features.questions.routing import experts_on
from guildbot.bot.features.questions.service import QuestionService
from guildbot.bot.grammar import Invocation
from guildbot.storage.models import QuestionStatus
from guildbot.storage.repositories.questions import QuestionRepository

# Invitations listed with their buttons, at most: enough to answer, short enough to read.
MAX_WAITING = 5


async def mine(service: QuestionService, ctx: Context) -> Reply:
    """`ask mine`: my open questions, and questions waiting for my answer (with buttons)."""
    async with service.database.transaction() as session:
        questions = QuestionRepository(session)
        mine = await questions.open_questions_of(ctx.actor.member_id)
        waiting = await questions.waiting_for(ctx.actor.member_id, ctx.now)
        helpers = await names.people(
            session,
            [q.helper_id for q in mine if q.helper_id],
            ctx.actor.ref.platform,
            ctx.language,
        )
    listed = [
        copy.OpenQuestion(
            q.id,
            q.text,
            helpers.get(q.helper_id or 0, copy.someone(ctx.language))
            if q.status == QuestionStatus.CONNECTED.value
            else None,
        )
        for q in mine
    ]
    return copy.your_questions(
        ctx.language, listed, [(q.id, q.text) for q in waiting[:MAX_WAITING]]
    )


async def who(service: QuestionService, ctx: Context, invocation: Invocation) -> Reply:
    """`expertise who TOPIC`: consenting members with that expertise, and why."""
    topic = invocation.rest
    if not topic.strip():
        raise UsageError("expertise", "who")
    async with service.database.transaction() as session:
        found = await experts_on(service.routing, session, topic, ctx.now, ctx.actor.member_id)
        people = await names.people(
            session, [s.member_id for s in found], ctx.actor.ref.platform, ctx.language
        )
    experts = [
        copy.Expert(people.get(s.member_id, "?"), copy.reason(ctx.language, s.why, s.reason))
        for s in found
    ]
    return copy.experts_on(ctx.language, topic, experts)
