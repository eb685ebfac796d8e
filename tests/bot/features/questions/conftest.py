"""Fixtures of expert routing's tests: a ticker whose waits move the test clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from guildbot.bot.scheduler.tick import Ticker
from tests.fakes import Harness

Sleep = Callable[[float], Awaitable[None]]


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
