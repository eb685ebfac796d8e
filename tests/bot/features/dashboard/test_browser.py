"""The dashboard in a real browser: Debian's Chromium, driven by Playwright, follows the link
from chat, walks every page by keyboard-reachable links, downloads an attendee CSV, and has
each page checked by axe-core (WCAG 2.1 A and AA, and best practice) with zero violations.
Screenshots of each page are written to test-artifacts/dashboard/ (not committed)."""

from __future__ import annotations

import asyncio
import csv
import io
import shutil
from collections.abc import AsyncIterator, Awaitable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from playwright.async_api import Browser, Page, async_playwright

from guildbot.bot.clock import ManualClock
from tests.bot.features.calendar.helpers import create_event
from tests.bot.features.communities.test_communities import make_org_admin
from tests.bot.features.dashboard.test_access import link_for
from tests.bot.features.dashboard.test_participation import community_of_departments
from tests.fakes import Harness

Client = TestClient[web.Request, web.Application]
ROOT = Path(__file__).resolve().parents[4]
AXE = ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "test-artifacts" / "dashboard"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PAGES = {  # the link to follow: the page's heading
    "Participation": "Accessibility: participation",
    "Questions": "Accessibility: questions",
    "Coffee intros": "Accessibility: coffee intros",
    "Events": "Accessibility: events",
    "Network": "Accessibility: network",
}
ORGANISATION_PAGES = {
    "Communities": "The organisation: communities",
    "Participation": "The organisation: participation",
    "Questions": "The organisation: questions",
    "Network": "The organisation: network",
}
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture
def installed() -> None:
    assert Path(CHROMIUM).exists(), "the Makefile installs Debian's chromium (make test)"
    assert AXE.exists(), "the Makefile installs axe-core (make test)"


@pytest.fixture
async def browser(installed: None) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        await launched.close()


async def download_text(path: Awaitable[Path]) -> str:
    return await asyncio.to_thread(Path(await path).read_text, encoding="utf-8")


async def violations(page: Page) -> list[dict[str, Any]]:
    """What axe-core finds wrong with the page as shown."""
    await page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = await page.evaluate(
        "async (rules) => (await axe.run(document, {runOnly: rules})).violations"
        ".map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target)}))",
        AXE_RULES,
    )
    return found


async def test_a_facilitator_walks_the_dashboard_in_chromium(
    harness: Harness, client: Client, browser: Browser, clock: ManualClock
) -> None:
    await community_of_departments(harness)
    await harness.text("ana", "community link accessibility", where=harness.channel)
    event_id = await create_event(harness, "Clinic tomorrow 10:00 capacity: 20")
    await harness.text("finance0", f"event rsvp {event_id} going")
    link = await link_for(harness, "ana", "dashboard accessibility")
    base = str(client.make_url("")).rstrip("/")
    SHOTS.mkdir(parents=True, exist_ok=True)

    # axe-core is injected into the page: the test lets it past the page's own CSP.
    context = await browser.new_context(accept_downloads=True, bypass_csp=True)
    page = await context.new_page()
    await page.goto(base + link)
    assert page.url == f"{base}/dashboard/c/accessibility"
    await page.keyboard.press("Tab")  # the first stop is the skip link
    assert await page.evaluate("document.activeElement.textContent") == "Skip to the content"

    for name, heading in PAGES.items():
        await page.get_by_role("navigation").get_by_role("link", name=name).click()
        assert await page.get_by_role("heading", level=1).inner_text() == heading
        assert await violations(page) == [], name
        await page.screenshot(
            path=str(SHOTS / f"{name.lower().replace(' ', '-')}.png"), full_page=True
        )

    await page.get_by_role("navigation").get_by_role("link", name="Events").click()
    async with page.expect_download() as download_info:
        await page.get_by_role("link", name="CSV of Clinic").click()
    download = await download_info.value
    content = await download_text(download.path())
    assert list(csv.reader(io.StringIO(content)))[1][:2] == ["Finance0", "going"]

    await page.goto(f"{base}/dashboard/")
    assert await page.get_by_role("link", name="Accessibility").count() == 1
    assert await violations(page) == []
    await page.goto(base + link)  # the same link again
    assert "has been used already" in await page.content()
    assert await violations(page) == []

    # And the check can fail: an image without a text alternative is found.
    await page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in [v["id"] for v in await violations(page)]
    await context.close()


async def test_an_admin_walks_the_organisation_pages_in_chromium(
    harness: Harness, client: Client, browser: Browser
) -> None:
    await community_of_departments(harness)
    await make_org_admin(harness, "ana")
    link = await link_for(harness, "ana", "dashboard")
    base = str(client.make_url("")).rstrip("/")
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = await browser.new_context(bypass_csp=True)
    page = await context.new_page()
    await page.goto(base + link)
    await page.get_by_role("link", name="the whole organisation").click()
    for name, heading in ORGANISATION_PAGES.items():
        await page.get_by_role("navigation").get_by_role("link", name=name).click()
        assert await page.get_by_role("heading", level=1).inner_text() == heading
        assert await violations(page) == [], name
        await page.screenshot(path=str(SHOTS / f"organisation-{name.lower()}.png"), full_page=True)
    await page.get_by_role("navigation").get_by_role("link", name="Communities").click()
    await page.get_by_role("link", name="Accessibility").click()
    assert await page.get_by_role("heading", level=1).inner_text() == PAGES["Participation"]
    await context.close()
