"""Dates, times, numbers and lists as a reader of each language writes them (Babel, CLDR)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_date
from babel.dates import format_datetime
from babel.lists import format_list
from babel.numbers import format_decimal

from guildbot.bot.i18n.catalogue import from_markers, marker
from guildbot.bot.i18n.languages import Language
from guildbot.contract.richtext import Piece, RichText

# One explicit pattern per language rather than a CLDR skeleton: the shape is the one
# people of the language expect in a chat line ("jeudi 3 décembre 2026, 14 h 00", the
# Government of Canada's style; "Thu 3 Dec 2026, 14:00"), whatever the CLDR release.
_DATE_TIME = {
    Language.EN: "EEE d MMM y, HH:mm",
    Language.FR: "EEEE d MMMM y, HH 'h' mm",
}


_TIME = {Language.EN: "HH:mm", Language.FR: "HH 'h' mm"}
_DAY = {Language.EN: "EEE d MMM y", Language.FR: "EEEE d MMMM y"}
_LONG_DAY = "d MMMM y"  # the same shape in both: "3 December 2026" / "3 décembre 2026"
# Between the two ends of a range: an en dash, spaced, as both languages' style guides write
# a span of times.
RANGE_DASH = " – "


def format_instant(language: Language, at: datetime, zone: str) -> str:
    """`at` (aware) in the reader's time zone and language."""
    return format_datetime(at, _DATE_TIME[language], tzinfo=ZoneInfo(zone), locale=language.value)


def format_time(language: Language, at: datetime, zone: str) -> str:
    """The time of day of `at` in `zone` ("14:00" / "14 h 00")."""
    return format_datetime(at, _TIME[language], tzinfo=ZoneInfo(zone), locale=language.value)


def format_range(language: Language, start: datetime, end: datetime, zone: str) -> str:
    """From `start` to `end` in `zone`: the date once when both are on the same day
    ("jeudi 3 décembre 2026, 14 h 00 – 15 h 00"), else both in full."""
    local = ZoneInfo(zone)
    if start.astimezone(local).date() == end.astimezone(local).date():
        ending = format_time(language, end, zone)
    else:
        ending = format_instant(language, end, zone)
    return f"{format_instant(language, start, zone)}{RANGE_DASH}{ending}"


def format_day(language: Language, day: date, long: bool = False) -> str:
    """A calendar day ("Thu 3 Dec 2026" / "jeudi 3 décembre 2026"; `long`, without its
    weekday: "30 juin 2027"). French writes the first of the month "1er"."""
    pattern = _LONG_DAY if long else _DAY[language]
    if language is Language.FR and day.day == 1:
        pattern = pattern.replace("d MMMM", "d'er' MMMM")
    return babel_date(day, pattern, locale=language.value)


def format_number(language: Language, number: int | float) -> str:
    """A number with the language's separators ("4,000" / "4 000")."""
    return format_decimal(number, locale=language.value)


# How each language quotes people's words back to them (French: guillemets, no-break spaces).
_QUOTES = {Language.EN: ("“", "”"), Language.FR: ("«\u00a0", "\u00a0»")}


def quoted(language: Language, value: str, limit: int = 60) -> str:
    """Someone's words echoed back safely, in the language's quotes: on one line, shortened
    to `limit` characters."""
    flat = " ".join(value.split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    opening, closing = _QUOTES[language]
    return f"{opening}{flat}{closing}"


def listed(
    language: Language,
    items: Sequence[str | Piece | RichText],
    style: Literal["standard", "or"] = "standard",
) -> RichText:
    """Items as the language lists them ("A, B et C" / "A, B, and C"; with `style` "or",
    "A ou B"); each item stays what it is (a name is never read as markup, a mention stays a
    mention)."""
    values = {f"item{index}": item for index, item in enumerate(items)}
    joined = format_list([marker(name) for name in values], style=style, locale=language.value)
    return from_markers(joined, values)
