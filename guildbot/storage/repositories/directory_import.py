"""The directory import's queries: what a chunk of CSV rows already has, and the bulk writes.

The importer (`guildbot members import`) validates rows and decides what changes; this module
finds members, departments, skills and links in batches, and writes with a few statements per
chunk rather than one per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple, TypedDict

from sqlalchemy import insert, select, update
from sqlalchemy import text as sql
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, SessionTransaction

from guildbot.storage.models import (
    Base,
    Community,
    Department,
    Member,
    Membership,
    MemberSkill,
    Role,
    Skill,
)

# Keeps IN (...) lists well under every backend's bound-parameter limit.
IN_LIST = 900
_MEMBERS = Base.metadata.tables["members"]
_MEMBER_SKILLS = Base.metadata.tables["member_skills"]
_MEMBERSHIPS = Base.metadata.tables["memberships"]


class MemberColumns(NamedTuple):
    """The columns an import may change, of a member already in the database."""

    id: int
    display_name: str
    department_id: int | None
    title: str | None
    timezone: str


class NewMember(TypedDict):
    """A member to insert: the `members` row, as the Core bulk insert takes it."""

    display_name: str
    department_id: int | None
    title: str | None
    timezone: str
    email: str
    locale: str
    available: bool
    is_admin: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CommunityNames:
    """A community's id and the two names a directory file may call it by."""

    id: int
    name: str
    slug: str


class DirectoryImportRepository:
    """The directory import's reads and writes, inside one unit of work."""

    def __init__(self, session: AsyncSession, in_list: int = IN_LIST) -> None:
        self.session = session
        self.in_list = in_list
        self._custom_plans_in: SessionTransaction | None = None

    async def department_ids(self) -> dict[str, int]:
        """Every department's id, by its name."""
        rows = await self.session.execute(select(Department.name, Department.id))
        return {name: department_id for name, department_id in rows.all()}

    async def communities(self) -> list[CommunityNames]:
        """Every community's id, name and slug, in the database's order."""
        rows = await self.session.execute(select(Community.id, Community.name, Community.slug))
        return [CommunityNames(cid, name, slug) for cid, name, slug in rows.all()]

    async def skill_ids(self) -> dict[str, int]:
        """Every canonical skill's id, by its name."""
        rows = await self.session.execute(select(Skill.name, Skill.id))
        return {name: skill_id for name, skill_id in rows.all()}

    async def members_by_email(self, emails: Sequence[str]) -> dict[str, MemberColumns]:
        """The members already holding these e-mail addresses, by e-mail (absent ones left out)."""
        existing: dict[str, MemberColumns] = {}
        if not emails:
            return existing
        await self._use_custom_plans()
        for start in range(0, len(emails), self.in_list):
            batch = emails[start : start + self.in_list]
            found = await self.session.execute(
                select(
                    Member.id,
                    Member.email,
                    Member.display_name,
                    Member.department_id,
                    Member.title,
                    Member.timezone,
                ).where(Member.email.in_(batch))
            )
            existing.update({str(r[1]): MemberColumns(r[0], r[2], r[3], r[4], r[5]) for r in found})
        return existing

    async def add_members(self, members: Sequence[NewMember]) -> dict[str, int]:
        """Insert members; their new ids, by e-mail."""
        if not members:
            return {}
        # Core statements: the ORM's bulk path costs more than the database on 50,000 rows.
        result = await self.session.execute(
            insert(_MEMBERS).returning(_MEMBERS.c.id, _MEMBERS.c.email), members
        )
        return {str(email): mid for mid, email in result.all()}

    async def update_members(self, members: Sequence[MemberColumns]) -> None:
        """Write each member's columns, by id (one bulk UPDATE by primary key)."""
        if members:
            await self.session.execute(update(Member), [m._asdict() for m in members])

    async def add_departments(self, names: Iterable[str]) -> dict[str, int]:
        """Insert departments; their new ids, by name."""
        params = [{"name": name} for name in names]
        if not params:
            return {}
        result = await self.session.execute(
            insert(Department).returning(Department.id, Department.name), params
        )
        return {name: did for did, name in result.all()}

    async def add_skills(self, names: Iterable[str], at: datetime) -> dict[str, int]:
        """Insert canonical skills created `at`; their new ids, by name."""
        params = [{"name": name, "created_at": at} for name in names]
        if not params:
            return {}
        result = await self.session.execute(insert(Skill).returning(Skill.id, Skill.name), params)
        return {name: sid for sid, name in result.all()}

    async def member_skill_pairs(self, member_ids: Sequence[int]) -> set[tuple[int, int]]:
        """(member id, skill id) of every skill these members have declared."""
        return await self._pairs(MemberSkill.member_id, MemberSkill.skill_id, member_ids)

    async def membership_pairs(self, member_ids: Sequence[int]) -> set[tuple[int, int]]:
        """(member id, community id) of every community these members belong to."""
        return await self._pairs(Membership.member_id, Membership.community_id, member_ids)

    async def _pairs(
        self,
        member: InstrumentedAttribute[int],
        other: InstrumentedAttribute[int],
        member_ids: Sequence[int],
    ) -> set[tuple[int, int]]:
        """(member id, other id) rows of a link table for these members, in IN batches."""
        pairs: set[tuple[int, int]] = set()
        if not member_ids:
            return pairs
        await self._use_custom_plans()
        for start in range(0, len(member_ids), self.in_list):
            batch = member_ids[start : start + self.in_list]
            rows = await self.session.execute(select(member, other).where(member.in_(batch)))
            pairs.update((r[0], r[1]) for r in rows.all())
        return pairs

    async def add_member_skills(self, pairs: Iterable[tuple[int, int]], at: datetime) -> None:
        """Record each (member id, skill id) as declared `at`."""
        params = [
            {"member_id": member_id, "skill_id": skill_id, "declared_at": at}
            for member_id, skill_id in pairs
        ]
        if params:
            await self.session.execute(insert(_MEMBER_SKILLS), params)

    async def add_memberships(
        self, pairs: Iterable[tuple[int, int]], role: Role, at: datetime
    ) -> None:
        """Make each (member id, community id) a membership with `role`, joined `at`."""
        params = [
            {
                "member_id": member_id,
                "community_id": community_id,
                "role": role.value,
                "joined_at": at,
            }
            for member_id, community_id in pairs
        ]
        if params:
            await self.session.execute(insert(_MEMBERSHIPS), params)

    async def _use_custom_plans(self) -> None:
        """On PostgreSQL, plan each statement for its own values, until the transaction ends."""
        if self.session.get_bind().dialect.name != "postgresql":
            return
        transaction = self.session.sync_session.get_transaction()
        if transaction is not None and transaction is self._custom_plans_in:
            return  # SET LOCAL holds until this transaction ends
        # asyncpg prepares statements and PostgreSQL soon reuses one generic plan for them,
        # made while the table was small: a sequential scan testing each row against the
        # whole IN (...) list. Re-importing 50,000 members spent 47 s in those lookups.
        await self.session.execute(sql("SET LOCAL plan_cache_mode = force_custom_plan"))
        self._custom_plans_in = self.session.sync_session.get_transaction()
