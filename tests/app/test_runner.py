"""The server process's life: a stop request ends it in every start-up state, an adapter
cut short while starting is stopped too, and a start-up error still surfaces."""

from __future__ import annotations

import asyncio

import pytest

from guildbot.app.build import Guildbot
from guildbot.app.runner import Runner
from guildbot.contract.errors import ConfigError
from tests.fakes import RecordingAdapter


class HangingAdapter(RecordingAdapter):
    """A platform that never answers: `start` waits for ever (until cancelled)."""

    def __init__(self) -> None:
        super().__init__()
        self.starting = asyncio.Event()
        self.stopped = False

    async def start(self, dispatch: object) -> None:  # type: ignore[override]
        self.starting.set()
        await asyncio.Event().wait()

    async def stop(self) -> None:
        self.stopped = True


class RefusedAdapter(RecordingAdapter):
    async def start(self, dispatch: object) -> None:  # type: ignore[override]
        raise ConfigError("SLACK_BOT_TOKEN", "Slack refused the bot token (invalid_auth)")


async def test_a_stop_during_an_adapters_start_stops_the_process_and_the_adapter(
    app: Guildbot,
) -> None:
    adapter = HangingAdapter()
    runner = Runner(app, [adapter], scheduler=False)
    running = asyncio.create_task(runner.run())
    await adapter.starting.wait()
    runner.request_stop()
    async with asyncio.timeout(10):
        await running
    assert adapter.stopped
    assert not runner.started.is_set()


async def test_a_start_up_error_is_raised_and_nothing_is_left_running(app: Guildbot) -> None:
    runner = Runner(app, [RefusedAdapter()], scheduler=False)
    with pytest.raises(ConfigError, match="refused the bot token"):
        await runner.run()
    assert not runner.started.is_set()
