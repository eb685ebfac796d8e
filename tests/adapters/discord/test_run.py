"""`guildbot run` with DISCORD_* set, against the mock REST API and gateway: it logs in,
syncs the app commands, identifies on the gateway with its shard, answers an interaction
that arrives over the gateway, and stops cleanly on SIGTERM. A second instance whose shards
overlap is refused at start-up with one line."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp

from tests.adapters.discord.conftest import ANA
from tests.adapters.discord.mock_discord import TOKEN, MockDiscord
from tests.adapters.discord.rig import command_data, interaction_payload
from tests.adapters.processes import (
    environment,
    free_port,
    kill_if_running,
    launch,
    stop,
    wait_until_healthy,
)


def discord_environment(
    mock: MockDiscord, database_url: str, port: int, **extra: str
) -> dict[str, str]:
    return environment(
        DISCORD_BOT_TOKEN=TOKEN,
        DISCORD_API_URL=mock.api_url,
        DISCORD_GATEWAY_URL=mock.gateway_url,
        GUILDBOT_HTTP_PORT=str(port),
        GUILDBOT_DATABASE_URL=database_url,
        **extra,
    )


async def test_guildbot_run_serves_discord_and_stops_on_sigterm(
    mock_discord: MockDiscord, database_url: str, tmp_path: Path
) -> None:
    port = free_port()
    env = discord_environment(
        mock_discord,
        database_url,
        port,
        DISCORD_SHARD_COUNT="2",
        DISCORD_SHARD_IDS="1",
        GUILDBOT_INSTANCE_NAME="first",
    )
    process = await launch(env, tmp_path)
    try:
        async with aiohttp.ClientSession() as session:
            await wait_until_healthy(session, f"http://127.0.0.1:{port}/healthz", process)
        [synced] = await mock_discord.wait_for("PUT", r"/applications/\d+/commands", within=30)
        names = {command["name"] for command in synced.body["items"]}
        assert names == {"ask", "coffee", "event", "announce", "guild"}
        [identify] = await mock_discord.wait_identified(within=30)
        assert identify["shard"] == [1, 2]
        assert identify["intents"] & (1 << 15) == 0  # no message-content intent by default

        # A second instance that wants shard 1 too is refused, naming the variable.
        second = await launch(
            discord_environment(
                mock_discord,
                database_url,
                free_port(),
                DISCORD_SHARD_COUNT="2",
                DISCORD_SHARD_IDS="0-1",
                GUILDBOT_INSTANCE_NAME="second",
            ),
            tmp_path,
        )
        _out, refused = await asyncio.wait_for(second.communicate(), 60)
        assert second.returncode == 2, refused.decode()
        assert (
            refused.decode()
            .strip()
            .splitlines()[-1]
            .startswith("guildbot: DISCORD_SHARD_IDS: shard 1 is held by instance first@")
        )

        # An interaction arriving over the gateway is answered through REST.
        await mock_discord.dispatch(
            "INTERACTION_CREATE",
            interaction_payload(
                "960000000000000001",
                user=mock_discord.users[ANA],
                channel_id="800000000000000001",
                guild_id=None,
                interaction_type=2,
                data=command_data("guild", {"command": "help"}),
            ),
        )
        [defer] = await mock_discord.wait_for(
            "POST", r"/interactions/960000000000000001/[^/]+/callback", within=30
        )
        [answer] = await mock_discord.wait_for("POST", r"/webhooks/\d+/token-960000000000000001")
        assert defer.body["type"] == 5 and "Commands:" in answer.body["content"]
        stdout, log = await stop(process)
    finally:
        await kill_if_running(process)
    assert process.returncode == 0, log
    assert "discord adapter started shards=1/2" in log
    assert "received SIGTERM; stopping" in log and "guildbot stopped" in log
    assert TOKEN not in log and "Traceback" not in log
    assert stdout == b""
