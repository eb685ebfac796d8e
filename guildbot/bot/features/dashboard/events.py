"""The events page: each event's next (or current) date with its answers against capacity,
and the attendee list of a date as CSV.

Answers are counted as they are: the facilitators who see this page see the same people by
name in chat (`event attendees`), and the CSV is that list, for a sign-in sheet.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.scheduler.recurrence import parse_local
from guildbot.storage.models import CalendarEvent, EventRsvp, RsvpStatus

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event on the page."""

    event_id: int
    title: str
    when: str  # its date, in the event's zone
    occurrence: str | None  # the date's local start (what the CSV link names)
    capacity: int | None
    answers: dict[str, int]


def event_row(
    event: CalendarEvent, occurrence: occ.Occurrence | None, rsvps: Sequence[EventRsvp]
) -> EventRow:
    """The row of `event` for `occurrence` (None: no date left) and its answers."""
    counted = Counter(rsvp.status for rsvp in rsvps)
    when = "no dates left"
    if occurrence is not None:
        when = f"{parse_local(occurrence.local):%a %d %b %Y, %H:%M} {event.timezone}"
    return EventRow(
        event.id,
        event.title,
        when,
        occurrence.local if occurrence else None,
        event.capacity,
        {status.value: counted.get(status.value, 0) for status in RsvpStatus},
    )


def attendees_csv(rows: Sequence[tuple[EventRsvp, str]]) -> str:
    """name, answer, answered at: one line per answer, in answer order (the waitlist's)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["name", "answer", "answered at (UTC)"])
    for rsvp, name in rows:
        writer.writerow([_cell(name), rsvp.status, _answered(rsvp.responded_at)])
    return out.getvalue()


def _answered(at: datetime) -> str:
    return f"{at:%Y-%m-%d %H:%M}"


def _cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text
