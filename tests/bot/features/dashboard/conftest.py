"""A Guildbot with its dashboard on, and a web client for the dashboard's pages."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from guildbot.app.build import Guildbot, build
from guildbot.bot.clock import ManualClock
from guildbot.bot.config import Settings
from guildbot.bot.features.dashboard.web import dashboard_routes

SECRET = "a-test-secret-of-more-than-thirty-two-characters"
PUBLIC_URL = "https://guild.example.org"


@pytest.fixture
async def app(database_url: str, clock: ManualClock) -> AsyncIterator[Guildbot]:
    settings = Settings(
        database_url=database_url,
        dashboard_enabled=True,
        secret_key=SECRET,
        public_url=PUBLIC_URL,
    )
    guildbot = await build(settings, clock=clock)
    yield guildbot
    await guildbot.close()


@pytest.fixture
async def client(app: Guildbot) -> AsyncIterator[TestClient[web.Request, web.Application]]:
    assert app.dashboard is not None and app.dashboard.access is not None
    web_app = web.Application()
    web_app.add_routes(dashboard_routes(app.dashboard.access, app.dashboard.pages))
    async with TestClient(TestServer(web_app)) as test_client:
        yield test_client
