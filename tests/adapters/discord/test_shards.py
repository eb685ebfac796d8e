"""Shard claims: overlapping shard ids between live instances are refused; a stopped or
crashed instance's shards can be taken over."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from guildbot.adapters.common import keep_alive
from guildbot.app.build import Guildbot
from guildbot.app.runner import Runner
from guildbot.bot.adapter_support.shards import ShardClaims
from guildbot.bot.clock import ManualClock
from guildbot.contract.adapter import Capabilities, Dispatch, Fail
from guildbot.contract.refs import MemberRef
from guildbot.contract.stores import ShardConflict

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


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


async def test_keep_alive_reports_shards_taken_by_another_instance(
    app: Guildbot, clock: ManualClock
) -> None:
    mine = claims(app, "a")
    await mine.claim([0, 1], 2)
    clock.advance(LEASE + timedelta(seconds=1))  # frozen past the lease …
    await claims(app, "b").claim([1], 2)  # … and shard 1 went elsewhere
    reasons: list[str] = []

    async def lost(reason: str) -> None:
        reasons.append(reason)

    fake = FakeTime()
    await asyncio.wait_for(keep_alive(mine, 2, lost, sleep=fake.sleep, monotonic=fake.monotonic), 5)
    assert reasons == ["shard claims lost to another instance"]


class Unreachable(ShardClaims):
    async def renew(self) -> int:
        raise ConnectionRefusedError("database down")


async def test_keep_alive_gives_up_after_a_lease_without_renewal(
    app: Guildbot, caplog: pytest.LogCaptureFixture
) -> None:
    down = Unreachable(app.database, app.clock, "discord", "a", LEASE)
    reasons: list[str] = []

    async def lost(reason: str) -> None:
        reasons.append(reason)

    fake = FakeTime()
    await asyncio.wait_for(keep_alive(down, 1, lost, sleep=fake.sleep, monotonic=fake.monotonic), 5)
    assert reasons == ["shard claims not renewed for 60s"]
    # It tried at every beat until the lease was gone (three beats a lease), not once.
    assert caplog.text.count("shard heartbeat failed platform=discord") == 3


async def test_an_adapter_that_fails_stops_the_process_non_zero(app: Guildbot) -> None:
    class Failing:
        platform = "fake"
        capabilities = Capabilities()

        def supervise(self, fail: Fail) -> None:
            self.fail = fail

        async def start(self, dispatch: Dispatch) -> None:
            asyncio.get_running_loop().call_later(0.05, self.fail, "discord shards lost")

        async def stop(self) -> None:
            pass

        async def lookup_user(self, member: MemberRef) -> None:
            return None

    runner = Runner(app, [Failing()], scheduler=False)  # type: ignore[list-item]
    await asyncio.wait_for(runner.run(), 5)
    assert runner.failure == "discord shards lost"
