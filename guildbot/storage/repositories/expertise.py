"""What expert routing knows about people: evidence of who knows what, each member's consent
to be asked, the organisation's default, and the facts candidates are ranked with."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import (
    Department,
    ExpertiseConsent,
    ExpertiseEvidence,
    Member,
    MemberSkill,
    OrganisationSetting,
    Skill,
)

CONSENT_DEFAULT_KEY = "expertise.consent_default"


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One row of evidence, as the routing index reads it."""

    id: int
    member_id: int
    kind: str
    text: str
    tags: tuple[str, ...]
    at: datetime
    question_id: int | None = None  # the question it is about, when there is one


@dataclass(frozen=True, slots=True)
class DeclaredSkill:
    """A skill a member declared, as the routing index reads it."""

    id: int
    member_id: int
    name: str
    declared_at: datetime


@dataclass(frozen=True, slots=True)
class NamedMember:
    """A member's name and department, as messages name them."""

    member_id: int
    display_name: str
    department: str | None


class ExpertiseRepository:
    """Reads and writes evidence, consent and the organisation's consent default."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # -- evidence ------------------------------------------------------------------------------

    async def evidence_after(self, last_id: int) -> list[EvidenceRow]:
        """Evidence recorded after the row `last_id`, in id order."""
        rows = await self.session.execute(
            select(
                ExpertiseEvidence.id,
                ExpertiseEvidence.member_id,
                ExpertiseEvidence.kind,
                ExpertiseEvidence.text,
                ExpertiseEvidence.tags,
                ExpertiseEvidence.at,
                ExpertiseEvidence.question_id,
            )
            .where(ExpertiseEvidence.id > last_id)
            .order_by(ExpertiseEvidence.id)
        )
        return [
            EvidenceRow(
                row.id, row.member_id, row.kind, row.text, tuple(row.tags), row.at, row.question_id
            )
            for row in rows
        ]

    async def skills_declared_after(self, last_id: int) -> list[DeclaredSkill]:
        """Skills declared after the declaration `last_id`, in id order."""
        rows = await self.session.execute(
            select(MemberSkill.id, MemberSkill.member_id, MemberSkill.declared_at, Skill.name)
            .join(Skill, Skill.id == MemberSkill.skill_id)
            .where(MemberSkill.id > last_id)
            .order_by(MemberSkill.id)
        )
        return [DeclaredSkill(row.id, row.member_id, row.name, row.declared_at) for row in rows]

    async def add_evidence(
        self,
        member_id: int,
        kind: str,
        text: str,
        tags: Iterable[str],
        question_id: int | None,
        at: datetime,
    ) -> None:
        """Record that the member showed they know what `text` is about."""
        self.session.add(
            ExpertiseEvidence(
                member_id=member_id,
                kind=kind,
                text=text,
                tags=list(tags),
                question_id=question_id,
                at=at,
            )
        )

    # -- consent -------------------------------------------------------------------------------

    async def consent_of(self, member_id: int) -> bool | None:
        """The member's explicit choice about being asked (None: they never chose)."""
        return await self.session.scalar(
            select(ExpertiseConsent.opted_in).where(ExpertiseConsent.member_id == member_id)
        )

    async def consents_of(self, member_ids: Sequence[int]) -> dict[int, bool]:
        """The explicit choices of those of the members who made one."""
        rows = await self.session.execute(
            select(ExpertiseConsent.member_id, ExpertiseConsent.opted_in).where(
                ExpertiseConsent.member_id.in_(member_ids)
            )
        )
        return {member: bool(opted_in) for member, opted_in in rows}

    async def set_consent(self, member_id: int, opted_in: bool, at: datetime) -> None:
        """Record the member's choice."""
        row = await self.session.scalar(
            select(ExpertiseConsent).where(ExpertiseConsent.member_id == member_id)
        )
        if row is None:
            self.session.add(
                ExpertiseConsent(member_id=member_id, opted_in=opted_in, updated_at=at)
            )
            return
        row.opted_in = opted_in
        row.updated_at = at

    async def consent_default(self) -> str | None:
        """The organisation's default for members who never chose ("in" or "out"), if set."""
        return await self.session.scalar(
            select(OrganisationSetting.value).where(OrganisationSetting.key == CONSENT_DEFAULT_KEY)
        )

    async def set_consent_default(self, value: str, at: datetime) -> None:
        """Record the organisation's default."""
        row = await self.session.scalar(
            select(OrganisationSetting).where(OrganisationSetting.key == CONSENT_DEFAULT_KEY)
        )
        if row is None:
            self.session.add(
                OrganisationSetting(key=CONSENT_DEFAULT_KEY, value=value, updated_at=at)
            )
            return
        row.value = value
        row.updated_at = at

    # -- the people routing ranks and names ----------------------------------------------------

    async def members(self, member_ids: Sequence[int]) -> Sequence[Member]:
        """The members with these ids (those that exist)."""
        if not member_ids:
            return []
        return (await self.session.scalars(select(Member).where(Member.id.in_(member_ids)))).all()

    async def declared_any(self, member_ids: Sequence[int]) -> set[int]:
        """Those of the members who declared at least one skill."""
        rows = await self.session.scalars(
            select(MemberSkill.member_id).where(MemberSkill.member_id.in_(member_ids))
        )
        return set(rows.all())

    async def named(self, member_ids: Iterable[int]) -> dict[int, NamedMember]:
        """The members' names and departments, by id."""
        ids = list(dict.fromkeys(member_ids))
        if not ids:
            return {}
        rows = await self.session.execute(
            select(Member.id, Member.display_name, Department.name)
            .outerjoin(Department, Department.id == Member.department_id)
            .where(Member.id.in_(ids))
        )
        return {row[0]: NamedMember(row[0], str(row[1]), row[2]) for row in rows.all()}
