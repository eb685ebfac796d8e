"""The coffee page shows what `coffee stats` counts, with counts of people under five and
rates of fewer than five groups withheld."""

from __future__ import annotations

from datetime import timedelta

from aiohttp import web
from aiohttp.test_utils import TestClient

from guildbot.bot.clock import ManualClock
from tests.bot.features.coffee.test_coffee import FIRST_ROUND, SETUP, community_with, join_all
from tests.bot.features.dashboard.test_access import link_for, sign_in
from tests.bot.features.dashboard.test_participation import rows
from tests.fakes import Harness

Client = TestClient[web.Request, web.Application]


async def test_a_community_without_coffee_says_how_to_start(
    harness: Harness, client: Client
) -> None:
    await community_with(harness)
    await sign_in(client, await link_for(harness, "ana", "dashboard data-science"))
    page = await (await client.get("/dashboard/c/data-science/coffee")).text()
    assert "has no coffee intros" in page
    assert "coffee setup" in page


async def test_after_a_round_the_page_counts_it_and_withholds_what_is_small(
    harness: Harness, client: Client, clock: ManualClock
) -> None:
    await community_with(harness)
    await harness.text("ana", SETUP)
    await join_all(harness)
    await harness.run_until(clock, FIRST_ROUND + timedelta(days=5, minutes=1))
    await sign_in(client, await link_for(harness, "ana", "dashboard data-science"))
    response = await client.get("/dashboard/c/data-science/coffee")
    assert response.status == 200
    table = rows(await response.text())
    assert table["Members of the community"] == ["5"]
    assert table["Opted in"] == ["5"]
    assert table["Snoozed"] == ["fewer than 5"]
    assert table["Rounds held"] == ["1"]
    assert table["Groups per round"] == ["2.0"]
    assert table["Groups that met (of those asked how it went)"] == ["too few groups"]
    assert table["2026-Q4"] == ["fewer than 5", "fewer than 5"]  # 4 new pairs, 0 met
