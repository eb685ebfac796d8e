"""Times as people see them: `Instant` pieces, which Discord, Slack and Teams show in each
reader's own zone, with the words the calendar writes (`phrases.format_instant`) as their
fallback everywhere else.

An occurrence with a duration is its start (date and time) and, when it ends the same day,
its end (a time); the zone is named once, in the last piece's fallback, since a platform
that shows instants shows them in the reader's zone anyway.

Each takes the reader's `language` (English by default, as posts to a channel are written
today): French fallbacks are Babel's ("jeudi 3 décembre 2026, 14 h 00 – 15 h 00").
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from guildbot.bot.features.calendar.dates import format_date
from guildbot.bot.features.calendar.phrases import When, ends_on_its_day, format_duration
from guildbot.bot.features.calendar.wording import describe_repeat, duration_words
from guildbot.bot.features.calendar.zones import zone_label
from guildbot.bot.i18n import Language, format_day, format_instant, format_time, translate
from guildbot.bot.i18n.formatting import RANGE_DASH
from guildbot.bot.rich import say
from guildbot.contract.richtext import Instant, InstantStyle, RichText


def moment(
    at: datetime,
    zone: str,
    duration: timedelta | None = None,
    language: Language = Language.EN,
) -> RichText:
    """`at` (lasting `duration`, when given), written in `zone` where a platform cannot show
    it in its reader's: "Thu 3 Dec 2026, 11:00-12:00 America/Vancouver"."""
    if language is not Language.EN:
        return _worded(language, at, zone, duration)
    return _pieces(at, _local(at, zone), zone, duration)


def first_time(when: When, language: Language = Language.EN) -> RichText:
    """A `When` as its echo writes it ("Thu 3 Dec 2026, 14:00-15:00 America/Toronto,
    monthly on the first Thursday"), its first occurrence as instants."""
    if language is not Language.EN:
        text = _worded(language, when.start, when.timezone, when.duration)
        if when.repeat is None:
            return text
        repeat = describe_repeat(language, when.repeat)
        return translate(language, "calendar-time-and-repeat", time=text, repeat=repeat)
    text = _pieces(when.start, when.local_start, when.timezone, when.duration)
    if when.repeat is None:
        return text
    return say("{time}, {repeat}", time=text, repeat=when.repeat.describe())


def day(at: datetime, zone: str, language: Language = Language.EN) -> RichText:
    """The date of `at`, alone: "Thu 12 Nov 2026" (in `zone` where it cannot be the
    reader's)."""
    local = _local(at, zone)
    shown = format_date(local) if language is Language.EN else format_day(language, local.date())
    return RichText.of(Instant(at, shown, InstantStyle.DATE))


def _worded(language: Language, at: datetime, zone: str, duration: timedelta | None) -> RichText:
    """The same pieces, their fallbacks written by Babel in `language`."""
    start = format_instant(language, at, zone)
    label = zone_label(zone)
    if duration is None:
        return RichText.of(Instant(at, f"{start} {label}"))
    if ends_on_its_day(_local(at, zone), duration):
        end = f"{format_time(language, at + duration, zone)} {label}"
        return RichText.of(
            Instant(at, start), RANGE_DASH, Instant(at + duration, end, InstantStyle.TIME)
        )
    lasting = translate(language, "calendar-lasting", duration=duration_words(language, duration))
    return RichText.of(Instant(at, f"{start} {label}"), " ", lasting)


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
