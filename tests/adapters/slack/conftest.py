"""Fixtures for the Slack adapter: the mock Web API and the adapter wired to the test app."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from guildbot.app.build import Guildbot
from tests.adapters.fake_time import FakeTime
from tests.adapters.slack.mock_slack import MockSlack
from tests.adapters.slack.rig import SlackRig, start_rig


@pytest.fixture
async def mock_slack() -> AsyncIterator[MockSlack]:
    mock = MockSlack()
    mock.add_user("U1", "Ana Lima", email="ana.lima@example.org")
    mock.add_user("U2", "Bo Chen", tz="Europe/Paris")
    await mock.start()
    yield mock
    await mock.stop()


@pytest.fixture
async def slack(
    app: Guildbot, mock_slack: MockSlack, fake_time: FakeTime
) -> AsyncIterator[SlackRig]:
    """The adapter in HTTP mode, mounted on a web app on a free port."""
    rig = await start_rig(app, mock_slack, clock=fake_time)
    yield rig
    await rig.close()
