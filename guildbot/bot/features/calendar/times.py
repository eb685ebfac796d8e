"""Times as people see them: `Instant` pieces, which Discord, Slack and Teams show in each
reader's own zone, with the words the calendar writes (`phrases.format_instant`) as their
fallback everywhere else.

An occurrence with a duration is its start (date and time) and, when it ends the same day,
its end (a time); the zone is named once, in the last piece's fallback, since a platform
that shows instants shows them in the reader's zone anyway.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from guildbot.bot.features.calendar.dates import format_date
from guildbot.bot.features.calendar.phrases import When, ends_on_its_day, format_duration
from guildbot.bot.features.calendar.zones import zone_label
from guildbot.bot.rich import say
from guildbot.contract.richtext import Instant, InstantStyle, RichText


def moment(at: datetime, zone: str, duration: timedelta | None = None) -> RichText:
    """`at` (lasting `duration`, when given), written in `zone` where a platform cannot show
    it in its reader's: "Thu 3 Dec 2026, 11:00-12:00 America/Vancouver"."""
    return _pieces(at, _local(at, zone), zone, duration)


def first_time(when: When) -> RichText:
    """A `When` as its echo writes it ("Thu 3 Dec 2026, 14:00-15:00 America/Toronto,
    monthly on the first Thursday"), its first occurrence as instants."""
    text = _pieces(when.start, when.local_start, when.timezone, when.duration)
    if when.repeat is None:
        return text
    return say("{time}, {repeat}", time=text, repeat=when.repeat.describe())


def day(at: datetime, zone: str) -> RichText:
    """The date of `at`, alone: "Thu 12 Nov 2026" (in `zone` where it cannot be the
    reader's)."""
    return RichText.of(Instant(at, format_date(_local(at, zone)), InstantStyle.DATE))


def _local(at: datetime, zone: str) -> datetime:
    return at.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


def _pieces(at: datetime, local: datetime, zone: str, duration: timedelta | None) -> RichText:
    start = f"{format_date(local)}, {local:%H:%M}"
    if duration is None:
        return RichText.of(Instant(at, f"{start} {zone_label(zone)}"))
    if ends_on_its_day(local, duration):
        end = local + duration
        return RichText.of(
            Instant(at, start),
            "-",
            Instant(at + duration, f"{end:%H:%M} {zone_label(zone)}", InstantStyle.TIME),
        )
    return RichText.of(
        Instant(at, f"{start} {zone_label(zone)}"), f" for {format_duration(duration)}"
    )
