"""Times and recurrences in plain English, read in the facilitator's IANA time zone.

`parse_when("monthly, first Thursday of each month 14:00 for 1h", "America/Toronto", now)`
returns a `When` (a local wall-clock start, a zone, a duration and an optional RFC 5545 RRULE)
or a `PhraseError` saying what was not understood, with an example that works. It never
raises. Whatever it accepts, `When.describe()` echoes back in a form it reads again to the
same `When`, so the echo shown before saving is exactly what will be saved.

Times of day, durations, zones and repeats are read here with small regular expressions;
dates ("next Tuesday", "Dec 3", "2026-12-03", "tomorrow") are read by dateparser, relative
to "now" in the event's zone. Local times become instants only through
`guildbot.bot.scheduler.recurrence.to_instant`, which applies RFC 5545's rules for times that
do not exist or exist twice on daylight-saving days.
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import dateparser
from dateutil import rrule as du
from dateutil.relativedelta import relativedelta

from guildbot.bot.features.calendar.dates import (
    DateProblem,
    NumericDate,
    format_date,
    ordinal,
    read_month_day,
    read_numeric,
    weekday_mismatch,
)
from guildbot.bot.features.calendar.notes import Note, TimeSkipped
from guildbot.bot.features.calendar.zones import (
    ABBREVIATIONS,
    AMBIGUOUS,
    known_zone,
    read_abbreviation,
    read_offset,
    suggest_zone,
    zone_label,
)
from guildbot.bot.scheduler.recurrence import to_instant

MAX_PHRASE_CHARS = 300
DEFAULT_DURATION = timedelta(hours=1)
MIN_DURATION = timedelta(minutes=5)
MAX_DURATION = timedelta(days=7)
MAX_AHEAD = timedelta(days=5 * 366)
MAX_INTERVAL = 52
MAX_COUNT = 500
# Numbers beyond this many digits are not times, durations or counts anyone means: refused
# before any arithmetic, so nothing overflows.
MAX_NUMBER_DIGITS = 6

EXAMPLE_ONE_OFF = "next Tuesday 15:00 for 1h"
EXAMPLE_DATE = "Thu 3 Dec 2026 14:00"
EXAMPLE_REPEAT = "every 2 weeks on Wednesday 10:00 until 30 Jun 2027"
EXAMPLE_MONTHLY = "monthly on the first Thursday 14:00 for 1h"
EXAMPLE_ZONE = "2026-12-03 14:00 America/Vancouver"
EXAMPLE_DURATION = "next Tuesday 15:00 for 90m"

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = dict(zip(DAY_CODES, calendar.day_name, strict=True))
_WEEKDAY_WORDS = {
    "monday": "MO",
    "mon": "MO",
    "tuesday": "TU",
    "tue": "TU",
    "tues": "TU",
    "wednesday": "WE",
    "wed": "WE",
    "thursday": "TH",
    "thu": "TH",
    "thur": "TH",
    "thurs": "TH",
    "friday": "FR",
    "fri": "FR",
    "saturday": "SA",
    "sat": "SA",
    "sunday": "SU",
    "sun": "SU",
}
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "last": -1,
}
ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
_NUMBER_WORDS = {"other": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_FREQS = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
_ADVERBS = {
    "daily": ("DAILY", 1),
    "weekly": ("WEEKLY", 1),
    "fortnightly": ("WEEKLY", 2),
    "biweekly": ("WEEKLY", 2),
    "bi-weekly": ("WEEKLY", 2),
    "monthly": ("MONTHLY", 1),
    "yearly": ("YEARLY", 1),
    "annually": ("YEARLY", 1),
}
_MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name} | {
    name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name
}
_MONTHS["sept"] = 9

_WD = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?s?"
_WD_LIST = rf"{_WD}(?:\s*(?:,|and|&|\+)\s*{_WD})*"
_ORD = r"(?:first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)"
_UNIT_SECONDS = {
    "w": 7 * 86400,
    "d": 86400,
    "h": 3600,
    "m": 60,
}
_DURATION_PART = (
    r"(?:\d+(?:[.,]\d+)?|an?|half\s+an?)\s*"
    r"(?:weeks?|wks?|w|months?|days?|d|hours?|hrs?|hr|h|minutes?|mins?|min|m)\b"
)
_DURATION = rf"{_DURATION_PART}(?:\s*(?:and\s+)?(?:{_DURATION_PART}|\d{{1,2}}\b(?!\s*[:./-]\d)))*"
_MERIDIEM = r"(?:am|pm|a\.m\.|p\.m\.)"
_WORD_CLOCK = r"\b(?:noon|midday|midnight)\b"
_CLOCK = rf"(?:\d{{1,2}}[:.h]\d{{2}}\s*{_MERIDIEM}?|\d{{1,2}}\s*{_MERIDIEM}|{_WORD_CLOCK})"
_CLOCK_START = rf"(?:\d{{1,2}}(?:[:.h]\d{{2}})?\s*{_MERIDIEM}?|\b(?:noon|midday)\b)"


PhraseValue = str | int


@dataclass(frozen=True, slots=True)
class PhraseError:
    """What was not understood (plain words, quoting what was typed), and an example that
    works; `copy.phrase_error` says both to the member.

    `code` names the problem and `values` are its particulars (a month, a day, what was
    typed), so copy in another language can word it (`calendar.phrase_errors`); `problem`
    is its English, as it always was. A problem without a code is said in English."""

    problem: str
    example: str
    # The words were not a time at all (rather than a time that does not work): a title
    # may then run on past them.
    unread: bool = False
    code: str = ""
    values: tuple[tuple[str, PhraseValue], ...] = ()

    def value(self, name: str) -> PhraseValue:
        """One of the problem's particulars ("" when it has none of that name)."""
        return next((v for n, v in self.values if n == name), "")


@dataclass(frozen=True, slots=True)
class Repeat:
    """An RFC 5545 recurrence in the few shapes people ask for."""

    freq: str  # DAILY, WEEKLY, MONTHLY, YEARLY
    interval: int = 1
    days: tuple[str, ...] = ()  # weekday codes (weekly), or one day with `nth` (monthly)
    nth: int | None = None  # monthly on the nth weekday (-1: last)
    month_day: int | None = None  # monthly on this day of the month
    count: int | None = None
    until: date | None = None  # inclusive, local

    def rrule(self) -> str:
        """The RRULE body (without "RRULE:"), canonical, local UNTIL for the scheduler."""
        parts = [f"FREQ={self.freq}"]
        if self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.nth is not None and self.days:
            parts.append(f"BYDAY={self.nth:+d}{self.days[0]}")
        elif self.days:
            parts.append("BYDAY=" + ",".join(self.days))
        if self.month_day is not None:
            parts.append(f"BYMONTHDAY={self.month_day}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if self.until is not None:
            parts.append(f"UNTIL={self.until:%Y%m%d}T235959")
        return ";".join(parts)

    @classmethod
    def from_rrule(cls, text: str) -> Repeat | None:
        """Read back a rule written by `rrule()`; None for anything else."""
        fields: dict[str, str] = {}
        for part in text.removeprefix("RRULE:").split(";"):
            key, sep, value = part.partition("=")
            if not sep:
                return None
            fields[key.upper()] = value.upper()
        freq = fields.pop("FREQ", "")
        if freq not in _FREQS.values():
            return None
        try:
            interval = int(fields.pop("INTERVAL", "1"))
            days: tuple[str, ...] = ()
            nth = None
            byday = fields.pop("BYDAY", "")
            if byday:
                match = re.fullmatch(r"([+-]?\d)?([A-Z]{2})", byday)
                if match and match.group(1):
                    nth, days = int(match.group(1)), (match.group(2),)
                else:
                    days = tuple(byday.split(","))
            month_day = int(fields["BYMONTHDAY"]) if "BYMONTHDAY" in fields else None
            fields.pop("BYMONTHDAY", None)
            count = int(fields["COUNT"]) if "COUNT" in fields else None
            fields.pop("COUNT", None)
            until_text = fields.pop("UNTIL", "")
            until = datetime.strptime(until_text[:8], "%Y%m%d").date() if until_text else None
        except ValueError:
            return None
        if fields or any(day not in DAY_CODES for day in days):
            return None
        return cls(freq, interval, days, nth, month_day, count, until)

    def describe(self) -> str:
        """ "every 2 weeks on Wednesday", "monthly on the first Thursday", "daily"…"""
        unit = {v: k for k, v in _FREQS.items()}[self.freq]
        adverb = {"DAILY": "daily", "WEEKLY": "weekly", "MONTHLY": "monthly", "YEARLY": "yearly"}
        if self.freq == "WEEKLY" and self.days == DAY_CODES[:5] and self.interval == 1:
            text = "every weekday"
        else:
            text = adverb[self.freq] if self.interval == 1 else f"every {self.interval} {unit}s"
            if self.nth is not None and self.days:
                text += f" on the {ORDINAL_WORDS[self.nth]} {DAY_NAMES[self.days[0]]}"
            elif self.days:
                names = [DAY_NAMES[d] for d in self.days]
                text += " on " + (
                    names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
                )
            if self.month_day is not None:
                text += f" on the {ordinal(self.month_day)}"
        if self.count is not None:
            text += f", {self.count} times"
        if self.until is not None:
            text += f", until {format_date(self.until)}"
        return text

    def dateutil_rule(self, local_start: datetime) -> du.rrule:
        """The rule for dateutil, anchored at a naive local start."""
        freqs: dict[str, Literal[0, 1, 2, 3]] = {
            "DAILY": du.DAILY,
            "WEEKLY": du.WEEKLY,
            "MONTHLY": du.MONTHLY,
            "YEARLY": du.YEARLY,
        }
        freq = freqs[self.freq]
        codes = {code: du.weekday(i) for i, code in enumerate(DAY_CODES)}
        byweekday = None
        if self.nth is not None and self.days:
            byweekday = [codes[self.days[0]](self.nth)]
        elif self.days:
            byweekday = [codes[d] for d in self.days]
        until = datetime.combine(self.until, time(23, 59, 59)) if self.until else None
        return du.rrule(
            freq,
            dtstart=local_start,
            interval=self.interval,
            byweekday=byweekday,
            bymonthday=self.month_day,
            count=self.count,
            until=until,
        )


@dataclass(frozen=True, slots=True)
class When:
    """When an event happens: its first local start, zone, duration, and optional repeat."""

    local_start: datetime  # naive wall-clock time in `timezone`: the first occurrence
    timezone: str
    duration: timedelta
    repeat: Repeat | None = None
    # What to say before saving: how a numeric date or a zone abbreviation was read, a time
    # that does not exist moved to one that does. Not part of the value: the echo reads back
    # to the same `When` without them.
    said: tuple[str, ...] = field(default=(), compare=False)
    # The same notes as data, in the same order, for copy in other languages to word.
    readings: tuple[Note, ...] = field(default=(), compare=False)

    @property
    def zone(self) -> ZoneInfo:
        """The event's IANA zone."""
        return ZoneInfo(self.timezone)

    @property
    def start(self) -> datetime:
        """The first occurrence as a UTC instant."""
        return to_instant(self.local_start, self.zone)

    @property
    def rrule(self) -> str | None:
        """The RRULE body, or None for a one-off."""
        return None if self.repeat is None else self.repeat.rrule()

    def describe(self) -> str:
        """The echo: "Thu 3 Dec 2026, 14:00-15:00 America/Toronto, monthly on the first
        Thursday". `parse_when` reads it back to this same value."""
        text = f"{format_date(self.local_start)}, {span(self.local_start, self.duration)} "
        text += zone_label(self.timezone)
        if self.repeat is not None:
            text += f", {self.repeat.describe()}"
        return text

    def notes(self) -> list[str]:
        """What is worth telling before saving: how an ambiguous numeric date was read, and
        daylight-saving surprises."""
        notes = list(self.said)
        actual = self.start.astimezone(self.zone).replace(tzinfo=None)
        if actual != self.local_start:
            notes.append(_skipped(self.local_start, actual, self.timezone))
        return notes

    def noted(self) -> list[Note]:
        """What `notes()` says, as data, in the same order."""
        noted = list(self.readings)
        actual = self.start.astimezone(self.zone).replace(tzinfo=None)
        if actual != self.local_start:
            noted.append(TimeSkipped(self.local_start, actual, self.timezone))
        return noted


def _skipped(typed: datetime, actual: datetime, zone_name: str) -> str:
    return (
        f"{typed:%H:%M} does not exist on {format_date(typed)} in {zone_label(zone_name)} "
        f"(clocks go forward), so it starts at {actual:%H:%M}."
    )


def ends_on_its_day(local_start: datetime, duration: timedelta) -> bool:
    """Whether something starting at `local_start` ends the same day (or at the midnight
    after it), so its end is told by a time alone."""
    end = local_start + duration
    return end.date() == local_start.date() or (end.time() == time(0) and duration <= timedelta(1))


def span(local_start: datetime, duration: timedelta) -> str:
    """ "14:00-15:00", or "14:00 for 26h" when it ends on another day."""
    if ends_on_its_day(local_start, duration):
        return f"{local_start:%H:%M}-{local_start + duration:%H:%M}"
    return f"{local_start:%H:%M} for {format_duration(duration)}"


def format_duration(duration: timedelta) -> str:
    """ "1h", "90m", "2h 30m", "1d 3h" — readable, and `parse_duration` reads it back."""
    total = int(duration.total_seconds() // 60)
    if total < 120 and total % 60:
        return f"{total}m"
    days, rest = divmod(total, 1440)
    hours, minutes = divmod(rest, 60)
    parts = [
        f"{value}{unit}" for value, unit in ((days, "d"), (hours, "h"), (minutes, "m")) if value
    ]
    return " ".join(parts) or "0m"


def format_instant(instant: datetime, zone_name: str, duration: timedelta | None = None) -> str:
    """An instant as a viewer in `zone_name` sees it: "Thu 3 Dec 2026, 11:00-12:00
    America/Vancouver"."""
    local = instant.astimezone(ZoneInfo(zone_name)).replace(tzinfo=None)
    clock = span(local, duration) if duration is not None else f"{local:%H:%M}"
    return f"{format_date(local)}, {clock} {zone_label(zone_name)}"


def parse_duration(text: str) -> timedelta | None:
    """ "1h", "90 minutes", "1h30", "an hour", "half an hour", "2 days" → a duration."""
    cleaned = " ".join(text.casefold().replace("and", " ").split())
    if not cleaned or len(cleaned) > 60:
        return None
    total = 0.0
    position = 0
    last_unit = ""
    pattern = re.compile(
        r"\s*(\d+(?:[.,]\d+)?|an?|half\s+an?)\s*"
        r"(weeks?|wks?|w|days?|d|hours?|hrs?|hr|h|minutes?|mins?|min|m)?(?![a-z])"
    )
    while position < len(cleaned):
        match = pattern.match(cleaned, position)
        if match is None or match.end() == position:
            return None
        amount_text, unit = match.group(1), match.group(2)
        if amount_text.startswith("half"):
            amount = 0.5
        elif amount_text in ("a", "an"):
            amount = 1.0
        else:
            amount = float(amount_text.replace(",", "."))
        if unit is None:
            # "1h30": a bare number after hours is minutes.
            if last_unit != "h":
                return None
            unit = "m"
        key = unit[0] if not unit.startswith("wk") else "w"
        total += amount * _UNIT_SECONDS[key]
        last_unit = key
        position = match.end()
    return timedelta(seconds=round(total)) if total else timedelta(0)


def parse_offsets(text: str) -> list[timedelta] | PhraseError:
    """Reminder offsets: "1d, 15m" → [1 day, 15 minutes]; "none" → []."""
    cleaned = text.strip().casefold()
    if cleaned in ("none", "no", "off", "never"):
        return []
    offsets: list[timedelta] = []
    for typed in re.split(r"\s*(?:,|\band\b)\s*", cleaned):
        part = re.sub(r"\s*before$", "", typed.strip())
        if not part:
            continue
        offset = parse_duration(part)
        if offset is None or offset <= timedelta(0) or offset > timedelta(days=30):
            return PhraseError(
                f"I couldn't read “{part[:30]}” as a reminder time before the event "
                "(from 1 minute to 30 days).",
                "remind: 1d, 15m",
                code="remind-unread",
                values=(("typed", part[:30]),),
            )
        if offset not in offsets:
            offsets.append(offset)
    if len(offsets) > 5:
        return PhraseError(
            "That's more than 5 reminders.", "remind: 1d, 15m", code="remind-too-many"
        )
    return sorted(offsets, reverse=True)


# -- splitting a title from its time ---------------------------------------------------------

_WHEN_START = re.compile(
    rf"(?:^|(?<=\s))(?:"
    rf"(?:every|each)\b|daily\b|weekly\b|fortnightly\b|bi-?weekly\b|monthly\b|yearly\b|annually\b"
    rf"|today\b|tomorrow\b|tonight\b|yesterday\b|in\s+\d+\s+\w+"
    rf"|(?:next|this)\s+(?:{_WD}|week|month)\b"
    rf"|(?:on\s+|from\s+|starting\s+)?(?:the\s+)?{_ORD}\s+{_WD}\b"
    rf"|(?:on\s+|from\s+|starting\s+)?{_WD}\b"
    rf"|(?:on\s+|from\s+|starting\s+)?\d{{4}}-\d{{1,2}}-\d{{1,2}}"
    rf"|(?:on\s+|from\s+|starting\s+)?\d{{1,2}}/\d{{1,2}}"
    rf"|(?:on\s+|from\s+|starting\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    rf"|(?:on\s+|from\s+|starting\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    rf"(?:uary|ruary|ch|il|e|y|ust|tember|ober|ember)?\.?\s+\d{{1,2}}\b"
    rf"|(?:at\s+)?{_CLOCK}"
    rf")",
    re.IGNORECASE,
)


def split_title(
    text: str,
    reads: Callable[[str], When | PhraseError] | None = None,
    starts_of: Callable[[str], Sequence[int]] | None = None,
) -> tuple[str, str]:
    """ "Show and tell next Tuesday 3pm" → ("Show and tell", "next Tuesday 3pm").

    A quoted title is taken as is, so titles may contain date words: "“May Day” May 1 10:00".
    With `reads` (the time parser, in the member's zone), a title may contain date words:
    of the places the time could start, the first that reads as a time wins (or that says
    what is wrong with it: "Party Feb 30 10:00" is told February has no day 30), and a later
    one instead when it reads as the very same time and the words between are not set off
    by punctuation, since then they belong to the title ("Pizza Friday every Friday 12:00"
    is "Pizza Friday", every Friday; "Meetup monthly, first Thursday…" stays "Meetup").
    `starts_of` says where a time may start in another language (English by default).
    """
    stripped = text.strip()
    quoted = re.match(r"^[\"“']([^\"”']{1,200})[\"”']\s*(.*)$", stripped, re.DOTALL)
    if quoted:
        return quoted.group(1).strip(), quoted.group(2).strip().lstrip(",:;").strip()
    if starts_of is None:
        starts = [match.start() for match in _WHEN_START.finditer(stripped)]
    else:
        starts = list(starts_of(stripped))
    if not starts:
        return stripped, ""
    if reads is None:
        return _split_at(stripped, starts[0])
    chosen: tuple[int, When] | None = None
    for start in starts:
        title, rest = _split_at(stripped, start)
        if not title:
            continue
        when = reads(rest)
        if chosen is None:
            if isinstance(when, When):
                chosen = (start, when)
            elif not when.unread:
                return title, rest
        elif (
            isinstance(when, When)
            and when == chosen[1]
            and when.said == chosen[1].said
            and not re.search(r"[,;:]", stripped[chosen[0] : start])
        ):
            chosen = (start, when)
    if chosen is None:
        splits = [_split_at(stripped, start) for start in starts]
        return next((split for split in splits if split[0]), splits[0])
    return _split_at(stripped, chosen[0])


_WEEKDAY_NAMES = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
# Words a title does not end with: they belong to the time that follows them.
_LEADING_WORDS = frozenset(
    [
        "every",
        "each",
        "on",
        "at",
        "next",
        "this",
        "from",
        "starting",
        "the",
        "in",
        "by",
        "for",
        "until",
        "of",
        "and",
    ]
)


def other_reading(
    text: str, reads: Callable[[str], When | PhraseError]
) -> tuple[str, str, When] | None:
    """The other way to read `text` when its title could as well end with the one date word
    `split_title` took as the start of the time: "Coffee Monday 10:00" is "Coffee" on Monday
    at 10:00 (what `split_title` says) or "Coffee Monday" at 10:00 today, which a facilitator
    can mean ("Pizza Friday 12:00" typed on a Friday). None when there is one reading, or when
    the title was quoted (a quoted title is what was meant)."""
    stripped = text.strip()
    if re.match(r"^[\"“']", stripped):
        return None
    title, rest = split_title(stripped, reads)
    chosen = reads(rest) if rest else None
    if not isinstance(chosen, When):
        return None
    offset = len(stripped) - len(rest)
    for match in _WHEN_START.finditer(stripped):
        if match.start() <= offset:
            continue
        between = stripped[offset : match.start()]
        if len(between.split()) != 1 or re.search(r"[,;:]", between):
            return None  # more than one word apart: the title would take a phrase, not a word
        longer, later = _split_at(stripped, match.start())
        day = between.split()[0].casefold()
        if day not in _WEEKDAY_NAMES or day in title.casefold().split():
            return None  # "Taco Tuesday", "Fika Friday": a day is what names take, once
        if longer.split()[-1].casefold() in _LEADING_WORDS:
            continue
        when = reads(later)
        if isinstance(when, When) and when != chosen:
            return longer, later, when
        return None
    return None


def _split_at(text: str, start: int) -> tuple[str, str]:
    return text[:start].strip().rstrip(",:;-–—").strip(), text[start:].strip()


# -- the parser ------------------------------------------------------------------------------


@dataclass
class _Pieces:
    text: str
    original: str
    now: datetime
    day_first: bool = False
    zone: str | None = None
    until_text: str | None = None
    count: int | None = None
    span_weeks_or_months: tuple[int, str] | None = None
    duration: timedelta | None = None
    clock: time | None = None
    repeat: Repeat | None = None
    every_typed: str | None = None
    notes: list[str] = field(default_factory=list)
    readings: list[Note] = field(default_factory=list)

    def cut(self, match: re.Match[str]) -> None:
        self.text = self.text[: match.start()] + " , " + self.text[match.end() :]


def parse_when(
    text: str,
    timezone: str,
    now: datetime,
    default_duration: timedelta = DEFAULT_DURATION,
    day_first: bool = False,
) -> When | PhraseError:
    """Read a time phrase in `timezone` (the facilitator's, unless the phrase names one);
    numeric dates day first when `day_first` (the member's locale writes them so)."""
    return _parse_when(text, timezone, now, default_duration, day_first)


TypedPart = Literal["zone", "until", "count", "span", "duration", "clock", "repeat", "date"]


def typed_parts(text: str, now: datetime) -> frozenset[TypedPart]:
    """Which parts of a time phrase were typed ("19:00" → {"clock"}; "every Tuesday 18:30
    for 2h" → {"repeat", "clock", "duration"}), so an edit changes only those and keeps the
    rest of what the event says. Empty for a phrase that does not read."""
    pieces = _read_pieces(text, now, day_first=False)
    if isinstance(pieces, PhraseError):
        return frozenset()
    found: set[TypedPart] = set()
    if pieces.zone is not None:
        found.add("zone")
    if pieces.until_text is not None:
        found.add("until")
    if pieces.count is not None:
        found.add("count")
    if pieces.span_weeks_or_months is not None:
        found.add("span")
    if pieces.duration is not None:
        found.add("duration")
    if pieces.clock is not None:
        found.add("clock")
    if pieces.repeat is not None:
        found.add("repeat")
    if _leftover(pieces.text):
        found.add("date")
    return frozenset(found)


def _shorten(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _read_pieces(text: str, now: datetime, day_first: bool) -> _Pieces | PhraseError:
    """The zone, end, count, duration, clock and repeat of a phrase, each cut from its text
    (what is left is the date), or the first of them that does not work."""
    if len(text) > MAX_PHRASE_CHARS:
        return PhraseError(
            "That time is too long for me to read.", EXAMPLE_ONE_OFF, code="too-long"
        )
    normal = " ".join(text.replace("–", "-").replace("—", "-").casefold().split())
    if not normal:
        return PhraseError("When is it? I need a day and a time.", EXAMPLE_ONE_OFF, code="no-time")
    if re.search(rf"\d{{{MAX_NUMBER_DIGITS + 1},}}", normal):
        return PhraseError(
            "That number is far too large for a time.", EXAMPLE_ONE_OFF, code="number-too-large"
        )
    pieces = _Pieces(normal, " ".join(text.split()), now, day_first)
    for step in (_zone, _until, _count, _duration, _clock, _repeat):
        problem = step(pieces)
        if problem is not None:
            return problem
    return pieces


def _parse_when(
    text: str, timezone: str, now: datetime, default_duration: timedelta, day_first: bool
) -> When | PhraseError:
    pieces = _read_pieces(text, now, day_first)
    if isinstance(pieces, PhraseError):
        return pieces
    zone_name = pieces.zone or known_zone(timezone)
    if zone_name is None:
        return PhraseError(
            f"“{_shorten(timezone)}” isn't a time zone I know.",
            EXAMPLE_ZONE,
            code="unknown-zone",
            values=(("typed", _shorten(timezone)),),
        )
    zone = ZoneInfo(zone_name)
    local_now = now.astimezone(zone).replace(tzinfo=None, microsecond=0)
    leftover = _leftover(pieces.text)
    day: date | None = None
    if leftover:
        # Without a time yet, any part of a day still to come will do; the time is asked
        # for just below.
        clock = pieces.clock or time(23, 59)
        read = _read_day(
            leftover,
            local_now,
            day_first,
            lambda d: to_instant(datetime.combine(d, clock), zone) > now,
        )
        if isinstance(read, PhraseError):
            return read
        if read is None:
            what = "repeat" if pieces.every_typed else "date"
            return PhraseError(
                f"I couldn't read “{_shorten(leftover)}” as a {what}.",
                EXAMPLE_REPEAT if pieces.repeat else EXAMPLE_ONE_OFF,
                unread=True,
                code="unread",
                values=(("typed", _shorten(leftover)), ("what", what)),
            )
        day, numeric = read
        if numeric is not None:
            pieces.notes.append(numeric.note)
            pieces.readings.append(numeric.reading)
    if pieces.clock is None:
        return PhraseError(
            "What time does it start? I need a time of day.",
            EXAMPLE_MONTHLY if pieces.repeat else EXAMPLE_ONE_OFF,
            code="no-clock",
        )
    repeat = pieces.repeat
    duration = pieces.duration if pieces.duration is not None else default_duration
    if pieces.span_weeks_or_months is not None and repeat is None:
        return PhraseError(
            "That's too long for one event (at most 7 days).",
            EXAMPLE_DURATION,
            code="too-long-event",
        )
    if duration < MIN_DURATION or duration > MAX_DURATION:
        return PhraseError(
            f"A duration of {format_duration(duration)} doesn't work: events last from 5 "
            "minutes to 7 days.",
            EXAMPLE_DURATION,
            code="bad-duration",
            values=(("minutes", int(duration.total_seconds() // 60)),),
        )
    if repeat is None:
        if pieces.until_text is not None or pieces.count is not None:
            # "until …" or "10 times" end a repeat: without one, saying nothing would drop
            # what was typed.
            said = f"until {pieces.until_text}" if pieces.until_text else "how many times"
            return PhraseError(
                f"“{_shorten(said)}” ends a repeat, but I don't see how it repeats (daily, "
                "weekly, every Tuesday…).",
                EXAMPLE_REPEAT,
                code="until-without-repeat",
            )
        if day is None:
            local = datetime.combine(local_now.date(), pieces.clock)
            if to_instant(local, zone) <= now:
                local += timedelta(days=1)
        else:
            local = datetime.combine(day, pieces.clock)
        start = to_instant(local, zone)
        if start <= now:
            return PhraseError(
                f"{format_date(local)}, {local:%H:%M} {zone_label(zone_name)} is in the past.",
                EXAMPLE_ONE_OFF,
                code="past",
                values=(("at", local.isoformat()), ("zone", zone_label(zone_name))),
            )
        if start - now > MAX_AHEAD:
            return PhraseError("That's more than five years away.", EXAMPLE_DATE, code="too-far")
        # A one-off at a time the clocks skip is resolved once, here, and stored resolved:
        # everyone is then shown the same time, and told why it is not the one typed.
        actual = start.astimezone(zone).replace(tzinfo=None)
        if actual != local:
            pieces.notes.append(_skipped(local, actual, zone_name))
            pieces.readings.append(TimeSkipped(local, actual, zone_name))
        return When(actual, zone_name, duration, None, tuple(pieces.notes), tuple(pieces.readings))
    series = _first_occurrence(pieces, repeat, day, zone_name, now, local_now, duration)
    if isinstance(series, When):
        series = replace(series, said=tuple(pieces.notes), readings=tuple(pieces.readings))
    return series


def _read_day(
    text: str, local_now: datetime, day_first: bool, still_to_come: Callable[[date], bool]
) -> tuple[date, NumericDate | None] | PhraseError | None:
    """The day a phrase names, with how it was read when that is worth saying; a problem
    when it names a day that does not exist, is past, or is not the weekday said."""
    numeric = read_numeric(text, local_now.date(), day_first)
    if isinstance(numeric, DateProblem):
        return _date_problem(numeric, EXAMPLE_DATE)
    if isinstance(numeric, NumericDate):
        if _leftover(re.sub(rf"\b{_WD}\b", " ", numeric.rest)):
            return None  # a numeric date with more than a weekday beside it
        mismatch = weekday_mismatch(numeric.rest, numeric.day)
        if mismatch is not None:
            return _date_problem(mismatch, EXAMPLE_DATE)
        return numeric.day, numeric
    month_day = read_month_day(text, local_now.date(), still_to_come)
    if isinstance(month_day, DateProblem):
        return _date_problem(month_day, EXAMPLE_DATE)
    if month_day is not None:
        return month_day, None
    problem = _impossible_date(text, local_now)
    if problem is not None:
        return problem
    parsed = _read_date(text, local_now)
    if parsed is None:
        return None
    mismatch = weekday_mismatch(text, parsed) if re.search(r"\d", text) else None
    if mismatch is not None:
        return _date_problem(mismatch, EXAMPLE_DATE)
    return parsed, None


def _date_problem(problem: DateProblem, example: str) -> PhraseError:
    return PhraseError(problem.text, example, code=problem.code, values=problem.values)


def _next_on(start: datetime, days: Sequence[str], zone: ZoneInfo, now: datetime) -> datetime:
    """The first of `days` (weekday codes) at `start`'s time, on or after `start`'s date,
    that is still to come."""
    for offset in range(8):
        candidate = start + timedelta(days=offset)
        if DAY_CODES[candidate.weekday()] in days and to_instant(candidate, zone) > now:
            return candidate
    return start


def _first_occurrence(
    pieces: _Pieces,
    repeat: Repeat,
    day: date | None,
    zone_name: str,
    now: datetime,
    local_now: datetime,
    duration: timedelta,
) -> When | PhraseError:
    assert pieces.clock is not None
    zone = ZoneInfo(zone_name)
    anchor = datetime.combine(day or local_now.date(), pieces.clock)
    if day is None and repeat.freq == "WEEKLY" and repeat.interval > 1 and repeat.days:
        # "Every 2 weeks on Thursday" starts on the next Thursday, whatever today is: a rule
        # anchored on today would count today's week as the first and skip the coming one.
        anchor = _next_on(anchor, repeat.days, zone, now)
    if day is not None and to_instant(anchor, zone) <= now:
        return PhraseError(
            f"The series would start on {format_date(anchor)}, {anchor:%H:%M} {zone_name}, "
            "which is in the past.",
            EXAMPLE_REPEAT,
            code="series-past",
            values=(("at", anchor.isoformat()), ("zone", zone_name)),
        )
    if pieces.until_text is not None:
        until = _read_until(pieces.until_text, local_now, pieces.day_first)
        if isinstance(until, PhraseError):
            return until
        if until is None:
            return PhraseError(
                f"I couldn't read “{_shorten(pieces.until_text)}” as the date the repeat ends.",
                EXAMPLE_REPEAT,
                code="until-unread",
                values=(("typed", _shorten(pieces.until_text)),),
            )
        repeat = _with(repeat, until=until)
    if pieces.count is not None:
        repeat = _with(repeat, count=pieces.count)
    if repeat.count is not None and pieces.span_weeks_or_months is not None:
        return PhraseError(
            "Give either how long it runs or a number of times, not both.",
            EXAMPLE_REPEAT,
            code="both-span-count",
        )
    if repeat.count is not None and repeat.until is not None:
        return PhraseError(
            "Give either an end date or a number of times, not both.",
            EXAMPLE_REPEAT,
            code="both-until-count",
        )
    # Fill in the day a weekly or monthly repeat falls on, from the first date.
    if repeat.freq == "WEEKLY" and not repeat.days:
        repeat = _with(repeat, days=(DAY_CODES[anchor.weekday()],))
    if repeat.freq == "MONTHLY" and not repeat.days and repeat.month_day is None:
        repeat = _with(repeat, month_day=anchor.day)
    first = _first_to_come(repeat, anchor, zone, now)
    if first is None:
        return PhraseError("That repeat never happens in the future.", EXAMPLE_REPEAT, code="never")
    if pieces.span_weeks_or_months is not None:
        # "for 3 weeks" runs three weeks from the first date, not from today.
        amount, unit = pieces.span_weeks_or_months
        if unit.startswith("w"):
            end = first.date() + relativedelta(weeks=amount)
        elif repeat.freq in ("MONTHLY", "YEARLY"):
            # Months counted as calendar months: "the first Thursday for 3 months" is three
            # of them, though the fourth falls within three months of the first.
            end = first.date().replace(day=1) + relativedelta(months=amount)
        else:
            end = first.date() + relativedelta(months=amount)
        repeat = _with(repeat, until=end - timedelta(days=1))
    if to_instant(first, zone) - now > MAX_AHEAD:
        return PhraseError("That's more than five years away.", EXAMPLE_REPEAT, code="too-far")
    if duration >= _shortest_gap(repeat):
        return PhraseError(
            f"Each occurrence ({format_duration(duration)}) would last until the next one.",
            EXAMPLE_REPEAT,
            code="occurrence-too-long",
            values=(("minutes", int(duration.total_seconds() // 60)),),
        )
    return When(first, zone_name, duration, repeat)


def _read_until(text: str, local_now: datetime, day_first: bool) -> date | PhraseError | None:
    numeric = read_numeric(text, local_now.date(), day_first)
    if isinstance(numeric, DateProblem):
        return _date_problem(numeric, EXAMPLE_REPEAT)
    if isinstance(numeric, NumericDate):
        return None if numeric.rest else numeric.day
    return _read_date(text, local_now, last_day=True)


def _first_to_come(
    repeat: Repeat, anchor: datetime, zone: ZoneInfo, now: datetime
) -> datetime | None:
    for candidate in repeat.dateutil_rule(anchor):
        if to_instant(candidate, zone) > now:
            return candidate
        if candidate > anchor + MAX_AHEAD:
            break
    return None


def _shortest_gap(repeat: Repeat) -> timedelta:
    if repeat.freq == "DAILY":
        return timedelta(days=repeat.interval)
    if repeat.freq == "WEEKLY":
        if len(repeat.days) > 1:
            indexes = sorted(DAY_CODES.index(d) for d in repeat.days)
            gaps = [b - a for a, b in itertools.pairwise(indexes)]
            gaps.append(indexes[0] + 7 - indexes[-1])
            return timedelta(days=min(gaps))
        return timedelta(weeks=repeat.interval)
    return timedelta(days=28 * repeat.interval)


def _with(repeat: Repeat, **changes: object) -> Repeat:
    values = {
        "freq": repeat.freq,
        "interval": repeat.interval,
        "days": repeat.days,
        "nth": repeat.nth,
        "month_day": repeat.month_day,
        "count": repeat.count,
        "until": repeat.until,
    }
    values.update(changes)
    return Repeat(**values)  # type: ignore[arg-type]


# -- steps: each finds its piece, removes it from the text, or explains what is wrong -------


_IANA_OR_UTC = r"(?<![\w/])([a-z]+(?:/[a-z0-9_+\-]+)+|utc|gmt)(?![\w/])"
_OFFSET = r"(?<![\w/])(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?(?![\w:])"
_ABBREVIATION = (
    r"(?<![\w/])("
    + "|".join(sorted({*ABBREVIATIONS, *AMBIGUOUS}, key=len, reverse=True))
    + r")(?![\w/])"
)


def _zone(pieces: _Pieces) -> PhraseError | None:
    """A zone named in the phrase: an offset ("UTC+5"), an IANA name, or an abbreviation."""
    for pattern, read in (
        (_OFFSET, _offset_zone),
        (_IANA_OR_UTC, _named_zone),
        (_ABBREVIATION, _abbreviated_zone),
    ):
        while (match := re.search(pattern, pieces.text)) is not None:
            problem = read(pieces, match)
            if problem is not None:
                return problem
            after = pieces.text[match.end() :]
            spoken = re.match(r"\s+time\b", after)
            end = match.end() + (spoken.end() if spoken else 0)
            pieces.text = pieces.text[: match.start()] + " , " + pieces.text[end:]
    return None


def _as_typed(pieces: _Pieces, typed: str) -> str:
    found = re.search(re.escape(typed), pieces.original, re.IGNORECASE)
    return found.group(0) if found else typed


def _set_zone(
    pieces: _Pieces, name: str, note: str | None = None, reading: Note | None = None
) -> PhraseError | None:
    if pieces.zone is not None and pieces.zone != name:
        return PhraseError("Please give one time zone.", EXAMPLE_ZONE, code="one-zone")
    pieces.zone = name
    if note is not None and note not in pieces.notes:
        pieces.notes.append(note)
        if reading is not None:
            pieces.readings.append(reading)
    return None


def _offset_zone(pieces: _Pieces, match: re.Match[str]) -> PhraseError | None:
    typed = _as_typed(pieces, match.group(0))
    reading = read_offset(match.group(1), match.group(2), match.group(3), typed, pieces.now)
    if reading.name is None:
        return PhraseError(
            reading.problem or "", EXAMPLE_ZONE, code=reading.code, values=reading.values
        )
    return _set_zone(pieces, reading.name)


def _named_zone(pieces: _Pieces, match: re.Match[str]) -> PhraseError | None:
    typed = match.group(1)
    name = known_zone(typed) or ("UTC" if typed == "gmt" else None)
    if name is None:
        typed = _as_typed(pieces, typed)
        suggestion = suggest_zone(typed)
        hint = f" Did you mean {suggestion}?" if suggestion else ""
        return PhraseError(
            f"“{_shorten(typed)}” isn't a time zone I know.{hint}",
            EXAMPLE_ZONE,
            code="unknown-zone",
            values=(("typed", _shorten(typed)),),
        )
    return _set_zone(pieces, name)


def _abbreviated_zone(pieces: _Pieces, match: re.Match[str]) -> PhraseError | None:
    reading = read_abbreviation(match.group(1), _as_typed(pieces, match.group(1)))
    if reading.name is None:
        return PhraseError(
            reading.problem or "", EXAMPLE_ZONE, code=reading.code, values=reading.values
        )
    return _set_zone(pieces, reading.name, reading.note, reading.reading)


def _until(pieces: _Pieces) -> PhraseError | None:
    # The end date stops before a repeat said after it ("until June daily"), so neither is lost.
    match = re.search(
        r"\b(?:until|till|through)\s+(.+?)\s*(?=,|;|\bfor\b|\bat\b|"
        r"\b(?:every|each|daily|weekly|fortnightly|bi-?weekly|monthly|yearly|annually)\b|$)",
        pieces.text,
    )
    if match is None:
        return None
    pieces.until_text = match.group(1)
    pieces.cut(match)
    return None


def _count(pieces: _Pieces) -> PhraseError | None:
    match = re.search(r"\b(?:for\s+)?(\d{1,4})\s*(?:times|occurrences|sessions)\b", pieces.text)
    if match is None:
        return None
    count = int(match.group(1))
    if not 1 <= count <= MAX_COUNT:
        return PhraseError(
            f"The number of times must be 1 to {MAX_COUNT}.",
            EXAMPLE_REPEAT,
            code="count-range",
            values=(("max", MAX_COUNT),),
        )
    pieces.count = count
    pieces.cut(match)
    return None


def _duration(pieces: _Pieces) -> PhraseError | None:
    match = re.search(rf"\bfor\s+({_DURATION})", pieces.text)
    if match is None:
        return None
    typed = match.group(1)
    whole = re.fullmatch(r"(\d{1,3})\s*(weeks?|wks?|months?)", typed.strip())
    if whole is not None:
        pieces.span_weeks_or_months = (int(whole.group(1)), whole.group(2))
        pieces.cut(match)
        return None
    duration = parse_duration(typed)
    if duration is None:
        return PhraseError(
            f"I couldn't read “{_shorten(typed)}” as a duration.",
            EXAMPLE_DURATION,
            code="duration-unread",
            values=(("typed", _shorten(typed)),),
        )
    pieces.duration = duration
    pieces.cut(match)
    return None


def _read_clock(typed: str, meridiem_hint: str | None = None) -> time | None:
    typed = typed.strip().replace(".", ":") if re.search(r"\d\.\d", typed) else typed.strip()
    if typed in ("noon", "midday"):
        return time(12, 0)
    if typed == "midnight":
        return time(0, 0)
    match = re.fullmatch(r"(\d{1,2})(?:[:h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?", typed)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = (match.group(3) or meridiem_hint or "").replace(".", "")
    if minute > 59:
        return None
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    elif hour > 23:
        return None
    return time(hour, minute)


_PART_OF_DAY = re.compile(
    r"(?:\bat\s+)?(?<![\d/-])(\d{1,2})(?:[:.h](\d{2}))?\s*(?:o'?clock\s+)?"
    r"(in\s+the\s+(?:morning|afternoon|evening)|at\s+night|tonight)\b"
)


def _part_of_day(pieces: _Pieces) -> PhraseError | None:
    """ "3 in the afternoon", "8:30 in the evening", "10 at night": hours with the part of
    the day that says which half."""
    found = _PART_OF_DAY.search(pieces.text)
    if found is None:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    morning = found.group(3).endswith("morning")
    if minute > 59 or hour > 23 or (morning and hour > 12):
        return PhraseError(
            f"I couldn't read “{found.group(0)}” as a time of day.",
            EXAMPLE_ONE_OFF,
            code="clock-unread",
            values=(("typed", found.group(0)),),
        )
    if hour <= 12:
        hour = hour % 12 + (0 if morning else 12)
    pieces.clock = time(hour, minute)
    pieces.cut(found)
    if found.group(3) == "tonight":
        pieces.text += " today"
    return None


def _clock(pieces: _Pieces) -> PhraseError | None:
    if _PART_OF_DAY.search(pieces.text):
        problem = _part_of_day(pieces)
        if problem is not None or re.search(rf"(?<![\d/-]){_CLOCK}(?![\d/-])", pieces.text):
            return problem or PhraseError(
                "Please give one start time.", EXAMPLE_ONE_OFF, code="one-start"
            )
        return None
    text = pieces.text
    ranged = re.search(
        rf"(?:\bfrom\s+)?(?<![\d/-])({_CLOCK_START})\s*(?:-|\bto\b)\s*({_CLOCK})(?![\d/-])", text
    )
    if ranged is not None:
        end_typed = ranged.group(2)
        hint = re.search(_MERIDIEM + "$", end_typed)
        start = _read_clock(ranged.group(1), hint.group(0) if hint else None)
        end = _read_clock(end_typed)
        if start is None or end is None:
            return PhraseError(
                f"I couldn't read “{_shorten(ranged.group(0))}” as a time.",
                EXAMPLE_ONE_OFF,
                code="time-unread",
                values=(("typed", _shorten(ranged.group(0))),),
            )
        if pieces.duration is not None:
            return PhraseError(
                "Give an end time or a duration, not both.", EXAMPLE_ONE_OFF, code="end-or-duration"
            )
        minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
        pieces.duration = timedelta(minutes=minutes if minutes > 0 else minutes + 1440)
        pieces.clock = start
        pieces.cut(ranged)
        return None
    found = re.search(rf"(?:\bat\s+)?(?<![\d/-])({_CLOCK})(?![\d/-])", text) or re.search(
        r"\bat\s+(\d{1,2})\b(?!\s*(?:st|nd|rd|th|/|-|:))", text
    )
    if found is None:
        return None
    clock = _read_clock(found.group(1))
    if clock is None:
        return PhraseError(
            f"I couldn't read “{found.group(1)}” as a time of day.",
            EXAMPLE_ONE_OFF,
            code="clock-unread",
            values=(("typed", found.group(1)),),
        )
    pieces.clock = clock
    pieces.cut(found)
    if re.search(rf"(?<![\d/-]){_CLOCK}(?![\d/-])", pieces.text):
        return PhraseError("Please give one start time.", EXAMPLE_ONE_OFF, code="one-start")
    return None


def _day_codes(typed: str) -> tuple[str, ...]:
    codes: list[str] = []
    for word in re.findall(r"[a-z]+", typed):
        code = _WEEKDAY_WORDS.get(word) or _WEEKDAY_WORDS.get(word.rstrip("s"))
        if code and code not in codes:
            codes.append(code)
    return tuple(sorted(codes, key=DAY_CODES.index))


def _repeat(pieces: _Pieces) -> PhraseError | None:
    text = pieces.text
    freq: str | None = None
    interval = 1
    days: tuple[str, ...] = ()
    nth: int | None = None
    month_day: int | None = None

    def cut(match: re.Match[str]) -> None:
        nonlocal text
        text = text[: match.start()] + " , " + text[match.end() :]

    # "first Thursday of each month", "the 15th of every month": monthly, whatever else is said.
    of_month = r"\s+of\s+(?:each|every|the)\s+month\b"
    if match := re.search(
        rf"\b(?:on\s+)?(?:the\s+|every\s+|each\s+)?({_ORD})\s+({_WD}){of_month}", text
    ):
        freq, nth, days = "MONTHLY", _ORDINALS[match.group(1)], _day_codes(match.group(2))
        cut(match)
    elif match := re.search(rf"\b(?:every|each)\s+({_ORD})\s+({_WD})\b", text):
        # "every first Thursday": monthly by weekday, the month implied.
        freq, nth, days = "MONTHLY", _ORDINALS[match.group(1)], _day_codes(match.group(2))
        cut(match)
    elif match := re.search(rf"\b(?:on\s+)?the\s+(\d{{1,2}})(?:st|nd|rd|th)?{of_month}", text):
        freq, month_day = "MONTHLY", int(match.group(1))
        cut(match)
    said: str | None = None
    if match := re.search(r"\b(?:every|each)\s+weekday\b", text):
        said, days = "WEEKLY", DAY_CODES[:5]
        cut(match)
    elif match := re.search(rf"\b(?:every|each)\s+(other\s+)?({_WD_LIST})\b", text):
        said, interval, days = "WEEKLY", 2 if match.group(1) else 1, _day_codes(match.group(2))
        cut(match)
    elif match := re.search(
        r"\b(?:every|each)\s+(?:(\d{1,3}|other|two|three|four|five|six)\s+)?"
        r"(day|week|month|year)s?\b",
        text,
    ):
        amount = match.group(1)
        interval = 1 if amount is None else _NUMBER_WORDS.get(amount) or int(amount)
        said = _FREQS[match.group(2)]
        cut(match)
    elif match := re.search(
        r"\b(daily|weekly|fortnightly|bi-?weekly|monthly|yearly|annually)\b", text
    ):
        said, interval = _ADVERBS[match.group(1)]
        cut(match)
    if match := re.search(r"\b(?:every|each)\b\s*(.*)", text):
        what = " ".join(match.group(0).replace(",", " ").split())
        pieces.every_typed = what
        return PhraseError(
            f"I don't know how to repeat “{_shorten(what)}”. I can repeat daily, weekly, "
            "every N weeks, monthly (by date or by weekday) and yearly.",
            EXAMPLE_REPEAT,
            code="repeat-unknown",
            values=(("typed", _shorten(what)),),
        )
    if freq is not None and said not in (None, freq):
        return PhraseError("Please give one way to repeat.", EXAMPLE_MONTHLY, code="one-repeat")
    freq = freq or said
    if freq is None:
        pieces.text = text
        return None
    if not 1 <= interval <= MAX_INTERVAL:
        return PhraseError(
            f"Repeat every 1 to {MAX_INTERVAL} periods.",
            EXAMPLE_REPEAT,
            code="interval-range",
            values=(("max", MAX_INTERVAL),),
        )
    pieces.text = text
    pieces.every_typed = "repeat"
    return _repeat_days(pieces, Repeat(freq, interval, days, nth, month_day))


def _repeat_days(pieces: _Pieces, repeat: Repeat) -> PhraseError | None:
    """The day a weekly or monthly repeat falls on, when said apart: "weekly on Tuesday"."""
    text = pieces.text
    match: re.Match[str] | None = None
    if repeat.freq == "MONTHLY" and repeat.nth is None and repeat.month_day is None:
        if match := re.search(rf"\b(?:on\s+)?(?:the\s+)?({_ORD})\s+({_WD})\b", text):
            repeat = _with(repeat, nth=_ORDINALS[match.group(1)], days=_day_codes(match.group(2)))
        elif match := re.search(r"\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)?\b", text):
            repeat = _with(repeat, month_day=int(match.group(1)))
    if repeat.freq == "WEEKLY" and not repeat.days:
        match = re.search(rf"\bon\s+({_WD_LIST})\b", text) or re.search(
            rf"^[\s,]*({_WD_LIST})[\s,]*$", text
        )
        if match:
            repeat = _with(repeat, days=_day_codes(match.group(1)))
    if match is not None:
        pieces.text = text[: match.start()] + " , " + text[match.end() :]
    if repeat.month_day is not None and not 1 <= repeat.month_day <= 31:
        return PhraseError(
            "A day of the month is 1 to 31.", EXAMPLE_MONTHLY, code="month-day-range"
        )
    pieces.repeat = repeat
    return None


def _leftover(text: str) -> str:
    words = re.sub(r"[,;]", " ", text).split()
    filler = {"at", "on", "from", "starting", "beginning", "and", "the", "of", "-"}
    while words and words[0] in filler:
        words.pop(0)
    while words and words[-1] in (*filler, "in"):
        words.pop()
    return " ".join(words)


def _impossible_date(text: str, local_now: datetime) -> PhraseError | None:
    """ "Feb 30", "2027-04-31": say which day does not exist rather than "not understood"."""
    month_names = "|".join(sorted(_MONTHS, key=len, reverse=True))
    year: int | None = None
    month = day = 0
    if iso := re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", text):
        year, month, day = int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
    elif named := re.search(
        rf"\b({month_names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", text
    ):
        month, day = _MONTHS[named.group(1)], int(named.group(2))
        year = int(named.group(3)) if named.group(3) else None
    elif named := re.search(
        rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({month_names})\b\.?(?:,?\s+(\d{{4}}))?", text
    ):
        month, day = _MONTHS[named.group(2)], int(named.group(1))
        year = int(named.group(3)) if named.group(3) else None
    else:
        return None
    if not 1 <= month <= 12:
        return PhraseError(
            f"There is no month {month}.",
            EXAMPLE_DATE,
            code="no-such-month",
            values=(("month", month),),
        )
    longest = calendar.monthrange(year or 2028, month)[1]  # 2028: a leap year allows Feb 29
    if not 1 <= day <= longest:
        in_year = year if year and day <= 29 else 0
        said_year = f" in {in_year}" if in_year else ""
        return PhraseError(
            f"{calendar.month_name[month]}{said_year} has no day {day}.",
            EXAMPLE_DATE,
            code="no-such-day",
            values=(("month", month), ("day", day), ("year", in_year)),
        )
    return None


def _read_date(text: str, local_now: datetime, last_day: bool = False) -> date | None:
    settings: dict[str, object] = {
        "RELATIVE_BASE": local_now,
        "PREFER_DATES_FROM": "future",
        "PREFER_DAY_OF_MONTH": "last" if last_day else "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    cleaned = re.sub(r"\bnext\s+(" + _WD + r")\b", r"\1", text)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if parsed is None:
        return None
    if parsed.year > local_now.year + 10:
        return None
    day: date = parsed.date()
    return day


def read_day(text: str, timezone: str, now: datetime) -> date | None:
    """A calendar day ("Dec 3", "next Thursday", "2026-12-03") read in `timezone`; None when
    it is not a day. Never raises."""
    zone_name = known_zone(timezone)
    if zone_name is None or not text.strip() or len(text) > 60:
        return None
    local_now = now.astimezone(ZoneInfo(zone_name)).replace(tzinfo=None, microsecond=0)
    lowered = " ".join(text.casefold().split())
    try:
        if _impossible_date(lowered, local_now) is not None:
            return None
        return _read_date(lowered, local_now)
    except Exception:  # dateparser's surprises must not reach the member
        return None
