"""The calendar's replies to the member who acted write no English of their own: their words
come from the catalogues (`calendar.ftl`), so a French reader reads French. Dates, repeats
and durations are worded for each language; help's summaries of event and announce forms
are in both languages."""

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guildbot.bot.features.calendar import phrases
from guildbot.bot.features.calendar.phrases import Repeat
from guildbot.bot.features.calendar.phrases_fr import parse_when_fr
from guildbot.bot.features.calendar.wording import (
    describe_repeat,
    duration_words,
    offset_words,
)
from guildbot.bot.i18n import Language, catalogue, format_day, format_range
from guildbot.bot.i18n.checks import literals_in

CALENDAR = Path(__file__).parents[4] / "guildbot" / "bot" / "features" / "calendar"
TRANSLATED = (
    "copy/__init__.py",
    "copy/events.py",
    "copy/edits.py",
    "copy/feeds.py",
    "wording.py",
    "phrase_errors.py",
    # The modules that answer the member who acted write no sentence of their own either.
    "creating.py",
    "editing.py",
    "edit_plan.py",
    "cancelling.py",
    "listing.py",
    "buttons.py",
    "rsvp.py",
    "events.py",
)


@pytest.mark.parametrize("module", TRANSLATED)
def test_the_translated_copy_writes_no_english_of_its_own(module: str) -> None:
    assert literals_in(CALENDAR / module) == []


def test_a_date_range_by_babel() -> None:
    start = datetime(2026, 12, 3, 19, 0, tzinfo=UTC)
    end = start + timedelta(hours=1)
    zone = "America/Toronto"
    assert format_range(Language.FR, start, end, zone) == (
        "jeudi 3 décembre 2026, 14 h 00 – 15 h 00"
    )
    assert format_range(Language.EN, start, end, zone) == "Thu 3 Dec 2026, 14:00 – 15:00"
    assert format_range(Language.FR, start, end + timedelta(days=1), zone) == (
        "jeudi 3 décembre 2026, 14 h 00 – vendredi 4 décembre 2026, 15 h 00"
    )
    assert format_day(Language.FR, date(2027, 7, 1), long=True) == "1er juillet 2027"


@pytest.mark.parametrize(
    ("repeat", "french"),
    [
        (Repeat("WEEKLY", days=("TU",)), "tous les mardis"),
        (Repeat("WEEKLY", days=("MO", "WE")), "tous les lundis et mercredis"),
        (Repeat("MONTHLY", days=("TH",), nth=1), "le premier jeudi de chaque mois"),
        (Repeat("MONTHLY", days=("FR",), nth=-1), "le dernier vendredi de chaque mois"),
        (
            Repeat("WEEKLY", days=("MO", "TU", "WE", "TH", "FR"), until=date(2027, 6, 30)),
            "chaque jour ouvrable jusqu'au 30 juin 2027",
        ),
        (Repeat("WEEKLY", interval=2, days=("WE",)), "toutes les 2 semaines, le mercredi"),
        (Repeat("MONTHLY", month_day=1), "le 1er de chaque mois"),
        (Repeat("DAILY", count=10), "chaque jour, 10 fois"),
        (Repeat("YEARLY", interval=2), "tous les 2 ans"),
    ],
)
def test_repeats_in_french_and_english_as_the_parser_reads_them(
    repeat: Repeat, french: str
) -> None:
    assert describe_repeat(Language.FR, repeat).plain() == french
    assert describe_repeat(Language.EN, repeat).plain() == repeat.describe()


def test_durations_and_offsets_in_french() -> None:
    assert [duration_words(Language.FR, timedelta(minutes=m)) for m in (60, 90, 45, 1620)] == [
        "1 h",
        "1 h 30",
        "45 min",
        "1 j 3 h",
    ]
    assert duration_words(Language.EN, timedelta(minutes=90)) == "90m"
    assert offset_words(Language.FR, timedelta(days=1, hours=2)).plain() == "1 jour 2 heures"
    assert offset_words(Language.EN, timedelta(minutes=15)).plain() == "15 minutes"


@pytest.mark.parametrize(
    ("english", "message_id"),
    [
        (phrases.EXAMPLE_ONE_OFF, "calendar-example-one-off"),
        (phrases.EXAMPLE_DATE, "calendar-example-date"),
        (phrases.EXAMPLE_REPEAT, "calendar-example-repeat"),
        (phrases.EXAMPLE_MONTHLY, "calendar-example-monthly"),
        (phrases.EXAMPLE_ZONE, "calendar-example-zone"),
        (phrases.EXAMPLE_DURATION, "calendar-example-duration"),
    ],
)
def test_each_french_example_reads_to_its_english_twin(english: str, message_id: str) -> None:
    now = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
    assert catalogue().translate("en", message_id).plain() == english
    french = catalogue().translate("fr", message_id).plain()
    assert parse_when_fr(french, "America/Toronto", now) == phrases.parse_when(
        english, "America/Toronto", now
    )


_ENGLISH_WORDS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|every|weekly|monthly|"
    r"daily|yearly|until|times|first|last|january|june|december)\b",
    re.IGNORECASE,
)


@given(
    freq=st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
    interval=st.integers(1, 52),
    days=st.lists(st.sampled_from(phrases.DAY_CODES), min_size=0, max_size=3, unique=True),
    nth=st.sampled_from([None, 1, 2, 3, 4, 5, -1]),
    month_day=st.one_of(st.none(), st.integers(1, 31)),
    count=st.one_of(st.none(), st.integers(1, 500)),
    until=st.one_of(st.none(), st.dates(date(2026, 1, 1), date(2031, 12, 31))),
)
def test_any_repeat_is_described_in_french_without_english_words(
    freq: str,
    interval: int,
    days: list[str],
    nth: int | None,
    month_day: int | None,
    count: int | None,
    until: date | None,
) -> None:
    repeat = Repeat(freq, interval, tuple(days), nth if days else None, month_day, count, until)
    french = describe_repeat(Language.FR, repeat).plain()
    assert french and not _ENGLISH_WORDS.search(french), (repeat, french)
