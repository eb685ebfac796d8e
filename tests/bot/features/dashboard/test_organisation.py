"""The organisation's pages, for its admins: every community's headline counts, and
participation, questions and the network counted across communities, each person once;
nobody else gets them (403)."""

from __future__ import annotations

from datetime import datetime, timedelta

from aiohttp import web
from aiohttp.test_utils import TestClient

from guildbot.bot.clock import ManualClock
from guildbot.storage.models import Question
from guildbot.storage.repositories.communities import CommunityRepository
from tests.bot.features.communities.test_communities import make_org_admin
from tests.bot.features.dashboard.test_access import link_for, sign_in
from tests.bot.features.dashboard.test_participation import rows
from tests.fakes import Harness

Client = TestClient[web.Request, web.Application]
ORGANISATION_PAGES = ("/dashboard/org", "/dashboard/org/participation",
                      "/dashboard/org/questions", "/dashboard/org/network")  # fmt: skip


async def two_communities_of_departments(harness: Harness) -> None:
    """Accessibility (Ana) and Open Data (Ben): 6 people of Finance in both, 5 of Health in
    Accessibility only, 2 of Legal in Open Data only; Zoe, Legal too, in neither."""
    await harness.text("ana", "community create Accessibility")
    await harness.text("ben", "community create Open Data")
    for user, department, communities in (
        *((f"finance{n}", "Finance", ("accessibility", "open-data")) for n in range(6)),
        *((f"health{n}", "Health", ("accessibility",)) for n in range(5)),
        *((f"legal{n}", "Legal", ("open-data",)) for n in range(2)),
        ("zoe", "Legal", ()),
    ):
        await harness.text(user, f"profile set department {department}")
        for slug in communities:
            await harness.text(user, f"community join {slug}")
    await harness.text("ana", "profile set department Digital Services")
    await harness.text("ben", "profile set department Digital Services")


async def helped(harness: Harness, asker: str, helper: str, slug: str, at: datetime) -> None:
    """A question `asker` asked in `slug` at `at`, which `helper` took."""
    asker_id, helper_id = await harness.member_id(asker), await harness.member_id(helper)
    async with harness.app.database.transaction() as session:
        community = await CommunityRepository(session).by_slug(slug)
        assert community is not None
        session.add(
            Question(
                asker_id=asker_id, text="", tags=[], community_id=community.id,
                platform="fake", workspace_id="W", status="connected", helper_id=helper_id,
                created_at=at,
            )
        )  # fmt: skip


async def test_an_admin_sees_every_community_and_everyone_once(
    harness: Harness, client: Client
) -> None:
    await two_communities_of_departments(harness)
    await make_org_admin(harness, "ana")
    await sign_in(client, await link_for(harness, "ana", "dashboard"))
    overview = await (await client.get("/dashboard/")).text()
    assert 'href="/dashboard/org"' in overview

    response = await client.get("/dashboard/org")
    assert response.status == 200
    communities = rows(await response.text())
    # Members, joined, asked, resolved, in coffee: counts of people under 5 withheld.
    assert communities["<a href=\"/dashboard/c/accessibility\">Accessibility</a>"] == [
        "12", "12", "0", "0", "fewer than 5",
    ]  # fmt: skip
    assert communities["<a href=\"/dashboard/c/open-data\">Open Data</a>"] == [
        "9", "9", "0", "0", "fewer than 5",
    ]  # fmt: skip

    response = await client.get("/dashboard/org/participation")
    assert response.status == 200
    page = await response.text()
    assert "The organisation: participation" in page
    by_department = rows(page)
    # Finance counted once, though in both communities; Legal's 3 (with Zoe, in no
    # community) and Digital Services' 2 pooled.
    assert by_department["Finance"][0] == "6"
    assert by_department["Health"][0] == "5"
    assert by_department["Other departments (Digital Services, Legal)"][0] == "5"


async def test_a_pair_tied_in_two_communities_is_one_new_tie_of_the_organisation(
    harness: Harness, client: Client, clock: ManualClock
) -> None:
    await two_communities_of_departments(harness)
    await make_org_admin(harness, "ana")
    # Ties by questions: health0 helped each Finance member in Accessibility, and again in
    # Open Data (the same pairs): 6 ties in each community, 6 in the organisation.
    for n in range(6):
        await helped(harness, f"finance{n}", "health0", "accessibility", clock.now())
        await helped(
            harness, f"finance{n}", "health0", "open-data", clock.now() + timedelta(hours=1)
        )
    clock.advance(timedelta(days=1))
    await sign_in(client, await link_for(harness, "ana", "dashboard"))
    words = {}
    for path in ("/dashboard/c/accessibility/network", "/dashboard/c/open-data/network",
                 "/dashboard/org/network"):  # fmt: skip
        response = await client.get(path)
        assert response.status == 200
        words[path] = " ".join((await response.text()).split())
    assert "6 new ties, 6 of them across departments" in words["/dashboard/c/accessibility/network"]
    assert "6 new ties, 6 of them across departments" in words["/dashboard/c/open-data/network"]
    assert "6 new ties, 6 of them across departments" in words["/dashboard/org/network"]
    response = await client.get("/dashboard/org/questions")
    assert response.status == 200
    assert rows(await response.text())["Asked"] == ["12"]


async def test_a_facilitator_who_is_not_an_admin_gets_403_for_the_organisation(
    harness: Harness, client: Client
) -> None:
    await two_communities_of_departments(harness)
    await sign_in(client, await link_for(harness, "ana", "dashboard accessibility"))
    for path in ORGANISATION_PAGES:
        response = await client.get(path)
        assert response.status == 403, path
        assert "only its admins" in await response.text()
    overview = await (await client.get("/dashboard/")).text()
    assert "/dashboard/org" not in overview
