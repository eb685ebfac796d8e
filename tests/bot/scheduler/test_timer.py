"""The process's timer logs what happened and nothing else: no APScheduler line per run, and
an outage that lasts is one line when it starts and one when it ends."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy.exc import OperationalError

from guildbot.bot.scheduler.timer import Timer


class FlakyTicker:
    """Fails its first `failures` ticks as a database that went away would, then works."""

    instance = "A"

    def __init__(self, failures: int, runs_wanted: int) -> None:
        self.failures = failures
        self.runs = 0
        self.done = asyncio.Event()
        self.runs_wanted = runs_wanted

    async def tick(self) -> None:
        self.runs += 1
        if self.runs >= self.runs_wanted:
            self.done.set()
        if self.runs <= self.failures:
            raise OperationalError(
                "SELECT 1", {}, ConnectionRefusedError("connection refused\nline two")
            )


async def test_an_outage_is_two_lines_and_idle_ticks_are_none(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    ticker = FlakyTicker(failures=4, runs_wanted=8)
    timer = Timer(ticker, 0.01)  # type: ignore[arg-type]
    assert timer.start()
    try:
        async with asyncio.timeout(30):
            await ticker.done.wait()
    finally:
        await timer.stop()
    records = [r for r in caplog.records if r.levelno >= logging.INFO]
    assert not [r for r in records if r.name.startswith("apscheduler")]
    errors = [r for r in records if r.levelno >= logging.WARNING]
    assert len(errors) == 1
    [error] = errors
    assert "tick failed; the next one will try again: OperationalError" in error.getMessage()
    assert error.exc_info is None and "\n" not in error.getMessage()
    recovered = [r.getMessage() for r in records if "recovered" in r.getMessage()]
    assert recovered == ["scheduler recovered after 4 failed run(s)"]
