"""`/healthz`: each platform's connection, with a grace period for a connection that is
being made or remade (200 "connecting"), 503 once one has been down longer than that or the
database does not answer, 200 "ok" only when everything is connected."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from guildbot.adapters.common import ConnectionState
from guildbot.app.build import Guildbot
from guildbot.app.runner import (
    DEFAULT_HEALTH_GRACE_SECONDS,
    assess,
    database_answers,
    process_health,
)
from guildbot.app.web import WebServer
from guildbot.bot.config import load_settings
from guildbot.contract.adapter import Connection
from guildbot.contract.errors import ConfigError
from tests.adapters.discord.mock_discord import TOKEN
from tests.adapters.fake_time import FakeTime
from tests.cli import guildbot
from tests.fakes import RecordingAdapter

GRACE = 60.0
WHEN = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


def up(seconds: float = 5.0) -> Connection:
    return Connection(True, WHEN, seconds)


def down(seconds: float) -> Connection:
    return Connection(False, WHEN, seconds)


def test_everything_connected_is_ok() -> None:
    health = assess(True, {"discord": up(), "slack": up()}, GRACE)
    assert health.healthy
    assert health.body == {
        "status": "ok",
        "database": "ok",
        "adapters": {
            "discord": {"connected": True, "since": "2026-11-28T10:00:00.000+00:00", "seconds": 5},
            "slack": {"connected": True, "since": "2026-11-28T10:00:00.000+00:00", "seconds": 5},
        },
    }


def test_a_platform_down_within_the_grace_period_is_connecting_not_ok() -> None:
    health = assess(True, {"discord": down(GRACE), "slack": up()}, GRACE)
    assert health.healthy
    assert health.body["status"] == "connecting"


def test_a_platform_down_past_the_grace_period_is_unhealthy() -> None:
    health = assess(True, {"discord": down(GRACE + 0.5), "slack": up()}, GRACE)
    assert not health.healthy
    assert health.body["status"] == "unhealthy"
    assert health.body["adapters"] == {
        "discord": {"connected": False, "since": "2026-11-28T10:00:00.000+00:00", "seconds": 60},
        "slack": {"connected": True, "since": "2026-11-28T10:00:00.000+00:00", "seconds": 5},
    }


def test_a_grace_of_zero_makes_any_disconnection_unhealthy() -> None:
    assert not assess(True, {"discord": down(0.01)}, 0).healthy


def test_a_database_that_does_not_answer_is_unhealthy_whatever_the_platforms() -> None:
    health = assess(False, {"discord": up()}, GRACE)
    assert not health.healthy
    assert health.body["status"] == "unhealthy"
    assert health.body["database"] == "unavailable"


def _grace(value: str | None) -> float:
    environ = {} if value is None else {"GUILDBOT_HEALTH_GRACE_SECONDS": value}
    return load_settings(environ, env_file=None).health_grace_seconds


def test_the_grace_period_is_a_minute_unless_configured() -> None:
    assert _grace(None) == DEFAULT_HEALTH_GRACE_SECONDS == 60.0
    assert _grace(" 2.5 ") == 2.5
    assert _grace("0") == 0.0


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "86401"])
def test_a_grace_period_that_cannot_be_used_is_refused_naming_the_variable(value: str) -> None:
    with pytest.raises(ConfigError, match="GUILDBOT_HEALTH_GRACE_SECONDS"):
        _grace(value)


class ConnectedAdapter(RecordingAdapter):
    """A platform whose connection the test switches, on the test's own monotonic clock."""

    def __init__(self, platform: str, time: FakeTime) -> None:
        super().__init__(platform=platform)
        self.state = ConnectionState(monotonic=time.monotonic)

    async def connection(self) -> Connection:
        return self.state.snapshot()


Get = Callable[[], Awaitable[tuple[int, dict[str, Any]]]]


@contextlib.asynccontextmanager
async def serving(
    database: Callable[[], Awaitable[bool]], adapters: list[RecordingAdapter], grace: float
) -> AsyncIterator[Get]:
    web = WebServer("127.0.0.1", 0, health=process_health(database, adapters, grace))
    await web.start()
    try:
        async with aiohttp.ClientSession() as session:

            async def get() -> tuple[int, dict[str, Any]]:
                async with session.get(f"{web.url}/healthz") as response:
                    return response.status, dict(await response.json())

            yield get
    finally:
        await web.stop()


async def answers() -> bool:
    return True


async def test_healthz_turns_503_past_the_grace_period_and_200_after_reconnecting() -> None:
    time = FakeTime()
    discord = ConnectedAdapter("discord", time)
    plain = RecordingAdapter(platform="console")  # says nothing about a connection
    async with serving(answers, [discord, plain], grace=60) as get:
        status, body = await get()
        assert (status, body["status"]) == (200, "connecting")  # never connected yet
        assert set(body["adapters"]) == {"discord"}
        discord.state.mark(True)
        time.advance(3600)
        assert (await get())[0] == 200
        assert (await get())[1]["status"] == "ok"
        discord.state.mark(False)
        time.advance(59)
        status, body = await get()
        assert (status, body["status"]) == (200, "connecting")
        assert body["adapters"]["discord"]["connected"] is False
        time.advance(2)
        status, body = await get()
        assert (status, body["status"]) == (503, "unhealthy")
        assert body["adapters"]["discord"]["seconds"] == 61
        discord.state.mark(True)
        status, body = await get()
        assert (status, body["status"]) == (200, "ok")
        assert body["adapters"]["discord"] == {
            "connected": True,
            "since": body["adapters"]["discord"]["since"],
            "seconds": 0,
        }


async def test_a_platform_that_never_connects_is_unhealthy_once_the_grace_is_over() -> None:
    time = FakeTime()
    discord = ConnectedAdapter("discord", time)
    async with serving(answers, [discord], grace=60) as get:
        time.advance(61)
        assert (await get())[0] == 503


async def test_healthz_is_503_while_the_database_does_not_answer(app: Guildbot) -> None:
    async def broken() -> bool:
        raise ConnectionRefusedError("database down")

    async with serving(database_answers(app), [], grace=60) as get:
        assert await get() == (200, {"status": "ok", "database": "ok", "adapters": {}})
    async with serving(broken, [], grace=60) as get:
        assert await get() == (
            503,
            {"status": "unhealthy", "database": "unavailable", "adapters": {}},
        )


async def test_a_database_that_hangs_is_unhealthy_rather_than_a_hanging_probe(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("guildbot.app.runner.DATABASE_HEALTH_SECONDS", 0.05)

    async def hanging() -> bool:
        await asyncio.Event().wait()
        return True

    async with serving(hanging, [], grace=60) as get, asyncio.timeout(10):
        assert (await get())[0] == 503


def test_connection_state_counts_from_the_last_change_only() -> None:
    time = FakeTime()
    moments = iter([WHEN, WHEN.replace(minute=5)])
    state = ConnectionState(monotonic=time.monotonic, now=lambda: next(moments))
    assert state.snapshot() == Connection(False, WHEN, 0.0)
    time.advance(10)
    state.mark(False)  # no change: still counting from the start
    assert state.snapshot().seconds == 10
    state.mark(True)
    time.advance(4)
    state.mark(True)
    assert state.snapshot() == Connection(True, WHEN.replace(minute=5), 4.0)


def test_guildbot_run_refuses_a_grace_period_it_cannot_use(
    database_url: str, tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text("GUILDBOT_HEALTH_GRACE_SECONDS=a minute\n")  # read like settings
    env = {
        "GUILDBOT_DATABASE_URL": database_url,
        "DISCORD_BOT_TOKEN": TOKEN,  # never used: the setting is checked first
    }
    result = guildbot(tmp_path, "run", env=env)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "guildbot: GUILDBOT_HEALTH_GRACE_SECONDS: expected a number from 0 to 86400"
    )
    assert TOKEN not in result.stderr
