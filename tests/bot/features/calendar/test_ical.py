"""The iCal feed: it parses back, expands to Guildbot's own instants, and follows edits and
cancellations; private feeds need their token; the CLI and the web route serve it."""

import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from io import StringIO
from itertools import islice
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from aiohttp.test_utils import TestClient, TestServer
from aiohttp.web import Application
from dateutil import tz as dateutil_tz
from dateutil.rrule import rrulestr
from icalendar import Calendar, Event, Timezone, vRecur
from icalendar.timezone import TZP
from pytz.exceptions import AmbiguousTimeError, NonExistentTimeError

from guildbot.bot.clock import ManualClock
from guildbot.bot.config import load_settings
from guildbot.bot.features.calendar.feeds import calendar_routes
from guildbot.bot.features.calendar.ical import FeedEvent, build_feed
from guildbot.bot.scheduler.recurrence import Recurrence
from guildbot.contract.errors import ConfigError
from tests.bot.features.calendar.helpers import (
    cancel_event,
    create_event,
    edit_event,
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


def guildbot_instants(
    item: FeedEvent, window: tuple[datetime, datetime] = WINDOW
) -> list[datetime]:
    recurrence = Recurrence(item.rrule or "FREQ=DAILY;COUNT=1", item.local_start, item.timezone)
    skipped = set(item.exdates)
    return [o.at for o in recurrence.between(*window, limit=500) if o.local not in skipped]


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


# Events around 2026's clock changes: just before, in the hour after, the first of a repeated
# hour (RFC 5545 3.3.5: an ambiguous time is its first occurrence), just after one, and weekly
# series with an occurrence right after a change. Lord Howe moves its clocks by 30 minutes.
DST_EVENTS = [
    feed_event("tor-before-spring", "America/Toronto", datetime(2026, 3, 8, 1, 30), None),
    feed_event("tor-after-spring", "America/Toronto", datetime(2026, 3, 8, 3, 15), None),
    feed_event(
        "tor-weekly-spring",
        "America/Toronto",
        datetime(2026, 2, 22, 3, 30),
        "FREQ=WEEKLY;BYDAY=SU;COUNT=4",
    ),
    feed_event("tor-repeated-hour", "America/Toronto", datetime(2026, 11, 1, 1, 30), None),
    feed_event(
        "tor-weekly-fall",
        "America/Toronto",
        datetime(2026, 10, 18, 2),
        "FREQ=WEEKLY;BYDAY=SU;UNTIL=20261115T235959",
    ),
    feed_event("lon-before-spring", "Europe/London", datetime(2026, 3, 29, 0, 45), None),
    feed_event(
        "lon-weekly-spring", "Europe/London", datetime(2026, 3, 15, 2, 30), "FREQ=WEEKLY;COUNT=3"
    ),
    feed_event("lon-repeated-hour", "Europe/London", datetime(2026, 10, 25, 1, 30), None),
    feed_event("lon-after-fall", "Europe/London", datetime(2026, 10, 25, 2), None),
    feed_event(
        "par-weekly-spring", "Europe/Paris", datetime(2026, 3, 22, 3, 30), "FREQ=WEEKLY;COUNT=3"
    ),
    feed_event("par-repeated-hour", "Europe/Paris", datetime(2026, 10, 25, 2, 30), None),
    feed_event("par-after-fall", "Europe/Paris", datetime(2026, 10, 25, 3), None),
    feed_event(
        "stj-weekly-spring",
        "America/St_Johns",
        datetime(2026, 3, 1, 3, 30),
        "FREQ=WEEKLY;BYDAY=SU;UNTIL=20260322T235959",
        exdates=(datetime(2026, 3, 15, 3, 30),),
    ),
    feed_event("stj-repeated-hour", "America/St_Johns", datetime(2026, 11, 1, 1, 30), None),
    feed_event("stj-after-fall", "America/St_Johns", datetime(2026, 11, 1, 2, 15), None),
    feed_event("lhi-repeated-half-hour", "Australia/Lord_Howe", datetime(2026, 4, 5, 1, 45), None),
    feed_event("lhi-after-fall", "Australia/Lord_Howe", datetime(2026, 4, 5, 2), None),
    feed_event("lhi-before-spring", "Australia/Lord_Howe", datetime(2026, 10, 4, 1, 45), None),
    feed_event(
        "lhi-weekly-spring",
        "Australia/Lord_Howe",
        datetime(2026, 9, 27, 2, 45),
        "FREQ=WEEKLY;COUNT=3",
    ),
]
DST_WINDOW = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))

# Each zone's 2026 changes, as instants (checked against zoneinfo in the test).
CHANGES = {
    "America/Toronto": (datetime(2026, 3, 8, 7), datetime(2026, 11, 1, 6)),
    "Europe/London": (datetime(2026, 3, 29, 1), datetime(2026, 10, 25, 1)),
    "Europe/Paris": (datetime(2026, 3, 29, 1), datetime(2026, 10, 25, 1)),
    "America/St_Johns": (datetime(2026, 3, 8, 5, 30), datetime(2026, 11, 1, 4, 30)),
    "Australia/Lord_Howe": (datetime(2026, 4, 4, 15), datetime(2026, 10, 3, 15, 30)),
}


# Two readers that take a zone from the feed's own VTIMEZONE, not from the tz database, and that
# read it in different ways: dateutil's tzical compares wall-clock times with each onset, while
# icalendar's conversion for pytz turns each onset into a UTC instant (DTSTART - TZOFFSETFROM).
def dateutil_reader(vtimezone: Timezone) -> tzinfo:
    zone: tzinfo = dateutil_tz.tzical(StringIO(vtimezone.to_ical().decode())).get()
    return zone


def pytz_reader(vtimezone: Timezone) -> tzinfo:
    zone: tzinfo = vtimezone.to_tz(TZP("pytz"), lookup_tzid=False)
    return zone


READERS = pytest.mark.parametrize(
    "reader", [dateutil_reader, pytz_reader], ids=["dateutil-tzical", "icalendar-pytz"]
)


def place(wall: datetime, zone: tzinfo) -> datetime:
    """The reader's instant for a wall-clock time, by RFC 5545 3.3.5: a time that comes twice is
    the first one, a time that a change skips is read with the offset before the change."""
    localize = getattr(zone, "localize", None)
    if localize is None:  # dateutil: fold=0 is the first of two
        return wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    # pytz cannot pick the offset from replace(); these zones only change clocks for DST, so the
    # first of a repeated hour is the DST one and a skipped hour is read in standard time.
    try:
        placed: datetime = localize(wall, is_dst=None)
    except AmbiguousTimeError:
        placed = localize(wall, is_dst=True)
    except NonExistentTimeError:
        placed = localize(wall, is_dst=False)
    return placed.astimezone(UTC)


def read_instants(vevent: Event, zone: tzinfo) -> list[datetime]:
    """Expand one VEVENT as a client does, placing every wall-clock time with `zone`."""
    start = vevent["DTSTART"].dt.replace(tzinfo=None)
    walls = [start]
    until: datetime | None = None
    if "RRULE" in vevent:
        rule = vevent["RRULE"]
        until = rule["UNTIL"][0] if "UNTIL" in rule else None
        # UNTIL is an instant (UTC), so it bounds the placed occurrences, not the wall times.
        rest = vRecur({key: value for key, value in rule.items() if key != "UNTIL"})
        walls = list(islice(rrulestr(rest.to_ical().decode(), dtstart=start), 500))
    exdates = vevent.get("EXDATE", [])
    skipped = {
        when.dt.replace(tzinfo=None)
        for listed in (exdates if isinstance(exdates, list) else [exdates])
        for when in listed.dts
    }
    placed = [place(wall, zone) for wall in walls if wall not in skipped]
    return [instant for instant in placed if until is None or instant <= until]


def embedded_zones(feed: bytes, reader: Callable[[Timezone], tzinfo]) -> dict[str, tzinfo]:
    return {str(vtz["TZID"]): reader(vtz) for vtz in Calendar.from_ical(feed).walk("VTIMEZONE")}


@READERS
def test_readers_of_the_embedded_vtimezones_place_each_occurrence_at_its_instant(
    reader: Callable[[Timezone], tzinfo],
) -> None:
    feed = build_feed("Clock changes", DST_EVENTS)
    zones = embedded_zones(feed, reader)
    by_uid = {item.uid: item for item in DST_EVENTS}
    wrong = []
    for vevent in Calendar.from_ical(feed).walk("VEVENT"):
        item = by_uid[str(vevent["UID"])]
        expected = guildbot_instants(item, DST_WINDOW)
        read = read_instants(vevent, zones[item.timezone])
        assert len(read) == len(expected) > 0, (item.uid, read, expected)
        for truth, instant in zip(expected, read, strict=True):
            local = truth.astimezone(ZoneInfo(item.timezone))
            off = (instant - truth) / timedelta(minutes=1)
            if off:
                wrong.append(f"{item.uid} {local:%m-%d %H:%M}: placed {off:+.0f} min")
    assert not wrong, wrong


@READERS
def test_readers_of_the_embedded_vtimezones_show_the_hours_around_each_change(
    reader: Callable[[Timezone], tzinfo],
) -> None:
    zones = embedded_zones(build_feed("Clock changes", DST_EVENTS), reader)
    wrong = []
    for name, changes in CHANGES.items():
        truth_zone = ZoneInfo(name)
        for change in changes:
            at = change.replace(tzinfo=UTC)
            before = (at - timedelta(seconds=1)).astimezone(truth_zone).utcoffset()
            assert before != at.astimezone(truth_zone).utcoffset(), (name, at)
            for minutes in (-61, -30, -1, 0, 1, 15, 30, 45, 59, 60, 61, 90):
                instant = at + timedelta(minutes=minutes)
                truth = instant.astimezone(truth_zone).replace(tzinfo=None)
                shown = instant.astimezone(zones[name]).replace(tzinfo=None)
                if shown != truth:
                    off = (shown - truth) / timedelta(minutes=1)
                    wrong.append(f"{name} {truth:%m-%d %H:%M}: shown {off:+.0f} min")
    assert not wrong, wrong


def onsets(vtimezone: Timezone) -> set[tuple[str, str, str]]:
    """Every (onset, TZOFFSETFROM, TZOFFSETTO) the component lists, DTSTART and RDATEs."""
    found = set()
    for part in vtimezone.walk():
        if part.name not in {"STANDARD", "DAYLIGHT"}:
            continue
        rdates = part.get("RDATE", [])
        starts = [part["DTSTART"].dt] + [
            when.dt
            for listed in (rdates if isinstance(rdates, list) else [rdates])
            for when in listed.dts
        ]
        offsets = (part["TZOFFSETFROM"].to_ical(), part["TZOFFSETTO"].to_ical())
        found |= {(f"{start:%Y%m%dT%H%M%S}", *offsets) for start in starts}
    return found


def test_vtimezone_onsets_are_in_the_local_time_before_the_change() -> None:
    calendar = Calendar.from_ical(build_feed("Clock changes", DST_EVENTS))
    zones = {str(vtz["TZID"]): onsets(vtz) for vtz in calendar.walk("VTIMEZONE")}
    # RFC 5545 3.6.5: DTSTART is the onset in the time in effect before it (TZOFFSETFROM).
    assert {("20260308T020000", "-0500", "-0400"), ("20261101T020000", "-0400", "-0500")} <= (
        zones["America/Toronto"]
    )
    assert {("20260329T010000", "+0000", "+0100"), ("20261025T020000", "+0100", "+0000")} <= (
        zones["Europe/London"]
    )
    assert {("20260308T020000", "-0330", "-0230"), ("20261101T020000", "-0230", "-0330")} <= (
        zones["America/St_Johns"]
    )
    assert {("20260405T020000", "+1100", "+1030"), ("20261004T020000", "+1030", "+1100")} <= (
        zones["Australia/Lord_Howe"]
    )


async def test_edits_and_cancellations_reach_the_feed(harness: Harness, clock: ManualClock) -> None:
    await setup_community(harness)
    event_id = await create_event(harness, "Meetup monthly, first Thursday of each month 14:00")
    first = await harness.app.feeds.feed("accessibility", None)
    assert first is not None
    [vevent] = Calendar.from_ical(first).walk("VEVENT")
    uid = str(vevent["UID"])
    assert (vevent["SEQUENCE"], str(vevent["STATUS"])) == (0, "CONFIRMED")
    await cancel_event(harness, f"{event_id} Dec 3")
    await edit_event(harness, f"{event_id} where: Room 201")
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
