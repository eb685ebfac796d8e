"""Fixtures for the Discord adapter: the mock API and gateway on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.adapters.discord.mock_discord import MockDiscord

ANA = "100000000000000001"
BO = "100000000000000002"


@pytest.fixture
async def mock_discord() -> AsyncIterator[MockDiscord]:
    mock = MockDiscord()
    mock.add_user(ANA, "Ana Lima")
    mock.add_user(BO, "Bo Chen")
    await mock.start()
    yield mock
    await mock.stop()
