"""Coffee programs, participants, rounds and groups, and what rounds need of members.

Rounds are unique per (program, occurrence) and inserted with ON CONFLICT DO NOTHING, so two
processes materialising the same occurrence create one round; a round is run by whoever claims
it with a conditional update (and a lease, taken over when it expires).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from guildbot.storage.models import (
    CoffeeGroup,
    CoffeeGroupMember,
    CoffeeNever,
    CoffeeParticipant,
    CoffeeParticipantStatus,
    CoffeeProgram,
    CoffeeRound,
    CoffeeRoundAnswer,
    CoffeeRoundStatus,
    Community,
    Department,
    Member,
    Membership,
    MemberSkill,
    PlatformIdentity,
    Skill,
)

# A member's latest group: the round, the group, their own place in it, the community's name.
GroupMembership = tuple[CoffeeRound, CoffeeGroup, CoffeeGroupMember, str]


@dataclass(frozen=True, slots=True)
class Person:
    """What a round needs to know about a member."""

    member_id: int
    name: str
    department: str
    title: str
    timezone: str
    skills: frozenset[str]
    user_id: str | None  # in the program's workspace
    locale: str = "en"  # their language and region, as stored (what they are written in)
    # The languages they work in ("en+fr"; None: their reading language) and one they want
    # to practise (None: none), as they said with `coffee language` / `coffee practice`.
    working_languages: str | None = None
    practice_language: str | None = None


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

    async def program_with_community(
        self, program_id: int
    ) -> tuple[CoffeeProgram, Community] | None:
        """A program (fresh from the database) and its community, if both still exist."""
        program = await self.program(program_id)
        community = await self.community_of(program) if program is not None else None
        return None if program is None or community is None else (program, community)

    async def community_of(self, program: CoffeeProgram) -> Community | None:
        """The community a program belongs to."""
        return await self.session.get(Community, program.community_id)

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

    async def enrol(self, program_id: int, member_id: int, at: datetime) -> None:
        """A member takes part in a program for the first time."""
        self.session.add(
            CoffeeParticipant(
                program_id=program_id,
                member_id=member_id,
                status=CoffeeParticipantStatus.ACTIVE.value,
                ignored_streak=0,
                joined_at=at,
                updated_at=at,
            )
        )
        await self.session.flush()

    async def change_participant(
        self, program_id: int, member_id: int, at: datetime, **values: Any
    ) -> None:
        """Change a participant's status, snooze or streak (`values` are its columns)."""
        await self.session.execute(
            update(CoffeeParticipant)
            .where(
                CoffeeParticipant.program_id == program_id,
                CoffeeParticipant.member_id == member_id,
            )
            .values(updated_at=at, **values)
        )

    # -- members, as rounds see them -----------------------------------------------------------

    async def reachable_members(
        self, community_id: int, platform: str, workspace_id: str
    ) -> set[int]:
        """The community's members the program's platform and workspace can reach."""
        rows = await self.session.scalars(
            select(Membership.member_id)
            .join(PlatformIdentity, PlatformIdentity.member_id == Membership.member_id)
            .where(
                Membership.community_id == community_id,
                PlatformIdentity.platform == platform,
                PlatformIdentity.workspace_id == workspace_id,
            )
        )
        return set(rows.all())

    async def people(
        self, member_ids: Collection[int], platform: str, workspace_id: str
    ) -> dict[int, Person]:
        """Names, departments, titles, zones, skills and user ids (on the platform, in the
        workspace) of some members."""
        ids = list(member_ids)
        if not ids:
            return {}
        rows = await self.session.execute(
            select(Member, Department.name)
            .outerjoin(Department, Department.id == Member.department_id)
            .where(Member.id.in_(ids))
        )
        skills: dict[int, set[str]] = {}
        for member_id, name in (
            await self.session.execute(
                select(MemberSkill.member_id, Skill.name)
                .join(Skill, Skill.id == MemberSkill.skill_id)
                .where(MemberSkill.member_id.in_(ids))
            )
        ).all():
            skills.setdefault(member_id, set()).add(name)
        users = dict(
            (
                await self.session.execute(
                    select(PlatformIdentity.member_id, PlatformIdentity.user_id).where(
                        PlatformIdentity.member_id.in_(ids),
                        PlatformIdentity.platform == platform,
                        PlatformIdentity.workspace_id == workspace_id,
                    )
                )
            ).all()
        )
        return {
            member.id: Person(
                member.id,
                member.display_name,
                department or "",
                member.title or "",
                member.timezone,
                frozenset(skills.get(member.id, ())),
                users.get(member.id),
                member.locale,
                member.working_languages,
                member.practice_language,
            )
            for member, department in rows.all()
        }

    async def names(self, member_ids: Collection[int]) -> dict[int, str]:
        """Display names of some members."""
        if not member_ids:
            return {}
        rows = await self.session.execute(
            select(Member.id, Member.display_name).where(Member.id.in_(list(member_ids)))
        )
        return {member_id: name for member_id, name in rows.all()}

    async def locales(self, member_ids: Collection[int]) -> dict[int, str]:
        """The stored locale of each of some members (what they are written to in)."""
        if not member_ids:
            return {}
        rows = await self.session.execute(
            select(Member.id, Member.locale).where(Member.id.in_(list(member_ids)))
        )
        return {member_id: locale for member_id, locale in rows.all()}

    async def departments(self, member_ids: Collection[int]) -> dict[int, int]:
        """The department of each of some members who has one."""
        if not member_ids:
            return {}
        rows = await self.session.execute(
            select(Member.id, Member.department_id).where(Member.id.in_(list(member_ids)))
        )
        return {member_id: dept for member_id, dept in rows.all() if dept is not None}

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

    async def rounds(
        self, program_id: int, statuses: Sequence[CoffeeRoundStatus]
    ) -> list[CoffeeRound]:
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

    async def last_introduced_before(
        self, program_id: int, occurrence_at: datetime
    ) -> CoffeeRound | None:
        """The program's latest round introduced before an occurrence."""
        statement = (
            select(CoffeeRound)
            .where(
                CoffeeRound.program_id == program_id,
                CoffeeRound.status == CoffeeRoundStatus.INTRODUCED.value,
                CoffeeRound.occurrence_at < occurrence_at,
            )
            .order_by(CoffeeRound.occurrence_at.desc())
        )
        return (await self.session.scalars(statement)).first()

    async def skip_scheduled(self, program_id: int, note: str) -> int:
        """Skip the program's rounds that have not run yet (saying why); how many."""
        result = await self.session.execute(
            update(CoffeeRound)
            .where(
                CoffeeRound.program_id == program_id,
                CoffeeRound.status == CoffeeRoundStatus.SCHEDULED.value,
            )
            .values(status=CoffeeRoundStatus.SKIPPED.value, note=note)
        )
        return _rowcount(result)

    async def record_outcome(self, round_id: int, total: float, note: str | None) -> None:
        """A formed round's total score, and (when someone could not be placed) why."""
        noted = {} if note is None else {"note": note}
        await self.session.execute(
            update(CoffeeRound).where(CoffeeRound.id == round_id).values(total=total, **noted)
        )

    async def past_groups(
        self, program_id: int, limit: int
    ) -> list[tuple[str, list[tuple[int, ...]]]]:
        """The program's latest introduced rounds (oldest first, at most `limit`): each
        round's local date and the members of each of its groups."""
        rounds = (await self.rounds(program_id, [CoffeeRoundStatus.INTRODUCED]))[-limit:]
        groups = await self.groups([r.id for r in rounds])
        members: dict[int, list[int]] = {}
        for row in await self.group_members([g.id for g in groups]):
            members.setdefault(row.group_id, []).append(row.member_id)
        by_round: dict[int, list[tuple[int, ...]]] = {}
        for group in groups:
            by_round.setdefault(group.round_id, []).append(tuple(members.get(group.id, [])))
        return [(r.local_date, by_round.get(r.id, [])) for r in rounds]

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

    async def add_group(
        self,
        round_id: int,
        position: int,
        score: float,
        reason: str,
        proposer_id: int,
        member_ids: Sequence[int],
        reason_parts: Sequence[Mapping[str, Any]] = (),
    ) -> CoffeeGroup:
        """Store a group of a round with its members, and what it adds to the program's
        history: whether two of them were grouped in an earlier introduced round, and how
        many of its pairs from two departments meet for the first time."""
        ids = sorted(set(member_ids))
        pairs = {(a, b) for index, a in enumerate(ids) for b in ids[index + 1 :]}
        before = await self._grouped_before(round_id, ids) if pairs else set()
        departments = await self.departments(ids)
        group = CoffeeGroup(
            round_id=round_id,
            position=position,
            score=score,
            reason=reason,
            reason_parts=[dict(part) for part in reason_parts] or None,
            proposer_id=proposer_id,
            repeated=bool(pairs & before),
            new_pairs_across=sum(
                1
                for a, b in pairs - before
                if a in departments and b in departments and departments[a] != departments[b]
            ),
        )
        self.session.add(group)
        await self.session.flush()
        for member_id in member_ids:
            self.session.add(CoffeeGroupMember(group_id=group.id, member_id=member_id))
        await self.session.flush()
        return group

    async def _grouped_before(self, round_id: int, ids: Sequence[int]) -> set[tuple[int, int]]:
        """The pairs among `ids` grouped together in the program's introduced rounds other
        than `round_id` (each member's groups, by the member index)."""
        one, other = aliased(CoffeeGroupMember), aliased(CoffeeGroupMember)
        program = select(CoffeeRound.program_id).where(CoffeeRound.id == round_id)
        rows = await self.session.execute(
            select(one.member_id, other.member_id)
            .join(other, and_(other.group_id == one.group_id, other.member_id > one.member_id))
            .join(CoffeeGroup, CoffeeGroup.id == one.group_id)
            .join(CoffeeRound, CoffeeRound.id == CoffeeGroup.round_id)
            .where(
                one.member_id.in_(ids),
                other.member_id.in_(ids),
                CoffeeRound.program_id == program.scalar_subquery(),
                CoffeeRound.status == CoffeeRoundStatus.INTRODUCED.value,
                CoffeeRound.id != round_id,
            )
        )
        return {(int(a), int(b)) for a, b in rows.all()}

    async def group_member_ids(self, group_id: int) -> list[int]:
        """Who is in a group."""
        return [row.member_id for row in await self.group_members([group_id])]

    async def answered_follow_ups(self, round_id: int) -> dict[int, bool]:
        """Everyone grouped in a round, and whether they answered its follow-up."""
        rows = await self.session.execute(
            select(CoffeeGroupMember.member_id, CoffeeGroupMember.response)
            .join(CoffeeGroup, CoffeeGroup.id == CoffeeGroupMember.group_id)
            .where(CoffeeGroup.round_id == round_id)
        )
        return {member_id: response is not None for member_id, response in rows.all()}

    async def record_response(
        self, group_id: int, member_id: int, response: str, at: datetime
    ) -> bool:
        """A group member's answer to the follow-up; False when they are not in the group."""
        result = await self.session.execute(
            update(CoffeeGroupMember)
            .where(CoffeeGroupMember.group_id == group_id, CoffeeGroupMember.member_id == member_id)
            .values(response=response, responded_at=at)
        )
        return _rowcount(result) == 1

    async def proposals(self, program_id: int) -> dict[int, int]:
        """How often each member proposed a time in a program's groups."""
        rows = await self.session.execute(
            select(CoffeeGroup.proposer_id, func.count(CoffeeGroup.id))
            .join(CoffeeRound, CoffeeRound.id == CoffeeGroup.round_id)
            .where(CoffeeRound.program_id == program_id, CoffeeGroup.proposer_id.is_not(None))
            .group_by(CoffeeGroup.proposer_id)
        )
        return {int(member): int(count) for member, count in rows.all() if member is not None}

    async def memberships_of(self, member_id: int, limit: int = 10) -> list[GroupMembership]:
        """A member's latest groups: (round, group, their place, community name), newest
        first."""
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
        return [(row[0], row[1], row[2], row[3]) for row in rows.all()]
