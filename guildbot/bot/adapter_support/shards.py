"""Gateway shards shared out between instances through the database.

Two instances receiving the same Discord shard would both answer every command in its guilds.
Each instance therefore claims its shard ids in `shard_claims` before it connects, keeps the
claims alive with a heartbeat (a lease, like the outbox's), and releases them when it stops.
An instance that finds one of its shards held by another live instance — or another live
instance running with a different shard count, whose guild ranges would overlap — refuses to
start. A crashed instance's claims expire after one lease, so a restart elsewhere is not
blocked for long.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy.exc import IntegrityError

from guildbot.bot.clock import Clock
from guildbot.contract.stores import ShardConflict
from guildbot.storage.engine import Database
from guildbot.storage.repositories.shards import ShardClaimRepository

log = logging.getLogger(__name__)


class ShardClaims:
    """This instance's claims on one platform's shards."""

    def __init__(
        self, database: Database, clock: Clock, platform: str, instance: str, lease: timedelta
    ) -> None:
        self.database = database
        self.clock = clock
        self.platform = platform
        self.instance = instance
        self.lease = lease

    @property
    def heartbeat_seconds(self) -> float:
        """How often to renew: three times per lease, so one late beat loses nothing."""
        return max(1.0, self.lease.total_seconds() / 3)

    async def claim(self, shard_ids: Sequence[int], shard_count: int) -> None:
        """Claim every shard in `shard_ids`, or none of them (raises `ShardConflict`)."""
        now = self.clock.now()
        try:
            async with self.database.transaction() as session:
                claims = ShardClaimRepository(session)
                await claims.lock(self.platform)
                wanted = set(shard_ids)
                for other in await claims.live(self.platform, now):
                    if other.claimed_by == self.instance:
                        continue
                    if other.shard_count != shard_count:
                        raise ShardConflict(
                            f"instance {other.claimed_by} runs with {other.shard_count} shards "
                            f"in all, this one with {shard_count}: every instance needs the "
                            "same shard count"
                        )
                    if other.shard_id in wanted:
                        raise ShardConflict(
                            f"shard {other.shard_id} is held by instance {other.claimed_by} "
                            f"(until {other.lease_until:%Y-%m-%d %H:%M:%S} UTC unless it "
                            "stops): give each instance different shard ids"
                        )
                for shard_id in sorted(wanted):
                    if not await claims.claim(
                        self.platform, shard_id, shard_count, self.instance, now, now + self.lease
                    ):
                        raise ShardConflict(
                            f"shard {shard_id} was claimed by another instance starting at "
                            "the same time"
                        )
        except IntegrityError:
            raise ShardConflict(
                "another instance claimed the same shards at the same time"
            ) from None

    async def renew(self) -> int:
        """Extend the leases; returns how many shards this instance still holds."""
        now = self.clock.now()
        async with self.database.transaction() as session:
            return await ShardClaimRepository(session).renew(
                self.platform, self.instance, now, now + self.lease
            )

    async def release(self) -> None:
        """Free this instance's shards (at a clean stop)."""
        async with self.database.transaction() as session:
            await ShardClaimRepository(session).release(self.platform, self.instance)
