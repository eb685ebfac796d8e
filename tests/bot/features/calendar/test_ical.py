"""The iCal feed: it parses back, expands to Guildbot's own instants, and follows edits and
cancellations; private feeds need their token; the CLI and the web route serve it."""

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import recurring_ical_events
from aiohttp.test_utils import TestClient, TestServer
from aiohttp.web import Application
from icalendar import Calendar

from guildbot.bot.clock import ManualClock
from guildbot.bot.config import load_settings
from guildbot.bot.features.calendar.feeds import calendar_routes
from guildbot.bot.features.calendar.ical import FeedEvent, build_feed
from guildbot.bot.scheduler.recurrence import Recurrence
from guildbot.contract.errors import ConfigError
from tests.bot.features.calendar.helpers import (
    cancel_event,
    create_event,
    setup_community,
)
from tests.cli import guildbot
from tests.fakes import Harness

STAMP = datetime(2026, 11, 2, 14, tzinfo=UTC)
WINDOW = (datetime(2026, 11, 1, tzinfo=UTC), datetime(2028, 1, 1, tzinfo=UTC))


def feed_event(
    uid: str, zone: str, start: datetime, rule: str | None, **extra: object
) -> FeedEvent:
    return FeedEvent(
        uid=uid,
        title=uid,
        timezone=zone,
        local_start=start,
        duration=timedelta(hours=1),
        sequence=0,
        created=STAMP,
        updated=STAMP,
        rrule=rule,
        **extra,  # type: ignore[arg-type]
    )


def guildbot_instants(item: FeedEvent) -> list[datetime]:
    recurrence = Recurrence(item.rrule or "FREQ=DAILY;COUNT=1", item.local_start, item.timezone)
    skipped = set(item.exdates)
    return [o.at for o in recurrence.between(*WINDOW, limit=500) if o.local not in skipped]


def ical_instants(feed: bytes, uid: str) -> list[datetime]:
    calendar = Calendar.from_ical(feed)
    found = [e for e in recurring_ical_events.of(calendar).between(*WINDOW) if str(e["UID"]) == uid]
    return sorted(e.start.astimezone(UTC) for e in found)


EVENTS = [
    feed_event(
        "toronto-monthly", "America/Toronto", datetime(2026, 11, 5, 14), "FREQ=MONTHLY;BYDAY=+1TH"
    ),
    feed_event(
        "toronto-early-sunday",
        "America/Toronto",
        datetime(2027, 3, 7, 2, 30),
        "FREQ=WEEKLY;BYDAY=SU;COUNT=4",  # 14 March 2027: 02:30 does not exist
    ),
    feed_event(
        "stjohns-fortnightly",
        "America/St_Johns",
        datetime(2026, 11, 4, 9),
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;UNTIL=20270630T235959",
        exdates=(datetime(2026, 12, 30, 9),),
    ),
    feed_event(
        "paris-weekdays",
        "Europe/Paris",
        datetime(2027, 3, 22, 8, 30),
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20270409T235959",
    ),
    feed_event("vancouver-once", "America/Vancouver", datetime(2026, 12, 3, 14), None),
]


def test_the_feed_expands_to_exactly_guildbots_own_instants() -> None:
    feed = build_feed("Accessibility CoP", EVENTS, "Making services usable by everyone")
    calendar = Calendar.from_ical(feed)
    assert calendar["X-WR-CALNAME"] == "Accessibility CoP"
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {
        "America/Toronto",
        "America/St_Johns",
        "Europe/Paris",
        "America/Vancouver",
    }
    for component in calendar.walk():
        assert not component.errors, (component.name, component.errors)
    for item in EVENTS:
        expected = guildbot_instants(item)
        assert expected, item.uid
        assert ical_instants(feed, item.uid) == expected, item.uid


def test_until_is_written_in_utc_and_cancelled_dates_as_exdate() -> None:
    feed = build_feed("x", EVENTS).decode()
    # 23:59:59 on 30 June in St. John's (NDT, UTC-2:30) is 02:29:59 UTC on 1 July.
    assert "RRULE:FREQ=WEEKLY;UNTIL=20270701T022959Z;INTERVAL=2;BYDAY=WE" in feed
    assert "EXDATE;TZID=America/St_Johns:20261230T090000" in feed
    assert "DTSTART;TZID=America/Toronto:20261105T140000" in feed


async def test_edits_and_cancellations_reach_the_feed(harness: Harness, clock: ManualClock) -> None:
    await setup_community(harness)
    event_id = await create_event(harness, "Meetup monthly, first Thursday of each month 14:00")
    first = await harness.app.feeds.feed("accessibility", None)
    assert first is not None
    [vevent] = Calendar.from_ical(first).walk("VEVENT")
    uid = str(vevent["UID"])
    assert (vevent["SEQUENCE"], str(vevent["STATUS"])) == (0, "CONFIRMED")
    await cancel_event(harness, f"{event_id} Dec 3")
    await harness.text("ana", f"event edit {event_id} where: Room 201")
    second = await harness.app.feeds.feed("accessibility", None)
    assert second is not None
    [vevent] = Calendar.from_ical(second).walk("VEVENT")
    assert str(vevent["UID"]) == uid
    assert vevent["SEQUENCE"] == 2
    assert str(vevent["LOCATION"]) == "Room 201"
    starts = ical_instants(second, uid)
    assert datetime(2026, 12, 3, 19, tzinfo=UTC) not in starts
    assert starts[:3] == [
        datetime(2026, 11, 5, 19, tzinfo=UTC),
        datetime(2027, 1, 7, 19, tzinfo=UTC),
        datetime(2027, 2, 4, 19, tzinfo=UTC),
    ]
    await cancel_event(harness, f"{event_id} all")
    third = await harness.app.feeds.feed("accessibility", None)
    assert third is not None
    [vevent] = Calendar.from_ical(third).walk("VEVENT")
    assert (str(vevent["STATUS"]), vevent["SEQUENCE"]) == ("CANCELLED", 3)
    await harness.run_until(clock, clock.now())


async def test_a_private_feed_needs_its_token_on_the_web_route(harness: Harness) -> None:
    await setup_community(harness, "ben")
    await create_event(harness, "Clinic tomorrow 10:00")
    refused = await harness.text("ben", "event feed accessibility private")
    assert refused == "Only Accessibility's facilitators and admins can do that."
    public = await harness.text("ben", "event feed accessibility")
    assert "calendar feed is public" in public
    assert "guildbot calendar export accessibility" in public
    await harness.text("ana", "event feed accessibility private")
    harness.app.feeds.public_url = "https://guildbot.example.org"
    link = await harness.text("ben", "event feed accessibility")
    assert "(private: keep this link to yourself): https://guildbot.example.org/calendar/" in link
    token = link.split("?token=")[1].split()[0]
    assert len(token) >= 32
    assert "for its members" in await harness.text("cleo", "event feed accessibility")

    app = Application()
    app.add_routes(calendar_routes(harness.app.feeds.feed))
    async with TestClient(TestServer(app)) as client:
        missing = await client.get("/calendar/accessibility.ics")
        assert missing.status == 404
        wrong = await client.get("/calendar/accessibility.ics", params={"token": "guess"})
        assert wrong.status == 404
        unknown = await client.get("/calendar/nowhere.ics")
        assert unknown.status == 404
        served = await client.get("/calendar/accessibility.ics", params={"token": token})
        assert served.status == 200
        assert served.content_type == "text/calendar"
        [vevent] = Calendar.from_ical(await served.read()).walk("VEVENT")
        assert str(vevent["SUMMARY"]) == "Clinic"
    await harness.text("ana", "event feed accessibility public")
    async with TestClient(TestServer(app)) as client:
        assert (await client.get("/calendar/accessibility.ics")).status == 200


def export(database_url: str, cwd: Path, slug: str) -> subprocess.CompletedProcess[str]:
    return guildbot(cwd, "calendar", "export", slug, env={"GUILDBOT_DATABASE_URL": database_url})


async def test_guildbot_calendar_export_prints_the_feed(
    harness: Harness, database_url: str, tmp_path: Path
) -> None:
    await setup_community(harness)
    await create_event(harness, "Meetup monthly, first Thursday of each month 14:00")
    result = export(database_url, tmp_path, "accessibility")
    assert result.returncode == 0, result.stderr
    calendar = Calendar.from_ical(result.stdout)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Meetup"
    assert str(vevent["RRULE"].to_ical().decode()) == "FREQ=MONTHLY;BYDAY=+1TH"
    missing = export(database_url, tmp_path, "nowhere")
    assert missing.returncode == 2  # names nothing: like every unknown name
    assert "no community 'nowhere'" in missing.stderr


def test_the_public_address_for_feed_links_is_checked() -> None:
    assert load_settings({}, env_file=None).public_url == ""
    settings = load_settings({"GUILDBOT_PUBLIC_URL": "https://bot.example.org/"}, env_file=None)
    assert settings.public_url == "https://bot.example.org"
    with pytest.raises(ConfigError, match=r"^GUILDBOT_PUBLIC_URL: expected"):
        load_settings({"GUILDBOT_PUBLIC_URL": "bot.example.org"}, env_file=None)


async def test_a_feed_of_a_community_named_in_any_script_is_served() -> None:
    asked: list[str] = []

    async def feed(slug: str, token: str | None) -> bytes | None:
        asked.append(slug)
        return b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" if slug == "доступность" else None

    app = Application()
    app.add_routes(calendar_routes(feed))
    async with TestClient(TestServer(app)) as client:
        served = await client.get(
            "/calendar/%D0%B4%D0%BE%D1%81%D1%82%D1%83%D0%BF%D0%BD%D0%BE%D1%81%D1%82%D1%8C.ics"
        )
        assert served.status == 200
        disposition = served.headers["Content-Disposition"]
        assert 'filename="calendar.ics"' in disposition
        assert "filename*=UTF-8''%D0%B4" in disposition
        assert (await client.get("/calendar/a%2Fb.ics")).status == 404
    assert asked[0] == "доступность"
