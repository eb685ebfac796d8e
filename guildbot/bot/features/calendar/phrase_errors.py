"""A `PhraseError` in the reader's language: its problem worded from its `code` and
`values` (messages ``calendar-phrase-…`` in `calendar.ftl`), and an example in their words.

English is the problem as the parser wrote it, word for word. A problem whose code has no
message here yet (or that has no code) is said in English inside the reader's sentence,
rather than not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from babel.dates import get_day_names

from guildbot.bot.features.calendar.phrases import (
    EXAMPLE_DATE,
    EXAMPLE_DURATION,
    EXAMPLE_MONTHLY,
    EXAMPLE_ONE_OFF,
    EXAMPLE_REPEAT,
    EXAMPLE_ZONE,
    PhraseError,
)
from guildbot.bot.features.calendar.request import (
    EXAMPLE_CAPACITY,
    EXAMPLE_CREATE,
    EXAMPLE_NOTIFY,
    EXAMPLE_REMIND,
)
from guildbot.bot.features.calendar.wording import duration_words
from guildbot.bot.i18n import (
    Language,
    format_day,
    format_instant,
    listed,
    quoted,
    translate,
    translate_plain,
)
from guildbot.contract.richtext import RichText

Problem = Callable[[Language, PhraseError], RichText]


def _month_name(language: Language, month: int) -> str:
    # The month alone, as the language names it ("février"): a day's pattern without its day.
    return format_day(language, date(2028, month, 2), long=True).split()[1]


def _no_such_day(language: Language, error: PhraseError) -> RichText:
    month, day, year = error.value("month"), error.value("day"), error.value("year")
    assert isinstance(month, int)
    name = _month_name(language, month)
    if year:
        return translate(
            language, "calendar-phrase-no-such-day-in", month=name, day=str(day), year=str(year)
        )
    return translate(language, "calendar-phrase-no-such-day", month=name, day=str(day))


def _day(language: Language, error: PhraseError, name: str, long: bool = False) -> str:
    """A day kept as ISO in the error, as the language writes it ("jeudi 3 décembre 2026";
    `long`: "3 décembre 2026")."""
    return format_day(language, date.fromisoformat(str(error.value(name))), long)


def _weekday(language: Language, index: int) -> str:
    return str(get_day_names("wide", locale=language.value)[index])


def _date_past(language: Language, error: PhraseError) -> RichText:
    day = format_day(language, date.fromisoformat(str(error.value("day"))), long=True)
    following = str(error.value("next"))
    if not following:
        return translate(language, "calendar-phrase-date-past", day=day)
    return translate(
        language,
        "calendar-phrase-date-past-next",
        day=day,
        next=format_day(language, date.fromisoformat(following), long=True),
        iso=following,
    )


def _nth_mismatch(language: Language, error: PhraseError) -> RichText:
    day = date.fromisoformat(str(error.value("day")))
    values = {
        "number": str(day.day),
        "day": format_day(language, day, long=True),
        "actual": _weekday(language, day.weekday()),
        "said": _weekday(language, int(error.value("said") or 0)),
    }
    if not error.value("matching"):
        return translate(language, "calendar-phrase-nth-mismatch", **values)
    matching = _day(language, error, "matching")
    return translate(language, "calendar-phrase-nth-mismatch-or", matching=matching, **values)


def _options(language: Language, error: PhraseError) -> RichText:
    """The city zones offered, as the language lists them ("A, B ou C")."""
    return listed(language, str(error.value("options")).split("|"), style="or")


def _offset_minutes(language: Language, error: PhraseError) -> RichText:
    typed = str(error.value("typed"))
    if not error.value("options"):
        return translate(language, "calendar-phrase-zone-offset-minutes", typed=typed)
    return translate(
        language,
        "calendar-phrase-zone-offset-minutes-for-example",
        typed=typed,
        options=_options(language, error),
    )


def _clock(language: Language, error: PhraseError) -> str:
    """A local wall-clock time kept as ISO in the error, as the language writes it."""
    local = datetime.fromisoformat(str(error.value("at"))).replace(tzinfo=UTC)
    return format_instant(language, local, "UTC")


_PROBLEMS: dict[str, Problem] = {
    "too-long": lambda lang, e: translate(lang, "calendar-phrase-too-long"),
    "no-time": lambda lang, e: translate(lang, "calendar-phrase-no-time"),
    "number-too-large": lambda lang, e: translate(lang, "calendar-phrase-number-too-large"),
    "unknown-zone": lambda lang, e: translate(
        lang, "calendar-phrase-unknown-zone", typed=quoted(lang, str(e.value("typed")))
    ),
    "unread": lambda lang, e: translate(
        lang,
        "calendar-phrase-unread",
        typed=quoted(lang, str(e.value("typed"))),
        what=str(e.value("what")),
    ),
    "no-clock": lambda lang, e: translate(lang, "calendar-phrase-no-clock"),
    "too-long-event": lambda lang, e: translate(lang, "calendar-phrase-too-long-event"),
    "bad-duration": lambda lang, e: translate(
        lang,
        "calendar-phrase-bad-duration",
        duration=duration_words(lang, timedelta(minutes=int(e.value("minutes") or 0))),
    ),
    "past": lambda lang, e: translate(
        lang, "calendar-phrase-past", at=_clock(lang, e), zone=str(e.value("zone"))
    ),
    "series-past": lambda lang, e: translate(
        lang, "calendar-phrase-series-past", at=_clock(lang, e), zone=str(e.value("zone"))
    ),
    "too-far": lambda lang, e: translate(lang, "calendar-phrase-too-far"),
    "never": lambda lang, e: translate(lang, "calendar-phrase-never"),
    "no-such-month": lambda lang, e: translate(
        lang, "calendar-phrase-no-such-month", month=str(e.value("month"))
    ),
    "no-such-day": _no_such_day,
    "numeric-no-month": lambda lang, e: translate(
        lang,
        "calendar-phrase-numeric-no-month",
        month=str(e.value("month")),
        typed=str(e.value("typed")),
        order=str(e.value("order")),
    ),
    "date-past": _date_past,
    "month-no-day": lambda lang, e: translate(
        lang, "calendar-phrase-month-no-day", day=str(e.value("day"))
    ),
    "no-month-with-day": lambda lang, e: translate(
        lang, "calendar-phrase-no-month-with-day", day=str(e.value("day"))
    ),
    "weekday-mismatch": lambda lang, e: translate(
        lang,
        "calendar-phrase-weekday-mismatch",
        day=_day(lang, e, "day", long=True),
        actual=_weekday(lang, date.fromisoformat(str(e.value("day"))).weekday()),
        said=_weekday(lang, int(e.value("said") or 0)),
    ),
    "nth-mismatch": _nth_mismatch,
    "both-span-count": lambda lang, e: translate(lang, "calendar-phrase-both-span-count"),
    "both-until-count": lambda lang, e: translate(lang, "calendar-phrase-both-until-count"),
    "occurrence-too-long": lambda lang, e: translate(
        lang,
        "calendar-phrase-occurrence-too-long",
        duration=duration_words(lang, timedelta(minutes=int(e.value("minutes") or 0))),
    ),
    "one-zone": lambda lang, e: translate(lang, "calendar-phrase-one-zone"),
    "count-range": lambda lang, e: translate(
        lang, "calendar-phrase-count-range", max=str(e.value("max"))
    ),
    "duration-unread": lambda lang, e: translate(
        lang, "calendar-phrase-duration-unread", typed=quoted(lang, str(e.value("typed")))
    ),
    "clock-unread": lambda lang, e: translate(
        lang, "calendar-phrase-clock-unread", typed=quoted(lang, str(e.value("typed")))
    ),
    "time-unread": lambda lang, e: translate(
        lang, "calendar-phrase-time-unread", typed=quoted(lang, str(e.value("typed")))
    ),
    "no-end-to-remove": lambda lang, e: translate(lang, "calendar-phrase-no-end-to-remove"),
    "one-start": lambda lang, e: translate(lang, "calendar-phrase-one-start"),
    "end-or-duration": lambda lang, e: translate(lang, "calendar-phrase-end-or-duration"),
    "repeat-unknown": lambda lang, e: translate(
        lang, "calendar-phrase-repeat-unknown", typed=quoted(lang, str(e.value("typed")))
    ),
    "one-repeat": lambda lang, e: translate(lang, "calendar-phrase-one-repeat"),
    "interval-range": lambda lang, e: translate(
        lang, "calendar-phrase-interval-range", max=str(e.value("max"))
    ),
    "month-day-range": lambda lang, e: translate(lang, "calendar-phrase-month-day-range"),
    "until-without-repeat": lambda lang, e: translate(lang, "calendar-phrase-until-without-repeat"),
    "until-unread": lambda lang, e: translate(
        lang, "calendar-phrase-until-unread", typed=quoted(lang, str(e.value("typed")))
    ),
    "zone-ambiguous": lambda lang, e: translate(
        lang,
        "calendar-phrase-zone-ambiguous",
        typed=quoted(lang, str(e.value("typed"))),
        options=_options(lang, e),
    ),
    "zone-offset-unused": lambda lang, e: translate(
        lang,
        "calendar-phrase-zone-offset-unused",
        typed=quoted(lang, str(e.value("typed"))),
        max=str(e.value("max")),
    ),
    "zone-offset-minutes": _offset_minutes,
    "option-twice": lambda lang, e: translate(
        lang, "calendar-phrase-option-twice", option=str(e.value("option"))
    ),
    "no-title": lambda lang, e: translate(lang, "calendar-phrase-no-title"),
    "no-time-for": lambda lang, e: translate(
        lang, "calendar-phrase-no-time-for", title=quoted(lang, str(e.value("title")), 40)
    ),
    "capacity": lambda lang, e: translate(
        lang, "calendar-phrase-capacity", max=e.value("max") or 0
    ),
    "notify": lambda lang, e: translate(lang, "calendar-phrase-notify"),
    "remind-unread": lambda lang, e: translate(
        lang, "calendar-phrase-remind-unread", typed=quoted(lang, str(e.value("typed")), 30)
    ),
    "remind-too-many": lambda lang, e: translate(lang, "calendar-phrase-remind-too-many"),
}

# The parser's examples, each as a reader of the language types it (in French, each reads
# to the same time as its English twin).
_EXAMPLES: dict[str, Callable[[Language], str]] = {
    EXAMPLE_ONE_OFF: lambda lang: translate_plain(lang, "calendar-example-one-off"),
    EXAMPLE_DATE: lambda lang: translate_plain(lang, "calendar-example-date"),
    EXAMPLE_REPEAT: lambda lang: translate_plain(lang, "calendar-example-repeat"),
    EXAMPLE_MONTHLY: lambda lang: translate_plain(lang, "calendar-example-monthly"),
    EXAMPLE_ZONE: lambda lang: translate_plain(lang, "calendar-example-zone"),
    EXAMPLE_DURATION: lambda lang: translate_plain(lang, "calendar-example-duration"),
    EXAMPLE_CREATE: lambda lang: translate_plain(lang, "calendar-example-create"),
    EXAMPLE_CAPACITY: lambda lang: translate_plain(lang, "calendar-example-capacity"),
    EXAMPLE_REMIND: lambda lang: translate_plain(lang, "calendar-example-remind"),
    EXAMPLE_NOTIFY: lambda lang: translate_plain(lang, "calendar-example-notify"),
}


def problem_of(language: Language, error: PhraseError) -> tuple[str | RichText, str]:
    """The problem and the example, as the reader's language says them."""
    if language is Language.EN:
        return error.problem, error.example
    worded = _PROBLEMS.get(error.code)
    problem: str | RichText = worded(language, error) if worded else error.problem
    example = _EXAMPLES.get(error.example)
    return problem, example(language) if example else error.example
