"""The process's timer logs what happened and nothing else: no APScheduler line per run, and
an outage that lasts is one line when it starts and one when it ends."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy.exc import OperationalError

from guildbot.bot.scheduler.timer import FailureLog, Timer

JOB = "tick failed; the next one will try again"


def outage() -> OperationalError:
    return OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused\nline two"))


def test_an_outage_is_one_line_when_it_starts_and_one_when_it_ends(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="guildbot.bot.scheduler.timer")
    failures = FailureLog()
    failures.succeeded(JOB)  # all well: nothing to say
    for _ in range(40):
        failures.failed(JOB, outage())
    failures.succeeded(JOB)
    failures.succeeded(JOB)
    said = [(r.levelno, r.getMessage()) for r in caplog.records if r.levelno >= logging.INFO]
    assert said == [
        (
            logging.ERROR,
            f"{JOB}: OperationalError: connection refused (logged again when it recovers)",
        ),
        (logging.INFO, "scheduler recovered after 40 failed run(s)"),
    ]
    assert all(r.exc_info is None for r in caplog.records if r.levelno >= logging.INFO)
    assert sum(1 for r in caplog.records if r.levelno == logging.DEBUG and r.exc_info) == 40


class CountingTicker:
    instance = "A"

    def __init__(self, wanted: int) -> None:
        self.runs = 0
        self.wanted = wanted
        self.done = asyncio.Event()

    async def tick(self) -> None:
        self.runs += 1
        if self.runs >= self.wanted:
            self.done.set()


async def test_idle_ticks_log_nothing(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    ticker = CountingTicker(wanted=5)
    timer = Timer(ticker, 0.01)  # type: ignore[arg-type]
    assert timer.start()
    try:
        async with asyncio.timeout(30):
            await ticker.done.wait()
    finally:
        await timer.stop()
    assert not [r for r in caplog.records if r.name.startswith("apscheduler")]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
