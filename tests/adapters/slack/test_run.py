"""`guildbot run` with SLACK_* set: starts the web app, answers a signed /guild help through
the mock Web API, and stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp

from tests.adapters.conftest import PROXY_VARIABLES
from tests.adapters.slack.mock_slack import MockSlack
from tests.adapters.slack.rig import BOT_TOKEN, SIGNING_SECRET, command_body, sign

START_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def wait_until_healthy(
    session: aiohttp.ClientSession, url: str, process: asyncio.subprocess.Process
) -> dict[str, str]:
    """Poll /healthz while the process starts (migrations, connecting): the only real wait."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + START_TIMEOUT
    while loop.time() < deadline:
        assert process.returncode is None, "guildbot run exited during start-up"
        try:
            async with session.get(url) as response:
                if response.status == 200:
                    return dict(await response.json())
        except aiohttp.ClientConnectionError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError("guildbot run did not become healthy")


async def test_guildbot_run_serves_slack_and_stops_on_sigterm(
    mock_slack: MockSlack, database_url: str, tmp_path: Path
) -> None:
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SLACK_", "GUILDBOT_")) and key not in PROXY_VARIABLES
    }
    env.update(
        {
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": mock_slack.api_url,
            "GUILDBOT_HTTP_PORT": str(port),
            "GUILDBOT_DATABASE_URL": database_url,
            "GUILDBOT_INSTANCE_NAME": "run-test",
        }
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "guildbot.app.cli",
        "run",
        env=env,
        cwd=tmp_path,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as session:
            assert await wait_until_healthy(session, f"{base}/healthz", process) == {"status": "ok"}
            body = command_body("/guild", "help", trigger_id="run-1")
            headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
            async with session.post(f"{base}/slack/events", data=body, headers=headers) as answer:
                assert answer.status == 200
            [reply] = await mock_slack.wait_calls("chat.postEphemeral", within=30)
            assert reply.args["user"] == "U1"
            assert "Commands:" in reply.args["text"]
            async with session.post(
                f"{base}/slack/events",
                data=body,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    **sign(body, secret="00000000000000000000000000000000"),
                },
            ) as forged:
                assert forged.status == 401
        process.send_signal(signal.SIGTERM)
        stdout, stderr = await asyncio.wait_for(process.communicate(), 30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "received SIGTERM; stopping" in log
    assert "guildbot stopped" in log
    assert BOT_TOKEN not in log and SIGNING_SECRET not in log
    assert "Traceback" not in log
    assert stdout == b""
