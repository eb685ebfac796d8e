"""A coffee program's history counted in the database, for `coffee stats` and the dashboard.

A year of weekly rounds for a large community is 50,000 groups and 100,000 group members:
reading them to count in Python took a second, so the counting happens here, in a handful of
grouped queries; whether a group repeats a pair and how many new pairs across departments it
makes are counted once, when it is formed, and stored with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import (
    CoffeeGroup,
    CoffeeGroupMember,
    CoffeeRound,
    CoffeeRoundStatus,
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
        grouped for the first time; how many of those were in a group that met (each group
        counted its repeat and new pairs when it was formed: `CoffeeRepository.add_group`)."""
        met = select(CoffeeGroupMember.group_id).where(CoffeeGroupMember.response == "met")
        statement = (
            select(
                CoffeeRound.local_date,
                func.sum(case((CoffeeGroup.repeated.is_(True), 1), else_=0)),
                func.sum(CoffeeGroup.new_pairs_across),
                func.sum(case((CoffeeGroup.id.in_(met), CoffeeGroup.new_pairs_across), else_=0)),
            )
            .join(CoffeeRound, CoffeeRound.id == CoffeeGroup.round_id)
            .where(
                CoffeeRound.program_id == program_id,
                CoffeeRound.status == CoffeeRoundStatus.INTRODUCED.value,
            )
            .group_by(CoffeeRound.local_date)
            .order_by(CoffeeRound.local_date)
        )
        rows = (await self.session.execute(statement)).all()
        return [(str(r[0]), int(r[1] or 0), int(r[2] or 0), int(r[3] or 0)) for r in rows]
