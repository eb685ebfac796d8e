"""Time zones as people write them: IANA names ("America/Vancouver"), the abbreviations
everyone uses ("PST", "CET"), and offsets ("UTC+5", "GMT-3").

An abbreviation names a region's clock, not a fixed offset: people write "EST" in July and
mean Eastern time, so "EST" is read as America/Toronto (which is on EDT then) and the echo
says so. Abbreviations that name several regions' clocks (IST: India, Ireland, Israel; CST:
North America's Central or China) are asked about, never guessed. Whole-hour offsets become
IANA's fixed zones (`Etc/GMT-5` is UTC+5: POSIX signs are inverted, so they are shown as
"UTC+5" everywhere a person reads them); other offsets are asked about with the city zones
that have that offset now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from rapidfuzz import fuzz, process, utils

from guildbot.bot.features.calendar.notes import AbbreviationRead

# The region's zone for each abbreviation that names one clock. Where a clock covers several
# countries, the zone picked is the first users' (Canada's) or the largest city's; the rules
# are the same.
ABBREVIATIONS = {
    "nst": "America/St_Johns",
    "ndt": "America/St_Johns",
    "adt": "America/Halifax",
    "est": "America/Toronto",
    "edt": "America/Toronto",
    "cdt": "America/Winnipeg",
    "mst": "America/Edmonton",
    "mdt": "America/Edmonton",
    "pst": "America/Vancouver",
    "pdt": "America/Vancouver",
    "akst": "America/Anchorage",
    "akdt": "America/Anchorage",
    "hst": "Pacific/Honolulu",
    "bst": "Europe/London",
    "wet": "Europe/Lisbon",
    "cet": "Europe/Paris",
    "cest": "Europe/Paris",
    "eet": "Europe/Athens",
    "eest": "Europe/Athens",
    "msk": "Europe/Moscow",
    "pkt": "Asia/Karachi",
    "sgt": "Asia/Singapore",
    "hkt": "Asia/Hong_Kong",
    "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul",
    "awst": "Australia/Perth",
    "acst": "Australia/Adelaide",
    "acdt": "Australia/Adelaide",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
    "nzst": "Pacific/Auckland",
    "nzdt": "Pacific/Auckland",
}
# Abbreviations that name more than one clock, with the city zones they may mean.
AMBIGUOUS = {
    "ist": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    "cst": ("America/Winnipeg", "America/Chicago", "Asia/Shanghai", "America/Havana"),
    "ast": ("America/Halifax", "Asia/Riyadh"),
}
_FIXED = re.compile(r"^etc/gmt([+-])(\d{1,2})$")
MAX_OFFSET_HOURS = 14  # the widest offsets in use (Kiribati's UTC+14, Baker Island's UTC-12)


@dataclass(frozen=True, slots=True)
class ZoneReading:
    """What a typed zone means: an IANA name, and a note when it was read from an
    abbreviation (to say before saving); or a problem to tell the member."""

    name: str | None
    note: str | None = None
    problem: str | None = None
    reading: AbbreviationRead | None = None  # the note, as data
    # The problem as a code and its values, for copy in other languages (`PhraseError.code`).
    code: str = ""
    values: tuple[tuple[str, str], ...] = ()


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    zones = {name.casefold(): name for name in available_timezones()}
    zones["utc"] = "UTC"
    return zones


def known_zone(typed: str) -> str | None:
    """The IANA zone name for `typed` (any case), or None."""
    return _zones().get(typed.strip().casefold())


def suggest_zone(typed: str) -> str | None:
    """The closest IANA zone name, for "did you mean"."""
    found = process.extractOne(
        typed, list(_zones().values()), scorer=fuzz.WRatio, processor=utils.default_process
    )
    return str(found[0]) if found and found[1] >= 80 else None


def zone_label(name: str) -> str:
    """A zone as people read it: IANA names as they are, fixed offsets as "UTC+5"."""
    fixed = _FIXED.match(name.casefold())
    if fixed is None:
        return name
    sign = "-" if fixed.group(1) == "+" else "+"  # POSIX: Etc/GMT+5 is five hours behind
    hours = int(fixed.group(2))
    return "UTC" if hours == 0 else f"UTC{sign}{hours}"


def read_abbreviation(typed: str, typed_as: str) -> ZoneReading:
    """A zone abbreviation ("pst"): its region's zone, or a question when it names several.
    `typed_as` is how the member wrote it, for the messages."""
    key = typed.casefold()
    if key in AMBIGUOUS:
        options = AMBIGUOUS[key]
        return ZoneReading(
            None,
            problem=(
                f"“{typed_as}” means different time zones in different places. Please give a "
                f"city zone, for example {', '.join(options[:-1])} or {options[-1]}."
            ),
            code="zone-ambiguous",
            values=(("typed", typed_as), ("options", "|".join(options))),
        )
    name = ABBREVIATIONS[key]
    return ZoneReading(
        name,
        note=f"I read {typed_as} as {_region(name)} time ({name}).",
        reading=AbbreviationRead(typed_as, name),
    )


def read_offset(
    sign: str, hours_text: str, minutes_text: str | None, typed_as: str, now: datetime
) -> ZoneReading:
    """ "UTC+5" → Etc/GMT-5. An offset with minutes has no fixed IANA zone: the member is
    asked for a city zone, with those that have that offset at `now`."""
    hours = int(hours_text)
    minutes = int(minutes_text) if minutes_text else 0
    if hours > MAX_OFFSET_HOURS or minutes > 59:
        return ZoneReading(
            None,
            problem=f"“{typed_as}” isn't an offset from UTC that any place uses "
            f"(they run from UTC-12 to UTC+{MAX_OFFSET_HOURS}).",
            code="zone-offset-unused",
            values=(("typed", typed_as), ("max", str(MAX_OFFSET_HOURS))),
        )
    if minutes:
        offset = timedelta(hours=hours, minutes=minutes) * (-1 if sign == "-" else 1)
        cities = zones_at_offset(offset, now)
        hint = f", for example {' or '.join(cities)}" if cities else ""
        return ZoneReading(
            None,
            problem=f"For {typed_as}, please give a city zone{hint}: it says when clocks change.",
            code="zone-offset-minutes",
            values=(("typed", typed_as), ("options", "|".join(cities))),
        )
    if hours == 0:
        return ZoneReading("UTC")
    posix_sign = "-" if sign == "+" else "+"
    return ZoneReading(f"Etc/GMT{posix_sign}{hours}")


def zones_at_offset(offset: timedelta, now: datetime, limit: int = 2) -> list[str]:
    """City zones whose offset from UTC is `offset` at `now`, the best known first."""
    preferred = [
        *AMBIGUOUS["ist"],
        "Asia/Kathmandu",
        "Asia/Tehran",
        "Asia/Kabul",
        "Australia/Adelaide",
        "America/St_Johns",
        "Asia/Yangon",
        "Australia/Darwin",
        "Pacific/Chatham",
        "Pacific/Marquesas",
        "Australia/Eucla",
    ]
    others = sorted(name for name in available_timezones() if "/" in name)
    found: list[str] = []
    for name in dict.fromkeys([*preferred, *others]):
        if name.startswith(("Etc/", "SystemV/")) or name in found:
            continue
        if now.astimezone(ZoneInfo(name)).utcoffset() == offset:
            found.append(name)
        if len(found) == limit:
            break
    return found


def _region(name: str) -> str:
    regions = {
        "America/St_Johns": "Newfoundland",
        "America/Halifax": "Atlantic",
        "America/Toronto": "Eastern",
        "America/Winnipeg": "Central",
        "America/Edmonton": "Mountain",
        "America/Vancouver": "Pacific",
        "America/Anchorage": "Alaska",
        "Pacific/Honolulu": "Hawaii",
        "Europe/London": "UK",
        "Europe/Lisbon": "Western European",
        "Europe/Paris": "Central European",
        "Europe/Athens": "Eastern European",
    }
    return regions.get(name, name.rsplit("/", 1)[-1].replace("_", " "))
