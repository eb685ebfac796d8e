"""Calendar days written the ways that read two ways: numeric dates ("12/3": December 3rd
in Toronto's en-US habit, 12 March in London, Paris or en-CA), days of the month without a
month ("the 8th"), and a weekday said with a date ("Tuesday the 9th"), which is checked.

Each reader returns the day, or a problem to tell the member in plain words (the parser adds
an example), or None when the text is not of its kind. None of them guesses: a numeric date
in the past is said to be past rather than moved a year, and a weekday that does not match
its date is asked about.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from guildbot.bot.features.calendar.notes import NumericDateRead, NumericOrder

DAY_NAMES = tuple(calendar.day_name)
_WEEKDAYS = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
} | {name.casefold(): index for index, name in enumerate(DAY_NAMES)}
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?"
# Languages (and English regions) that write the month first in numeric dates; everyone
# else writes the day first. Bare "en" keeps the month first, as it always has here.
_MONTH_FIRST_LANGUAGES = frozenset({"ja", "zh", "ko"})
_MONTH_FIRST_ENGLISH = frozenset({"", "US", "PH", "UM", "AS", "GU", "MP", "PR", "VI"})
_NUMERIC = re.compile(r"(?<![\d:/.])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/])")
_NTH = re.compile(
    rf"^(?:on\s+)?(?:({_WEEKDAY})\.?,?\s+)?(?:(?:the\s+)(\d{{1,2}})(?:st|nd|rd|th)?|"
    rf"(\d{{1,2}})(?:st|nd|rd|th))$"
)
# How far ahead "the 31st" may look for a month that has one.
_MONTHS_AHEAD = 12


DateValue = str | int


@dataclass(frozen=True, slots=True)
class DateProblem:
    """A day that does not work, in English (`text`), and as a code with its values (days
    as ISO dates, weekdays as 0-6) for copy in other languages to word
    (`PhraseError.code`)."""

    text: str
    code: str
    values: tuple[tuple[str, DateValue], ...] = ()


@dataclass(frozen=True, slots=True)
class NumericDate:
    """A numeric date found in a phrase: the day, the text without it, and how it was read
    (to say before saving)."""

    day: date
    rest: str
    note: str
    reading: NumericDateRead


def format_date(day: date | datetime) -> str:
    """ "Thu 3 Dec 2026"."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def long_date(day: date) -> str:
    """ "3 December 2026": a date that reads one way only."""
    return f"{day.day} {day:%B %Y}"


def day_first_locale(locale: str) -> bool:
    """Whether people of `locale` ("en-CA", "fr", "en_US") write numeric dates day first."""
    language, _, region = locale.replace("_", "-").partition("-")
    language, region = language.casefold(), region.split("-")[0].upper()
    if language == "en":
        return region not in _MONTH_FIRST_ENGLISH
    return language not in _MONTH_FIRST_LANGUAGES


def read_numeric(text: str, today: date, day_first: bool) -> NumericDate | DateProblem | None:
    """ "12/3", "3/12/2027", "3/12/27" in the member's order; a problem for a month or day
    that does not exist or a date already past; None when there is no numeric date."""
    found = _NUMERIC.search(text)
    if found is None:
        return None
    first, second = int(found.group(1)), int(found.group(2))
    typed = found.group(0)
    year_text = found.group(3)
    year = today.year if year_text is None else int(year_text)
    if year_text is not None and len(year_text) == 2:
        year += 2000
    day_number, month = (first, second) if day_first else (second, first)
    order: NumericOrder = "day first" if day_first else "month first"
    if not _exists(year, month, day_number) and _exists(year, day_number, month):
        # "13/04" read month first has no month 13, and reads one way only: day first.
        day_number, month, order = month, day_number, "the only way it reads"
    if not 1 <= month <= 12:
        return DateProblem(
            f"There is no month {month} (I read {typed} {order}; write dates as 2027-03-13).",
            "numeric-no-month",
            (("month", month), ("typed", typed), ("order", order.split()[0])),
        )
    if not _exists(year, month, day_number):
        return DateProblem(
            f"{calendar.month_name[month]} {year} has no day {day_number}.",
            "no-such-day",
            (("month", month), ("day", day_number), ("year", year)),
        )
    day = date(year, month, day_number)
    if day < today:
        following = _same_day_next_year(day)
        example = f" For {long_date(following)}, write {following:%Y-%m-%d}." if following else ""
        return DateProblem(
            f"{long_date(day)} is in the past.{example}",
            "date-past",
            (("day", day.isoformat()), ("next", following.isoformat() if following else "")),
        )
    note = f"I read {typed} as {long_date(day)}, {order}"
    other: date | None = None
    if _exists(year, day_number, month) and day_number != month:
        other = date(year, day_number, month)
        note += f"; if you meant {long_date(other)}, write {other:%Y-%m-%d}"
    rest = text[: found.start()] + " " + text[found.end() :]
    reading = NumericDateRead(typed, day, order, other)
    return NumericDate(day, " ".join(rest.split()), note + ".", reading)


def read_month_day(
    text: str, today: date, still_to_come: Callable[[date], bool]
) -> date | DateProblem | None:
    """ "the 8th", "on the 8th", "Tuesday the 8th", "8th": the first such day of a month that
    is still to come (`still_to_come` says, knowing the time of day); a problem when the
    weekday said is not that date's. None when the text is not of this kind."""
    found = _NTH.match(text)
    if found is None:
        return None
    number = int(found.group(2) or found.group(3))
    if not 1 <= number <= 31:
        return DateProblem(f"A month has no day {number}.", "month-no-day", (("day", number),))
    day = _next_month_day(number, today, still_to_come)
    if day is None:
        return DateProblem(
            f"I can't find a month with a day {number} ahead.",
            "no-month-with-day",
            (("day", number),),
        )
    weekday = _WEEKDAYS.get(found.group(1) or "")
    if found.group(1) and weekday is not None and day.weekday() != weekday:
        return _mismatch(day, weekday, ordinal(number), today, still_to_come)
    return day


def weekday_mismatch(text: str, day: date) -> DateProblem | None:
    """When `text` says a weekday that is not `day`'s ("Wednesday" beside 3 Dec 2026, a
    Thursday), the question to ask; else None."""
    said = [_WEEKDAYS[w] for w in re.findall(rf"\b{_WEEKDAY}\b", text) if w in _WEEKDAYS]
    if not said or said[0] == day.weekday():
        return None
    return DateProblem(
        f"{format_date(day)} is a {DAY_NAMES[day.weekday()]}, not a {DAY_NAMES[said[0]]}. "
        "Please check the date, or leave the weekday out.",
        "weekday-mismatch",
        (("day", day.isoformat()), ("said", said[0])),
    )


def ordinal(number: int) -> str:
    """1 → "1st", 12 → "12th", 22 → "22nd"."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def _mismatch(
    day: date, weekday: int, said: str, today: date, still_to_come: Callable[[date], bool]
) -> DateProblem:
    problem = (
        f"The next {said} is {format_date(day)}, a {DAY_NAMES[day.weekday()]}, not a "
        f"{DAY_NAMES[weekday]}."
    )
    matching = None
    for months in range(1, _MONTHS_AHEAD * 2):
        candidate = _next_month_day(day.day, _add_months(today, months), still_to_come)
        if candidate is not None and candidate.weekday() == weekday:
            matching = candidate
            break
    if matching is not None:
        problem += f" Did you mean {format_date(matching)}, or {format_date(day)}?"
    values: tuple[tuple[str, DateValue], ...] = (
        ("day", day.isoformat()),
        ("said", weekday),
        ("matching", matching.isoformat() if matching else ""),
    )
    return DateProblem(problem, "nth-mismatch", values)


def _next_month_day(number: int, today: date, still_to_come: Callable[[date], bool]) -> date | None:
    for months in range(_MONTHS_AHEAD + 1):
        first = _add_months(today.replace(day=1), months)
        if number <= calendar.monthrange(first.year, first.month)[1]:
            candidate = first.replace(day=number)
            if candidate >= today and still_to_come(candidate):
                return candidate
    return None


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _exists(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _same_day_next_year(day: date) -> date | None:
    year = day.year + 1
    return date(year, day.month, day.day) if _exists(year, day.month, day.day) else None
