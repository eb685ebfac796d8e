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
    # What gives a posted message its ts (epoch seconds, as Slack's are); None: a counter from
    # 1700000000. History searches by time need real instants (the bot's clock, or time.time).
    epoch: Callable[[], float] | None = None
    # The bot's scopes, for the methods that check theirs (history); None: every one.
    scopes: set[str] | None = None
    # Every message posted, per channel, as conversations.history gives them back.
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._failures: dict[str, list[Failure]] = {}
        self._changed = asyncio.Condition()
        self._ts = itertools.count(1)
        self._last_micros = 0
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
            if user is None:
                return {"ok": False, "error": "user_not_found"}
            if str(args.get("include_locale", "")).casefold() not in ("1", "true"):
                # As Slack does: the member's language only when asked for.
                user = {key: value for key, value in user.items() if key != "locale"}
            return {"ok": True, "user": user}
        if method in ("chat.postMessage", "chat.postEphemeral"):
            channel = str(args.get("channel", ""))
            if channel in self.not_in:
                return {"ok": False, "error": "channel_not_found"}
            ts = self._next_ts()
            if method == "chat.postEphemeral":
                return {"ok": True, "message_ts": ts}
            if channel.startswith(("U", "W")):
                channel = "D" + channel
            self._keep(channel, ts, args)
            return {"ok": True, "channel": channel, "ts": ts}
        if method in ("conversations.history", "conversations.replies"):
            return self._history(method, args)
        if method == "chat.update":
            return self._update(args)
        if method == "conversations.open":
            users = str(args.get("users", "")).split(",")
            channel = "D" + users[0] if len(users) == 1 else "G" + "".join(sorted(users))
            return {"ok": True, "channel": {"id": channel}}
        if method == "views.publish":
            return {"ok": True, "view": {"id": "V1"}}
        return {"ok": True}

    # -- messages and their history, as Slack keeps them ----------------------------------

    def _next_ts(self) -> str:
        if self.epoch is None:
            return f"1700000000.{next(self._ts):06d}"
        # Slack's ts are unique per channel: a microsecond apart at least.
        micros = max(int(self.epoch() * 1_000_000), self._last_micros + 1)
        self._last_micros = micros
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _keep(self, channel: str, ts: str, args: dict[str, Any]) -> None:
        message: dict[str, Any] = {
            "type": "message",
            "ts": ts,
            "user": BOT_USER,
            "bot_id": "BGUILD",
            "text": str(args.get("text", "")),
        }
        blocks = args.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        if isinstance(blocks, list):
            message["blocks"] = blocks
        if args.get("thread_ts"):
            message["thread_ts"] = str(args["thread_ts"])
        metadata = args.get("metadata")
        if isinstance(metadata, str):  # a form-encoded call sends it as JSON text
            metadata = json.loads(metadata)
        if isinstance(metadata, dict):
            message["metadata"] = {
                "event_type": metadata.get("event_type"),
                "event_payload": metadata.get("event_payload", {}),
            }
        self.messages.setdefault(channel, []).append(message)

    def _update(self, args: dict[str, Any]) -> dict[str, Any]:
        """chat.update: a message the bot posted takes the new text and blocks."""
        channel, ts = str(args.get("channel", "")), str(args.get("ts", ""))
        for message in self.messages.get(channel, []):
            if message["ts"] == ts:
                message["text"] = str(args.get("text", ""))
                blocks = args.get("blocks")
                message["blocks"] = json.loads(blocks) if isinstance(blocks, str) else blocks
                return {"ok": True, "channel": channel, "ts": ts, "text": message["text"]}
        return {"ok": False, "error": "message_not_found"}

    def posted(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Every message posted (to `channel`), oldest first."""
        if channel is not None:
            return list(self.messages.get(channel, []))
        return [m for kept in self.messages.values() for m in kept]

    def _history(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        """conversations.history / .replies: newest first, `oldest`/`latest` exclusive
        unless `inclusive`, `limit` a page (cursor: an offset), metadata only when
        `include_all_metadata` is set — as Slack answers them."""
        channel = str(args.get("channel", ""))
        needed = {"C": "channels:history", "D": "im:history"}.get(channel[:1], "groups:history")
        if self.scopes is not None and needed not in self.scopes:
            return {"ok": False, "error": "missing_scope", "needed": needed}
        if channel in self.not_in:
            return {"ok": False, "error": "channel_not_found"}
        kept = self.messages.get(channel, [])
        if method == "conversations.replies":
            thread = str(args.get("ts", ""))
            kept = [m for m in kept if m["ts"] == thread or m.get("thread_ts") == thread]
        else:  # replies stay in their thread
            kept = [m for m in kept if m.get("thread_ts") in (None, m["ts"])]
        inclusive = _truthy(args.get("inclusive"))
        oldest = float(args.get("oldest") or 0)
        latest = float(args.get("latest") or 1e12)

        def within(message: dict[str, Any]) -> bool:
            ts = float(message["ts"])
            if inclusive:
                return oldest <= ts <= latest
            return oldest < ts < latest

        matching = sorted((m for m in kept if within(m)), key=lambda m: float(m["ts"]))[::-1]
        start = int(str(args.get("cursor") or "0").removeprefix("offset:") or 0)
        limit = min(999, int(args.get("limit") or 100))
        page = matching[start : start + limit]
        if not _truthy(args.get("include_all_metadata")):
            page = [{k: v for k, v in m.items() if k != "metadata"} for m in page]
        more = start + limit < len(matching)
        return {
            "ok": True,
            "messages": page,
            "has_more": more,
            "response_metadata": {"next_cursor": f"offset:{start + limit}" if more else ""},
        }

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


def _truthy(value: Any) -> bool:
    """A boolean argument as Slack reads it from a query string, a form or JSON."""
    return value is True or str(value).lower() in ("1", "true")
