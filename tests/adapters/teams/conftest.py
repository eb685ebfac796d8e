"""Fixtures for the Teams adapter: the mock connector service and the adapter on a web app."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from guildbot.app.build import Guildbot
from tests.adapters.fake_time import FakeTime
from tests.adapters.teams.mock_connector import MockConnector
from tests.adapters.teams.rig import TeamsRig, start_rig


@pytest.fixture
async def connector() -> AsyncIterator[MockConnector]:
    mock = MockConnector()
    await mock.start()
    yield mock
    await mock.stop()


@pytest.fixture
async def teams(
    app: Guildbot, connector: MockConnector, fake_time: FakeTime
) -> AsyncIterator[TeamsRig]:
    rig = await start_rig(app, connector, clock=fake_time)
    yield rig
    await rig.close()
