"""The per-platform rate limiter: a configured share is never exceeded, a 429 holds every
send back, and with no configured share the limit adapts to the platform's 429s.

Time is a ManualClock; "sleeping" advances it.
"""

import dataclasses
from datetime import UTC, datetime, timedelta

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.delivery import ADAPT_DECREASE, RateLimiter
from guildbot.bot.scheduler.policy import DeliveryPolicy
from guildbot.bot.scheduler.tick import Ticker
from tests.fakes import RecordingAdapter


def limiter(rate: float | None) -> tuple[RateLimiter, ManualClock, list[datetime]]:
    clock = ManualClock(datetime(2026, 11, 2, 14, 0, tzinfo=UTC))
    sent: list[datetime] = []

    async def sleep(seconds: float) -> None:
        clock.advance(timedelta(seconds=max(0.0, seconds)))

    return RateLimiter(clock, sleep, rate), clock, sent


async def send(limit: RateLimiter, clock: ManualClock, sent: list[datetime], count: int) -> None:
    for _ in range(count):
        await limit.wait_turn()
        sent.append(clock.now())


def most_in_any_second(times: list[datetime]) -> int:
    second = timedelta(seconds=1)
    return max(sum(1 for t in times if start <= t < start + second) for start in times)


async def test_a_configured_rate_is_never_exceeded_in_any_second() -> None:
    limit, clock, sent = limiter(rate=5)
    await send(limit, clock, sent, 50)
    # Slots of one 50 ms wave may be taken together, so a window can hold one extra send.
    assert most_in_any_second(sent) <= 6
    assert sent[-1] - sent[0] >= timedelta(seconds=49 / 5 - 0.1)


async def test_a_hold_keeps_every_send_back_until_retry_after() -> None:
    limit, clock, sent = limiter(rate=None)
    await send(limit, clock, sent, 3)
    until = clock.now() + timedelta(seconds=30)
    limit.hold(until)
    await send(limit, clock, sent, 2)
    assert all(at >= until for at in sent[3:])


async def test_without_a_configured_rate_a_429_sets_one_below_what_was_sent() -> None:
    limit, clock, sent = limiter(rate=None)
    await send(limit, clock, sent, 20)  # unlimited: all at once
    assert limit.rate is None
    limit.hold(clock.now() + timedelta(seconds=1))
    assert limit.rate == 20 * ADAPT_DECREASE
    # A second 429 of the same burst does not lower it again.
    limit.hold(clock.now() + timedelta(seconds=2))
    assert limit.rate == 20 * ADAPT_DECREASE
    await send(limit, clock, sent, 60)
    assert most_in_any_second(sent[20:]) <= 20
    # After the hold it grows again, a little each second.
    assert limit.rate is not None
    assert limit.rate > 20 * ADAPT_DECREASE


async def test_a_configured_rate_is_not_changed_by_429s() -> None:
    limit, clock, _ = limiter(rate=3)
    limit.hold(clock.now() + timedelta(seconds=1))
    assert limit.rate == 3


def test_claims_are_sized_to_what_the_rate_can_send_soon() -> None:
    unlimited = DeliveryPolicy(claim_batch=200)
    assert unlimited.claim_size(["slack"]) == 200
    limited = DeliveryPolicy(claim_batch=200, send_rate_per_second={"slack": 12.5})
    assert limited.claim_size(["slack"]) == 13
    # One platform without a limit: claim the whole batch.
    assert limited.claim_size(["slack", "console"]) == 200
    assert limited.send_rate("console") is None
    # Teams and Discord have shipped limits, shared among the live instances.
    assert limited.claim_size(["slack", "teams"]) == 58  # 12.5 + 45 a second
    assert limited.claim_size(["slack", "teams"], live_instances=3) == 28  # 12.5 + 15


def test_shipped_rates_are_shared_among_live_instances_unless_one_is_configured() -> None:
    policy = DeliveryPolicy(send_rate_per_second={"teams": 7.0})
    assert policy.send_rate("discord") == 45.0
    assert policy.send_rate("discord", live_instances=3) == 15.0
    assert policy.send_rate("teams", live_instances=3) == 7.0  # this process's own setting
    assert policy.send_rate("slack", live_instances=3) is None  # adapts to its 429s


async def test_the_send_rate_setting_reaches_the_delivery_policy(app: Guildbot) -> None:
    configured = dataclasses.replace(app.settings, send_rates={"slack": 0.9})
    policy = dataclasses.replace(app, settings=configured).policy()
    assert policy.send_rate("slack") == 0.9
    assert app.policy().send_rate("slack") is None


async def test_each_tick_says_the_instance_is_alive_and_rates_follow_the_count(
    app: Guildbot, clock: ManualClock
) -> None:
    adapter = RecordingAdapter(clock, platform="teams")
    first = Ticker(app.database, clock, {"teams": adapter}, app.policy(), "A")
    second = Ticker(app.database, clock, {"teams": adapter}, app.policy(), "B")
    await first.tick()
    assert first.delivery.live_instances == 1
    await second.tick()
    await first.tick()
    assert first.delivery.live_instances == second.delivery.live_instances == 2
    assert app.policy().send_rate("teams", first.delivery.live_instances) == 22.5
    clock.advance(app.policy().lease + timedelta(seconds=1))  # B stopped ticking
    await first.tick()
    assert first.delivery.live_instances == 1
