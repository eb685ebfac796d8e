"""Coffee programs, participants, rounds and groups.

Rounds are unique per (program, occurrence) and inserted with ON CONFLICT DO NOTHING, so two
processes materialising the same occurrence create one round; a round is run by whoever claims
it with a conditional update (and a lease, taken over when it expires).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import (
    CoffeeGroup,
    CoffeeGroupMember,
    CoffeeNever,
    CoffeeParticipant,
    CoffeeProgram,
    CoffeeRound,
    CoffeeRoundAnswer,
    CoffeeRoundStatus,
    Community,
)


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


class CoffeeRepository:
    """Reads and writes everything coffee."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _insert(self, model: Any) -> Any:
        dialect = self.session.get_bind().dialect.name
        return postgresql_insert(model) if dialect == "postgresql" else sqlite_insert(model)

    # -- programs ----------------------------------------------------------------------------

    async def program(self, program_id: int) -> CoffeeProgram | None:
        """A program by id, fresh from the database."""
        return await self.session.get(CoffeeProgram, program_id, populate_existing=True)

    async def program_of(self, community_id: int) -> CoffeeProgram | None:
        """A community's program, if it has one."""
        statement = select(CoffeeProgram).where(CoffeeProgram.community_id == community_id)
        return (await self.session.scalars(statement)).first()

    async def add(self, row: Any) -> Any:
        """Insert any coffee row and assign its id."""
        self.session.add(row)
        await self.session.flush()
        return row

    async def programs_with_communities(
        self, community_ids: Collection[int] | None = None
    ) -> list[tuple[CoffeeProgram, Community]]:
        """Programs and their communities (all, or those of `community_ids`)."""
        statement = select(CoffeeProgram, Community).join(
            Community, Community.id == CoffeeProgram.community_id
        )
        if community_ids is not None:
            statement = statement.where(CoffeeProgram.community_id.in_(list(community_ids)))
        rows = await self.session.execute(statement.order_by(Community.name))
        return [(row[0], row[1]) for row in rows.all()]

    # -- participants ------------------------------------------------------------------------

    async def participant(self, program_id: int, member_id: int) -> CoffeeParticipant | None:
        """A member's participation in a program."""
        statement = select(CoffeeParticipant).where(
            CoffeeParticipant.program_id == program_id, CoffeeParticipant.member_id == member_id
        )
        return (await self.session.scalars(statement)).first()

    async def participants(self, program_id: int) -> list[CoffeeParticipant]:
        """Everyone who ever joined a program."""
        statement = select(CoffeeParticipant).where(CoffeeParticipant.program_id == program_id)
        return list((await self.session.scalars(statement)).all())

    async def participations_of(self, member_id: int) -> list[CoffeeParticipant]:
        """A member's participations, in every program."""
        statement = select(CoffeeParticipant).where(CoffeeParticipant.member_id == member_id)
        return list((await self.session.scalars(statement)).all())

    # -- never-pairs ---------------------------------------------------------------------------

    async def add_never(self, member_id: int, other_id: int, at: datetime) -> bool:
        """Record a never-pair; False when it was already there."""
        statement = (
            self._insert(CoffeeNever)
            .values(member_id=member_id, other_id=other_id, created_at=at)
            .on_conflict_do_nothing()
        )
        return _rowcount(await self.session.execute(statement)) == 1

    async def never_pairs(self, member_ids: Collection[int]) -> list[tuple[int, int]]:
        """Never-pairs between the given members (either of them may have asked)."""
        ids = list(member_ids)
        rows = await self.session.execute(
            select(CoffeeNever.member_id, CoffeeNever.other_id).where(
                CoffeeNever.member_id.in_(ids), CoffeeNever.other_id.in_(ids)
            )
        )
        return [(a, b) for a, b in rows.all()]

    async def never_of(self, member_id: int) -> list[int]:
        """Whom a member asked never to be paired with."""
        rows = await self.session.scalars(
            select(CoffeeNever.other_id).where(CoffeeNever.member_id == member_id)
        )
        return list(rows.all())

    # -- rounds ------------------------------------------------------------------------------

    async def insert_round(self, values: dict[str, Any]) -> bool:
        """Create a round unless its (program, occurrence) exists. True when created."""
        statement = self._insert(CoffeeRound).values(values).on_conflict_do_nothing()
        return _rowcount(await self.session.execute(statement)) == 1

    async def round_at(self, program_id: int, occurrence_at: datetime) -> CoffeeRound | None:
        """The round of a program at an occurrence."""
        statement = select(CoffeeRound).where(
            CoffeeRound.program_id == program_id, CoffeeRound.occurrence_at == occurrence_at
        )
        return (await self.session.scalars(statement)).first()

    async def get_round(self, round_id: int) -> CoffeeRound | None:
        """A round by id, fresh from the database."""
        return await self.session.get(CoffeeRound, round_id, populate_existing=True)

    async def next_scheduled(self, program_id: int) -> CoffeeRound | None:
        """The program's soonest round that has not run yet."""
        statement = (
            select(CoffeeRound)
            .where(
                CoffeeRound.program_id == program_id,
                CoffeeRound.status == CoffeeRoundStatus.SCHEDULED.value,
            )
            .order_by(CoffeeRound.occurrence_at)
        )
        return (await self.session.scalars(statement)).first()

    async def due_rounds(self, now: datetime, platforms: Collection[str]) -> list[CoffeeRound]:
        """Rounds to run now: scheduled and due, or claimed by a process whose lease ran out."""
        statement = (
            select(CoffeeRound)
            .join(CoffeeProgram, CoffeeProgram.id == CoffeeRound.program_id)
            .where(
                CoffeeProgram.platform.in_(list(platforms)),
                CoffeeRound.occurrence_at <= now,
                or_(
                    CoffeeRound.status == CoffeeRoundStatus.SCHEDULED.value,
                    and_(
                        CoffeeRound.status == CoffeeRoundStatus.RUNNING.value,
                        CoffeeRound.lease_until < now,
                    ),
                ),
            )
            .order_by(CoffeeRound.occurrence_at)
            .limit(50)
        )
        return list((await self.session.scalars(statement)).all())

    async def claim_round(
        self, round_id: int, instance: str, now: datetime, lease: timedelta
    ) -> bool:
        """Take a round to run it; False when another process has it."""
        result = await self.session.execute(
            update(CoffeeRound)
            .where(
                CoffeeRound.id == round_id,
                or_(
                    CoffeeRound.status == CoffeeRoundStatus.SCHEDULED.value,
                    and_(
                        CoffeeRound.status == CoffeeRoundStatus.RUNNING.value,
                        CoffeeRound.lease_until < now,
                    ),
                ),
            )
            .values(
                status=CoffeeRoundStatus.RUNNING.value,
                claimed_by=instance,
                lease_until=now + lease,
            )
        )
        return _rowcount(result) == 1

    async def finish_round(
        self, round_id: int, instance: str, status: CoffeeRoundStatus, **values: Any
    ) -> bool:
        """Move a round we hold to its outcome."""
        result = await self.session.execute(
            update(CoffeeRound)
            .where(
                CoffeeRound.id == round_id,
                CoffeeRound.status == CoffeeRoundStatus.RUNNING.value,
                CoffeeRound.claimed_by == instance,
            )
            .values(status=status.value, lease_until=None, **values)
        )
        return _rowcount(result) == 1

    async def rounds(self, program_id: int, statuses: Sequence[CoffeeRoundStatus]) -> list[Any]:
        """A program's rounds in these statuses, oldest first."""
        statement = (
            select(CoffeeRound)
            .where(
                CoffeeRound.program_id == program_id,
                CoffeeRound.status.in_([s.value for s in statuses]),
            )
            .order_by(CoffeeRound.occurrence_at)
        )
        return list((await self.session.scalars(statement)).all())

    # -- answers -----------------------------------------------------------------------------

    async def answer(self, round_id: int, member_id: int, joining: bool, at: datetime) -> None:
        """Record (or change) a member's "in this time?" answer."""
        existing = (
            await self.session.scalars(
                select(CoffeeRoundAnswer).where(
                    CoffeeRoundAnswer.round_id == round_id,
                    CoffeeRoundAnswer.member_id == member_id,
                )
            )
        ).first()
        if existing is None:
            self.session.add(
                CoffeeRoundAnswer(
                    round_id=round_id, member_id=member_id, joining=joining, answered_at=at
                )
            )
        else:
            existing.joining = joining
            existing.answered_at = at
        await self.session.flush()

    async def joining(self, round_id: int) -> set[int]:
        """Who said they are in for a round."""
        rows = await self.session.scalars(
            select(CoffeeRoundAnswer.member_id).where(
                CoffeeRoundAnswer.round_id == round_id, CoffeeRoundAnswer.joining.is_(True)
            )
        )
        return set(rows.all())

    # -- groups ------------------------------------------------------------------------------

    async def groups(self, round_ids: Collection[int]) -> list[CoffeeGroup]:
        """The groups of some rounds, by round and position."""
        statement = (
            select(CoffeeGroup)
            .where(CoffeeGroup.round_id.in_(list(round_ids)))
            .order_by(CoffeeGroup.round_id, CoffeeGroup.position)
        )
        return list((await self.session.scalars(statement)).all())

    async def group_members(self, group_ids: Collection[int]) -> list[CoffeeGroupMember]:
        """The members of some groups."""
        statement = (
            select(CoffeeGroupMember)
            .where(CoffeeGroupMember.group_id.in_(list(group_ids)))
            .order_by(CoffeeGroupMember.group_id, CoffeeGroupMember.id)
        )
        return list((await self.session.scalars(statement)).all())

    async def proposals(self, program_id: int) -> dict[int, int]:
        """How often each member proposed a time in a program's groups."""
        rows = await self.session.execute(
            select(CoffeeGroup.proposer_id, func.count(CoffeeGroup.id))
            .join(CoffeeRound, CoffeeRound.id == CoffeeGroup.round_id)
            .where(CoffeeRound.program_id == program_id, CoffeeGroup.proposer_id.is_not(None))
            .group_by(CoffeeGroup.proposer_id)
        )
        return {int(member): int(count) for member, count in rows.all() if member is not None}

    async def memberships_of(self, member_id: int, limit: int = 10) -> list[Any]:
        """A member's latest groups: (round, group, community name), newest first."""
        rows = await self.session.execute(
            select(CoffeeRound, CoffeeGroup, CoffeeGroupMember, Community.name)
            .join(CoffeeGroup, CoffeeGroup.id == CoffeeGroupMember.group_id)
            .join(CoffeeRound, CoffeeRound.id == CoffeeGroup.round_id)
            .join(CoffeeProgram, CoffeeProgram.id == CoffeeRound.program_id)
            .join(Community, Community.id == CoffeeProgram.community_id)
            .where(CoffeeGroupMember.member_id == member_id)
            .order_by(CoffeeRound.occurrence_at.desc(), CoffeeGroup.id.desc())
            .limit(limit)
        )
        return list(rows.all())
