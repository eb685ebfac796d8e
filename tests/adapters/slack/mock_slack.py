"""A local mock of the Slack Web API (and Socket Mode's websocket) on 127.0.0.1.

Like slack-bolt's own `tests/mock_web_api_server`: it records every call, answers the methods
the adapter uses, and can be told to fail the next calls to a method (429 with Retry-After,
500, or an `ok: false` error code). `apps.connections.open` hands out a websocket address on
the same server, so Socket Mode runs for real: the test pushes envelopes and reads the acks.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

from tests.adapters.serving import serve

BOT_USER = "UBOT"
TEAM = "T0GUILD"


@dataclass
class Call:
    """One request the mock received."""

    method: str
    args: dict[str, Any]
    token: str = ""  # the bearer token (tests check it is the right kind, never log it)
    at: float = field(default_factory=time.monotonic)  # when it arrived (see MockSlack.stamp)


@dataclass
class Failure:
    status: int = 200
    error: str = ""
    retry_after: int | None = None


@dataclass
class MockSlack:
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    # What stamps each call's arrival: real time unless a test reads the bot's own clock.
    stamp: Callable[[], float] = time.monotonic
    # Channels the bot is not in: chat.postMessage / postEphemeral answer channel_not_found.
    not_in: set[str] = field(default_factory=set)
    calls: list[Call] = field(default_factory=list)
    acks: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._failures: dict[str, list[Failure]] = {}
        self._changed = asyncio.Condition()
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._sockets: list[web.WebSocketResponse] = []
        self._socket_ready = asyncio.Event()
        self.port = 0

    # -- control ----------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def hook_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/{name}"

    def add_user(
        self,
        user_id: str,
        real_name: str,
        tz: str = "America/Toronto",
        email: str | None = None,
        **extra: Any,
    ) -> None:
        profile: dict[str, Any] = {
            "real_name": real_name,
            "display_name": real_name.split(maxsplit=1)[0],
        }
        if email:
            profile["email"] = email
        self.users[user_id] = {
            "id": user_id,
            "team_id": TEAM,
            "name": real_name.lower().replace(" ", "."),
            "real_name": real_name,
            "tz": tz,
            "deleted": False,
            "is_bot": False,
            "profile": profile,
            **extra,
        }

    def fail(
        self,
        method: str,
        *,
        status: int = 200,
        error: str = "",
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next `times` calls to `method` fail this way."""
        self._failures.setdefault(method, []).extend(
            Failure(status, error, retry_after) for _ in range(times)
        )

    def calls_to(self, *methods: str) -> list[Call]:
        return [c for c in self.calls if c.method in methods]

    def replies(self) -> list[Call]:
        """Every message sent to a person or channel, in order."""
        return self.calls_to("chat.postMessage", "chat.postEphemeral", "response_url")

    async def wait_for(self, predicate: Callable[[], bool], within: float = 10.0) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), within)

    async def wait_calls(self, method: str, count: int = 1, within: float = 10.0) -> list[Call]:
        await self.wait_for(lambda: len(self.calls_to(method)) >= count, within)
        return self.calls_to(method)

    # -- Socket Mode --------------------------------------------------------------------

    async def socket_send(self, envelope: dict[str, Any]) -> None:
        await asyncio.wait_for(self._socket_ready.wait(), 10)
        await self._sockets[-1].send_str(json.dumps(envelope))

    async def wait_ack(self, envelope_id: str, within: float = 10.0) -> dict[str, Any]:
        await self.wait_for(
            lambda: any(a.get("envelope_id") == envelope_id for a in self.acks), within
        )
        return next(a for a in self.acks if a.get("envelope_id") == envelope_id)

    # -- server -------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/hooks/{name}", self._hook)
        app.router.add_get("/socket", self._socket)
        self._runner, self.port = await serve(app)

    async def stop(self) -> None:
        for socket in self._sockets:
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            raw = await request.text()
            if request.content_type == "application/json":
                args.update(json.loads(raw or "{}"))
            else:
                args.update(dict(parse_qsl(raw)))
        token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if "token" in args:  # apps.connections.open may carry it in the form
            token = str(args.pop("token"))
        await self._record(Call(method, args, token, self.stamp()))
        failures = self._failures.get(method)
        if failures:
            failure = failures.pop(0)
            headers = {}
            if failure.retry_after is not None:
                headers["Retry-After"] = str(failure.retry_after)
            error = failure.error or ("ratelimited" if failure.status == 429 else "internal_error")
            return web.json_response(
                {"ok": False, "error": error}, status=failure.status, headers=headers
            )
        return web.json_response(self._answer(method, args, token))

    def _answer(self, method: str, args: dict[str, Any], token: str) -> dict[str, Any]:
        if method == "apps.connections.open":
            if not token.startswith("xapp-") or "invalid" in token:
                return {"ok": False, "error": "invalid_auth"}
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}
        if not token.startswith("xoxb-") or "invalid" in token:
            return {"ok": False, "error": "invalid_auth"}
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://guild.example.slack.com/",
                "team": "Guild",
                "user": "guildbot",
                "team_id": TEAM,
                "user_id": BOT_USER,
                "bot_id": "BGUILD",
            }
        if method == "users.info":
            user = self.users.get(str(args.get("user")))
            return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
        if method in ("chat.postMessage", "chat.postEphemeral"):
            channel = str(args.get("channel", ""))
            if channel in self.not_in:
                return {"ok": False, "error": "channel_not_found"}
            ts = f"1700000000.{next(self._ts):06d}"
            if method == "chat.postEphemeral":
                return {"ok": True, "message_ts": ts}
            if channel.startswith(("U", "W")):
                channel = "D" + channel
            return {"ok": True, "channel": channel, "ts": ts}
        if method == "conversations.open":
            users = str(args.get("users", "")).split(",")
            channel = "D" + users[0] if len(users) == 1 else "G" + "".join(sorted(users))
            return {"ok": True, "channel": {"id": channel}}
        if method == "views.publish":
            return {"ok": True, "view": {"id": "V1"}}
        return {"ok": True}

    async def _hook(self, request: web.Request) -> web.Response:
        body = await request.json()
        await self._record(Call("response_url", body, request.match_info["name"], self.stamp()))
        return web.Response(text="ok")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_str(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": 1,
                    "debug_info": {"host": "mock", "approximate_connection_time": 3600},
                    "connection_info": {"app_id": "AGUILD"},
                }
            )
        )
        self._socket_ready.set()
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                async with self._changed:
                    self.acks.append(json.loads(message.data))
                    self._changed.notify_all()
        return socket
