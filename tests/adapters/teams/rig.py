"""The real Teams adapter on a real web app, fed recorded activities, against the mock
connector service. Authentication is off (anonymous mode, as with no credentials set); time
for retries is a `FakeTime`, so nothing waits for real."""

from __future__ import annotations

import copy
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp

from guildbot.adapters.teams import TeamsAdapter
from guildbot.app.build import Guildbot
from guildbot.app.web import WebServer
from guildbot.bot.adapter_support.conversations import StoredConversations
from guildbot.bot.adapter_support.localised import CataloguePhrases
from guildbot.contract.adapter import Dispatch
from tests.adapters.fake_time import FakeTime
from tests.adapters.teams.mock_connector import MockConnector, Post

ACTIVITIES = Path(__file__).with_name("activities")
TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
ANA = "6b1e2c59-5b8a-4d1e-9c34-0a1b2c3d4e01"
BO = "6b1e2c59-5b8a-4d1e-9c34-0a1b2c3d4e02"
CY = "6b1e2c59-5b8a-4d1e-9c34-0a1b2c3d4e03"
ANA_TEAMS_ID = "29:1AnaLimaTeamsUserId" + "X" * 62
CY_TEAMS_ID = "29:1CyDiazTeamsUserId" + "X" * 63


def recorded(name: str, service_url: str, /, **changes: Any) -> dict[str, Any]:
    """A recorded activity, pointed at the mock connector, with a fresh id and `changes`."""
    activity: dict[str, Any] = json.loads((ACTIVITIES / f"{name}.json").read_text())
    activity["serviceUrl"] = service_url
    activity["id"] = f"{activity['id']}-{uuid.uuid4().hex[:8]}"
    for key, value in changes.items():
        activity[key] = value
    return copy.deepcopy(activity)


@dataclass
class TeamsRig:
    app: Guildbot
    adapter: TeamsAdapter
    web: WebServer
    mock: MockConnector
    clock: FakeTime
    session: aiohttp.ClientSession
    answered: Any = None  # the body of the last invoke response

    @property
    def url(self) -> str:
        return f"{self.web.url}/api/messages"

    async def post(
        self, activity: dict[str, Any] | str, headers: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        """POST an activity as Bot Framework does; waits for the core to finish with it."""
        data = activity if isinstance(activity, str) else json.dumps(activity)
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        async with self.session.post(self.url, data=data, headers=all_headers) as response:
            body = await response.read()
            status = response.status
        await self.adapter.drain()
        try:
            return status, json.loads(body) if body else None
        except ValueError:
            return status, body.decode()

    async def say(self, name: str, text: str | None = None, **changes: Any) -> list[Post]:
        """Post a recorded activity (optionally with new text); the posts it caused."""
        before = len(self.mock.posts)
        if text is not None:
            changes["text"] = text
        status, _ = await self.post(recorded(name, self.mock.service_url, **changes))
        assert status in (200, 202), status
        return self.mock.posts[before:]

    async def press(
        self, action_id: str, value: str, *, data: dict[str, Any] | None = None, **changes: Any
    ) -> list[Post]:
        """Press a card's button as Teams does for a Universal Action: an
        ``adaptiveCard/action`` invoke (on the card `replyToId` names, in the conversation
        of `changes`, Ana's chat by default), answered in the HTTP response — kept in
        `answered`. `data` is the button's own data (the card's words with it)."""
        before = len(self.mock.posts)
        data = data or {"guildbot": action_id, "value": value}
        action = {"type": "Action.Execute", "verb": action_id, "data": data}
        activity = recorded(
            "card_submit",
            self.mock.service_url,
            type="invoke",
            name="adaptiveCard/action",
            value={"action": action, "trigger": "manual"},
            **changes,
        )
        status, body = await self.post(activity)
        assert status == 200 and body["statusCode"] == 200, (status, body)
        self.answered = body
        return self.mock.posts[before:]

    async def submit(
        self, action_id: str, value: str, *, data: dict[str, Any] | None = None, **changes: Any
    ) -> list[Post]:
        """Press a button as an `Action.Submit` (a card posted before Universal Actions, or
        a client that falls back to it): a message activity carrying the data."""
        before = len(self.mock.posts)
        data = data or {"guildbot": action_id, "value": value}
        activity = recorded("card_submit", self.mock.service_url, value=data, **changes)
        status, _ = await self.post(activity)
        assert status in (200, 202), status
        return self.mock.posts[before:]

    async def close(self) -> None:
        await self.adapter.stop()
        await self.web.stop()
        await self.session.close()


async def start_rig(
    app: Guildbot,
    mock: MockConnector,
    *,
    clock: FakeTime | None = None,
    dispatch: Dispatch | None = None,
    client_id: str = "",
    tenant_id: str = "",
    invoke_wait: float | None = None,
) -> TeamsRig:
    """Build the adapter as `guildbot run` does, on a web app listening on a free port."""
    clock = clock or FakeTime()
    adapter = TeamsAdapter(
        store=StoredConversations(app.database, app.clock, "teams"),
        phrases=CataloguePhrases(),
        client_id=client_id,
        client_secret="s3cr3t-value" if client_id else "",
        tenant_id=tenant_id,
        sleep=clock.sleep,
        jitter=lambda: 0.0,
        shutdown_grace=5.0,
        **({} if invoke_wait is None else {"invoke_wait": invoke_wait}),
    )
    web = WebServer("127.0.0.1", 0)
    web.add_routes(adapter.routes())
    await web.start()
    await adapter.start(dispatch or app.dispatcher(adapter))
    return TeamsRig(app, adapter, web, mock, clock, aiohttp.ClientSession())


def card_text(post: Post) -> str:
    """The text blocks of a posted card, joined as a member reads them."""
    card = post.card
    assert card is not None, post.activity
    return "\n".join(b["text"] for b in card["body"] if b.get("type") == "TextBlock")


def card_buttons(post: Post) -> list[dict[str, Any]]:
    """The buttons of a posted card (top-level and in action sets), confirm cards unfolded."""
    card = post.card or {}
    actions = list(card.get("actions") or [])
    for block in card.get("body") or []:
        if block.get("type") == "ActionSet":
            actions.extend(block["actions"])
    return actions


def submit_data(action: dict[str, Any]) -> dict[str, Any]:
    """What pressing a button submits (for a confirmation: its confirming button)."""
    if action["type"] == "Action.ShowCard":
        action = action["card"]["actions"][0]
    data: dict[str, Any] = action["data"]
    return data
