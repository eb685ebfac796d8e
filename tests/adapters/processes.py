"""Running the real `guildbot run` process against a mock platform: its environment (the
test's own, without anything a platform or Guildbot would read), start-up, and a graceful
stop that hands back what it logged."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Any

import aiohttp

from tests.adapters.conftest import PROXY_VARIABLES

START_TIMEOUT = 60.0
PLATFORM_PREFIXES = ("SLACK_", "DISCORD_", "TEAMS_", "GUILDBOT_")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(**values: str) -> dict[str, str]:
    """This process's environment without platform settings or proxies, plus `values`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(PLATFORM_PREFIXES) and key not in PROXY_VARIABLES
    }
    env.update(values)
    return env


async def launch(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    """`guildbot run` with `env`, its output captured."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "guildbot.app.cli",
        "run",
        env=env,
        cwd=cwd,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def wait_until_healthy(
    session: aiohttp.ClientSession, url: str, process: asyncio.subprocess.Process
) -> dict[str, Any]:
    """Poll /healthz while the process starts (migrations, connecting): the only real wait.
    Its first 200 answer: "ok", or "connecting" while a platform is within its grace period."""
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


async def wait_until_ok(
    session: aiohttp.ClientSession, url: str, process: asyncio.subprocess.Process
) -> dict[str, Any]:
    """Poll /healthz until it says "ok": the web app listens before the adapters start, so
    a busy machine can be asked in between and answer "connecting" (within the grace)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + START_TIMEOUT
    health = await wait_until_healthy(session, url, process)
    while health.get("status") != "ok" and loop.time() < deadline:
        await asyncio.sleep(0.1)
        health = await wait_until_healthy(session, url, process)
    return health


async def stop(process: asyncio.subprocess.Process) -> tuple[bytes, str]:
    """SIGTERM, as a supervisor stops it; its standard output and its log."""
    process.send_signal(signal.SIGTERM)
    stdout, stderr = await asyncio.wait_for(process.communicate(), 30)
    return stdout, stderr.decode()


async def kill_if_running(process: asyncio.subprocess.Process) -> None:
    """What a failed test leaves running, stopped."""
    if process.returncode is None:
        process.kill()
        await process.wait()
