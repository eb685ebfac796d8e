"""The Discord adapter's connection, in process against the faulty mock gateway: connected
from READY, disconnected while the gateway is away, and every close Discord means for good
(or a token refused after start-up) handed to the process's `fail` with one line that names
the code and what to do."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest

from guildbot.adapters.discord.adapter import FATAL_CLOSES, gateway_refusal
from guildbot.app.build import Guildbot
from guildbot.contract.adapter import Connection
from tests.adapters.discord.conftest import ANA
from tests.adapters.discord.gateway_faults import FaultyDiscord
from tests.adapters.discord.mock_discord import TOKEN
from tests.adapters.discord.rig import DiscordRig, start_rig


@pytest.fixture
async def faulty() -> AsyncIterator[FaultyDiscord]:
    mock = FaultyDiscord()
    mock.add_user(ANA, "Ana Lima")
    await mock.start()
    yield mock
    mock.release.set()
    await mock.stop()


class Failures:
    """What the process's `fail` was told, and a way to wait for it."""

    def __init__(self) -> None:
        self.reasons: list[str] = []
        self.told = asyncio.Event()

    def __call__(self, reason: str) -> None:
        self.reasons.append(reason)
        self.told.set()


async def connection_until(
    rig: DiscordRig, wanted: Callable[[Connection], bool], within: float = 30
) -> Connection:
    async with asyncio.timeout(within):
        while True:
            connection = await rig.adapter.connection()
            if wanted(connection):
                return connection
            await asyncio.sleep(0.02)


async def test_connected_from_ready_and_disconnected_while_the_gateway_is_away(
    app: Guildbot, faulty: FaultyDiscord
) -> None:
    rig = await start_rig(faulty, app, connect_gateway=True)
    try:
        assert not (await rig.adapter.connection()).connected  # before READY
        up = await connection_until(rig, lambda c: c.connected)
        faulty.refusing = True
        await faulty.drop_connections()
        down = await connection_until(rig, lambda c: not c.connected)
        assert down.since > up.since
        faulty.refusing = False
        again = await connection_until(rig, lambda c: c.connected, within=90)
        assert again.since > down.since
    finally:
        await rig.close()


@pytest.mark.parametrize("code", sorted(FATAL_CLOSES))
async def test_a_fatal_close_fails_the_process_with_the_code_and_what_to_do(
    app: Guildbot, faulty: FaultyDiscord, code: int
) -> None:
    faulty.close_code = code
    faulty.release.set()
    failures = Failures()
    rig = await start_rig(faulty, app, connect_gateway=True)
    rig.adapter.supervise(failures)
    try:
        async with asyncio.timeout(30):
            await failures.told.wait()
        await asyncio.sleep(0.1)  # nothing more is said
    finally:
        await rig.close()
    [reason] = failures.reasons
    assert reason == gateway_refusal(code)
    assert reason.startswith(f"Discord refused the gateway connection ({code} ")
    assert "):" in reason and len(reason.splitlines()) == 1
    assert TOKEN not in reason
    assert not (await rig.adapter.connection()).connected


def test_the_fatal_codes_are_those_discord_py_does_not_reconnect_after() -> None:
    assert set(FATAL_CLOSES) == {4004, 4010, 4011, 4012, 4013, 4014}
    assert "Message Content intent" in gateway_refusal(4014)
    assert "DISCORD_MESSAGE_CONTENT" in gateway_refusal(4014)
    assert "DISCORD_BOT_TOKEN" in gateway_refusal(4004)
    assert "DISCORD_SHARD_COUNT" in gateway_refusal(4011)
    assert gateway_refusal(4999) == "Discord closed the gateway connection for good (4999)"


async def test_a_token_refused_after_an_unreachable_start_up_fails_the_process(
    app: Guildbot, faulty: FaultyDiscord
) -> None:
    faulty.fail(r"GET /users/@me", 403)  # not a refusal: start-up carries on, retrying
    faulty.fail(r"GET /users/@me", 401)  # the retry: the token is refused
    failures = Failures()
    rig = await start_rig(faulty, app, connect_gateway=True)
    rig.adapter.supervise(failures)
    try:
        async with asyncio.timeout(30):
            await failures.told.wait()
    finally:
        await rig.close()
    [reason] = failures.reasons
    assert reason.startswith("Discord refused the bot token: DISCORD_BOT_TOKEN")
    assert not faulty.identified
