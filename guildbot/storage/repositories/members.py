"""Departments, members and their platform identities."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import Department, Member, PlatformIdentity


class MemberRepository:
    """Reads and writes people and where they come from."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, member_id: int) -> Member | None:
        """A member by id."""
        return await self.session.get(Member, member_id)

    async def by_identity(self, platform: str, workspace_id: str, user_id: str) -> Member | None:
        """The member behind a platform user id, if we have met them."""
        statement = (
            select(Member)
            .join(PlatformIdentity, PlatformIdentity.member_id == Member.id)
            .where(
                PlatformIdentity.platform == platform,
                PlatformIdentity.workspace_id == workspace_id,
                PlatformIdentity.user_id == user_id,
            )
        )
        return (await self.session.scalars(statement)).first()

    async def by_email(self, email: str) -> Member | None:
        """A member by e-mail address (compared in lower case)."""
        statement = select(Member).where(Member.email == email.lower())
        return (await self.session.scalars(statement)).first()

    async def all_names(self) -> list[tuple[int, str]]:
        """(id, display name) of every member, for name lookups and did-you-mean."""
        rows = await self.session.execute(select(Member.id, Member.display_name))
        return [(row.id, row.display_name) for row in rows]

    async def identities_of(self, member_id: int, platform: str) -> Sequence[PlatformIdentity]:
        """A member's identities on one platform."""
        statement = select(PlatformIdentity).where(
            PlatformIdentity.member_id == member_id, PlatformIdentity.platform == platform
        )
        return (await self.session.scalars(statement)).all()

    async def add(self, member: Member) -> Member:
        """Insert a member and assign its id."""
        self.session.add(member)
        await self.session.flush()
        return member

    async def link_identity(
        self, member_id: int, platform: str, workspace_id: str, user_id: str, at: datetime
    ) -> PlatformIdentity:
        """Record that this platform user is this member."""
        identity = PlatformIdentity(
            member_id=member_id,
            platform=platform,
            workspace_id=workspace_id,
            user_id=user_id,
            created_at=at,
        )
        self.session.add(identity)
        await self.session.flush()
        return identity

    async def count(self) -> int:
        """How many members there are."""
        return int(await self.session.scalar(select(func.count(Member.id))) or 0)


class DepartmentRepository:
    """The organisation's departments."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, department_id: int) -> Department | None:
        """A department by id."""
        return await self.session.get(Department, department_id)

    async def by_name(self, name: str) -> Department | None:
        """A department by exact name, ignoring case."""
        statement = select(Department).where(func.lower(Department.name) == name.lower())
        return (await self.session.scalars(statement)).first()

    async def all(self) -> Sequence[Department]:
        """Every department, by name."""
        return (await self.session.scalars(select(Department).order_by(Department.name))).all()

    async def get_or_create(self, name: str) -> Department:
        """The department called `name`, created if new."""
        existing = await self.by_name(name)
        if existing is not None:
            return existing
        department = Department(name=name)
        self.session.add(department)
        await self.session.flush()
        return department
