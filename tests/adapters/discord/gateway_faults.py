"""The mock Discord with the gateway faults a real one has: a session closed for good with a
close code right after IDENTIFY (a reset token, an intent not enabled in the Developer
Portal), and an outage in which open connections drop and new ones are refused."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

from aiohttp import WSMsgType, web

from tests.adapters.discord.mock_discord import MockDiscord

GOING_AWAY = 1001  # what a gateway restarting sends: discord.py reconnects after it
OP_IDENTIFY = 2
OP_HELLO = 10


@dataclass
class FaultyDiscord(MockDiscord):
    """`close_code`: every session is closed with it after IDENTIFY, once `release` is set
    (so a test can look at the process while it is connecting). `refusing`: the gateway
    answers 503 to new connections, as during an outage."""

    close_code: int | None = None
    release: asyncio.Event = field(default_factory=asyncio.Event)
    refusing: bool = False
    refused: int = 0

    async def drop_connections(self) -> None:
        """Close every open gateway connection, as a gateway going away does."""
        for socket in list(self.sockets):
            await socket.close(code=GOING_AWAY)

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        if self.refusing:
            self.refused += 1
            self._changed.set()
            raise web.HTTPServiceUnavailable()  # the websocket handshake fails
        if self.close_code is None:
            return await super()._gateway(request)
        return await self._closing_session(request, self.close_code)

    async def _closing_session(self, request: web.Request, code: int) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_str(json.dumps({"op": OP_HELLO, "d": {"heartbeat_interval": 41250}}))
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            payload = json.loads(message.data)
            if payload.get("op") == OP_IDENTIFY:
                self.identified.append(payload["d"])
                self._changed.set()
                await self.release.wait()
                await socket.close(code=code, message=b"refused by the mock")
                break
        return socket
