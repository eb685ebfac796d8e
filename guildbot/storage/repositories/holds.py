"""Legal holds: placed, lifted, and whether one is in force for a member."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import LegalHold


class HoldRepository:
    """Reads and writes `legal_holds`."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def in_force(self) -> Sequence[LegalHold]:
        """Every hold not lifted, oldest first."""
        statement = select(LegalHold).where(LegalHold.lifted_at.is_(None)).order_by(LegalHold.id)
        return (await self.session.scalars(statement)).all()

    async def holding(self, member_id: int) -> LegalHold | None:
        """A hold in force on the member (or on everyone), if there is one."""
        statement = (
            select(LegalHold)
            .where(
                LegalHold.lifted_at.is_(None),
                or_(LegalHold.member_id == member_id, LegalHold.member_id.is_(None)),
            )
            .order_by(LegalHold.id)
        )
        return (await self.session.scalars(statement)).first()

    async def everyone_held(self) -> bool:
        """Whether a hold on everyone is in force (then nothing is purged)."""
        statement = select(LegalHold.id).where(
            LegalHold.lifted_at.is_(None), LegalHold.member_id.is_(None)
        )
        return (await self.session.scalar(statement)) is not None

    async def held_members(self) -> set[int]:
        """The members under a hold of their own."""
        statement = select(LegalHold.member_id).where(
            LegalHold.lifted_at.is_(None), LegalHold.member_id.is_not(None)
        )
        return {m for m in (await self.session.scalars(statement)).all() if m is not None}

    async def place(self, member_id: int | None, reason: str, by: str, at: datetime) -> LegalHold:
        """A new hold in force."""
        hold = LegalHold(member_id=member_id, reason=reason, placed_by=by, placed_at=at)
        self.session.add(hold)
        await self.session.flush()
        return hold

    async def lift(self, member_id: int | None, at: datetime) -> int:
        """Lift the holds in force on the member (None: the hold on everyone); how many."""
        condition = (
            LegalHold.member_id.is_(None) if member_id is None else LegalHold.member_id == member_id
        )
        holds = (
            await self.session.scalars(
                select(LegalHold).where(LegalHold.lifted_at.is_(None), condition)
            )
        ).all()
        for hold in holds:
            hold.lifted_at = at
        return len(holds)
