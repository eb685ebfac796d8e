"""Shard claims: overlapping shard ids between live instances are refused; a stopped or
crashed instance's shards can be taken over."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from guildbot.bot.app import Guildbot
from guildbot.bot.ports import ManualClock
from guildbot.bot.shards import ShardClaims, ShardConflict

LEASE = timedelta(seconds=60)


def claims(app: Guildbot, instance: str) -> ShardClaims:
    return ShardClaims(app.database, app.clock, "discord", instance, LEASE)


async def test_disjoint_shards_run_side_by_side(app: Guildbot) -> None:
    await claims(app, "a").claim([0, 1], 4)
    await claims(app, "b").claim([2, 3], 4)
    assert await claims(app, "a").renew() == 2


async def test_an_overlapping_shard_is_refused_and_nothing_is_claimed(app: Guildbot) -> None:
    await claims(app, "a").claim([0, 1], 4)
    with pytest.raises(ShardConflict, match="shard 1 is held by instance a"):
        await claims(app, "b").claim([1, 2], 4)
    assert await claims(app, "b").renew() == 0  # not even shard 2


async def test_a_different_shard_count_is_refused(app: Guildbot) -> None:
    await claims(app, "a").claim([0], 2)
    with pytest.raises(ShardConflict, match="same shard count"):
        await claims(app, "b").claim([3], 4)


async def test_claims_of_a_stopped_or_crashed_instance_can_be_taken(
    app: Guildbot, clock: ManualClock
) -> None:
    first = claims(app, "a")
    await first.claim([0], 1)
    await first.release()
    await claims(app, "b").claim([0], 1)  # released at once
    clock.advance(LEASE + timedelta(seconds=1))  # b crashed: its lease runs out
    await claims(app, "c").claim([0], 1)
    assert await claims(app, "b").renew() == 0  # b learns it lost the shard


async def test_restarting_with_the_same_instance_id_keeps_its_claims(app: Guildbot) -> None:
    mine = claims(app, "a")
    await mine.claim([0], 1)
    await mine.claim([0], 1)
    assert await mine.renew() == 1


async def test_two_instances_starting_at_once_cannot_both_run(app: Guildbot) -> None:
    # Neither sees the other's claim before it commits: only claiming one platform's shards
    # one instance at a time keeps a different shard count (overlapping guild ranges) out.
    results = await asyncio.gather(
        claims(app, "a").claim([0], 2),
        claims(app, "b").claim([3], 4),
        return_exceptions=True,
    )
    refused = [r for r in results if isinstance(r, ShardConflict)]
    assert len(refused) == 1, results
    assert all(r is None or isinstance(r, ShardConflict) for r in results), results


async def test_the_same_shard_claimed_at_once_goes_to_one_instance(app: Guildbot) -> None:
    results = await asyncio.gather(
        *(claims(app, name).claim([0, 1], 2) for name in ("a", "b", "c")),
        return_exceptions=True,
    )
    assert [r is None for r in results].count(True) == 1, results
    assert sum([await claims(app, name).renew() for name in ("a", "b", "c")]) == 2


async def test_a_late_heartbeat_keeps_shards_nobody_took(app: Guildbot, clock: ManualClock) -> None:
    # The database was out for longer than the lease, but no other instance took over:
    # the shards are still this instance's, and it must not give them up.
    mine = claims(app, "a")
    await mine.claim([0, 1], 2)
    clock.advance(LEASE + timedelta(seconds=5))
    assert await mine.renew() == 2
    with pytest.raises(ShardConflict):
        await claims(app, "b").claim([1], 2)
