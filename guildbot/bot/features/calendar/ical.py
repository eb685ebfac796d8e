"""A community's events as an RFC 5545 iCalendar feed. Pure: plain values in, bytes out.

Each event is one VEVENT with a stable UID, its start in its own IANA zone (TZID, with the
matching VTIMEZONE), its RRULE (UNTIL in UTC, as RFC 5545 requires with a zoned start), an
EXDATE for each cancelled occurrence, and a SEQUENCE that grows with every edit, so calendar
clients replace what they had. A cancelled event stays in the feed with STATUS:CANCELLED, so
subscribers drop it instead of keeping a stale copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vRecur

from guildbot.bot.features.calendar.vtimezone import build_vtimezone
from guildbot.bot.scheduler.recurrence import to_instant

PRODID = "-//Guildbot//Community calendar//EN"


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """What the feed needs to know about one event."""

    uid: str
    title: str
    timezone: str
    local_start: datetime  # naive, wall-clock time in `timezone`
    duration: timedelta
    sequence: int
    created: datetime  # UTC
    updated: datetime  # UTC
    rrule: str | None = None  # as stored: UNTIL in local time
    exdates: tuple[datetime, ...] = ()  # naive local starts of cancelled occurrences
    description: str = ""
    location: str = ""
    cancelled: bool = False


def ical_rrule(rule: str, timezone: str) -> vRecur:
    """The stored rule for iCal: a local UNTIL becomes the UTC instant RFC 5545 asks for."""
    parts = []
    for part in rule.removeprefix("RRULE:").split(";"):
        key, _, value = part.partition("=")
        if key.upper() == "UNTIL" and not value.endswith("Z"):
            local = datetime.strptime(value, "%Y%m%dT%H%M%S")
            value = to_instant(local, ZoneInfo(timezone)).strftime("%Y%m%dT%H%M%SZ")
        parts.append(f"{key}={value}")
    recur: vRecur = vRecur.from_ical(";".join(parts))
    return recur


def build_feed(name: str, events: Sequence[FeedEvent], description: str = "") -> bytes:
    """The whole feed, VTIMEZONEs first."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("x-wr-caldesc", description)
    first: date | None = None
    last: date | None = None
    for item in events:
        zone = ZoneInfo(item.timezone)
        start = item.local_start.replace(tzinfo=zone, fold=0)
        vevent = Event()
        vevent.add("uid", item.uid)
        vevent.add("dtstamp", item.updated.astimezone(UTC))
        vevent.add("created", item.created.astimezone(UTC))
        vevent.add("last-modified", item.updated.astimezone(UTC))
        vevent.add("sequence", item.sequence)
        vevent.add("summary", item.title)
        vevent.add("dtstart", start)
        vevent.add("duration", item.duration)
        if item.description:
            vevent.add("description", item.description)
        if item.location:
            vevent.add("location", item.location)
        if item.rrule:
            vevent.add("rrule", ical_rrule(item.rrule, item.timezone))
        for exdate in sorted(item.exdates):
            vevent.add("exdate", exdate.replace(tzinfo=zone, fold=0))
        vevent.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        calendar.add_component(vevent)
        day = item.local_start.date()
        first = day if first is None or day < first else first
        last = day if last is None or day > last else last
    if first is not None and last is not None:
        # Not calendar.add_missing_timezones: it writes onsets in the time after each change
        # (see vtimezone). Changes from a year before the first event to well after the last
        # one, so open-ended series read right for years; after that, the last observance holds.
        since, until = first - timedelta(days=366), last + timedelta(days=6 * 366)
        for index, tzid in enumerate(sorted(calendar.get_missing_tzids())):
            calendar.subcomponents.insert(index, build_vtimezone(tzid, since, until))
    return bytes(calendar.to_ical())
