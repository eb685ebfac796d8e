"""VTIMEZONE components from the tz database, with onsets written as RFC 5545 defines them.

icalendar's generator (`Calendar.add_missing_timezones`, up to at least 7.3.2) writes each onset
as the wall-clock time just after the change: Toronto's 2026 spring-forward as 03:00 with
TZOFFSETFROM -0500, which means 08:00 UTC, an hour after the change. RFC 5545 3.6.5 reads
DTSTART in the time in effect before the onset (TZOFFSETFROM), so a client that uses the
feed's VTIMEZONE rather than its own tz database showed the hour after every spring change an
hour early (half an hour on Lord Howe Island) and could place events in it an hour late.

Here each onset is the instant of the change (found from zoneinfo) written in the offset before
it, with one explicit onset per change, no RRULE, over the dates the feed needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

# A week at a time finds every change unless two within one week undo each other. The tz
# database has no such pair from 2016 to 2030 (every zone checked against an hourly scan); the
# closest changes, Morocco's around Ramadan, are about a month apart.
STEP = timedelta(days=7)
PRECISION = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class Observance:
    """What the clocks show from one instant on: offset, DST or not, abbreviation."""

    offset: timedelta
    daylight: bool
    name: str


def observance(zone: ZoneInfo, instant: datetime) -> Observance:
    local = instant.astimezone(zone)
    offset, dst = local.utcoffset() or timedelta(0), local.dst() or timedelta(0)
    # dst() > 0 rather than != 0: Europe/Dublin's winter time has a negative DST in the tz
    # database, and its clients call it standard time.
    return Observance(offset, dst > timedelta(0), local.tzname() or "")


def changes(
    zone: ZoneInfo, start: datetime, end: datetime
) -> list[tuple[datetime, Observance, Observance]]:
    """Each (instant, before, after) at which the zone's observance changes in [start, end]."""
    found = []
    low, current = start, observance(zone, start)
    while low < end:
        high = min(low + STEP, end)
        while observance(zone, high) != current:
            # Narrow [low, high] to the first second that shows something else.
            earlier, later = low, high
            while later - earlier > PRECISION:
                middle = earlier + (later - earlier) / 2
                if observance(zone, middle) == current:
                    earlier = middle
                else:
                    later = middle
            after = observance(zone, later)
            found.append((later, current, after))
            low, current = later, after
        low = high
    return found


def build_vtimezone(tzid: str, first: date, last: date) -> Timezone:
    """The zone's VTIMEZONE for wall-clock times from `first` to `last` (inclusive)."""
    zone = ZoneInfo(tzid)
    start = datetime.combine(first, time(), zone).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(), zone).astimezone(UTC)
    initial = observance(zone, start)
    # The observance already in effect when the range begins starts there, offset unchanged.
    onsets = [((start + initial.offset).replace(tzinfo=None), initial, initial)]
    onsets += [
        ((instant + before.offset).replace(tzinfo=None), before, after)
        for instant, before, after in changes(zone, start, end)
    ]
    # One sub-component per kind of change, its later onsets as RDATEs, as clients expect.
    grouped: dict[tuple[timedelta, Observance], list[datetime]] = {}
    for onset, before, after in onsets:
        grouped.setdefault((before.offset, after), []).append(onset)
    vtimezone = Timezone()
    vtimezone.add("tzid", tzid)
    for (offset_from, after), starts in grouped.items():
        part = TimezoneDaylight() if after.daylight else TimezoneStandard()
        part.add("dtstart", starts[0])
        if starts[1:]:
            part.add("rdate", starts[1:])
        part.add("tzoffsetfrom", offset_from)
        part.add("tzoffsetto", after.offset)
        if after.name:
            part.add("tzname", after.name)
        vtimezone.add_component(part)
    return vtimezone
