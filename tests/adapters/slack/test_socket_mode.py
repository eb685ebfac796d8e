"""Socket Mode for real: apps.connections.open, a local websocket, envelopes and their acks."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qsl

import pytest

from guildbot.app.build import Guildbot
from guildbot.contract.adapter import Dispatch, Replies
from guildbot.contract.errors import ConfigError
from guildbot.contract.inbound import InboundEvent
from tests.adapters.slack.mock_slack import MockSlack
from tests.adapters.slack.rig import (
    APP_TOKEN,
    FakeTime,
    SlackRig,
    action_payload,
    command_body,
    event_envelope,
    start_rig,
)


class CountingDispatch:
    """Dispatches into the core and lets a test wait until N events were handled."""

    def __init__(self) -> None:
        self.inner: Dispatch | None = None
        self.handled = 0
        self._changed = asyncio.Condition()

    async def __call__(self, event: InboundEvent) -> Replies:
        try:
            assert self.inner is not None
            return await self.inner(event)
        finally:
            async with self._changed:
                self.handled += 1
                self._changed.notify_all()

    async def until(self, count: int) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: self.handled >= count), 10)


@pytest.fixture
async def socket(
    app: Guildbot, mock_slack: MockSlack
) -> AsyncIterator[tuple[SlackRig, CountingDispatch]]:
    counting = CountingDispatch()
    rig = await start_rig(app, mock_slack, socket_mode=True, clock=FakeTime(), dispatch=counting)
    counting.inner = app.dispatcher(rig.adapter)
    yield rig, counting
    await rig.close()


def envelope(kind: str, envelope_id: str, payload: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "envelope_id": envelope_id,
        "type": kind,
        "payload": payload,
        "accepts_response_payload": kind != "events_api",
        **extra,
    }


async def test_socket_mode_connects_with_the_app_level_token(
    socket: tuple[SlackRig, CountingDispatch],
) -> None:
    rig, _ = socket
    [opened] = rig.mock.calls_to("apps.connections.open")
    assert opened.token == APP_TOKEN
    assert rig.adapter.routes() == []  # nothing to mount: no inbound port in Socket Mode


async def test_a_slash_command_envelope_is_handled_like_http(
    socket: tuple[SlackRig, CountingDispatch], slack: SlackRig
) -> None:
    rig, counting = socket
    over_http = await slack.command("/guild", "help", user="U2")
    payload = dict(parse_qsl(command_body("/guild", "help", trigger_id="sock-1")))
    await rig.mock.socket_send(envelope("slash_commands", "env-1", payload))
    ack = await rig.mock.wait_ack("env-1")
    assert ack == {"envelope_id": "env-1"}  # acknowledged at once, with nothing to show
    await counting.until(1)
    await rig.adapter.drain()
    over_socket = rig.mock.replies()[-1]
    assert over_socket.method == over_http[0].method == "chat.postEphemeral"
    assert over_socket.args["user"] == "U1"
    assert over_socket.args["text"] == over_http[0].args["text"]
    assert over_socket.args["blocks"] == over_http[0].args["blocks"]


async def test_a_redelivered_event_envelope_gets_one_reply(
    socket: tuple[SlackRig, CountingDispatch],
) -> None:
    rig, counting = socket
    dm = {
        "type": "message",
        "channel": "D1",
        "channel_type": "im",
        "user": "U1",
        "text": "expertise add k8s",
        "ts": "1700000009.000100",
    }
    for attempt in range(4):
        retry = {"retry_attempt": attempt, "retry_reason": "timeout"} if attempt else {}
        await rig.mock.socket_send(
            envelope("events_api", f"env-ev-{attempt}", event_envelope(dm, "EvSOCKET"), **retry)
        )
        await rig.mock.wait_ack(f"env-ev-{attempt}")
    await counting.until(4)
    await rig.adapter.drain()
    [reply] = rig.mock.replies()
    assert reply.method == "chat.postMessage"
    assert "kubernetes" in reply.args["text"]


async def test_a_button_envelope(socket: tuple[SlackRig, CountingDispatch]) -> None:
    rig, counting = socket
    await rig.mock.socket_send(
        envelope("interactive", "env-b", action_payload("cancel~2", "", trigger_id="sock-press"))
    )
    await rig.mock.wait_ack("env-b")
    await counting.until(1)
    await rig.adapter.drain()
    [reply] = rig.mock.replies()
    assert reply.args["text"] == "OK, nothing changed."


async def test_an_app_token_slack_refuses_stops_start_up(
    app: Guildbot, mock_slack: MockSlack
) -> None:
    with pytest.raises(ConfigError) as raised:
        await start_rig(app, mock_slack, socket_mode=True, app_token="xapp-invalid")
    assert raised.value.variable == "SLACK_APP_TOKEN"
