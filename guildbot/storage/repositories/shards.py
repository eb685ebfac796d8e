"""Gateway shard claims: which live instance holds which shard (see `models.ShardClaim`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import ShardClaim

_CLAIM_LOCK = 0x5348  # advisory lock class for shard claims ("SH")


class ShardClaimRepository:
    """Claims, renews and releases shard rows with conditional statements, so two instances
    racing for one shard cannot both win (the row count says who did)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock(self, platform: str) -> None:
        """Hold the platform's claim lock until the transaction ends, so that instances
        starting at once check and claim one after another (neither would otherwise see
        the other's uncommitted claims, e.g. with a different shard count).

        PostgreSQL: a transaction-level advisory lock. SQLite: a write as the transaction's
        first statement takes the database's write lock at once (waiting out another
        writer), instead of reading first and failing to upgrade a stale snapshot.
        """
        if self.session.get_bind().dialect.name == "postgresql":
            await self.session.execute(
                select(func.pg_advisory_xact_lock(_CLAIM_LOCK, func.hashtext(platform)))
            )
        else:
            await self.session.execute(
                update(ShardClaim)
                .where(ShardClaim.platform == platform)
                .values(platform=ShardClaim.platform)
            )

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
        """Extend this instance's claims; returns how many it still holds. A claim whose
        lease ran out (a heartbeat delayed by a database outage) is still this instance's
        as long as no other instance took it: renewing it then is safe, and dropping it
        would leave its shard with nobody."""
        result = await self.session.execute(
            update(ShardClaim)
            .where(ShardClaim.platform == platform, ShardClaim.claimed_by == instance)
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
