"""The server process's life: start the web app and the adapters, wait for SIGTERM or SIGINT,
then stop everything in reverse order.

Used by `guildbot run` when a chat platform is configured (the console adapter, which owns
the terminal, runs on its own). Adapters here are the kind whose `start` returns once they
receive events (Slack, Teams and Discord).

`/healthz` (`process_health`) answers for the database and each platform's connection: a
platform may be without its connection for a grace period — while it connects at start-up,
or reconnects after a drop (discord.py and slack_sdk reconnect by themselves) — and the
process is unhealthy (503) once one has been without it for longer. A platform that refuses
the connection for good does not wait for that: its adapter calls `fail` and the process
exits 1.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Mapping, Sequence

from sqlalchemy import text

from guildbot.app.build import Guildbot
from guildbot.app.metrics_server import MetricsServer
from guildbot.app.web import Health, HealthCheck, WebServer
from guildbot.bot.scheduler.timer import Timer
from guildbot.contract.adapter import Adapter, Connected, Connection, Supervised

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
# How long a platform may be without its connection before /healthz says 503: enough for a
# reconnect (discord.py backs off up to a few tens of seconds), short enough that a
# supervisor restarts a process that will not come back.
DEFAULT_HEALTH_GRACE_SECONDS = 60.0
# A database slower than this to answer counts as not answering: the probe has a timeout of
# its own (Docker's is 5 s), and a probe left hanging learns nothing.
DATABASE_HEALTH_SECONDS = 3.0

DatabaseCheck = Callable[[], Awaitable[bool]]


class Runner:
    """Starts `adapters` (each dispatching into `app`), the web app and the scheduler."""

    def __init__(
        self,
        app: Guildbot,
        adapters: Sequence[Adapter],
        web: WebServer | None = None,
        *,
        scheduler: bool = True,
        metrics: MetricsServer | None = None,
    ) -> None:
        self.app = app
        self.adapters = list(adapters)
        self.web = web
        self.metrics = metrics
        self.scheduler = scheduler
        self.stopping = asyncio.Event()
        self.started = asyncio.Event()
        self._timer: Timer | None = None
        self._running: list[Adapter] = []
        self._starting: Adapter | None = None  # the adapter whose `start` is in progress
        # Why an adapter stopped the process, if one did: `guildbot run` then exits 1.
        self.failure: str | None = None

    def request_stop(self) -> None:
        """Ask the process to stop (what SIGTERM and SIGINT do)."""
        self.stopping.set()

    def fail(self, reason: str) -> None:
        """An adapter cannot go on safely: stop, and exit non-zero so a supervisor (systemd,
        Kubernetes) restarts the process, which then claims what it can again or refuses."""
        log.error("stopping: %s", reason)
        if self.failure is None:
            self.failure = reason
        self.request_stop()

    async def run(self) -> None:
        """Run until `request_stop` (or a stop signal), then stop cleanly."""
        loop = asyncio.get_running_loop()
        installed = []
        for sig in STOP_SIGNALS:
            try:
                loop.add_signal_handler(sig, self._on_signal, sig)
                installed.append(sig)
            except (NotImplementedError, RuntimeError):  # not the main thread, or no signals
                pass
        try:
            if await self._start_unless_stopped():
                self.started.set()
                log.info(
                    "guildbot running adapters=%s web=%s",
                    ",".join(a.platform for a in self.adapters) or "none",
                    self.web.url if self.web else "off",
                )
                await self.stopping.wait()
        finally:
            await self._stop()
            for sig in installed:
                loop.remove_signal_handler(sig)

    async def _start_unless_stopped(self) -> bool:
        """Start everything, unless a stop comes first: an adapter still connecting (a
        platform that does not answer) must not keep the process from stopping. False when
        the stop came first; what had started is stopped by `_stop` as usual."""
        starting = asyncio.create_task(self._start())
        stopped = asyncio.create_task(self.stopping.wait())
        try:
            await asyncio.wait({starting, stopped}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopped.cancel()
        if starting.done():
            starting.result()  # a start-up error (a refused token) is raised here
            return True
        starting.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await starting
        if self._starting is not None:
            # Cut short while starting: it may hold sessions and tasks already; stop it too.
            self._running.append(self._starting)
            self._starting = None
        log.info("stopped during start-up")
        return False

    def _on_signal(self, sig: signal.Signals) -> None:
        log.info("received %s; stopping", sig.name)
        self.request_stop()

    async def _start(self) -> None:
        # Routes are mounted before the web app listens, so Slack's first retry finds them;
        # adapters start afterwards and the scheduler last, once there is someone to send.
        # Metrics first: a scrape then sees a slow start-up as it happens.
        if self.metrics is not None:
            await self.metrics.start()
        if self.web is not None:
            await self.web.start()
        for adapter in self.adapters:
            if isinstance(adapter, Supervised):
                adapter.supervise(self.fail)
            self._starting = adapter
            await adapter.start(self.app.dispatcher(adapter))
            self._starting = None
            self._running.append(adapter)
        if self.scheduler and self.adapters:
            self._timer = self.app.start_scheduler(self.adapters)

    async def _stop(self) -> None:
        if self._timer is not None:
            await self._timer.stop()
            self._timer = None
        # Stop taking requests first, then let adapters finish what they were doing.
        if self.web is not None:
            await self.web.stop()
        for adapter in reversed(self._running):
            try:
                await adapter.stop()
            except Exception:
                log.exception("adapter %s did not stop cleanly", adapter.platform)
        self._running.clear()
        if self.metrics is not None:
            await self.metrics.stop()
        log.info("guildbot stopped")


def database_answers(app: Guildbot) -> DatabaseCheck:
    """True when the database answers ``SELECT 1`` (raises when it does not)."""

    async def check() -> bool:
        async with app.database.transaction() as session:
            await session.execute(text("SELECT 1"))
        return True

    return check


def process_health(
    database: DatabaseCheck,
    adapters: Sequence[Adapter],
    grace: float = DEFAULT_HEALTH_GRACE_SECONDS,
) -> HealthCheck:
    """`/healthz`: the database, and the connection of each adapter that has one."""

    async def check() -> Health:
        connections = {
            adapter.platform: await adapter.connection()
            for adapter in adapters
            if isinstance(adapter, Connected)
        }
        return assess(await _answers(database), connections, grace)

    return check


async def _answers(database: DatabaseCheck) -> bool:
    try:
        async with asyncio.timeout(DATABASE_HEALTH_SECONDS):
            return await database()
    except Exception as error:
        # DEBUG: the scheduler already logs an outage once; /healthz's body names it.
        log.debug("health: the database did not answer (%s)", type(error).__name__)
        return False


def assess(database: bool, connections: Mapping[str, Connection], grace: float) -> Health:
    """Unhealthy when the database does not answer, or a platform has been without its
    connection for more than `grace` seconds; "connecting" while one is within them; "ok"
    only when everything is connected."""
    down = [connection for connection in connections.values() if not connection.connected]
    healthy = database and all(connection.seconds <= grace for connection in down)
    status = ("connecting" if down else "ok") if healthy else "unhealthy"
    body = {
        "status": status,
        "database": "ok" if database else "unavailable",
        "adapters": {name: _described(connections[name]) for name in sorted(connections)},
    }
    return Health(healthy, body)


def _described(connection: Connection) -> dict[str, object]:
    return {
        "connected": connection.connected,
        "since": connection.since.isoformat(timespec="milliseconds"),
        "seconds": int(connection.seconds),
    }
