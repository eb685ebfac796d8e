"""The process's timer: APScheduler runs the tick every few seconds and once at start-up.

APScheduler only keeps time (in-memory job store); the database is the source of truth for
what is due. On SQLite, only one process may run the scheduler: a second one on the same file
says so in one line and runs without it (its inbound handling still works).
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from guildbot.bot.scheduler.tick import Ticker

log = logging.getLogger(__name__)

HOUSEKEEPING_EVERY = timedelta(hours=1)
# On stop, a tick in progress may finish its sends for this long before it is cancelled.
STOP_GRACE_SECONDS = 10.0


def _quiet_apscheduler() -> None:
    """APScheduler logs every run at INFO ("Running job…", "…executed successfully"): two
    lines every few seconds. The ticker says what each busy tick did; APScheduler's own
    lines are kept for DEBUG."""
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        logging.getLogger("apscheduler").setLevel(logging.WARNING)


def _one_line(error: BaseException) -> str:
    """An error as one line: its first line, after its type."""
    lines = str(getattr(error, "orig", None) or error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__


class FailureLog:
    """Failed runs in a row, by job: an outage that lasts is one line when it starts and one
    when it ends, not a traceback every few seconds (the traceback is there at DEBUG)."""

    def __init__(self) -> None:
        self._in_a_row: dict[str, int] = {}

    def failed(self, job: str, error: Exception) -> None:
        """`job` failed with `error`."""
        count = self._in_a_row.get(job, 0)
        self._in_a_row[job] = count + 1
        if count == 0:
            log.error("%s: %s (logged again when it recovers)", job, _one_line(error))
        log.debug("%s", job, exc_info=error)

    def succeeded(self, job: str) -> None:
        """`job` ran; if it had been failing, say it recovered."""
        count = self._in_a_row.pop(job, 0)
        if count:
            log.info("scheduler recovered after %d failed run(s)", count)


class SchedulerLock:
    """An exclusive lock beside a SQLite file: one scheduler per file.

    An OS file lock, so a crashed process releases it at once (no stale lock to clean up).
    """

    def __init__(self, database_path: Path) -> None:
        self.path = Path(f"{database_path}.scheduler.lock")
        self._handle: IO[str] | None = None

    def acquire(self) -> bool:
        """True when this process now holds the lock."""
        handle = self.path.open("a+")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        """Let another process run the scheduler."""
        if self._handle is not None:
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


class Timer:
    """Runs `ticker.tick` on an interval, plus hourly housekeeping."""

    def __init__(
        self,
        ticker: Ticker,
        interval_seconds: float,
        lock: SchedulerLock | None = None,
        housekeeping: Callable[[], Awaitable[Any]] | None = None,
    ) -> None:
        self.ticker = ticker
        self.interval_seconds = interval_seconds
        self.lock = lock
        self.housekeeping = housekeeping
        self._scheduler: AsyncIOScheduler | None = None
        self._in_flight: set[asyncio.Task[Any]] = set()
        self.failures = FailureLog()

    def start(self) -> bool:
        """Start ticking (the first tick runs at once). False when another process holds it."""
        if self.lock is not None and not self.lock.acquire():
            log.error(
                "scheduler not started: another Guildbot process runs it on this SQLite file "
                "(SQLite is single-process; use PostgreSQL to run several)"
            )
            return False
        _quiet_apscheduler()
        scheduler = AsyncIOScheduler(timezone=UTC)
        scheduler.add_job(
            self._tick,
            "interval",
            seconds=self.interval_seconds,
            next_run_time=datetime.now(UTC),
            id="guildbot-tick",
            max_instances=1,
            coalesce=True,
        )
        if self.housekeeping is not None:
            scheduler.add_job(
                self._housekeeping,
                "interval",
                seconds=HOUSEKEEPING_EVERY.total_seconds(),
                id="guildbot-housekeeping",
                max_instances=1,
                coalesce=True,
            )
        scheduler.start()
        self._scheduler = scheduler
        log.info(
            "scheduler started instance=%s tick=%ss", self.ticker.instance, self.interval_seconds
        )
        return True

    async def _tick(self) -> None:
        await self._guarded(self.ticker.tick, "tick failed; the next one will try again")

    async def _housekeeping(self) -> None:
        assert self.housekeeping is not None
        await self._guarded(self.housekeeping, "housekeeping failed")

    async def _guarded(self, job: Callable[[], Awaitable[Any]], failure: str) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            await job()
        except asyncio.CancelledError:
            # Only `stop` cancels, after its grace: what was claimed and not recorded is
            # taken over by the next tick once its lease runs out. Nothing else awaits this.
            log.warning("scheduler job cut short by shutdown")
        except Exception as error:
            # A failed tick (say, the database restarting) must not stop the timer.
            self.failures.failed(failure, error)
        else:
            self.failures.succeeded(failure)
        finally:
            if task is not None:
                self._in_flight.discard(task)

    async def stop(self, grace_seconds: float = STOP_GRACE_SECONDS) -> None:
        """Stop ticking, let a tick in progress finish (up to `grace_seconds`), and release
        the SQLite lock."""
        if self._scheduler is not None:
            self._scheduler.pause()  # no new runs while the current one finishes
            if self._in_flight:
                _done, pending = await asyncio.wait(set(self._in_flight), timeout=grace_seconds)
                if pending:
                    log.warning("scheduler still busy after %ss; stopping it", grace_seconds)
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        if self.lock is not None:
            self.lock.release()
