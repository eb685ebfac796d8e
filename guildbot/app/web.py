"""The process's one web app: `/healthz`, and the routes adapters and features mount on it.

Slack's HTTP mode (`POST /slack/events`), the calendar feeds and, later, the Teams endpoint and
a dashboard all share one aiohttp application and one listening port. Routes are added before
the server starts; aiohttp freezes its router once it serves.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass

from aiohttp import web

from guildbot.app.listener import Listener

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Health:
    """What `/healthz` answers: 200 with `body` while `healthy`, else 503 with it."""

    healthy: bool
    body: Mapping[str, object]


HealthCheck = Callable[[], Awaitable[Health]]
"""Whether this process can do its work now (`runner.process_health`: its database and its
platforms' connections). Cheap: a load balancer or supervisor asks every few seconds."""

UNHEALTHY = Health(False, {"status": "unhealthy"})

# Requests are small (Slack payloads, feed fetches); refuse anything bigger before reading it.
MAX_REQUEST_BYTES = 1024 * 1024
# How long requests in progress may take to finish when the process stops.
SHUTDOWN_SECONDS = 5.0


class WebServer:
    """One aiohttp application on one host and port, started and stopped with the process."""

    def __init__(self, host: str, port: int, health: HealthCheck | None = None) -> None:
        self._health = health
        self.app = web.Application(client_max_size=MAX_REQUEST_BYTES)
        self.app.router.add_get("/healthz", self._healthz)
        self._listener = Listener(
            self.app,
            host,
            port,
            setting="GUILDBOT_HTTP_PORT",
            shutdown_seconds=SHUTDOWN_SECONDS,
        )

    def add_routes(self, routes: Iterable[web.RouteDef]) -> None:
        """Mount routes; only before `start`."""
        if self._listener.started:
            raise RuntimeError("routes must be added before the web app starts")
        self.app.add_routes(list(routes))

    @property
    def port(self) -> int:
        """The port actually listened on (useful when 0 asked for any free port)."""
        return self._listener.port

    @property
    def url(self) -> str:
        """The base address of the running server, for logs and tests."""
        return self._listener.base_url

    async def start(self) -> None:
        """Listen. A port that cannot be opened is a configuration problem, reported as such."""
        await self._listener.start()
        log.info("web app listening on %s", self.url)

    async def stop(self) -> None:
        """Stop listening; requests in progress get a few seconds to finish."""
        if self._listener.started:
            await self._listener.stop()
            log.info("web app stopped")

    async def _healthz(self, _request: web.Request) -> web.Response:
        health = Health(True, {"status": "ok"})
        if self._health is not None:
            try:
                health = await self._health()
            except Exception:
                log.exception("health check failed")
                health = UNHEALTHY
        return web.json_response(dict(health.body), status=200 if health.healthy else 503)
