"""One aiohttp application listening on one host and port: the web app and the metrics
endpoint each have one, started and stopped with the process."""

from __future__ import annotations

import logging

from aiohttp import web

from guildbot.contract.errors import ConfigError

log = logging.getLogger(__name__)


class Listener:
    """Serves `app` on `host`:`port` (0: any free port); `setting` names the configuration a
    port that cannot be opened comes from."""

    def __init__(
        self,
        app: web.Application,
        host: str,
        port: int,
        *,
        setting: str,
        shutdown_seconds: float,
    ) -> None:
        self.app = app
        self.host = host
        self.requested_port = port
        self.setting = setting
        self.shutdown_seconds = shutdown_seconds
        self._runner: web.AppRunner | None = None
        self._bound_port: int | None = None

    @property
    def started(self) -> bool:
        return self._runner is not None

    @property
    def port(self) -> int:
        """The port actually listened on (useful when 0 asked for any free port)."""
        return self._bound_port if self._bound_port is not None else self.requested_port

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    async def start(self) -> None:
        """Listen. A port that cannot be opened is a configuration problem, reported as such."""
        runner = web.AppRunner(
            self.app, access_log=None, handle_signals=False, shutdown_timeout=self.shutdown_seconds
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.requested_port)
        try:
            await site.start()
        except OSError as error:
            await runner.cleanup()
            raise ConfigError(
                self.setting,
                f"cannot listen on {self.host}:{self.requested_port} ({error.strerror or error})",
            ) from error
        self._runner = runner
        server = getattr(site, "_server", None)
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self._bound_port = int(sockets[0].getsockname()[1])

    async def stop(self) -> None:
        """Stop listening; requests in progress get `shutdown_seconds` to finish."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
