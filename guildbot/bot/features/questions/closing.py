"""Ending a question, by its asker: `ask close ID [@member]`, [Resolved by X] and
[Close, no answer needed]. A question resolved by a colleague is evidence that they know
its topic, so it routes the next question on it."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply
from guildbot.bot.features.questions import copy, flow, names
from guildbot.bot.features.questions.buttons import ResolvedByValue
from guildbot.bot.features.questions.effects import Outcome
from guildbot.bot.features.questions.executor import Executor
from guildbot.bot.features.questions.locked import (
    LockedQuestion,
    lock_question,
    own_question,
    pressed_question,
)
from guildbot.bot.features.questions.service import QuestionService
from guildbot.bot.lookup import member_named
from guildbot.bot.people import mention


async def close(service: QuestionService, ctx: Context, question_id: int, resolver: str) -> Reply:
    """`ask close ID [@member]`: resolved (by someone), or closed without an answer."""
    async with service.database.transaction() as session:
        locked = await own_question(session, ctx, question_id)
        if flow.closable(locked.state()) is not None:
            return _finished(ctx, locked)
        if resolver.strip():
            member = await member_named(ctx, session, resolver.strip())
            return await _resolve(service, session, ctx, locked, member.id, member.display_name)
        decided = flow.close(locked.state(), locked.asked())
        if decided is Outcome.HAS_HELPER:
            # Someone has taken it — perhaps a moment ago, racing this close: the asker is
            # being told who helps. Either button then closes it knowingly.
            helper_id = locked.question.helper_id
            assert helper_id is not None
            helper = await names.member(session, helper_id)
            name = helper.display_name if helper else copy.your_helper(ctx.language)
            buttons = copy.answered_buttons(ctx.language, question_id, helper_id, name)
            return copy.was_it_answered(ctx.language, question_id, buttons)
        if isinstance(decided, Outcome):
            return _finished(ctx, locked)
        await Executor(
            session, locked, ctx.actor, ctx.now, service.rank, service.language_for
        ).apply(decided)
    return copy.closed(ctx.language, question_id, hoping=True)


async def resolved_by(service: QuestionService, ctx: Context, value: str) -> Reply:
    """[Resolved by X]."""
    pressed = ResolvedByValue.decode(value)
    if pressed is None:
        return copy.for_the_asker(ctx.language)
    async with service.database.transaction() as session:
        locked = await lock_question(session, pressed.question_id)
        member = await names.member(session, pressed.member_id)
        if locked is None or member is None or locked.question.asker_id != ctx.actor.member_id:
            return copy.for_the_asker(ctx.language)
        return await _resolve(service, session, ctx, locked, member.member_id, member.display_name)


async def close_button(service: QuestionService, ctx: Context, value: str) -> Reply:
    """[Close, no answer needed]."""
    async with service.database.transaction() as session:
        locked = await pressed_question(session, value)
        if locked is None or locked.question.asker_id != ctx.actor.member_id:
            return copy.for_the_asker(ctx.language)
        decided = flow.close_now(locked.state(), locked.asked())
        if isinstance(decided, Outcome):
            return _finished(ctx, locked)
        await Executor(
            session, locked, ctx.actor, ctx.now, service.rank, service.language_for
        ).apply(decided)
    return copy.closed(ctx.language, locked.id)


async def _resolve(
    service: QuestionService,
    session: AsyncSession,
    ctx: Context,
    locked: LockedQuestion,
    member_id: int,
    name: str,
) -> Reply:
    decided = flow.resolve(locked.state(), locked.asked(), member_id)
    if isinstance(decided, Outcome):
        return _finished(ctx, locked)
    await Executor(session, locked, ctx.actor, ctx.now, service.rank, service.language_for).apply(
        decided
    )
    if member_id == locked.question.asker_id:
        return copy.resolved(ctx.language, locked.id, by=None)
    return copy.resolved(
        ctx.language, locked.id, by=await mention(session, member_id, name, ctx.actor.ref.platform)
    )


def _finished(ctx: Context, locked: LockedQuestion) -> Reply:
    return copy.finished_already(ctx.language, locked.id, locked.question.status)
