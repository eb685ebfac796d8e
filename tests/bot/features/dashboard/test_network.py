"""The network picture: new ties by department in a period, the E-I index, and the drawing;
a pair connected before the period is not new, and small departments are pooled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from guildbot.bot.clock import ManualClock
from guildbot.bot.features.coffee.buttons import ACTION_MET
from guildbot.bot.features.dashboard.network import OTHER, drawing, network, periods
from guildbot.storage.repositories.dashboard import NewTies
from tests.bot.features.coffee.test_coffee import (
    FIRST_ROUND,
    SETUP,
    community_with,
    join_all,
    members_of,
)
from tests.bot.features.dashboard.test_access import link_for, sign_in
from tests.bot.features.dashboard.test_participation import rows
from tests.fakes import Harness

Client = TestClient[web.Request, web.Application]
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
IN_Q4 = datetime(2026, 11, 1, tzinfo=UTC)


def test_periods_are_the_last_four_quarters_and_two_years() -> None:
    keys = [p.key for p in periods(NOW)]
    assert keys == ["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1", "2026", "2025"]
    q4 = periods(NOW)[0]
    assert (q4.start, q4.end) == (
        datetime(2026, 10, 1, tzinfo=UTC),
        datetime(2027, 1, 1, tzinfo=UTC),
    )


def test_new_ties_by_department_with_the_e_i_index() -> None:
    ties = [NewTies("Finance", "Health", "coffee", 6)]
    ties += [
        NewTies("Finance", "Finance", "coffee", 1),
        NewTies("Finance", "Finance", "question", 1),
    ]
    ties += [NewTies("Finance", "Legal", "coffee", 2)]
    sizes = {"Finance": 6, "Health": 6, "Legal": 2, "Transport": 3}  # 5 pooled
    figures = network(ties, sizes, periods(NOW)[0])
    assert figures.groups == ("Finance", "Health", OTHER)
    assert figures.pooled == ("Legal", "Transport")
    assert figures.cells == ((None, 6, None), (6, 0, 0), (None, 0, 0))
    assert figures.new_ties == 10 and figures.external == 8
    assert figures.by_how == {"coffee": 9, "question": 1}
    assert figures.index[0] == pytest.approx((8 - 2) / 10)  # Finance: 8 out, 2 in
    assert figures.index[1] == pytest.approx(1.0)  # Health: all 6 across
    assert figures.index[2] is None  # the pool: 2 ties, too few
    assert figures.community_index == pytest.approx((8 - 2) / 10)
    nodes, edges = drawing(figures)
    assert [node.name for node in nodes] == ["Finance", "Health", OTHER]
    assert [(edge.between, edge.ties) for edge in edges] == [("Finance and Health", 6)]


async def test_the_page_after_a_round_whose_groups_met(
    harness: Harness, client: Client, clock: ManualClock
) -> None:
    await community_with(harness)
    await harness.text("ana", SETUP)
    await join_all(harness)
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(days=5, minutes=1))
    for follow_up in [m for m in sent if "coffee go?" in m.text]:
        someone = sorted(members_of(follow_up))[0]
        met = next(b for b in follow_up.buttons if b.action_id == ACTION_MET)
        await harness.press(someone, met)
    await sign_in(client, await link_for(harness, "ana", "dashboard data-science"))
    response = await client.get("/dashboard/c/data-science/network", params={"period": "2026-Q4"})
    assert response.status == 200
    page = await response.text()
    words = " ".join(page.split())
    assert "4 new ties, 4 of them across departments (4 by coffee, 0 by questions)" in words
    # Five departments of one person each: all pooled, and 4 ties is too few to show.
    assert rows(page)[OTHER] == ["fewer than 5", "too few ties"]
