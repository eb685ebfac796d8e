"""An event's new time from what an edit typed: only the parts typed change.

`event edit 7 19:00` moves the time of day and keeps the rest — the days, the repeat and its
end (until a date, or so many times), the length, the zone. The parts not typed are written
back into the phrase from the event itself, and `phrases.parse_when` reads the whole, so an
edit is checked exactly like a new event (a time in the past, a length that runs into the
next date, an end before the start…):

* no time of day typed: the event's own;
* no date and no repeat typed: the dates stay, so the phrase starts on the event's next date
  (its second when the new time of day has already passed on the first). A fortnightly
  series thus keeps its weeks, instead of restarting on whichever week is next;
* no repeat typed: the event's repeat, with the end it has — or the end typed;
* a new repeat typed without its days ("every 2 weeks"): the event's own day;
* a new repeat typed without an end: the old end stays (a facilitator moving a term's
  series to Thursdays still means it to stop with the term), unless "forever" (or "no end")
  is typed, which removes it.

A series of so many times keeps the number of dates it has *left*: re-anchored on its next
date, "6 times" would otherwise start counting again.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar.phrases import (
    EXAMPLE_REPEAT,
    PhraseError,
    Repeat,
    When,
    parse_when,
    typed_parts,
)
from guildbot.bot.scheduler.recurrence import parse_local
from guildbot.storage.models import CalendarEvent

_NO_END = re.compile(
    r"\b(?:forever|(?:with\s+)?no\s+end(?:\s+date)?|without\s+(?:an\s+)?end)\b", re.I
)
_ENDS = frozenset({"until", "count", "span"})


def retimed(event: CalendarEvent, typed: str, now: datetime) -> When | PhraseError:
    """The event's time once `typed` ("19:00", "every Thursday", "for 90m", "forever"…)
    is applied to it, or what is wrong with it."""
    forever = _NO_END.search(typed) is not None
    text = " ".join(_NO_END.sub(" ", typed).split()).strip(" ,")
    parts = typed_parts(text, now) if text else frozenset()
    if text and not parts:  # it does not read: parse_when says why
        unread = parse_when(text, event.timezone, now)
        if isinstance(unread, PhraseError):
            return unread
        return PhraseError(
            f"I couldn't understand “{text[:40]}” as a time.",
            EXAMPLE_REPEAT,
            code="time-unread",
            values=(("typed", text[:40]),),
        )
    repeat = occ.when_of(event).repeat
    if forever and repeat is None and "repeat" not in parts:
        return PhraseError(
            "Only a repeating event has an end to remove.", EXAMPLE_REPEAT, code="no-end-to-remove"
        )
    upcoming = [parse_local(o.local) for o in occ.upcoming(event, now, None, limit=2)]
    reference = upcoming[0] if upcoming else parse_local(event.local_start)
    clock = "" if "clock" in parts else f"{reference:%H:%M}"
    keeps_end = not (forever or _ENDS & parts)

    def phrase(start: date | None) -> str:
        pieces = [f"{start:%Y-%m-%d}" if start else "", clock, text]
        said = " ".join(piece for piece in pieces if piece)
        if "repeat" not in parts and repeat is not None:
            kept = replace(repeat, until=None, count=None)
            said += f", {kept.describe()}"
        if repeat is not None and keeps_end:
            said += _end(repeat, event, now, start)
        return said

    def read(start: date | None) -> When | PhraseError:
        return parse_when(phrase(start), event.timezone, now, occ.duration_of(event))

    def from_next() -> When | PhraseError:
        # From the next date, or the one after when the new time of day has already passed
        # on the next one (today's).
        found = read(reference.date())
        if isinstance(found, PhraseError) and len(upcoming) > 1:
            later = read(upcoming[1].date())
            if isinstance(later, When):
                return later
        return found

    if "date" in parts:
        return read(None)
    if "repeat" not in parts:
        return from_next()  # the dates stay
    # A new repeat starts as soon as it can — but on the event's own day when the repeat
    # typed names none ("every 2 weeks" for a Wednesday event means Wednesdays, where the
    # parser alone would take today's day).
    free = read(None)
    if isinstance(free, PhraseError) or free.repeat is None or not upcoming:
        return free
    pinned = from_next()
    if isinstance(pinned, When) and pinned.repeat and _days(pinned.repeat) != _days(free.repeat):
        return pinned
    return free


def _days(repeat: Repeat) -> tuple[object, ...]:
    """The days a repeat falls on (filled in from its first date when none were typed)."""
    return (repeat.days, repeat.nth, repeat.month_day)


def left(event: CalendarEvent, now: datetime, start: date | None = None) -> int:
    """How many of a series' dates are still to come (from `start`, when given). Only for
    a series of so many times, which has at most `phrases.MAX_COUNT` of them."""
    return sum(
        1
        for o in occ.iterate(event)
        if o.at > now and (start is None or parse_local(o.local).date() >= start)
    )


def _end(repeat: Repeat, event: CalendarEvent, now: datetime, start: date | None) -> str:
    """The series' end, as the phrase says it."""
    if repeat.until is not None:
        return f" until {repeat.until:%Y-%m-%d}"
    if repeat.count is not None:
        return f", {left(event, now, start)} times"
    return ""
