"""A question taken under its lock for one unit of work, with its invitations, and the plain
values the flow decides from.

Every unit of work that changes a question starts here: two processes handling the same
question take turns, and the second reads what the first committed (a "Not me" after an
accept asks nobody new; a close after an accept does not undo the connection).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, UserError
from guildbot.bot.features.questions import copy
from guildbot.bot.features.questions.buttons import QuestionValue
from guildbot.bot.features.questions.flow import Asked, QuestionState
from guildbot.storage.models import Invitation, InvitationStatus, Question, QuestionStatus
from guildbot.storage.repositories.questions import InvitationRepository, QuestionRepository


@dataclass
class LockedQuestion:
    """The question's row and its invitations' rows, as the unit of work changes them."""

    question: Question
    invitations: list[Invitation] = field(default_factory=list)

    @property
    def id(self) -> int:
        """The question's id."""
        return self.question.id

    def state(self) -> QuestionState:
        """The question as the flow sees it."""
        question = self.question
        return QuestionState(
            question.id,
            question.asker_id,
            QuestionStatus(question.status),
            question.helper_id,
            in_channel=bool(question.channel_id),
        )

    def asked(self) -> tuple[Asked, ...]:
        """Its invitations as the flow sees them."""
        return tuple(
            Asked(i.member_id, InvitationStatus(i.status), i.due_at, i.position)
            for i in self.invitations
        )

    def invitation(self, member_id: int) -> Invitation:
        """The member's invitation (the flow names only members who have one)."""
        return next(i for i in self.invitations if i.member_id == member_id)


async def lock_question(session: AsyncSession, question_id: int) -> LockedQuestion | None:
    """The question, locked for the rest of the unit of work, with its invitations."""
    question = await QuestionRepository(session).lock(question_id)
    if question is None:
        return None
    return LockedQuestion(question, await InvitationRepository(session).of_question(question_id))


async def pressed_question(session: AsyncSession, value: str) -> LockedQuestion | None:
    """The question a pressed button names (its value a `QuestionValue`), locked; None when
    the value names no question there is."""
    pressed = QuestionValue.decode(value)
    return None if pressed is None else await lock_question(session, pressed.question_id)


async def own_question(session: AsyncSession, ctx: Context, question_id: int) -> LockedQuestion:
    """The actor's own question, locked for the rest of the unit of work."""
    locked = await lock_question(session, question_id)
    if locked is None or locked.question.asker_id != ctx.actor.member_id:
        raise UserError(copy.no_such_question(ctx.language, question_id))
    return locked
