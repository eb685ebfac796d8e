"""Fixtures of expert routing's tests: a ticker whose waits move the test clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest

from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.tick import Ticker
from tests.fakes import Harness

Sleep = Callable[[float], Awaitable[None]]


@pytest.fixture
def sleep(clock: ManualClock) -> Sleep:
    async def fake_sleep(seconds: float) -> None:
        clock.advance(timedelta(seconds=max(0.0, seconds)))

    return fake_sleep


@pytest.fixture
def ticker(harness: Harness, sleep: Sleep) -> Ticker:
    app = harness.app
    return Ticker(
        app.database,
        app.clock,
        {harness.adapter.platform: harness.adapter},
        app.policy(),
        "A",
        sleep=sleep,
    )
