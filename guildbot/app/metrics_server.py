"""`/metrics` for Prometheus, on a listener of its own (`GUILDBOT_METRICS_PORT`, off unless
set), bound to `GUILDBOT_METRICS_HOST` (127.0.0.1 unless set).

Why not a route on the shared web app: that one faces Slack's and Teams' requests, usually
through a reverse proxy open to the internet, and metrics (message volumes, failures, which
platforms) are for operators only. A port of its own is reachable only where the operator
binds it — loopback, or an internal interface Prometheus scrapes — so there is no secret to
issue, rotate or leak, the proxy needs no rule to hide it, and a scrape never queues behind
chat traffic. Without the setting nothing listens at all.
"""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web
from prometheus_client.aiohttp import make_aiohttp_handler

from guildbot.bot.metrics import Metrics
from guildbot.contract.errors import ConfigError
from guildbot.storage.engine import Database

log = logging.getLogger(__name__)

# The outbox count before a scrape gets this long; past it the scrape answers without it
# (Prometheus's own scrape timeout is 10 s by default).
REFRESH_SECONDS = 3.0
SHUTDOWN_SECONDS = 2.0


class MetricsServer:
    """Serves one app's `Metrics` at `/metrics` on `host`:`port` (0: any free port)."""

    def __init__(self, host: str, port: int, metrics: Metrics, database: Database) -> None:
        self.host = host
        self.requested_port = port
        self.metrics = metrics
        self.database = database
        self._export = make_aiohttp_handler(metrics.registry)
        self.app = web.Application()
        self.app.router.add_get("/metrics", self._metrics)
        self._runner: web.AppRunner | None = None
        self._bound_port: int | None = None

    @property
    def port(self) -> int:
        """The port actually listened on (useful when 0 asked for any free port)."""
        return self._bound_port if self._bound_port is not None else self.requested_port

    @property
    def url(self) -> str:
        """The address of `/metrics`, for logs and tests."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/metrics"

    async def start(self) -> None:
        """Listen. A port that cannot be opened is a configuration problem, reported as such."""
        runner = web.AppRunner(
            self.app, access_log=None, handle_signals=False, shutdown_timeout=SHUTDOWN_SECONDS
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.requested_port)
        try:
            await site.start()
        except OSError as error:
            await runner.cleanup()
            raise ConfigError(
                "GUILDBOT_METRICS_PORT",
                f"cannot listen on {self.host}:{self.requested_port} ({error.strerror or error})",
            ) from error
        self._runner = runner
        server = getattr(site, "_server", None)
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self._bound_port = int(sockets[0].getsockname()[1])
        log.info("metrics listening on %s", self.url)

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _metrics(self, request: web.Request) -> web.StreamResponse:
        try:
            async with asyncio.timeout(REFRESH_SECONDS):
                await self.metrics.refresh(self.database)
        except Exception as error:
            # The rest is still worth having; the outbox series are absent until it answers.
            # DEBUG: Prometheus scrapes every few seconds, and /healthz already says why.
            log.debug("metrics: the outbox could not be counted (%s)", type(error).__name__)
        return await self._export(request)
