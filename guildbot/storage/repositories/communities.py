"""Communities, their channels and memberships."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import Community, CommunityChannel, Member, Membership, Role


class CommunityRepository:
    """Reads and writes communities and who belongs to them."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, community_id: int) -> Community | None:
        """A community by id."""
        return await self.session.get(Community, community_id)

    async def by_slug(self, slug: str) -> Community | None:
        """A community by its slug."""
        statement = select(Community).where(Community.slug == slug.lower())
        return (await self.session.scalars(statement)).first()

    async def all(self) -> Sequence[Community]:
        """Every community, by name."""
        return (await self.session.scalars(select(Community).order_by(Community.name))).all()

    async def by_channel(
        self, platform: str, workspace_id: str, channel_id: str
    ) -> Community | None:
        """The community a channel is linked to, if any."""
        statement = (
            select(Community)
            .join(CommunityChannel, CommunityChannel.community_id == Community.id)
            .where(
                CommunityChannel.platform == platform,
                CommunityChannel.workspace_id == workspace_id,
                CommunityChannel.channel_id == channel_id,
            )
        )
        return (await self.session.scalars(statement)).first()

    async def channels(self, community_id: int) -> Sequence[CommunityChannel]:
        """The channels linked to a community."""
        statement = select(CommunityChannel).where(CommunityChannel.community_id == community_id)
        return (await self.session.scalars(statement)).all()

    async def add(self, community: Community) -> Community:
        """Insert a community."""
        self.session.add(community)
        await self.session.flush()
        return community

    async def link_channel(
        self, community_id: int, platform: str, workspace_id: str, channel_id: str
    ) -> None:
        """Link a platform channel to a community."""
        self.session.add(
            CommunityChannel(
                community_id=community_id,
                platform=platform,
                workspace_id=workspace_id,
                channel_id=channel_id,
            )
        )
        await self.session.flush()

    async def membership(self, community_id: int, member_id: int) -> Membership | None:
        """A member's membership of a community, if any."""
        statement = select(Membership).where(
            Membership.community_id == community_id, Membership.member_id == member_id
        )
        return (await self.session.scalars(statement)).first()

    async def add_membership(
        self, community_id: int, member_id: int, role: Role, at: datetime
    ) -> Membership:
        """Make a member part of a community."""
        membership = Membership(
            community_id=community_id, member_id=member_id, role=role.value, joined_at=at
        )
        self.session.add(membership)
        await self.session.flush()
        return membership

    async def remove_membership(self, membership: Membership) -> None:
        """Take a member out of a community."""
        await self.session.delete(membership)
        await self.session.flush()

    async def member_count(self, community_id: int) -> int:
        """How many members a community has."""
        statement = select(func.count(Membership.id)).where(Membership.community_id == community_id)
        return int(await self.session.scalar(statement) or 0)

    async def members_with_role(self, community_id: int, roles: Sequence[Role]) -> list[Member]:
        """Members holding one of `roles` in a community, by name."""
        statement = (
            select(Member)
            .join(Membership, Membership.member_id == Member.id)
            .where(
                Membership.community_id == community_id,
                Membership.role.in_([role.value for role in roles]),
            )
            .order_by(Member.display_name)
        )
        return list((await self.session.scalars(statement)).all())

    async def communities_of(self, member_id: int) -> list[tuple[Community, str]]:
        """The communities a member belongs to, with their role in each."""
        statement = (
            select(Community, Membership.role)
            .join(Membership, Membership.community_id == Community.id)
            .where(Membership.member_id == member_id)
            .order_by(Community.name)
        )
        return [(row[0], row[1]) for row in (await self.session.execute(statement)).all()]
