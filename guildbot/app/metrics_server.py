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

from guildbot.app.listener import Listener
from guildbot.bot.metrics import Metrics
from guildbot.storage.engine import Database

log = logging.getLogger(__name__)

# The outbox count before a scrape gets this long; past it the scrape answers without it
# (Prometheus's own scrape timeout is 10 s by default).
REFRESH_SECONDS = 3.0
SHUTDOWN_SECONDS = 2.0


class MetricsServer:
    """Serves one app's `Metrics` at `/metrics` on `host`:`port` (0: any free port)."""

    def __init__(self, host: str, port: int, metrics: Metrics, database: Database) -> None:
        self.metrics = metrics
        self.database = database
        self._export = make_aiohttp_handler(metrics.registry)
        self.app = web.Application()
        self.app.router.add_get("/metrics", self._metrics)
        self._listener = Listener(
            self.app,
            host,
            port,
            setting="GUILDBOT_METRICS_PORT",
            shutdown_seconds=SHUTDOWN_SECONDS,
        )

    @property
    def port(self) -> int:
        """The port actually listened on (useful when 0 asked for any free port)."""
        return self._listener.port

    @property
    def url(self) -> str:
        """The address of `/metrics`, for logs and tests."""
        return f"{self._listener.base_url}/metrics"

    async def start(self) -> None:
        """Listen. A port that cannot be opened is a configuration problem, reported as such."""
        await self._listener.start()
        log.info("metrics listening on %s", self.url)

    async def stop(self) -> None:
        """Stop listening."""
        await self._listener.stop()

    async def _metrics(self, request: web.Request) -> web.StreamResponse:
        try:
            async with asyncio.timeout(REFRESH_SECONDS):
                await self.metrics.refresh(self.database)
        except Exception as error:
            # The rest is still worth having; the outbox series are absent until it answers.
            # DEBUG: Prometheus scrapes every few seconds, and /healthz already says why.
            log.debug("metrics: the outbox could not be counted (%s)", type(error).__name__)
        return await self._export(request)
