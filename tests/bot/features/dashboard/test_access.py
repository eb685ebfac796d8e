"""Signing in without a password: the link from `dashboard` works once, for 15 minutes, for
the member it was sent to; it opens an HttpOnly, Secure, SameSite=Strict session; anything
else is a plain 403 that writes nothing; a facilitator of one community cannot read another."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlalchemy import func, select

from guildbot.bot.clock import ManualClock
from guildbot.bot.features.dashboard import signing
from guildbot.contract.richtext import Link
from guildbot.storage.models import AuditEntry, DashboardLink
from tests.bot.features.dashboard.conftest import SECRET
from tests.fakes import Harness

Client = TestClient[web.Request, web.Application]


async def link_for(harness: Harness, user: str, typed: str = "dashboard") -> str:
    """The sign-in link `typed` sends `user` privately (its path and query)."""
    [reply] = await harness.say(user, typed)
    links = [piece for piece in reply.message.text if isinstance(piece, Link)]
    assert links, reply.text
    assert reply.message.ephemeral_to is not None or reply.message.to == harness.direct
    url = urlsplit(links[0].url)
    assert url.netloc == "guild.example.org"
    return f"{url.path}?{url.query}"


async def sign_in(client: Client, path: str) -> None:
    """Follow a sign-in link, keeping its session cookie as a browser would (the test
    server is plain http, where a browser would not send a Secure cookie back)."""
    response = await client.get(path, allow_redirects=False)
    assert response.status == 303, await response.text()
    morsel = response.cookies["guildbot_dashboard"]
    client.session.cookie_jar.update_cookies({"guildbot_dashboard": morsel.value})


async def two_communities(harness: Harness) -> None:
    """Ana facilitates Accessibility, Ben facilitates Open Data; Cy is a member of both."""
    await harness.text("ana", "community create Accessibility")
    await harness.text("ben", "community create Open Data")
    await harness.text("cy", "community join accessibility")
    await harness.text("cy", "community join open-data")


async def sign_ins(harness: Harness) -> int:
    async with harness.app.database.transaction() as session:
        count = await session.scalar(
            select(func.count(AuditEntry.id)).where(AuditEntry.action == "dashboard.sign_in")
        )
    return int(count or 0)


async def used(harness: Harness) -> list[bool]:
    async with harness.app.database.transaction() as session:
        links = (await session.scalars(select(DashboardLink).order_by(DashboardLink.id))).all()
    return [link.used_at is not None for link in links]


async def test_a_link_signs_in_once_with_a_strict_session_cookie(
    harness: Harness, client: Client
) -> None:
    await two_communities(harness)
    path = await link_for(harness, "ana", "dashboard accessibility")
    response = await client.get(path, allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == "/dashboard/c/accessibility"
    cookie = response.headers["Set-Cookie"]
    for flag in ("HttpOnly", "Secure", "SameSite=Strict", "Path=/dashboard", "Max-Age=28800"):
        assert flag in cookie, cookie
    assert response.headers["Referrer-Policy"] == "no-referrer"
    morsel = response.cookies["guildbot_dashboard"]
    client.session.cookie_jar.update_cookies({"guildbot_dashboard": morsel.value})
    page = await client.get("/dashboard/c/accessibility")
    assert page.status == 200
    assert "Accessibility: participation" in await page.text()
    assert await sign_ins(harness) == 1

    again = await client.get(path, allow_redirects=False)
    assert again.status == 403
    assert "has been used already" in await again.text()
    assert await sign_ins(harness) == 1


async def test_an_expired_link_is_refused_and_writes_nothing(
    harness: Harness, client: Client, clock: ManualClock
) -> None:
    await two_communities(harness)
    path = await link_for(harness, "ana")
    clock.advance(timedelta(minutes=15, seconds=1))
    response = await client.get(path, allow_redirects=False)
    assert response.status == 403
    assert "Set-Cookie" not in response.headers
    assert await used(harness) == [False]
    assert await sign_ins(harness) == 0


async def test_tampered_and_forged_links_are_refused(harness: Harness, client: Client) -> None:
    await two_communities(harness)
    path = await link_for(harness, "ana")
    token = parse_qs(urlsplit(path).query)["token"][0]
    payload = signing.verify(SECRET, "link", token)
    assert payload is not None
    link_id, ana_id, secret_part = payload.split(":")
    ben_id = await harness.member_id("ben")
    forged = [
        token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # its signature altered
        signing.sign("another-secret-another-secret-another", "link", payload),
        signing.sign(SECRET, "session", payload),  # a cookie's signature is not a link's
        # Ana's link made out to Ben, signed properly: the stored link is still Ana's.
        signing.sign(SECRET, "link", f"{link_id}:{ben_id}:{secret_part}"),
        signing.sign(SECRET, "link", f"{link_id}:{ana_id}:guessed"),
        "",
        "not-a-token",
        "é" * 600,
    ]
    for candidate in forged:
        response = await client.get("/dashboard/sign-in", params={"token": candidate})
        assert response.status == 403, candidate
    assert await used(harness) == [False]
    assert await sign_ins(harness) == 0
    assert (await client.get(path, allow_redirects=False)).status == 303  # still Ana's to use


async def test_a_facilitator_of_one_community_cannot_read_another(
    harness: Harness, client: Client
) -> None:
    await two_communities(harness)
    await sign_in(client, await link_for(harness, "ana"))
    overview = await client.get("/dashboard/")
    text = await overview.text()
    assert "Accessibility" in text
    assert "Open Data" not in text
    assert (await client.get("/dashboard/c/open-data")).status == 403
    assert (await client.get("/dashboard/c/no-such-community")).status == 403


async def test_members_who_manage_nothing_get_no_link(harness: Harness) -> None:
    await two_communities(harness)
    assert "do not facilitate any" in await harness.text("cy", "dashboard")
    refused = await harness.text("cy", "dashboard accessibility")
    assert "Only Accessibility's facilitators and admins" in refused
    assert await used(harness) == []


async def test_pages_without_a_valid_session_are_refused(
    harness: Harness, client: Client, clock: ManualClock
) -> None:
    await two_communities(harness)
    assert (await client.get("/dashboard/")).status == 403
    await sign_in(client, await link_for(harness, "ana"))
    assert (await client.get("/dashboard/")).status == 200
    clock.advance(timedelta(hours=8))
    assert (await client.get("/dashboard/")).status == 403
    client.session.cookie_jar.update_cookies({"guildbot_dashboard": "forged.cookie"})
    assert (await client.get("/dashboard/")).status == 403


async def test_links_are_forgotten_a_day_after_they_were_made(
    harness: Harness, clock: ManualClock
) -> None:
    await two_communities(harness)
    await link_for(harness, "ana")
    clock.advance(timedelta(hours=23))
    await harness.app.housekeeping()
    assert await used(harness) == [False]
    clock.advance(timedelta(hours=2))
    await harness.app.housekeeping()
    assert await used(harness) == []
