"""Answering an invitation: [I can help], [Not me], [Suggest someone] and
`ask suggest ID @member`, by a colleague who was asked.

Each takes the question's lock first and decides from the question as it is then (see
`locked.py`), so an accept and a "Not me" racing each other never invite anyone to a taken
question, and two "Not me" at once ask one next colleague.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply, UserError
from guildbot.bot.features.questions import copy, flow, names
from guildbot.bot.features.questions.buttons import QuestionValue
from guildbot.bot.features.questions.effects import Outcome
from guildbot.bot.features.questions.executor import Executor
from guildbot.bot.features.questions.locked import (
    LockedQuestion,
    lock_question,
    pressed_question,
)
from guildbot.bot.features.questions.routing import is_away
from guildbot.bot.features.questions.service import QuestionService
from guildbot.bot.i18n import Language
from guildbot.bot.lookup import member_named
from guildbot.bot.people import mention
from guildbot.storage.repositories.expertise import ExpertiseRepository


async def accept(service: QuestionService, ctx: Context, value: str) -> Reply:
    """[I can help]: connect asker and expert; the others are told it's taken."""
    async with service.database.transaction() as session:
        locked = await pressed_question(session, value)
        if locked is None:
            raise _refused(copy.invitation_expired(ctx.language))
        decided = flow.accept(locked.state(), locked.asked(), ctx.actor.member_id, ctx.now)
        if decided is Outcome.HELPING_ALREADY:
            question = locked.question
            asker = await names.mentioned(
                session, question.asker_id, question.platform, ctx.language
            )
            return copy.helping_already(ctx.language, locked.id, asker)
        if decided is Outcome.NOT_INVITED:
            raise _refused(await _not_for_you(session, locked, ctx))
        if isinstance(decided, Outcome):
            return _settled(ctx, locked, decided, copy.taken_or_finished)
        # The lock makes the status read above current; `Take` is a second guard, so a
        # connection can never be made twice.
        if not await Executor(
            session, locked, ctx.actor, ctx.now, service.rank, service.language_for
        ).apply(decided):
            return copy.taken_just_now(ctx.language, locked.id)
        question = locked.question
        asker = await names.mentioned(session, question.asker_id, question.platform, ctx.language)
    return copy.accepted(ctx.language, asker, question.text)


async def decline(service: QuestionService, ctx: Context, value: str) -> Reply:
    """[Not me]: ask the next colleague."""
    async with service.database.transaction() as session:
        locked = await pressed_question(session, value)
        if locked is None:
            raise _refused(copy.invitation_expired(ctx.language))
        decided = flow.decline(locked.state(), locked.asked(), ctx.actor.member_id, ctx.now)
        if decided is Outcome.ANSWERED_ALREADY:
            # A second click on "Not me": the first one has asked the next colleague.
            return copy.noted_already(ctx.language)
        if decided is Outcome.NOT_INVITED:
            raise _refused(await _not_for_you(session, locked, ctx))
        if isinstance(decided, Outcome):
            return _settled(ctx, locked, decided, copy.settled)
        await Executor(
            session, locked, ctx.actor, ctx.now, service.rank, service.language_for
        ).apply(decided)
    return copy.declined(ctx.language)


async def refer_prompt(service: QuestionService, ctx: Context, value: str) -> Reply:
    """[Suggest someone]: buttons cannot carry a name, so ask for it."""
    pressed = QuestionValue.decode(value)
    return copy.who_would_know(ctx.language, pressed.question_id if pressed else None)


async def suggest(
    service: QuestionService, ctx: Context, question_id: int, args: Sequence[str]
) -> Reply:
    """`ask suggest ID @member` (`args`: the words naming the member): ask the named
    colleague instead; it counts as evidence."""
    async with service.database.transaction() as session:
        locked = await lock_question(session, question_id)
        if locked is None:
            raise UserError(copy.not_asked(ctx.language, question_id))
        state, asked = locked.state(), locked.asked()
        blocked = flow.answerable(state, asked, ctx.actor.member_id, ctx.now)
        if blocked is Outcome.NOT_INVITED:
            raise UserError(copy.not_asked(ctx.language, question_id))
        if blocked is not None:
            return _settled(ctx, locked, blocked, copy.settled)
        member = await member_named(ctx, session, " ".join(args))
        colleague = flow.Colleague(
            member.id,
            opted_out=await ExpertiseRepository(session).consent_of(member.id) is False,
            away=is_away(member, ctx.now),
        )
        decided = flow.refer(state, asked, ctx.actor.member_id, colleague, ctx.now)
        if decided is Outcome.OURSELVES:
            raise UserError(copy.someone_else(ctx.language))
        name = await mention(session, member.id, member.display_name, ctx.actor.ref.platform)
        if decided is Outcome.OPTED_OUT:
            return copy.opted_out(ctx.language, name)
        if decided is Outcome.AWAY:
            return copy.away(ctx.language, name)
        if isinstance(decided, Outcome):
            # Already asked: no referral to count, and the actor's invitation stays open.
            return copy.asked_already(ctx.language, name)
        await Executor(
            session, locked, ctx.actor, ctx.now, service.rank, service.language_for
        ).apply(decided)
    return copy.referred(ctx.language, name, question_id)


async def _not_for_you(session: AsyncSession, locked: LockedQuestion, ctx: Context) -> Reply:
    """A press by someone the invitation was not sent to: say whom it was for (by name, so
    that nobody is notified), or that it expired when it was sent to nobody yet."""
    sent = [i.member_id for i in locked.invitations if i.due_at <= ctx.now]
    found = [await names.member(session, member_id) for member_id in sent]
    named = [member.display_name for member in found if member is not None]
    return copy.sent_to(ctx.language, named) if named else copy.invitation_expired(ctx.language)


def _settled(
    ctx: Context,
    locked: LockedQuestion,
    outcome: Outcome,
    message: Callable[[Language, int, bool, str], Reply],
) -> Reply:
    """An invitation's answer once the question is taken or finished — nothing more to do,
    in `message`'s words — or, for someone never sent it, an expired invitation."""
    if outcome is Outcome.NOT_INVITED:
        raise _refused(copy.invitation_expired(ctx.language))
    reply = message(ctx.language, locked.id, outcome is Outcome.TAKEN, locked.question.status)
    # The invitation is over: its message says so in place of its buttons.
    return dataclasses.replace(reply, settled=reply.text)


def _refused(reply: Reply) -> UserError:
    """A press that changes nothing (not the presser's invitation, or an expired one): its
    message keeps its buttons for whoever it was sent to."""
    return UserError(reply.text, reply.buttons)
