"""A local stand-in for Discord: the REST API under /api/v10 and a minimal gateway, on
127.0.0.1 (aiohttp test server). It records every call, answers with payloads discord.py
parses, and can be told to fail a route (e.g. 429 with Retry-After) a number of times."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web
from aiohttp.test_utils import TestServer

APP_ID = "900000000000000001"
BOT_ID = "900000000000000002"
GUILD = "910000000000000001"
INTRO_CHANNEL = "920000000000000001"
TOKEN = "OTAwMDAwMDAwMDAwMDAwMDAy.GuIlDb.bot-token-for-tests-only-000000"


def user_payload(user_id: str, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": user_id,
        "username": name.lower().replace(" ", "."),
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
    }


def message_payload(
    message_id: str, channel_id: str, body: dict[str, Any], author: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": message_id,
        "channel_id": channel_id,
        "type": 0,
        "content": body.get("content", ""),
        "author": author,
        "embeds": [],
        "attachments": [],
        "mentions": [],
        "mention_roles": [],
        "pinned": False,
        "mention_everyone": False,
        "tts": False,
        "timestamp": "2026-11-28T10:00:00+00:00",
        "edited_timestamp": None,
        "flags": body.get("flags", 0),
        "components": body.get("components", []),
    }


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # discord.py parses a body as JSON only when Content-Type is exactly application/json.
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


@dataclass
class Call:
    """One request the bot made."""

    method: str
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)  # when it reached the mock


@dataclass
class Failure:
    pattern: re.Pattern[str]
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    times: int
    skip: int = 0  # matching requests let through before failing


@dataclass
class MockDiscord:
    """REST + gateway. `api_url` and `gateway_url` are what the adapter is pointed at."""

    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    guild_members: dict[str, set[str]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    sockets: list[web.WebSocketResponse] = field(default_factory=list)
    identified: list[dict[str, Any]] = field(default_factory=list)
    commands: list[dict[str, Any]] = field(default_factory=list)  # as registered by a PUT
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    # Interaction ids the rigs hand out: unique across rigs, as snowflakes are on Discord.
    interaction_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    # Threads created, as Discord keeps them (listed by GET /guilds/{id}/threads/active).
    threads: list[dict[str, Any]] = field(default_factory=list)
    # Messages created, per channel, oldest first (as GET /channels/{id}/messages reads them).
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # How long an enforced nonce is remembered ("the past few minutes"), on `now`.
    nonce_window: float = 300.0
    now: Callable[[], float] = time.monotonic
    _nonces: dict[str, tuple[float, dict[str, Any]]] = field(default_factory=dict)
    _server: TestServer | None = None
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    def add_user(self, user_id: str, name: str, guild: str | None = GUILD) -> None:
        self.users[user_id] = user_payload(user_id, name)
        if guild is not None:
            self.guild_members.setdefault(guild, set()).add(user_id)

    def fail(
        self,
        pattern: str,
        status: int,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        times: int = 1,
        skip: int = 0,
    ) -> None:
        """Answer requests whose "METHOD /path" matches `pattern` with an error (after
        letting `skip` of them through, e.g. to fail the second part of a long message)."""
        self.failures.append(
            Failure(re.compile(pattern), status, body or {}, headers or {}, times, skip)
        )

    @property
    def api_url(self) -> str:
        assert self._server is not None
        return str(self._server.make_url("/api/v10"))

    @property
    def gateway_url(self) -> str:
        assert self._server is not None
        return str(self._server.make_url("/gateway")).replace("http://", "ws://")

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._server = TestServer(app, host="127.0.0.1")
        await self._server.start_server()

    async def stop(self) -> None:
        for socket in list(self.sockets):
            await socket.close()
        if self._server is not None:
            await self._server.close()

    # -- what tests read ---------------------------------------------------------------------

    def requests(self, method: str, path_pattern: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and re.fullmatch(path_pattern, c.path)]

    def replies(self) -> list[Call]:
        """Every message the bot said: interaction responses, follow-ups, channel posts."""
        return [
            c
            for c in self.calls
            if (
                c.method == "POST"
                and c.path.startswith("/interactions/")
                and c.body.get("type") in (4, 7)  # a message, or the pressed one updated
            )
            or (c.method == "POST" and c.path.startswith("/webhooks/"))
            or (c.method == "POST" and re.fullmatch(r"/channels/\d+/messages", c.path))
        ]

    async def wait_for(self, method: str, path_pattern: str, within: float = 10.0) -> list[Call]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while not (found := self.requests(method, path_pattern)):
            if loop.time() > deadline:
                raise AssertionError(f"no {method} {path_pattern}; calls: {self.calls}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), deadline - loop.time())
        return found

    async def wait_identified(self, within: float = 10.0) -> list[dict[str, Any]]:
        """The IDENTIFY payloads received, once there is at least one."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while not self.identified:
            if loop.time() > deadline:
                raise AssertionError("nobody identified on the gateway")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), deadline - loop.time())
        return self.identified

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway event (e.g. INTERACTION_CREATE) to every connected shard."""
        for socket in self.sockets:
            await socket.send_str(
                json.dumps({"op": 0, "t": event, "s": next(self._ids), "d": data})
            )

    # -- REST ---------------------------------------------------------------------------------

    def _next_id(self) -> str:
        return str(990000000000000000 + next(self._ids))

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        raw = await request.read()
        body: dict[str, Any] = {}
        if raw and request.content_type == "application/json":
            loaded = json.loads(raw)
            body = loaded if isinstance(loaded, dict) else {"items": loaded}
        self.calls.append(Call(request.method, path, body, dict(request.headers)))
        self._changed.set()
        for failure in self.failures:
            if failure.times > 0 and failure.pattern.fullmatch(f"{request.method} {path}"):
                if failure.skip > 0:
                    failure.skip -= 1
                    continue
                failure.times -= 1
                return _json(failure.body, status=failure.status, headers=failure.headers)
        return self._answer(request.method, path, body)

    def _answer(self, method: str, path: str, body: dict[str, Any]) -> web.Response:
        bot = user_payload(BOT_ID, "Guildbot", bot=True)
        if (method, path) == ("GET", "/users/@me"):
            return _json(bot)
        if (method, path) == ("GET", "/oauth2/applications/@me"):
            return _json(
                {
                    "id": APP_ID,
                    "name": "Guildbot",
                    "description": "",
                    "icon": None,
                    "bot_public": True,
                    "bot_require_code_grant": False,
                    "owner": user_payload("1", "Owner"),
                    "verify_key": "0" * 64,
                    "flags": 0,
                }
            )
        if method == "PUT" and re.fullmatch(r"/applications/\d+/commands", path):
            self.commands = [
                {**c, "id": self._next_id(), "application_id": APP_ID, "version": "1"}
                for c in body.get("items", [])
            ]
            return _json(self.commands)
        if method == "GET" and re.fullmatch(r"/applications/\d+/commands", path):
            return _json(self.commands)
        if method == "GET" and (match := re.fullmatch(r"/users/(\d+)", path)):
            user = self.users.get(match[1])
            if user is None:
                return _json({"code": 10013, "message": "Unknown User"}, status=404)
            return _json(user)
        if (method, path) == ("POST", "/users/@me/channels"):
            recipient = str(body["recipient_id"])
            return _json(
                {"id": f"8{recipient[1:]}", "type": 1, "recipients": [self.users.get(recipient)]}
            )
        if method == "POST" and (match := re.fullmatch(r"/channels/(\d+)/messages", path)):
            return _json(self._create(match[1], body, bot))
        if method == "PATCH" and (match := re.fullmatch(r"/channels/(\d+)/messages/(\d+)", path)):
            return _json(message_payload(match[2], match[1], body, bot))
        if method == "GET" and (match := re.fullmatch(r"/channels/(\d+)/messages", path)):
            # Read back, a message has no nonce: Discord returns it only on creation.
            kept = self.messages.get(match[1], [])[::-1][:50]
            return _json([{k: v for k, v in m.items() if k != "nonce"} for m in kept])
        if method == "GET" and re.fullmatch(r"/guilds/\d+/threads/active", path):
            return _json({"threads": self.threads, "members": []})
        if method == "POST" and (match := re.fullmatch(r"/channels/(\d+)/threads", path)):
            self.threads.append(
                {
                    "id": self._next_id(),
                    "type": body.get("type", 12),
                    "guild_id": GUILD,
                    "parent_id": match[1],
                    "name": body.get("name", ""),
                    "owner_id": BOT_ID,
                    "thread_metadata": {
                        "archived": False,
                        "auto_archive_duration": body.get("auto_archive_duration", 10080),
                        "archive_timestamp": "2026-11-28T10:00:00+00:00",
                        "locked": False,
                        "invitable": body.get("invitable", True),
                    },
                }
            )
            return _json(self.threads[-1])
        if method in ("PUT", "DELETE") and re.fullmatch(r"/channels/\d+/thread-members/\d+", path):
            return web.Response(status=204)
        if method == "GET" and (match := re.fullmatch(r"/guilds/(\d+)/members/(\d+)", path)):
            if match[2] not in self.guild_members.get(match[1], set()):
                return _json({"code": 10007, "message": "Unknown Member"}, status=404)
            return _json(
                {
                    "user": self.users[match[2]],
                    "roles": [],
                    "joined_at": "2026-01-01T00:00:00+00:00",
                }
            )
        if method == "POST" and (
            match := re.fullmatch(r"/interactions/(\d+)/[^/]+/callback", path)
        ):
            return _json(
                {
                    "interaction": {
                        "id": match[1],
                        "type": 2,
                        "response_message_id": self._next_id(),
                        "response_message_loading": body.get("type") == 5,
                        "response_message_ephemeral": bool(
                            (body.get("data") or {}).get("flags", 0) & 64
                        ),
                    }
                }
            )
        if method == "POST" and re.fullmatch(r"/webhooks/\d+/[^/]+", path):
            return _json(message_payload(self._next_id(), "0", body, bot))
        if method == "PATCH" and re.fullmatch(r"/webhooks/\d+/[^/]+/messages/@original", path):
            return _json(message_payload(self._next_id(), "0", body, bot))
        return _json({"code": 0, "message": f"mock: no route {method} {path}"}, status=404)

    def _create(self, channel: str, body: dict[str, Any], bot: dict[str, Any]) -> dict[str, Any]:
        """Create a message; with ``enforce_nonce``, a nonce this author used in the window
        gives back the message it created then, and creates nothing (as Discord does)."""
        nonce = body.get("nonce")
        key = f"{bot['id']}:{nonce}"
        if nonce is not None and body.get("enforce_nonce"):
            seen = self._nonces.get(key)
            if seen is not None and self.now() - seen[0] <= self.nonce_window:
                return seen[1]
        message = message_payload(self._next_id(), channel, body, bot)
        if nonce is not None:
            message["nonce"] = str(nonce)
            self._nonces[key] = (self.now(), message)
        self.messages.setdefault(channel, []).append(message)
        return message

    def created(self) -> list[dict[str, Any]]:
        """Every message created in a channel, oldest first per channel."""
        return [m for kept in self.messages.values() for m in kept]

    # -- gateway ------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.sockets.append(socket)
        await socket.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}}))
        try:
            async for message in socket:
                if message.type != WSMsgType.TEXT:
                    continue
                payload = json.loads(message.data)
                if payload.get("op") == 1:  # heartbeat
                    await socket.send_str(json.dumps({"op": 11}))
                elif payload.get("op") == 2:  # identify
                    self.identified.append(payload["d"])
                    self._changed.set()
                    shard = payload["d"].get("shard", [0, 1])
                    await socket.send_str(
                        json.dumps(
                            {
                                "op": 0,
                                "t": "READY",
                                "s": 1,
                                "d": {
                                    "v": 10,
                                    "user": user_payload(BOT_ID, "Guildbot", bot=True),
                                    "guilds": [],
                                    "session_id": "mock-session",
                                    "resume_gateway_url": self.gateway_url,
                                    "shard": shard,
                                    "application": {"id": APP_ID, "flags": 0},
                                },
                            }
                        )
                    )
        finally:
            self.sockets.remove(socket)
        return socket
