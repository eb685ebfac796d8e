"""An event's occurrences, and how they are shown, from its stored fields."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from guildbot.bot.features.calendar.phrases import Repeat, When
from guildbot.bot.features.calendar.times import moment
from guildbot.bot.i18n import Language
from guildbot.bot.scheduler.recurrence import (
    Recurrence,
    RecurrenceError,
    format_local,
    parse_local,
    to_instant,
)
from guildbot.contract.richtext import RichText
from guildbot.storage.models import CalendarEvent

ONE_OFF_RULE = "FREQ=DAILY;COUNT=1"
MAX_SCAN = 2000


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence of an event: its local start (its id) and its instant."""

    local: str  # ISO local wall-clock time, as stored with RSVPs and cancellations
    at: datetime  # UTC


def when_of(event: CalendarEvent) -> When:
    """The event's time as the parser would have produced it."""
    repeat = Repeat.from_rrule(event.rrule) if event.rrule else None
    return When(
        parse_local(event.local_start),
        event.timezone,
        timedelta(minutes=event.duration_minutes),
        repeat,
    )


def duration_of(event: CalendarEvent) -> timedelta:
    """How long each occurrence lasts."""
    return timedelta(minutes=event.duration_minutes)


def rule_of(event: CalendarEvent) -> str:
    """The RRULE the scheduler expands (a one-off is a rule with one occurrence)."""
    return event.rrule or ONE_OFF_RULE


def iterate(event: CalendarEvent, cancelled: set[str] | None = None) -> Iterator[Occurrence]:
    """Every occurrence in order, skipping cancelled ones (at most `MAX_SCAN`)."""
    try:
        recurrence = Recurrence(rule_of(event), parse_local(event.local_start), event.timezone)
    except (RecurrenceError, ValueError):
        return
    current = recurrence.first()
    scanned = 0
    while current is not None and scanned < MAX_SCAN:
        scanned += 1
        local = format_local(current.local)
        if not cancelled or local not in cancelled:
            yield Occurrence(local, current.at)
        current = recurrence.after(current.local)


def upcoming(
    event: CalendarEvent, now: datetime, cancelled: set[str] | None = None, limit: int = 5
) -> list[Occurrence]:
    """The next occurrences that have not started yet."""
    found: list[Occurrence] = []
    for occurrence in iterate(event, cancelled):
        if occurrence.at > now:
            found.append(occurrence)
            if len(found) >= limit:
                break
    return found


def in_progress_or_next(
    event: CalendarEvent, now: datetime, cancelled: set[str] | None = None
) -> Occurrence | None:
    """The occurrence happening now, else the next one."""
    duration = duration_of(event)
    for occurrence in iterate(event, cancelled):
        if occurrence.at + duration > now:
            return occurrence
    return None


def find(event: CalendarEvent, local: str) -> Occurrence | None:
    """The occurrence with this local start, if the event has one."""
    try:
        wanted = parse_local(local)
    except ValueError:
        return None
    for occurrence in iterate(event):
        if occurrence.local == local:
            return occurrence
        if parse_local(occurrence.local) > wanted:
            return None
    return None


def on_day(event: CalendarEvent, day: datetime) -> Occurrence | None:
    """The occurrence on a local calendar day (in the event's zone)."""
    for occurrence in iterate(event):
        local = parse_local(occurrence.local)
        if local.date() == day.date():
            return occurrence
        if local.date() > day.date():
            return None
    return None


def counterpart(event: CalendarEvent, local: str) -> Occurrence | None:
    """The date `local` became when the event's time was edited after a button for it was
    posted: the one date of a one-off, else the occurrence on the same day, else the only
    one in the same week (Thursday's 18:30 is now Friday's 19:00) — as an edit carries the
    answers (`carrying`). None when no single date corresponds."""
    try:
        wanted = parse_local(local)
    except ValueError:
        return None
    if event.rrule is None:
        return next(iterate(event), None)
    week = tuple(wanted.isocalendar())[:2]
    in_week = []
    for occurrence in iterate(event):
        start = parse_local(occurrence.local)
        if start.date() == wanted.date():
            return occurrence
        if start > wanted + timedelta(days=7):
            break
        if tuple(start.isocalendar())[:2] == week:
            in_week.append(occurrence)
    return in_week[0] if len(in_week) == 1 else None


def instant(event: CalendarEvent, local: str) -> datetime:
    """The instant of a local start in the event's zone."""
    return to_instant(parse_local(local), ZoneInfo(event.timezone))


def shown(
    event: CalendarEvent, occurrence: Occurrence, zone: str, language: Language = Language.EN
) -> RichText:
    """An occurrence as a viewer sees it: in their own zone where their platform shows
    instants, else written in `zone` ("Thu 3 Dec 2026, 11:00-12:00 America/Vancouver"), in
    their `language`."""
    return moment(occurrence.at, zone, duration_of(event), language)


def human_offset(offset: timedelta) -> str:
    """ "1 day", "15 minutes", "1 day 2 hours"."""
    minutes = int(offset.total_seconds() // 60)
    days, rest = divmod(minutes, 1440)
    hours, minutes = divmod(rest, 60)
    parts = []
    for value, unit in ((days, "day"), (hours, "hour"), (minutes, "minute")):
        if value:
            parts.append(f"{value} {unit}{'' if value == 1 else 's'}")
    return " ".join(parts) or "0 minutes"
