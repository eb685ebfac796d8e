"""How the calendar words a repeat, a duration and a reminder's offset in the reader's
language ("tous les mardis", "1 h 30", "1 jour").

English keeps the words the parser reads back (`Repeat.describe`, `format_duration`,
`human_offset`): the echo of an English line must read again to the same event, and English
replies stay what they were. Other languages word the same values from the catalogue
(`calendar.ftl`); they are shown, not read back.
"""

from __future__ import annotations

from datetime import timedelta

from babel.dates import get_day_names

from guildbot.bot.features.calendar.phrases import (
    DAY_CODES,
    ORDINAL_WORDS,
    Repeat,
    format_duration,
)
from guildbot.bot.i18n import Language, format_day, listed, translate, translate_plain
from guildbot.bot.rich import joined
from guildbot.contract.richtext import RichText

_WEEKDAYS = DAY_CODES[:5]


def _day_name(language: Language, code: str) -> str:
    index = DAY_CODES.index(code)
    return str(get_day_names("wide", locale=language.value)[index])


def _plural_day(language: Language, code: str) -> str:
    """ "mardis": French weekdays take an s in the plural ("tous les mardis")."""
    return translate_plain(language, "calendar-weekday-plural", day=_day_name(language, code))


def describe_repeat(language: Language, repeat: Repeat) -> RichText:
    """A repeat as the reader's language says it: "monthly on the first Thursday" /
    "le premier jeudi de chaque mois"."""
    if language is Language.EN:
        return RichText.of(repeat.describe())
    text = _rhythm(language, repeat)
    if repeat.count is not None:
        text = translate(language, "calendar-repeat-count", repeat=text, count=repeat.count)
    if repeat.until is not None:
        until = format_day(language, repeat.until, long=True)
        text = translate(language, "calendar-repeat-until", repeat=text, until=until)
    return text


def _rhythm(language: Language, repeat: Repeat) -> RichText:
    """How often, and on which days, without its end."""
    n = repeat.interval
    if repeat.freq == "WEEKLY" and repeat.days == _WEEKDAYS and n == 1:
        return translate(language, "calendar-repeat-weekdays")
    if repeat.nth is not None and repeat.days:
        return translate(
            language,
            "calendar-repeat-monthly-nth",
            nth=ORDINAL_WORDS[repeat.nth],
            day=_day_name(language, repeat.days[0]),
            interval=n,
        )
    if repeat.month_day is not None:
        return translate(language, "calendar-repeat-monthly-day", day=repeat.month_day, interval=n)
    if repeat.freq == "WEEKLY" and repeat.days:
        if n == 1:
            days = listed(language, [_plural_day(language, d) for d in repeat.days])
            return translate(language, "calendar-repeat-weekly-on", days=days)
        days = listed(language, [_day_name(language, d) for d in repeat.days])
        return translate(language, "calendar-repeat-every-weeks-on", days=days, interval=n)
    if repeat.freq == "DAILY":
        return translate(language, "calendar-repeat-daily", interval=n)
    if repeat.freq == "WEEKLY":
        return translate(language, "calendar-repeat-weekly", interval=n)
    if repeat.freq == "MONTHLY":
        return translate(language, "calendar-repeat-monthly", interval=n)
    return translate(language, "calendar-repeat-yearly", interval=n)


def duration_words(language: Language, duration: timedelta) -> str:
    """ "1h", "90m" (English, as the parser reads them) / "1 h", "1 h 30", "45 min",
    "1 j 3 h" (French symbols, as the Government of Canada writes them)."""
    if language is Language.EN:
        return format_duration(duration)
    total = int(duration.total_seconds() // 60)
    days, rest = divmod(total, 1440)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days} j"] if days else []
    if hours:
        parts.append(f"{hours} h {minutes:02d}" if minutes else f"{hours} h")
    elif minutes:
        parts.append(f"{minutes} min")
    return " ".join(parts) or "0 min"


def offset_words(language: Language, offset: timedelta) -> RichText:
    """A reminder's offset: "1 day 2 hours" / "1 jour 2 heures"."""
    minutes = int(offset.total_seconds() // 60)
    days, rest = divmod(minutes, 1440)
    hours, minutes = divmod(rest, 60)
    parts = [
        translate(language, "calendar-offset-days", count=days) if days else None,
        translate(language, "calendar-offset-hours", count=hours) if hours else None,
        translate(language, "calendar-offset-minutes", count=minutes) if minutes else None,
    ]
    shown = [part for part in parts if part is not None]
    if not shown:
        return translate(language, "calendar-offset-minutes", count=0)
    return joined(" ", shown)
