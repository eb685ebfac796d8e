"""How facilitators really write times (issue: "a parser that never misreads silently"):
clock words, days of the month, weekday checks, zone abbreviations and offsets, numeric dates
in the member's order, spans from the first date, titles with date words, times that do not
exist, and numbers too large to be times."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guildbot.bot.features.calendar.dates import day_first_locale
from guildbot.bot.features.calendar.phrases import (
    PhraseError,
    When,
    other_reading,
    parse_when,
    split_title,
)
from guildbot.bot.scheduler.recurrence import Recurrence

NOW = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)  # Monday 2 Nov 2026, 09:00 in Toronto
TORONTO = "America/Toronto"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def read(phrase: str, zone: str = TORONTO, now: datetime = NOW, **options: bool) -> When:
    when = parse_when(phrase, zone, now, **options)  # type: ignore[arg-type]
    assert isinstance(when, When), when
    return when


def refused(phrase: str, zone: str = TORONTO, now: datetime = NOW, **options: bool) -> str:
    error = parse_when(phrase, zone, now, **options)  # type: ignore[arg-type]
    assert isinstance(error, PhraseError), error
    return error.problem


def occurrences(when: When, count: int = 50) -> list[datetime]:
    if when.rrule is None:
        return [when.start]
    recurrence = Recurrence(when.rrule, when.local_start, when.timezone)
    return [o.at for o in recurrence.between(when.start, when.start + timedelta(days=800), count)]


# -- 4: clock words, "the 8th", weekday checked against the date -----------------------------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("tomorrow at 3 in the afternoon", utc(2026, 11, 3, 20)),
        ("tomorrow 3 in the afternoon", utc(2026, 11, 3, 20)),
        ("tomorrow at 9 in the morning", utc(2026, 11, 3, 14)),
        ("tomorrow at 7 in the evening", utc(2026, 11, 4, 0)),
        ("tomorrow at 8:30 in the evening", utc(2026, 11, 4, 1, 30)),
        ("tomorrow at 12 in the afternoon", utc(2026, 11, 3, 17)),
        ("tomorrow at 10 at night", utc(2026, 11, 4, 3)),
    ],
)
def test_times_said_with_part_of_the_day(phrase: str, expected: datetime) -> None:
    assert read(phrase).start == expected


@pytest.mark.parametrize("day_of_month", range(1, 29))
def test_the_nth_is_the_next_such_day_of_a_month_never_a_month(day_of_month: int) -> None:
    for now in (NOW, utc(2026, 11, 20, 14), utc(2027, 1, 31, 23), utc(2027, 6, 8, 12)):
        local_today = now.astimezone(ZoneInfo(TORONTO)).date()
        suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(day_of_month, "th")
        when = read(f"the {day_of_month}{suffix} at 14:00", now=now)
        assert when.local_start.day == day_of_month
        assert when.start > now
        # The first such day to come: not a later month when this one still has it.
        days_ahead = (when.local_start.date() - local_today).days
        assert 0 <= days_ahead <= 31, (day_of_month, now, when)


def test_a_weekday_with_the_nth_is_checked_against_the_date() -> None:
    # 10 Nov 2026 is a Tuesday: agreed.
    assert read("Tuesday the 10th at 14:00").local_start == datetime(2026, 11, 10, 14, 0)
    assert read("on tue the 10th 14:00").local_start == datetime(2026, 11, 10, 14, 0)
    # 9 Nov 2026 is a Monday: asked about, not guessed.
    problem = refused("Tuesday the 9th at 14:00")
    assert "Monday" in problem and "Tuesday" in problem and "9 Nov" in problem
    problem = refused("Wednesday 3 Dec 2026 14:00")
    assert "Thursday" in problem and "Wednesday" in problem
    problem = refused("Fri Dec 3 10:00")
    assert "Friday" in problem and "Dec" in problem
    assert read("Thu 3 Dec 2026 14:00").local_start == datetime(2026, 12, 3, 14, 0)


# -- 5: zone abbreviations and offsets ------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "zone", "expected"),
    [
        ("2026-12-03 14:00 PST", "America/Vancouver", utc(2026, 12, 3, 22)),
        ("2026-12-03 14:00 pst", "Europe/London", utc(2026, 12, 3, 22)),
        ("2026-12-03 14:00 EST", "Europe/London", utc(2026, 12, 3, 19)),
        ("2026-12-03 14:00 CET", TORONTO, utc(2026, 12, 3, 13)),
        ("2026-12-03 14:00 NST", TORONTO, utc(2026, 12, 3, 17, 30)),
        ("2026-12-03 14:00 BST", TORONTO, utc(2026, 12, 3, 14)),
        ("2027-07-01 14:00 EDT", "Europe/Paris", utc(2027, 7, 1, 18)),
        ("2026-12-03 14:00 UTC+5", TORONTO, utc(2026, 12, 3, 9)),
        ("2026-12-03 14:00 GMT+1", TORONTO, utc(2026, 12, 3, 13)),
        ("2026-12-03 14:00 UTC-3", TORONTO, utc(2026, 12, 3, 17)),
        ("2026-12-03 14:00 utc +02:00", TORONTO, utc(2026, 12, 3, 12)),
    ],
)
def test_zone_abbreviations_and_offsets_are_understood(
    phrase: str, zone: str, expected: datetime
) -> None:
    when = read(phrase, zone)
    assert when.start == expected
    assert parse_when(when.describe(), "UTC", NOW) == when  # the echo reads back the same


def test_an_abbreviation_is_said_in_the_echo_notes() -> None:
    when = read("2027-07-01 14:00 EST", "Europe/London")
    # People write EST all year: it is Eastern time, and on that date on daylight time.
    assert when.start == utc(2027, 7, 1, 18)
    assert any("EST" in note and "America/Toronto" in note for note in when.notes())


@pytest.mark.parametrize(("abbreviation", "suggests"), [("IST", "Asia/Kolkata"), ("CST", "")])
def test_an_ambiguous_abbreviation_asks_for_a_city_zone(abbreviation: str, suggests: str) -> None:
    problem = refused(f"2026-12-03 14:00 {abbreviation}")
    assert abbreviation in problem and "city" in problem
    assert suggests in problem


def test_an_offset_with_minutes_asks_for_a_city_zone() -> None:
    problem = refused("2026-12-03 14:00 UTC+5:30")
    assert "UTC+5:30" in problem and "Asia/Kolkata" in problem
    assert "offset" in refused("2026-12-03 14:00 UTC+15")


# -- 6: numeric dates in the member's order, never moved a year -----------------------------


def test_numeric_dates_follow_the_members_order() -> None:
    assert read("12/3 14:00", now=utc(2026, 11, 2)).local_start == datetime(2026, 12, 3, 14)
    assert read("3/12 14:00", day_first=True).local_start == datetime(2026, 12, 3, 14)
    assert read("3/12/2027 14:00", day_first=True).local_start == datetime(2027, 12, 3, 14)
    assert read("3/12/27 14:00", day_first=True).local_start == datetime(2027, 12, 3, 14)
    assert read("12/3/2027 14:00").local_start == datetime(2027, 12, 3, 14)
    notes = " ".join(read("3/12 14:00", day_first=True).notes())
    assert "3 December 2026" in notes and "day first" in notes


def test_a_numeric_date_in_the_past_is_said_to_be_past_not_moved_a_year() -> None:
    problem = refused("12/3 14:00", now=utc(2026, 12, 7, 15))
    assert "3 December 2026" in problem and "past" in problem
    problem = refused("3/12 14:00", now=utc(2026, 12, 7, 15), day_first=True)
    assert "3 December 2026" in problem and "past" in problem
    problem = refused("13/13 14:00")
    assert "no month 13" in problem


@pytest.mark.parametrize(
    ("locale", "day_first"),
    [
        ("en", False),
        ("en-US", False),
        ("en_US", False),
        ("en-CA", True),
        ("en-GB", True),
        ("fr", True),
        ("fr-CA", True),
        ("de-DE", True),
        ("ja", False),
    ],
)
def test_which_locales_write_the_day_first(locale: str, day_first: bool) -> None:
    assert day_first_locale(locale) is day_first


# -- 7: "for N weeks/months" counts from the first date --------------------------------------


@pytest.mark.parametrize(
    ("phrase", "count"),
    [
        ("daily at 9:00 for 2 weeks", 14),  # now is 09:00 in Toronto: the first is tomorrow
        ("every Friday 12:00 for 3 weeks", 3),
        ("every 2 weeks on Monday 10:00 for 6 weeks", 3),
        ("monthly on the first Thursday 14:00 for 3 months", 3),
        ("monthly on the 2nd 08:00 for 2 months", 2),  # today's 2nd has passed at 08:00
    ],
)
def test_a_span_counts_from_the_first_date(phrase: str, count: int) -> None:
    assert len(occurrences(read(phrase, now=utc(2026, 11, 2, 14, 0)))) == count


# -- 8: titles that contain date words -------------------------------------------------------


def reads_in_toronto(text: str) -> When | PhraseError:
    return parse_when(text, TORONTO, NOW)


@pytest.mark.parametrize(
    ("line", "title", "when"),
    [
        ("Pizza Friday every Friday 12:00", "Pizza Friday", "every Friday 12:00"),
        ("Weekly sync every Monday 10:00", "Weekly sync", "every Monday 10:00"),
        ("Monday check-in next Monday 9:30", "Monday check-in", "next Monday 9:30"),
        ("Tonight's social tomorrow 19:00", "Tonight's social", "tomorrow 19:00"),
        ("Coffee Monday 10:00", "Coffee", "Monday 10:00"),
        ("Show and tell next Tuesday 3pm", "Show and tell", "next Tuesday 3pm"),
        ("Daily stand-up daily at 9:30", "Daily stand-up", "daily at 9:30"),
    ],
)
def test_titles_with_date_words_keep_them(line: str, title: str, when: str) -> None:
    assert split_title(line, reads_in_toronto) == (title, when)


@pytest.mark.parametrize(
    ("line", "title", "when"),
    [
        ("Fika Friday 15:00", "Fika Friday", "15:00"),
        ("Coffee Monday 10:00 for 30m", "Coffee Monday", "10:00 for 30m"),
        ("Retro Friday at 3pm", "Retro Friday", "at 3pm"),
    ],
)
def test_a_title_that_could_end_with_a_weekday_is_asked_about(
    line: str, title: str, when: str
) -> None:
    first, _ = split_title(line, reads_in_toronto)
    assert first != title  # read first as a weekday...
    other = other_reading(line, reads_in_toronto)
    assert other is not None  # ...and the other reading is offered
    assert (other[0], other[1]) == (title, when)
    assert other[2] == read(when)


@pytest.mark.parametrize(
    "line",
    [
        "Pizza Friday every Friday 12:00",
        "Weekly sync every Monday 10:00",
        "Monday check-in next Monday 9:30",
        "Tonight's social tomorrow 19:00",
        "Show and tell next Tuesday 3pm",
        "Daily stand-up daily at 9:30",
        "Taco Tuesday Tuesday 12:00",
        "Lunch tomorrow 12:00",
        "Coffee Monday, 10:00",
        "“Coffee Monday” 10:00",
    ],
)
def test_one_reading_asks_nothing(line: str) -> None:
    assert other_reading(line, reads_in_toronto) is None


# -- 9: a one-off at a time that does not exist is resolved once ----------------------------


def test_a_time_that_does_not_exist_is_stored_resolved() -> None:
    when = read("Sun 14 Mar 2027 02:30", now=utc(2027, 3, 10))
    assert when.local_start == datetime(2027, 3, 14, 3, 30)  # what everyone is shown
    assert when.start == utc(2027, 3, 14, 7, 30)
    assert any("02:30 does not exist" in note for note in when.notes())
    # A series keeps its rule's time: only that date moves, as RFC 5545 says.
    series = read("weekly on Sunday 02:30", now=utc(2027, 3, 10))
    assert series.local_start == datetime(2027, 3, 14, 2, 30)


# -- 11: numbers too large to be times -------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "tomorrow 10:00 for 99999999999999999999 minutes",
        "tomorrow 10:00 for 99999999999999 weeks",
        "daily 10:00 for 99999999999 weeks",
        "in 99999999999999 days at 10:00",
        "every 99999999999999999 weeks on Monday 10:00",
    ],
)
def test_huge_numbers_are_refused_politely(phrase: str) -> None:
    assert refused(phrase)


@settings(max_examples=200, deadline=None)
@given(
    number=st.integers(min_value=0, max_value=10**40),
    unit=st.sampled_from(["minutes", "hours", "days", "weeks", "months", "m", "h", "times"]),
    repeat=st.sampled_from(["", "daily ", "every Monday "]),
)
def test_any_number_in_a_phrase_gets_an_answer(number: int, unit: str, repeat: str) -> None:
    result = parse_when(f"{repeat}tomorrow 10:00 for {number} {unit}", TORONTO, NOW)
    assert isinstance(result, When | PhraseError)


@settings(max_examples=200, deadline=None)
@given(
    first=st.integers(min_value=0, max_value=40),
    second=st.integers(min_value=0, max_value=40),
    year=st.sampled_from(["", "/2027", "/27", "/1999", "/3000"]),
    day_first=st.booleans(),
)
def test_numeric_dates_never_raise_and_never_move_silently(
    first: int, second: int, year: str, day_first: bool
) -> None:
    result = parse_when(f"{first}/{second}{year} 14:00", TORONTO, NOW, day_first=day_first)
    if isinstance(result, When):
        day, month = (first, second) if day_first else (second, first)
        if month > 12:  # reads one way only: the other
            day, month = month, day
        assert (result.local_start.day, result.local_start.month) == (day, month)
        assert any(f"{first}/{second}" in note for note in result.notes())
        expected_year = {"": 2026, "/2027": 2027, "/27": 2027}[year]
        assert result.local_start.year == expected_year
