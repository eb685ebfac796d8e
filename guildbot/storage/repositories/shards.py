"""Gateway shard claims: which live instance holds which shard (see `models.ShardClaim`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import ShardClaim


class ShardClaimRepository:
    """Claims, renews and releases shard rows with conditional statements, so two instances
    racing for one shard cannot both win (the row count says who did)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def live(self, platform: str, now: datetime) -> Sequence[ShardClaim]:
        """Claims whose lease has not run out."""
        return (
            await self.session.scalars(
                select(ShardClaim)
                .where(ShardClaim.platform == platform, ShardClaim.lease_until > now)
                .order_by(ShardClaim.shard_id)
            )
        ).all()

    async def claim(
        self,
        platform: str,
        shard_id: int,
        shard_count: int,
        instance: str,
        now: datetime,
        lease_until: datetime,
    ) -> bool:
        """Take a shard that is free, expired or already ours; False when another holds it."""
        values = {
            "shard_count": shard_count,
            "claimed_by": instance,
            "lease_until": lease_until,
            "heartbeat_at": now,
        }
        taken = await self.session.execute(
            update(ShardClaim)
            .where(
                ShardClaim.platform == platform,
                ShardClaim.shard_id == shard_id,
                or_(ShardClaim.lease_until <= now, ShardClaim.claimed_by == instance),
            )
            .values(values)
        )
        if getattr(taken, "rowcount", 0):
            return True
        row = {"platform": platform, "shard_id": shard_id, **values}
        dialect = self.session.get_bind().dialect.name
        statement = (
            postgresql_insert(ShardClaim).values(row).on_conflict_do_nothing()
            if dialect == "postgresql"
            else sqlite_insert(ShardClaim).values(row).on_conflict_do_nothing()
        )
        inserted = await self.session.execute(statement)
        return bool(getattr(inserted, "rowcount", 0))

    async def renew(
        self, platform: str, instance: str, now: datetime, lease_until: datetime
    ) -> int:
        """Extend this instance's live claims; returns how many it still holds."""
        result = await self.session.execute(
            update(ShardClaim)
            .where(
                ShardClaim.platform == platform,
                ShardClaim.claimed_by == instance,
                ShardClaim.lease_until > now,
            )
            .values(lease_until=lease_until, heartbeat_at=now)
        )
        return int(getattr(result, "rowcount", 0))

    async def release(self, platform: str, instance: str) -> int:
        """Give up every claim of this instance (a clean stop frees its shards at once)."""
        result = await self.session.execute(
            delete(ShardClaim).where(
                ShardClaim.platform == platform, ShardClaim.claimed_by == instance
            )
        )
        return int(getattr(result, "rowcount", 0))
