"""`guildbot run` against a Discord gateway that fails: a close Discord means for good (4014
disallowed intents, 4004 authentication failed) stops the process with status 1 and one line
naming the code and what to do; an outage turns `/healthz` to 503 once it outlasts the grace
period, and back to 200 once the gateway takes the process back. Never is it 200 "ok" without
a connection."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.adapters.discord.conftest import ANA
from tests.adapters.discord.gateway_faults import FaultyDiscord
from tests.adapters.discord.mock_discord import TOKEN
from tests.adapters.discord.test_run import discord_environment
from tests.adapters.processes import START_TIMEOUT, free_port, kill_if_running, launch, stop

Answer = tuple[int, dict[str, Any]]


@pytest.fixture
async def faulty() -> AsyncIterator[FaultyDiscord]:
    mock = FaultyDiscord()
    mock.add_user(ANA, "Ana Lima")
    await mock.start()
    yield mock
    mock.release.set()  # a session still held open by the mock may close now
    await mock.stop()


async def health(session: aiohttp.ClientSession, url: str) -> Answer | None:
    """One /healthz answer (status and JSON), or None while nothing listens."""
    try:
        async with session.get(url) as response:
            return response.status, dict(await response.json())
    except aiohttp.ClientConnectionError:
        return None


async def health_until(
    session: aiohttp.ClientSession,
    url: str,
    process: asyncio.subprocess.Process,
    wanted: Callable[[Answer], bool],
    within: float = START_TIMEOUT,
) -> Answer:
    """Poll /healthz until an answer is `wanted`."""
    async with asyncio.timeout(within):
        while True:
            assert process.returncode is None, "guildbot run exited"
            answer = await health(session, url)
            if answer is not None and wanted(answer):
                return answer
            await asyncio.sleep(0.1)


def discord_of(answer: Answer) -> dict[str, Any]:
    return dict(answer[1].get("adapters", {}).get("discord", {}))


def ok_without_a_connection(answer: Answer) -> bool:
    """The defect: 200 "ok" while Discord is not connected."""
    status, body = answer
    return status == 200 and body.get("status") == "ok" and not discord_of(answer).get("connected")


async def watch(
    session: aiohttp.ClientSession, url: str, process: asyncio.subprocess.Process
) -> list[Answer]:
    """Every /healthz answer until the process exits."""
    seen: list[Answer] = []
    while process.returncode is None:
        answer = await health(session, url)
        if answer is not None:
            seen.append(answer)
        await asyncio.sleep(0.05)
    return seen


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (
            4014,
            "Discord refused the gateway connection (4014 disallowed intents): enable the "
            "Message Content intent",
        ),
        (
            4004,
            "Discord refused the gateway connection (4004 authentication failed): "
            "DISCORD_BOT_TOKEN",
        ),
    ],
)
async def test_a_fatal_gateway_close_stops_guildbot_run_with_status_1_and_one_line(
    faulty: FaultyDiscord, database_url: str, tmp_path: Path, code: int, reason: str
) -> None:
    faulty.close_code = code
    port = free_port()
    url = f"http://127.0.0.1:{port}/healthz"
    process = await launch(discord_environment(faulty, database_url, port), tmp_path)
    loop = asyncio.get_running_loop()
    watching: asyncio.Task[list[Answer]] | None = None
    try:
        async with aiohttp.ClientSession() as session:
            watching = asyncio.create_task(watch(session, url, process))
            await faulty.wait_identified(within=START_TIMEOUT)
            # Identified, not yet refused: connecting, within the grace period.
            connecting = await health_until(session, url, process, lambda answer: True)
            assert connecting[0] == 200, connecting
            assert connecting[1]["status"] == "connecting", connecting
            assert discord_of(connecting)["connected"] is False
            closed = loop.time()
            faulty.release.set()
            async with asyncio.timeout(30):
                _stdout, stderr = await process.communicate()
            took = loop.time() - closed
            seen = await watching
    finally:
        if watching is not None and not watching.done():
            watching.cancel()
        await kill_if_running(process)
    log = stderr.decode()
    assert process.returncode == 1, log
    print(f"close {code}: exited {took:.2f}s after the close")
    last = log.strip().splitlines()[-1]
    assert last.startswith(f"guildbot: {reason}"), log
    assert log.count(f"({code} ") == 2, log  # the runner's log line, and that last line
    assert TOKEN not in log and "Traceback" not in log
    assert seen, "/healthz never answered"
    assert not [answer for answer in seen if ok_without_a_connection(answer)], seen


async def test_healthz_is_503_while_the_gateway_is_down_past_the_grace_and_200_again_after(
    faulty: FaultyDiscord, database_url: str, tmp_path: Path
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/healthz"
    env = discord_environment(faulty, database_url, port, GUILDBOT_HEALTH_GRACE_SECONDS="1")
    process = await launch(env, tmp_path)
    try:
        async with aiohttp.ClientSession() as session:
            up = await health_until(session, url, process, lambda answer: answer[0] == 200)
            assert not ok_without_a_connection(up), up
            up = await health_until(
                session, url, process, lambda answer: answer[1]["status"] == "ok"
            )
            assert discord_of(up)["connected"] is True
            assert up[1]["database"] == "ok"

            faulty.refusing = True
            await faulty.drop_connections()
            down = await health_until(session, url, process, lambda answer: answer[0] == 503)
            assert down[1]["status"] == "unhealthy", down
            assert discord_of(down)["connected"] is False
            assert discord_of(down)["since"] > discord_of(up)["since"]
            assert down[1]["database"] == "ok"  # unhealthy because of Discord alone
            assert faulty.refused >= 1  # it did try to reconnect, and was refused

            faulty.refusing = False
            again = await health_until(
                session, url, process, lambda answer: answer[1]["status"] == "ok", within=120
            )
            assert again[0] == 200
            assert discord_of(again)["connected"] is True
            assert len(faulty.identified) >= 2
        _stdout, log = await stop(process)
    finally:
        with contextlib.suppress(ProcessLookupError):
            await kill_if_running(process)
    assert process.returncode == 0, log
    assert TOKEN not in log
