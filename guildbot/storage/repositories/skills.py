"""The skill vocabulary and members' declared skills."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import Member, MemberSkill, Skill, SkillAlias


class SkillRepository:
    """Reads and writes skills, aliases and who declared what."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def vocabulary(self) -> dict[str, list[str]]:
        """Every canonical skill with its aliases: the shared vocabulary (skills awaiting
        review are left out, so nobody's typing is matched to someone else's new word)."""
        rows = await self.session.scalars(select(Skill).where(Skill.pending.is_(False)))
        skills = {s.id: s.name for s in rows.all()}
        vocabulary: dict[str, list[str]] = {name: [] for name in skills.values()}
        for alias in (await self.session.scalars(select(SkillAlias))).all():
            vocabulary[skills[alias.skill_id]].append(alias.alias)
        return vocabulary

    async def by_name(self, name: str) -> Skill | None:
        """A canonical skill by name."""
        return (await self.session.scalars(select(Skill).where(Skill.name == name))).first()

    async def ensure(
        self, name: str, at: datetime, aliases: Iterable[str] = (), pending: bool = False
    ) -> Skill:
        """The skill called `name`, created (with `aliases`; awaiting review when `pending`)
        if new."""
        skill = await self.by_name(name)
        if skill is None:
            skill = Skill(name=name, created_at=at, pending=pending)
            self.session.add(skill)
            await self.session.flush()
            taken = set((await self.session.scalars(select(SkillAlias.alias))).all())
            for alias in dict.fromkeys(aliases):
                if alias not in taken and alias != name:
                    self.session.add(SkillAlias(skill_id=skill.id, alias=alias))
            await self.session.flush()
        return skill

    async def of_member(self, member_id: int) -> list[tuple[str, datetime]]:
        """A member's declared skills (name, declared at), by name."""
        statement = (
            select(Skill.name, MemberSkill.declared_at)
            .join(MemberSkill, MemberSkill.skill_id == Skill.id)
            .where(MemberSkill.member_id == member_id)
            .order_by(Skill.name)
        )
        return [(row.name, row.declared_at) for row in await self.session.execute(statement)]

    async def declare(self, member_id: int, skill: Skill, at: datetime) -> bool:
        """Record that a member has a skill. False when they had already declared it."""
        existing = await self.session.scalar(
            select(MemberSkill.id).where(
                MemberSkill.member_id == member_id, MemberSkill.skill_id == skill.id
            )
        )
        if existing is not None:
            return False
        self.session.add(MemberSkill(member_id=member_id, skill_id=skill.id, declared_at=at))
        await self.session.flush()
        return True

    async def undeclare(self, member_id: int, skill: Skill) -> bool:
        """Remove a declared skill. False when the member had not declared it."""
        result = await self.session.execute(
            delete(MemberSkill).where(
                MemberSkill.member_id == member_id, MemberSkill.skill_id == skill.id
            )
        )
        return bool(getattr(result, "rowcount", 0))

    async def members_with(self, skill: Skill) -> list[Member]:
        """Members who declared a skill, by name."""
        statement = (
            select(Member)
            .join(MemberSkill, MemberSkill.member_id == Member.id)
            .where(MemberSkill.skill_id == skill.id)
            .order_by(Member.display_name)
        )
        return list((await self.session.scalars(statement)).all())

    async def pending(self) -> list[tuple[Skill, int]]:
        """Skills awaiting review, oldest first, with how many members declared each."""
        rows = await self.session.execute(
            select(Skill, func.count(MemberSkill.id))
            .outerjoin(MemberSkill, MemberSkill.skill_id == Skill.id)
            .where(Skill.pending.is_(True))
            .group_by(Skill.id)
            .order_by(Skill.created_at, Skill.id)
        )
        return [(skill, int(count)) for skill, count in rows.all()]

    async def get(self, skill_id: int) -> Skill | None:
        """A skill by id."""
        return await self.session.get(Skill, skill_id)

    async def delete(self, skill: Skill) -> None:
        """Remove a skill (members' declarations of it go with it)."""
        await self.session.delete(skill)
        await self.session.flush()
