"""`guildbot run` in Socket Mode while Slack cannot be reached: it keeps trying with a
backoff, one log line per try and no traceback, and SIGTERM stops it promptly whatever it
was doing."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import aiohttp

from tests.adapters.processes import (
    environment,
    free_port,
    kill_if_running,
    launch,
    wait_until_healthy,
)
from tests.adapters.slack.rig import BOT_TOKEN

APP_TOKEN = "xapp-1-A1-unreachable"
# README: "SIGTERM or Ctrl-C stops it cleanly" — within the adapters' grace, a few seconds.
STOP_WITHIN = 15.0


async def read_until(
    stream: asyncio.StreamReader, fragment: str, lines: list[str], within: float
) -> None:
    """Read log lines into `lines` until one holds `fragment`."""
    async with asyncio.timeout(within):
        while True:
            line = (await stream.readline()).decode()
            if not line:
                raise AssertionError(f"the log ended before {fragment!r}: {''.join(lines)}")
            lines.append(line)
            if fragment in line:
                return


async def test_an_unreachable_slack_is_retried_quietly_and_sigterm_stops_the_process(
    database_url: str, tmp_path: Path
) -> None:
    port = free_port()
    nobody = free_port()  # nothing listens there: every connection is refused
    env = environment(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_API_URL=f"http://127.0.0.1:{nobody}/api/",
        GUILDBOT_HTTP_PORT=str(port),
        GUILDBOT_DATABASE_URL=database_url,
    )
    process = await launch(env, tmp_path)
    lines: list[str] = []
    try:
        async with aiohttp.ClientSession() as session:
            await wait_until_healthy(session, f"http://127.0.0.1:{port}/healthz", process)
        assert process.stderr is not None
        # Two tries, so the backoff loop is running when the signal comes.
        await read_until(process.stderr, "retrying in", lines, 60)
        await read_until(process.stderr, "retrying in", lines, 60)
        loop = asyncio.get_running_loop()
        signalled = loop.time()
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(STOP_WITHIN):
            rest = (await process.stderr.read()).decode()
            await process.wait()
        took = loop.time() - signalled
    finally:
        await kill_if_running(process)
    log = "".join(lines) + rest
    assert process.returncode == 0, log
    assert took < STOP_WITHIN
    assert "received SIGTERM; stopping" in log
    assert "guildbot stopped" in log
    assert "Traceback" not in log
    assert BOT_TOKEN not in log and APP_TOKEN not in log
    tries = [line for line in log.splitlines() if "slack not reachable (network)" in line]
    assert 2 <= len(tries) <= 6, log  # one line per try, spaced by a growing backoff
    assert [t.rsplit("retrying in ", 1)[1] for t in tries[:2]] == ["1s", "2s"]
    assert "slack call failed method=apps.connections.open" not in log  # said once, above
