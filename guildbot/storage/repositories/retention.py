"""Retention: what is old enough to go, kind by kind, except what a legal hold keeps.

Each kind has its own period (`Settings.retention_*`); rows are deleted in bulk, and the
foreign keys take what hangs off them (a question's invitations, a round's groups). Rows that
belong to a member under a hold are left alone; a hold on everyone suspends it all (the
caller checks that).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import (
    AuditEntry,
    CoffeeGroup,
    CoffeeGroupMember,
    CoffeeRound,
    CoffeeRoundAnswer,
    EventRsvp,
    Question,
    QuestionStatus,
)

FINISHED_QUESTIONS = (QuestionStatus.RESOLVED.value, QuestionStatus.CLOSED.value)


@dataclass(frozen=True, slots=True)
class Cutoffs:
    """Rows older than these go: closed questions, audit entries, coffee rounds, RSVPs."""

    questions: datetime
    audit: datetime
    coffee: datetime
    rsvps: datetime


@dataclass(frozen=True, slots=True)
class Purged:
    """How many rows of each kind went."""

    questions: int
    audit: int
    coffee_rounds: int
    rsvps: int


async def purge(session: AsyncSession, cutoffs: Cutoffs, held: Collection[int]) -> Purged:
    """Delete what is past its retention, keeping what `held` members' holds keep."""
    keep = list(held)
    questions = await session.execute(
        delete(Question).where(
            Question.status.in_(FINISHED_QUESTIONS),
            Question.closed_at.is_not(None),
            Question.closed_at < cutoffs.questions,
            *_not_in(Question.asker_id, keep),
            *_not_in(Question.resolved_by_id, keep, nullable=True),
        )
    )
    audit = await session.execute(
        delete(AuditEntry).where(
            AuditEntry.at < cutoffs.audit,
            *_not_in(AuditEntry.actor_member_id, keep, nullable=True),
        )
    )
    rounds_with_held = (
        select(CoffeeGroup.round_id)
        .join(CoffeeGroupMember, CoffeeGroupMember.group_id == CoffeeGroup.id)
        .where(CoffeeGroupMember.member_id.in_(keep))
    )
    answers_of_held = select(CoffeeRoundAnswer.round_id).where(
        CoffeeRoundAnswer.member_id.in_(keep)
    )
    coffee = await session.execute(
        delete(CoffeeRound).where(
            CoffeeRound.occurrence_at < cutoffs.coffee,
            *(
                (CoffeeRound.id.not_in(rounds_with_held), CoffeeRound.id.not_in(answers_of_held))
                if keep
                else ()
            ),
        )
    )
    # An answer is for a date; once that date is past the period, it goes (its local start
    # as written, "YYYY-MM-DDTHH:MM:SS", compares as text).
    rsvps = await session.execute(
        delete(EventRsvp).where(
            EventRsvp.occurrence_local < cutoffs.rsvps.strftime("%Y-%m-%dT%H:%M:%S"),
            *_not_in(EventRsvp.member_id, keep),
        )
    )
    return Purged(_rowcount(questions), _rowcount(audit), _rowcount(coffee), _rowcount(rsvps))


def _not_in(column: Any, keep: list[int], nullable: bool = False) -> tuple[Any, ...]:
    """A condition leaving out rows of the `keep` members (none: no condition)."""
    if not keep:
        return ()
    if nullable:
        return (or_(column.is_(None), column.not_in(keep)),)
    return (column.not_in(keep),)


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
