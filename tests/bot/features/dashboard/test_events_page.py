"""The events page: each event's next date with its answers against capacity, and the
attendee CSV of a date — names a spreadsheet shows as text, never runs."""

from __future__ import annotations

import csv
import io
import re

from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlalchemy import select

from guildbot.contract.adapter import PlatformProfile
from guildbot.storage.models import AuditEntry
from tests.bot.features.calendar.helpers import create_event, setup_community
from tests.bot.features.dashboard.test_access import link_for, sign_in
from tests.bot.features.dashboard.test_participation import rows
from tests.fakes import Harness

Client = TestClient[web.Request, web.Application]


async def test_answers_against_capacity_and_an_attendee_csv(
    harness: Harness, client: Client
) -> None:
    harness.adapter.profiles["eve"] = PlatformProfile(
        display_name='=HYPERLINK("http://x")', timezone="America/Toronto"
    )
    await setup_community(harness, "ben", "cy", "eve")
    event_id = await create_event(harness, "Clinic tomorrow 10:00 capacity: 2")
    for user in ("ben", "eve", "cy"):
        await harness.text(user, f"event rsvp {event_id} going")
    await sign_in(client, await link_for(harness, "ana", "dashboard accessibility"))

    page = await (await client.get("/dashboard/c/accessibility/events")).text()
    [row] = [cells for name, cells in rows(page).items() if name.startswith("Clinic")]
    assert row[1:5] == ["2", "2", "1", "0"]  # going, capacity, waiting list, maybe
    link = re.search(r'href="(/dashboard/c/accessibility/events/[^"]+)"', page)
    assert link is not None

    response = await client.get(link.group(1).replace("&amp;", "&"))
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(await response.text())))
    assert lines[0] == ["name", "answer", "answered at (UTC)"]
    assert [line[:2] for line in lines[1:]] == [
        ["Ben", "going"],
        ['\'=HYPERLINK("http://x")', "going"],
        ["Cy", "waitlisted"],
    ]
    async with harness.app.database.transaction() as session:
        audited = (
            await session.scalars(
                select(AuditEntry.action).where(AuditEntry.action == "dashboard.attendees")
            )
        ).all()
    assert audited == ["dashboard.attendees"]


async def test_another_communitys_event_or_a_date_it_does_not_have_is_refused(
    harness: Harness, client: Client
) -> None:
    await setup_community(harness, "ben")
    event_id = await create_event(harness, "Clinic tomorrow 10:00")
    await harness.text("ben", "community create Open Data")
    await sign_in(client, await link_for(harness, "ben", "dashboard open-data"))
    base = f"/dashboard/c/open-data/events/{event_id}/attendees.csv"
    assert (await client.get(base, params={"date": "2026-11-03T10:00:00"})).status == 403
    other = f"/dashboard/c/accessibility/events/{event_id}/attendees.csv"
    assert (await client.get(other, params={"date": "2026-11-03T10:00:00"})).status == 403
