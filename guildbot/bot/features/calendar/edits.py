"""An edit of an event as it was echoed, and the value its [Save] button carries.

[Save] applies exactly what the echo showed: the new values themselves travel with the
button (not the words typed, which would be read again later — "tomorrow" would be another
day, "19:00" another next date). With them go the event's version when it was echoed, so
an edit pressed after another change is refused rather than applied blindly, and who asked
for it, so nobody else saves it. Long values go through pending actions (`bot.pending`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from guildbot.bot.context import UserError
from guildbot.bot.features.calendar.fields import integer, string
from guildbot.bot.features.calendar.phrases import MAX_DURATION, MIN_DURATION, Repeat, When
from guildbot.bot.features.calendar.request import (
    MAX_CAPACITY,
    MAX_DESCRIPTION,
    MAX_LOCATION,
    MAX_TITLE,
    NOTIFY_MODES,
)
from guildbot.bot.features.calendar.zones import known_zone
from guildbot.bot.scheduler.recurrence import format_local, parse_local
from guildbot.bot.text import clean_field
from guildbot.storage.models import CalendarEvent

MAX_OFFSETS = 20


@dataclass(frozen=True, slots=True)
class Timing:
    """An event's time as stored: local start, zone, length and rule."""

    local_start: str
    timezone: str
    duration_minutes: int
    rrule: str | None

    @classmethod
    def of(cls, when: When) -> Timing:
        """How a parsed time is stored."""
        minutes = int(when.duration.total_seconds() // 60)
        return cls(format_local(when.local_start), when.timezone, minutes, when.rrule)

    @classmethod
    def of_event(cls, event: CalendarEvent) -> Timing:
        """The event's time now."""
        return cls(event.local_start, event.timezone, event.duration_minutes, event.rrule)

    def when(self) -> When:
        """The time as the parser would have read it."""
        return When(
            parse_local(self.local_start),
            self.timezone,
            timedelta(minutes=self.duration_minutes),
            Repeat.from_rrule(self.rrule) if self.rrule else None,
        )

    def readable(self) -> bool:
        """Whether every part is one the calendar writes (a value from outside may not be)."""
        try:
            local_ok = format_local(parse_local(self.local_start)) == self.local_start
        except ValueError:
            return False
        duration = timedelta(minutes=self.duration_minutes)
        return (
            local_ok
            and known_zone(self.timezone) == self.timezone
            and MIN_DURATION <= duration <= MAX_DURATION
            and (self.rrule is None or Repeat.from_rrule(self.rrule) is not None)
        )


@dataclass(frozen=True, slots=True)
class EventEdit:
    """What an edit changes (None: unchanged), on which version of which event, for whom.

    `capacity` 0 removes the limit; `offsets` are seconds before each date; `notify` is
    one of `request.NOTIFY_MODES`."""

    event_id: int
    sequence: int
    editor: int
    timing: Timing | None = None
    title: str | None = None
    location: str | None = None
    description: str | None = None
    capacity: int | None = None
    offsets: tuple[int, ...] | None = None
    notify: str | None = None

    def changes(self) -> list[str]:
        """What changes, sorted, in the words replies and the audit log use."""
        found = {
            "when": self.timing is not None,
            "title": self.title is not None,
            "where": self.location is not None,
            "description": self.description is not None,
            "capacity": self.capacity is not None,
            "reminders": self.offsets is not None or self.notify is not None,
        }
        return sorted(name for name, changed in found.items() if changed)

    def apply_to(self, event: CalendarEvent) -> None:
        """Write the new values into the event."""
        if self.timing is not None:
            event.local_start = self.timing.local_start
            event.timezone = self.timing.timezone
            event.duration_minutes = self.timing.duration_minutes
            event.rrule = self.timing.rrule
        if self.title is not None:
            event.title = self.title
        if self.location is not None:
            event.location = self.location
        if self.description is not None:
            event.description = self.description
        if self.capacity is not None:
            event.capacity = self.capacity or None
        if self.offsets is not None:
            event.reminder_offsets = list(self.offsets)
        if self.notify is not None:
            event.remind_channel = self.notify in ("both", "channel")
            event.remind_going = self.notify in ("both", "going")

    def encode(self) -> str:
        """Compact JSON; only what changes."""
        data: dict[str, Any] = {"e": self.event_id, "q": self.sequence, "m": self.editor}
        if self.timing is not None:
            t = self.timing
            data["w"] = [t.local_start, t.timezone, t.duration_minutes, t.rrule]
        optional = {
            "t": self.title,
            "l": self.location,
            "n": self.description,
            "k": self.capacity,
            "o": None if self.offsets is None else list(self.offsets),
            "y": self.notify,
        }
        data.update({key: value for key, value in optional.items() if value is not None})
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def decode(cls, value: str) -> EventEdit | None:
        """What `encode` wrote, or None for anything else (a value comes from outside)."""
        try:
            data = json.loads(value)
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        try:
            edit = cls(
                event_id=integer(data["e"], 0, 10**18),
                sequence=integer(data["q"], 0, 10**18),
                editor=integer(data["m"], 0, 10**18),
                timing=_timing(data["w"]) if "w" in data else None,
                title=_text(data, "t", MAX_TITLE),
                location=_text(data, "l", MAX_LOCATION),
                description=_text(data, "n", MAX_DESCRIPTION),
                capacity=integer(data["k"], 0, MAX_CAPACITY) if "k" in data else None,
                offsets=_offsets(data["o"]) if "o" in data else None,
                notify=_text(data, "y", 10),
            )
        except (KeyError, TypeError, ValueError):
            return None
        if edit.notify is not None and edit.notify not in NOTIFY_MODES:
            return None
        if edit.timing is not None and not edit.timing.readable():
            return None
        return edit if edit.event_id >= 1 else None


def _text(data: dict[str, Any], key: str, at_most: int) -> str | None:
    """A text field as `clean_field` leaves it (empty only for a place or a description
    removed), or None when absent."""
    if key not in data:
        return None
    value = string(data[key], at_most)
    if value == "" and key in ("l", "n"):
        return value
    try:
        if clean_field(value, key, at_most) != value:
            raise TypeError(value)
    except UserError as error:
        raise TypeError(value) from error
    return value


def _timing(value: Any) -> Timing:
    if not isinstance(value, list) or len(value) != 4:
        raise TypeError(value)
    local_start, timezone, minutes, rrule = value
    return Timing(
        string(local_start, 19),
        string(timezone, 64),
        integer(minutes, 0, 7 * 24 * 60),
        None if rrule is None else string(rrule, 500),
    )


def _offsets(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or len(value) > MAX_OFFSETS:
        raise TypeError(value)
    return tuple(integer(seconds, 0, 366 * 86400) for seconds in value)
