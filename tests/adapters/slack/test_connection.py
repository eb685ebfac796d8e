"""The Slack adapter's connection for `/healthz`: HTTP mode is connected once it serves
(Slack calls us); Socket Mode is connected while slack_sdk's socket is, and not once Slack's
socket is gone and cannot be opened again."""

from __future__ import annotations

import asyncio

from guildbot.app.build import Guildbot
from guildbot.contract.adapter import Connection
from tests.adapters.slack.mock_slack import MockSlack
from tests.adapters.slack.rig import SlackRig, start_rig


async def disconnected(rig: SlackRig, within: float = 30) -> Connection:
    async with asyncio.timeout(within):
        while True:
            connection = await rig.adapter.connection()
            if not connection.connected:
                return connection
            await asyncio.sleep(0.05)


async def test_http_mode_is_connected_while_it_serves(slack: SlackRig) -> None:
    assert (await slack.adapter.connection()).connected
    await slack.adapter.stop()
    assert not (await slack.adapter.connection()).connected


async def test_socket_mode_is_connected_while_its_socket_is(
    app: Guildbot, mock_slack: MockSlack
) -> None:
    rig = await start_rig(app, mock_slack, socket_mode=True)
    try:
        up = await rig.adapter.connection()
        assert up.connected
        await mock_slack.stop()  # the socket closes, and no new one can be opened
        down = await disconnected(rig)
        assert down.since > up.since
    finally:
        await rig.close()
