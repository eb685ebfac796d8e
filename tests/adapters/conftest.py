"""Fixtures for every adapter's tests: the mock platforms are on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import discord
import pytest

from tests.adapters.fake_time import FakeTime

PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY")


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The SDKs (slack_sdk, aiohttp sessions) honour proxy variables; the mocks must be
    reached directly."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def restore_discord_addresses() -> Iterator[None]:
    """The adapter points discord.py's class-level addresses at the mock; put them back."""
    base = discord.http.Route.BASE
    gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    yield
    discord.http.Route.BASE = base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway


@pytest.fixture
def fake_time() -> FakeTime:
    """The adapters' own time (pacing, retries), moved by hand."""
    return FakeTime()
