"""A local mock of the Bot Framework connector service (Teams' serviceUrl) on 127.0.0.1.

It records every activity the bot posts (replies and proactive sends alike) and every one it
replaces (a settled card), answers member
lookups and 1:1 conversation creation, and can be told to fail the next calls (429 with
Retry-After, 412, 502, 400, 403 …). Activities posted to the bot carry this server's address
as their `serviceUrl`, so the real SDK's connector client talks to it.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.adapters.serving import serve

DROPPED = 0  # `fail(DROPPED)`: the connection closes without an answer


@dataclass
class Post:
    """One activity the bot sent."""

    conversation_id: str
    activity: dict[str, Any]
    reply_to: str | None = None
    token: str = ""
    id: str = ""  # what the service answered: the activity's id

    @property
    def card(self) -> dict[str, Any] | None:
        for attachment in self.activity.get("attachments") or []:
            if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive":
                content: dict[str, Any] = attachment["content"]
                return content
        return None


@dataclass
class MockConnector:
    posts: list[Post] = field(default_factory=list)
    # Activities the bot replaced (PUT …/activities/{id}): `reply_to` is the id replaced.
    updates: list[Post] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path)
    members: dict[str, dict[str, Any]] = field(default_factory=dict)  # teams id -> account
    # Users Teams refuses a 1:1 chat for (the app is not installed for them).
    not_installed: set[str] = field(default_factory=set)
    # team id -> its channels, as `GET /v3/teams/{id}/conversations` lists them.
    channels: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._failures: list[tuple[int, int | None]] = []
        self._changed = asyncio.Condition()
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def service_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/teams/"

    def fail(self, status: int, *, retry_after: int | None = None, times: int = 1) -> None:
        """Make the next `times` activity posts fail with `status` (0: the connection drops
        before any answer)."""
        self._failures.extend((status, retry_after) for _ in range(times))

    async def wait_posts(self, count: int, within: float = 10.0) -> list[Post]:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(self.posts) >= count), within)
        return self.posts

    async def wait_for(self, predicate: Callable[[], bool], within: float = 10.0) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(predicate), within)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/teams/v3/conversations", self._create)
        app.router.add_post("/teams/v3/conversations/{cid}/activities", self._activity)
        app.router.add_post("/teams/v3/conversations/{cid}/activities/{aid}", self._activity)
        app.router.add_put("/teams/v3/conversations/{cid}/activities/{aid}", self._update)
        app.router.add_get("/teams/v3/conversations/{cid}/members/{uid}", self._member)
        app.router.add_get("/teams/v3/teams/{tid}/conversations", self._channels)
        self._runner, self.port = await serve(app)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _activity(self, request: web.Request) -> web.Response:
        self.requests.append((request.method, request.path))
        body = await request.json()
        if self._failures:
            status, retry_after = self._failures.pop(0)
            if status == DROPPED:
                assert request.transport is not None
                request.transport.close()
                return web.Response(status=500)  # never reaches the client
            headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
            return web.json_response(
                {"error": {"code": f"E{status}", "message": "mock failure"}},
                status=status,
                headers=headers,
            )
        token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        post = Post(request.match_info["cid"], body, request.match_info.get("aid"), token)
        post.id = f"1700000000{next(self._ids):03d}"
        async with self._changed:
            self.posts.append(post)
            self._changed.notify_all()
        return web.json_response({"id": post.id}, status=201)

    async def _update(self, request: web.Request) -> web.Response:
        self.requests.append((request.method, request.path))
        body = await request.json()
        token = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        update = Post(request.match_info["cid"], body, request.match_info["aid"], token)
        async with self._changed:
            self.updates.append(update)
            self._changed.notify_all()
        return web.json_response({"id": request.match_info["aid"]})

    async def _create(self, request: web.Request) -> web.Response:
        self.requests.append((request.method, request.path))
        body = await request.json()
        member = (body.get("members") or [{}])[0].get("id", "")
        if member in self.not_installed:
            return web.json_response(
                {"error": {"code": "Forbidden", "message": "app not installed"}}, status=403
            )
        return web.json_response({"id": f"a:1personal-{member}"}, status=201)

    async def _member(self, request: web.Request) -> web.Response:
        self.requests.append((request.method, request.path))
        account = self.members.get(request.match_info["uid"])
        if account is None:
            return web.json_response({"error": {"code": "NotFound"}}, status=404)
        return web.json_response(account)

    async def _channels(self, request: web.Request) -> web.Response:
        self.requests.append((request.method, request.path))
        channels = self.channels.get(request.match_info["tid"])
        if channels is None:
            return web.json_response({"error": {"code": "NotFound"}}, status=404)
        return web.json_response({"conversations": channels})
