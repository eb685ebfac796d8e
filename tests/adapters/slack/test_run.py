"""`guildbot run` with SLACK_* set: starts the web app, answers a signed /guild help through
the mock Web API, and stops cleanly on SIGTERM."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from tests.adapters.processes import (
    environment,
    free_port,
    kill_if_running,
    launch,
    stop,
    wait_until_ok,
)
from tests.adapters.slack.mock_slack import MockSlack
from tests.adapters.slack.rig import BOT_TOKEN, SIGNING_SECRET, command_body, sign


async def test_guildbot_run_serves_slack_and_stops_on_sigterm(
    mock_slack: MockSlack, database_url: str, tmp_path: Path
) -> None:
    port = free_port()
    env = environment(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=mock_slack.api_url,
        GUILDBOT_HTTP_PORT=str(port),
        GUILDBOT_DATABASE_URL=database_url,
        GUILDBOT_INSTANCE_NAME="run-test",
    )
    process = await launch(env, tmp_path)
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as session:
            health = await wait_until_ok(session, f"{base}/healthz", process)
            assert health["status"] == "ok", health  # HTTP mode: connected once the adapter starts
            assert health["adapters"]["slack"]["connected"] is True
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
        stdout, log = await stop(process)
    finally:
        await kill_if_running(process)
    assert process.returncode == 0, log
    assert "received SIGTERM; stopping" in log
    assert "guildbot stopped" in log
    assert BOT_TOKEN not in log and SIGNING_SECRET not in log
    assert "Traceback" not in log
    assert stdout == b""
