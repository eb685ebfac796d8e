"""A coffee program's history counted in the database, for `coffee stats` and the dashboard.

A year of weekly rounds for a large community is 50,000 groups and 100,000 group members:
reading them to count in Python took a second, so the counting happens here, in a handful of
grouped queries; each pair's first group is found with a window over the program's pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Subquery, and_, case, distinct, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from guildbot.storage.models import (
    CoffeeGroup,
    CoffeeGroupMember,
    CoffeeRound,
    CoffeeRoundStatus,
    Member,
)


@dataclass(frozen=True, slots=True)
class FirstMeetings:
    """On one round's date: the pairs of people from two departments grouped for the first
    time, and how many of those pairs were in a group that said it met."""

    local_date: str  # YYYY-MM-DD, the round's date where the program is held
    pairs: int
    met: int


@dataclass(frozen=True, slots=True)
class History:
    """A program's introduced rounds, counted."""

    round_dates: tuple[str, ...]  # oldest first
    groups: int
    placements: int  # people placed in groups, over all rounds
    asked: int  # groups whose follow-up was due by then
    answered: int  # of those, groups in which someone answered it
    met: int  # of those, groups in which someone said "We met"
    repeats: int  # groups with a pair grouped together in an earlier round
    first_meetings: tuple[FirstMeetings, ...]  # by round date, only dates with some


class CoffeeHistory:
    """Counts over a program's introduced rounds."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def counted(self, program_id: int, now: datetime) -> History:
        """The history of `program_id` as of `now` (which decides the follow-ups due)."""
        introduced = (
            CoffeeRound.program_id == program_id,
            CoffeeRound.status == CoffeeRoundStatus.INTRODUCED.value,
        )
        dates = await self.session.scalars(
            select(CoffeeRound.local_date).where(*introduced).order_by(CoffeeRound.occurrence_at)
        )
        placed = (
            await self.session.execute(
                select(func.count(distinct(CoffeeGroupMember.group_id)), func.count())
                .join(CoffeeGroup, CoffeeGroup.id == CoffeeGroupMember.group_id)
                .join(CoffeeRound, CoffeeRound.id == CoffeeGroup.round_id)
                .where(*introduced)
            )
        ).one()
        asked, answered, met = await self._meeting(program_id, now)
        by_date = await self._pairs_by_date(program_id)
        return History(
            round_dates=tuple(dates.all()),
            groups=int(placed[0] or 0),
            placements=int(placed[1] or 0),
            asked=asked,
            answered=answered,
            met=met,
            repeats=sum(repeats for _, repeats, _, _ in by_date),
            first_meetings=tuple(
                FirstMeetings(date, pairs, pairs_met)
                for date, _, pairs, pairs_met in by_date
                if pairs
            ),
        )

    async def _meeting(self, program_id: int, now: datetime) -> tuple[int, int, int]:
        """Groups whose follow-up was due by `now`; those answered; those that met."""
        per_group = (
            select(
                func.max(case((CoffeeGroupMember.response.is_not(None), 1), else_=0)).label(
                    "answered"
                ),
                func.max(case((CoffeeGroupMember.response == "met", 1), else_=0)).label("met"),
            )
            .join(CoffeeGroup, CoffeeGroup.id == CoffeeGroupMember.group_id)
            .join(CoffeeRound, CoffeeRound.id == CoffeeGroup.round_id)
            .where(
                CoffeeRound.program_id == program_id,
                CoffeeRound.status == CoffeeRoundStatus.INTRODUCED.value,
                CoffeeRound.follow_up_at <= now,
            )
            .group_by(CoffeeGroupMember.group_id)
            .subquery()
        )
        row = (
            await self.session.execute(
                select(
                    func.count(),
                    func.coalesce(func.sum(per_group.c.answered), 0),
                    func.coalesce(func.sum(per_group.c.met), 0),
                )
            )
        ).one()
        return int(row[0]), int(row[1]), int(row[2])

    async def _pairs_by_date(self, program_id: int) -> list[tuple[str, int, int, int]]:
        """Per round date: groups with a pair grouped before; pairs from two departments
        grouped for the first time; how many of those were in a group that met. One pass of
        the window over the program's pairs, summed per group, then per date."""
        pairs = _ranked_pairs(program_id)
        first_across = and_(
            pairs.c.rank == 1,
            pairs.c.x_department.is_not(None),
            pairs.c.y_department.is_not(None),
            pairs.c.x_department != pairs.c.y_department,
        )
        # Every member of a group of two or more is in one of its pairs, so the pairs tell
        # whether someone in the group said they met.
        per_group = (
            select(
                func.max(pairs.c.local_date).label("local_date"),
                func.max(case((pairs.c.rank > 1, 1), else_=0)).label("repeat"),
                func.sum(case((first_across, 1), else_=0)).label("firsts"),
                func.max(pairs.c.met).label("met"),
            )
            .group_by(pairs.c.group_id)
            .subquery()
        )
        statement = (
            select(
                per_group.c.local_date,
                func.sum(per_group.c.repeat),
                func.sum(per_group.c.firsts),
                func.sum(per_group.c.firsts * per_group.c.met),
            )
            .group_by(per_group.c.local_date)
            .order_by(per_group.c.local_date)
        )
        rows = (await self.session.execute(statement)).all()
        return [(str(r[0]), int(r[1] or 0), int(r[2] or 0), int(r[3] or 0)) for r in rows]


def _ranked_pairs(program_id: int) -> Subquery:
    """Every pair placed together in the program's introduced rounds, (x, y) with x < y, with
    their departments, its group and round date, ranked per pair by the round's time (1: the
    first time)."""
    one, other = aliased(CoffeeGroupMember), aliased(CoffeeGroupMember)
    one_member, other_member = aliased(Member), aliased(Member)
    return (
        select(
            one.member_id.label("x"),
            other.member_id.label("y"),
            one_member.department_id.label("x_department"),
            other_member.department_id.label("y_department"),
            one.group_id.label("group_id"),
            CoffeeRound.local_date.label("local_date"),
            case((or_(one.response == "met", other.response == "met"), 1), else_=0).label("met"),
            func.row_number()
            .over(
                partition_by=(one.member_id, other.member_id),
                order_by=(CoffeeRound.occurrence_at, CoffeeRound.id),
            )
            .label("rank"),
        )
        .join(other, and_(other.group_id == one.group_id, other.member_id > one.member_id))
        .join(one_member, one_member.id == one.member_id)
        .join(other_member, other_member.id == other.member_id)
        .join(CoffeeGroup, CoffeeGroup.id == one.group_id)
        .join(CoffeeRound, CoffeeRound.id == CoffeeGroup.round_id)
        .where(
            CoffeeRound.program_id == program_id,
            CoffeeRound.status == CoffeeRoundStatus.INTRODUCED.value,
        )
        .subquery()
    )
