"""The real Slack adapter, on a real web app, against the mock Web API — and signed requests.

Requests are signed exactly as Slack signs them (`slack_sdk.signature.SignatureVerifier`);
time for pacing and retries is a `FakeTime`, so nothing waits for real.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp

from guildbot.adapters.slack import SlackAdapter
from guildbot.app.build import Guildbot
from guildbot.app.web import WebServer
from guildbot.bot.adapter_support.localised import CataloguePhrases
from guildbot.bot.features import catalogue
from guildbot.bot.home import HomeService
from guildbot.contract.adapter import Dispatch
from tests.adapters.fake_time import FakeTime
from tests.adapters.slack.mock_slack import TEAM, Call, MockSlack

SIGNING_SECRET = "8f742231b10e8888abcd99b1c2d3e4f5"
BOT_TOKEN = "xoxb-17653672481-guildbot-test"
APP_TOKEN = "xapp-1-A0GUILD-guildbot-test"


def sign(
    body: str | bytes, timestamp: int | None = None, secret: str = SIGNING_SECRET
) -> dict[str, str]:
    """The headers Slack would send with `body`: its signature over the raw bytes."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    raw = body.encode() if isinstance(body, str) else body
    digest = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + raw, hashlib.sha256)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest.hexdigest()}"}


def command_body(
    command: str,
    text: str,
    *,
    user: str = "U1",
    channel: str = "C1",
    channel_name: str = "general",
    trigger_id: str = "1.2.trigger",
    response_url: str = "",
) -> str:
    return urlencode(
        {
            "token": "legacy-verification-token",
            "team_id": TEAM,
            "team_domain": "guild",
            "channel_id": channel,
            "channel_name": channel_name,
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "api_app_id": "AGUILD",
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
    )


def event_envelope(event: dict[str, Any], event_id: str) -> dict[str, Any]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM,
        "api_app_id": "AGUILD",
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [
            {"enterprise_id": None, "team_id": TEAM, "user_id": "UBOT", "is_bot": True}
        ],
    }


def action_payload(
    action_id: str,
    value: str,
    *,
    user: str = "U1",
    channel: str | None = "C1",
    trigger_id: str = "9.9.press",
    response_url: str = "",
    label: str = "Press",
    ephemeral: bool = True,
    message: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A block_actions payload as Slack sends it: for a message the conversation sees
    (`ephemeral` False), with that `message` and its blocks; for an ephemeral one, without."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "team_id": TEAM},
        "api_app_id": "AGUILD",
        "token": "legacy-verification-token",
        "trigger_id": trigger_id,
        "team": {"id": TEAM, "domain": "guild"},
        "response_url": response_url,
        "actions": [
            {
                "type": "button",
                "block_id": "b1",
                "action_id": action_id,
                "text": {"type": "plain_text", "text": label},
                "value": value,
                "action_ts": "1700000000.1",
            }
        ],
    }
    if channel is not None:
        payload["channel"] = {"id": channel, "name": "general"}
        payload["container"] = {
            "type": "message",
            "message_ts": str((message or {}).get("ts") or "1700000000.000001"),
            "channel_id": channel,
            "is_ephemeral": ephemeral,
        }
        if message is not None:
            payload["message"] = message
    else:
        payload["container"] = {"type": "view", "view_id": "V1"}
    return payload


@dataclass
class SlackRig:
    """One Guildbot process's Slack side: the adapter, its web app, and a way to talk to it."""

    app: Guildbot
    adapter: SlackAdapter
    web: WebServer | None
    mock: MockSlack
    clock: FakeTime
    session: aiohttp.ClientSession
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def events_url(self) -> str:
        assert self.web is not None
        return f"{self.web.url}/slack/events"

    async def post(
        self,
        body: str | bytes,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        signed: dict[str, str] | None = None,
    ) -> int:
        signature = sign(body) if signed is None else signed
        all_headers = {"Content-Type": content_type, **signature, **(headers or {})}
        async with self.session.post(self.events_url, data=body, headers=all_headers) as response:
            await response.read()
            return response.status

    async def command(self, command: str, text: str, **fields: Any) -> list[Call]:
        """Run a slash command; returns the messages the bot sent because of it."""
        fields.setdefault("trigger_id", f"trigger-{next(self._ids)}")
        before = len(self.mock.replies())
        status = await self.post(
            command_body(command, text, **fields), "application/x-www-form-urlencoded"
        )
        assert status == 200
        await self.adapter.drain()
        return self.mock.replies()[before:]

    async def event(
        self, event: dict[str, Any], event_id: str | None = None, retry_num: int | None = None
    ) -> int:
        body = json.dumps(event_envelope(event, event_id or f"Ev{next(self._ids):06d}"))
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        status = await self.post(body, "application/json", headers=headers)
        await self.adapter.drain()
        return status

    async def press(self, action_id: str, value: str, **fields: Any) -> list[Call]:
        fields.setdefault("trigger_id", f"press-{next(self._ids)}")
        before = len(self.mock.replies())
        body = urlencode({"payload": json.dumps(action_payload(action_id, value, **fields))})
        status = await self.post(body, "application/x-www-form-urlencoded")
        assert status == 200
        await self.adapter.drain()
        return self.mock.replies()[before:]

    async def close(self) -> None:
        await self.adapter.stop()
        if self.web is not None:
            await self.web.stop()
        await self.session.close()


async def start_rig(
    app: Guildbot,
    mock: MockSlack,
    *,
    socket_mode: bool = False,
    clock: FakeTime | None = None,
    bot_token: str = BOT_TOKEN,
    app_token: str = APP_TOKEN,
    dispatch: Dispatch | None = None,
) -> SlackRig:
    """Build the adapter as `guildbot run` does, on a web app listening on a free port."""
    clock = clock or FakeTime()
    home = HomeService(app.database, app.clock, app.identities)
    adapter = SlackAdapter(
        bot_token=bot_token,
        commands=catalogue(),
        phrases=CataloguePhrases(),
        signing_secret="" if socket_mode else SIGNING_SECRET,
        app_token=app_token if socket_mode else "",
        api_url=mock.api_url,
        home=home.home,
        sleep=clock.sleep,
        monotonic=clock.monotonic,
        shutdown_grace=5.0,
    )
    web = None
    if not socket_mode:
        web = WebServer("127.0.0.1", 0)
        web.add_routes(adapter.routes())
        await web.start()
    try:
        await adapter.start(dispatch or app.dispatcher(adapter))
    except BaseException:
        if web is not None:
            await web.stop()
        raise
    return SlackRig(app, adapter, web, mock, clock, aiohttp.ClientSession())


def texts(calls: list[Call]) -> list[str]:
    return [str(call.args.get("text", "")) for call in calls]
