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

from guildbot.contract.errors import ConfigError

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
        self.host = host
        self.requested_port = port
        self._health = health
        self.app = web.Application(client_max_size=MAX_REQUEST_BYTES)
        self.app.router.add_get("/healthz", self._healthz)
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None
        self._bound_port: int | None = None

    def add_routes(self, routes: Iterable[web.RouteDef]) -> None:
        """Mount routes; only before `start`."""
        if self._runner is not None:
            raise RuntimeError("routes must be added before the web app starts")
        self.app.add_routes(list(routes))

    @property
    def port(self) -> int:
        """The port actually listened on (useful when 0 asked for any free port)."""
        return self._bound_port if self._bound_port is not None else self.requested_port

    @property
    def url(self) -> str:
        """The base address of the running server, for logs and tests."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

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
                "GUILDBOT_HTTP_PORT",
                f"cannot listen on {self.host}:{self.requested_port} ({error.strerror or error})",
            ) from error
        self._runner, self._site = runner, site
        server = getattr(site, "_server", None)
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self._bound_port = int(sockets[0].getsockname()[1])
        log.info("web app listening on %s", self.url)

    async def stop(self) -> None:
        """Stop listening; requests in progress get a few seconds to finish."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
            self._site = None
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
