"""The time and recurrence phrase parser: real phrases in real zones, bad input, properties."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guildbot.adapters.console import text_of
from guildbot.bot.features.calendar.announcements import split_text_and_time
from guildbot.bot.features.calendar.copy import phrase_error
from guildbot.bot.features.calendar.phrases import (
    PhraseError,
    Repeat,
    When,
    format_duration,
    parse_duration,
    parse_offsets,
    parse_when,
    split_title,
)
from guildbot.bot.features.calendar.request import EventRequest, parse_event_request
from guildbot.bot.scheduler.recurrence import Recurrence

NOW = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)  # Monday 2 Nov 2026, 09:00 in Toronto


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def said(error: PhraseError) -> str:
    """The error as the member reads it (on the console: `code` in backticks)."""
    return text_of(phrase_error(error))


def instants(when: When, count: int) -> list[datetime]:
    """The first occurrences as Guildbot's scheduler will expand them."""
    if when.rrule is None:
        return [when.start]
    recurrence = Recurrence(when.rrule, when.local_start, when.timezone)
    return [o.at for o in recurrence.between(when.start, when.start + timedelta(days=800), count)]


# phrase, facilitator's zone, now, the first instants expected (UTC)
REAL_PHRASES = [
    (
        "monthly, first Thursday of each month 14:00 for 1h",
        "America/Toronto",
        NOW,
        [utc(2026, 11, 5, 19), utc(2026, 12, 3, 19), utc(2027, 1, 7, 19)],
    ),
    ("next Tuesday 3pm", "America/Toronto", NOW, [utc(2026, 11, 3, 20)]),
    (
        "every last Friday at 16:00",
        "America/Vancouver",
        NOW,
        [utc(2026, 11, 28, 0), utc(2026, 12, 26, 0), utc(2027, 1, 30, 0)],
    ),
    ("2026-12-03 14:00 America/Vancouver", "America/Toronto", NOW, [utc(2026, 12, 3, 22)]),
    ("Dec 3 2pm", "America/St_Johns", NOW, [utc(2026, 12, 3, 17, 30)]),
    ("tomorrow at noon", "Europe/Paris", NOW, [utc(2026, 11, 3, 11)]),
    # Spring forward in North America: Sunday 14 March 2027.
    (
        "weekly on Saturday at 09:00",
        "America/Toronto",
        utc(2027, 3, 10, 12),
        [utc(2027, 3, 13, 14), utc(2027, 3, 20, 13), utc(2027, 3, 27, 13)],
    ),
    ("Sun 14 Mar 2027 02:30", "America/Toronto", utc(2027, 3, 10), [utc(2027, 3, 14, 7, 30)]),
    (
        "daily at 9:00 for 30m",
        "America/Vancouver",
        utc(2027, 3, 13, 12),
        [utc(2027, 3, 13, 17), utc(2027, 3, 14, 16), utc(2027, 3, 15, 16)],
    ),
    ("2027-03-13 09:00", "America/St_Johns", utc(2027, 3, 1), [utc(2027, 3, 13, 12, 30)]),
    ("2027-03-14 09:00", "America/St_Johns", utc(2027, 3, 1), [utc(2027, 3, 14, 11, 30)]),
    # Spring forward in Europe: Sunday 28 March 2027; 02:30 does not exist.
    (
        "every Sunday at 02:30",
        "Europe/Paris",
        utc(2027, 3, 20),
        [utc(2027, 3, 21, 1, 30), utc(2027, 3, 28, 1, 30), utc(2027, 4, 4, 0, 30)],
    ),
    # Fall back: 01:30 (North America) and 02:30 (Paris) happen twice; the first one counts.
    ("2027-11-07 01:30", "America/Toronto", utc(2027, 11, 1), [utc(2027, 11, 7, 5, 30)]),
    ("2027-10-31 02:30", "Europe/Paris", utc(2027, 10, 1), [utc(2027, 10, 31, 0, 30)]),
    (
        "weekly on Saturday at 10:00",
        "America/Vancouver",
        utc(2027, 11, 1),
        [utc(2027, 11, 6, 17), utc(2027, 11, 13, 18)],
    ),
    (
        "monthly on the first Sunday at 01:30",
        "America/St_Johns",
        utc(2027, 10, 1),
        [utc(2027, 10, 3, 4), utc(2027, 11, 7, 4), utc(2027, 12, 5, 5)],
    ),
    (
        "every 2 weeks on Wednesday 10:00 until 2026-12-02",
        "America/Toronto",
        NOW,
        [utc(2026, 11, 4, 15), utc(2026, 11, 18, 15), utc(2026, 12, 2, 15)],
    ),
    (
        "every Tuesday and Thursday 9am-10:30am, 3 times",
        "Europe/Paris",
        NOW,
        [utc(2026, 11, 3, 8), utc(2026, 11, 5, 8), utc(2026, 11, 10, 8)],
    ),
]


@pytest.mark.parametrize(("phrase", "zone", "now", "expected"), REAL_PHRASES)
def test_real_phrases_give_the_expected_instants(
    phrase: str, zone: str, now: datetime, expected: list[datetime]
) -> None:
    when = parse_when(phrase, zone, now)
    assert isinstance(when, When), when
    assert instants(when, len(expected) + 1)[: len(expected)] == expected
    if "3 times" in phrase or "until" in phrase:
        assert instants(when, 10) == expected  # the series ends where it was told to
    assert parse_when(when.describe(), "UTC", now) == when


def test_the_echo_reads_like_the_issue_promises() -> None:
    when = parse_when(
        "monthly, first Thursday of each month 14:00 for 1h", "America/Toronto", utc(2026, 11, 6)
    )
    assert isinstance(when, When)
    assert when.describe() == (
        "Thu 3 Dec 2026, 14:00-15:00 America/Toronto, monthly on the first Thursday"
    )
    assert when.rrule == "FREQ=MONTHLY;BYDAY=+1TH"


def test_a_time_that_does_not_exist_is_explained_before_saving() -> None:
    when = parse_when("Sun 14 Mar 2027 02:30", "America/Toronto", utc(2027, 3, 1))
    assert isinstance(when, When)
    assert when.notes() == [
        "02:30 does not exist on Sun 14 Mar 2027 in America/Toronto (clocks go forward), "
        "so it starts at 03:30."
    ]


BAD_INPUTS = [
    ("Feb 30 10:00", "February has no day 30."),
    ("2027-04-31 10:00", "April has no day 31."),
    ("Feb 29 2027 10:00", "February in 2027 has no day 29."),
    ("yesterday at 3pm", "is in the past."),
    ("2026-11-02 08:00", "is in the past."),
    ("every blue moon", "I don't know how to repeat “every blue moon”"),
    ("tomorrow 10:00 for 0m", "A duration of 0m doesn't work"),
    ("tomorrow 10:00 for 30 days", "A duration of 30d doesn't work"),
    ("2026-12-03 14:00 America/Torono", "isn't a time zone I know. Did you mean America/Toronto?"),
    ("2026-12-03 14:00 Mars/Olympus", "“Mars/Olympus” isn't a time zone I know."),
    ("tomorrow", "What time does it start?"),
    ("", "When is it?"),
    ("at 25:00", "I couldn't read “25:00” as a time of day."),
    ("whenever suits", "I couldn't read “whenever suits” as a date."),
    ("daily at 9 for 2d", "would last until the next one"),
    ("every 2 weeks at 10 until 2020-01-01", "never happens in the future"),
    ("weekly at 10, 3 times until 2027-01-01", "not both"),
    # Nothing typed is dropped: an end without a repeat is asked about, whatever the order.
    ("tomorrow 10:00 until 2027-01-01", "“until 2027-01-01” ends a repeat, but I don't see"),
    ("tomorrow 10:00 3 times", "ends a repeat, but I don't see how it repeats"),
    ("tomorrow 10:00 until yesterday daily", "never happens in the future"),
    ("tomorrow 10:00 daily until yesterday", "never happens in the future"),
]


@pytest.mark.parametrize(("phrase", "problem"), BAD_INPUTS)
def test_bad_input_says_what_was_not_understood_and_gives_an_example(
    phrase: str, problem: str
) -> None:
    error = parse_when(phrase, "America/Toronto", NOW)
    assert isinstance(error, PhraseError), error
    assert problem in error.problem or problem in said(error)
    assert "For example: `" in said(error)
    example = said(error).split("For example: `")[1].rstrip("`.")
    assert isinstance(parse_when(example, "America/Toronto", NOW), When), example


def test_an_end_date_before_the_repeat_word_keeps_both() -> None:
    for phrase in (
        "tomorrow 10:00 until 2027-03-01 weekly",
        "tomorrow 10:00 weekly until 2027-03-01",
    ):
        when = parse_when(phrase, "America/Toronto", NOW)
        assert isinstance(when, When), phrase
        assert when.rrule is not None and "FREQ=WEEKLY" in when.rrule, phrase
        assert "UNTIL=20270301" in when.rrule, phrase


@pytest.mark.parametrize("days_on", range(7))
@pytest.mark.parametrize(
    "phrase", ["every 2 weeks on Thursday 10:00", "every other Thursday at 10:00"]
)
def test_every_other_week_starts_on_the_next_such_day_whatever_today_is(
    phrase: str, days_on: int
) -> None:
    now = NOW + timedelta(days=days_on, hours=1)  # NOW is Monday 2 Nov 2026, 09:00 Toronto
    when = parse_when(phrase, "America/Toronto", now)
    assert isinstance(when, When)
    local_now = now.astimezone(when.zone).replace(tzinfo=None)
    assert when.local_start.weekday() == 3  # a Thursday
    assert when.local_start > local_now
    assert when.local_start - local_now <= timedelta(days=7)  # the next one, never skipped


def test_an_ambiguous_numeric_date_says_how_it_was_read() -> None:
    when = parse_when("03/04/2027 10:00", "America/Toronto", NOW)
    assert isinstance(when, When)
    assert when.notes() == [
        "I read 03/04/2027 as 4 March 2027, month first; if you meant 3 April 2027, "
        "write 2027-04-03."
    ]
    for clear in ("2027-04-03 10:00", "Apr 3 2027 10:00", "tomorrow 10:00"):
        read = parse_when(clear, "America/Toronto", NOW)
        assert isinstance(read, When) and read.notes() == [], clear
    # A numeric date that reads one way only is read that way, and still said.
    read = parse_when("13/04/2027 10:00", "America/Toronto", NOW)
    assert isinstance(read, When) and read.local_start.date() == date(2027, 4, 13)
    assert read.notes() == ["I read 13/04/2027 as 13 April 2027, the only way it reads."]


def test_an_unknown_facilitator_zone_is_reported() -> None:
    error = parse_when("tomorrow 10:00", "Nowhere/Land", NOW)
    assert isinstance(error, PhraseError)
    assert "isn't a time zone I know" in error.problem


@pytest.mark.parametrize(
    ("text", "title", "when"),
    [
        (
            "Accessibility CoP monthly, first Thursday of each month 14:00 for 1h",
            "Accessibility CoP",
            "monthly, first Thursday of each month 14:00 for 1h",
        ),
        ("Show and tell next Tuesday 3pm", "Show and tell", "next Tuesday 3pm"),
        ("Office hours: 2026-12-03 14:00", "Office hours", "2026-12-03 14:00"),
        ("“May Day picnic” May 1 10:00", "May Day picnic", "May 1 10:00"),
        ("Lunch and learn tomorrow at noon", "Lunch and learn", "tomorrow at noon"),
        ("Just a title", "Just a title", ""),
    ],
)
def test_titles_are_split_from_their_time(text: str, title: str, when: str) -> None:
    assert split_title(text) == (title, when)


def test_durations_and_reminder_offsets() -> None:
    assert parse_duration("1h30") == timedelta(minutes=90)
    assert parse_duration("an hour") == timedelta(hours=1)
    assert parse_duration("half an hour") == timedelta(minutes=30)
    assert parse_duration("2 days") == timedelta(days=2)
    assert parse_duration("soon") is None
    assert parse_offsets("1d, 15m") == [timedelta(days=1), timedelta(minutes=15)]
    assert parse_offsets("15 minutes before and 1 day before") == [
        timedelta(days=1),
        timedelta(minutes=15),
    ]
    assert parse_offsets("none") == []
    assert isinstance(parse_offsets("whenever"), PhraseError)
    for minutes in (5, 45, 60, 90, 150, 24 * 60 + 30, 3 * 24 * 60):
        duration = timedelta(minutes=minutes)
        assert parse_duration(format_duration(duration)) == duration


def test_rules_round_trip_through_their_text() -> None:
    for rule in (
        "FREQ=MONTHLY;BYDAY=+1TH",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;UNTIL=20270630T235959",
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=DAILY;COUNT=10",
        "FREQ=MONTHLY;BYMONTHDAY=15",
    ):
        repeat = Repeat.from_rrule(rule)
        assert repeat is not None
        assert repeat.rrule() == rule
    assert Repeat.from_rrule("FREQ=SECONDLY") is None
    assert Repeat.from_rrule("nonsense") is None


# -- properties ---------------------------------------------------------------------------

ZONES = st.sampled_from(
    ["America/Toronto", "America/Vancouver", "America/St_Johns", "Europe/Paris", "UTC"]
)
NOWS = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)).map(
    lambda d: d.replace(tzinfo=UTC)
)
WORDS = st.sampled_from(
    [
        "every", "each", "weekly", "monthly", "on", "the", "first", "last", "Thursday", "tue",
        "at", "for", "until", "times", "1h", "90m", "14:00", "3pm", "noon", "-", "to", "Dec",
        "3", "31st", "2027-02-29", "2026-12-03", "tomorrow", "next", "of", "month", "weeks",
        "2", "America/Toronto", "Europe/Paris", "Mars/Base", "blue", "moon", ",", "30", "days",
    ]
)  # fmt: skip


def _check(result: When | PhraseError, now: datetime) -> None:
    if isinstance(result, PhraseError):
        assert result.problem and result.example
        return
    assert result.start > now
    echo = result.describe()
    assert echo and result.timezone in echo
    assert parse_when(echo, "UTC", now) == result, echo


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=80), zone=ZONES, now=NOWS)
def test_any_text_gets_an_answer_and_never_raises(text: str, zone: str, now: datetime) -> None:
    _check(parse_when(text, zone, now), now)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(WORDS, max_size=10), zone=ZONES, now=NOWS)
def test_phrase_like_word_salad_never_raises(words: list[str], zone: str, now: datetime) -> None:
    _check(parse_when(" ".join(words), zone, now), now)


OPTION_WORDS = ["where:", "capacity:", "remind:", "notify:", "community:", "title:", "--", "12"]

DAYS = st.sampled_from(["", "tomorrow", "next Tuesday", "Friday", "in 3 days", "Dec 3"])
REPEATS = st.sampled_from(
    [
        "",
        "weekly",
        "every 2 weeks",
        "daily",
        "every weekday",
        "monthly on the first Thursday",
        "monthly on the 15th",
        "last Friday of each month",
        "every Tuesday and Thursday",
        "yearly",
    ]
)
ENDS = st.sampled_from(["", ", 5 times", " until 2029-06-30"])
DURATIONS = st.sampled_from(["", " for 1h", " for 90m", " for 2 hours", " for 45 minutes"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    day=DAYS,
    hour=st.integers(0, 23),
    minute=st.sampled_from([0, 15, 30, 45]),
    repeat=REPEATS,
    end=ENDS,
    duration=DURATIONS,
    zone=ZONES,
    named_zone=st.booleans(),
    now=NOWS,
)
def test_well_formed_phrases_are_accepted_and_echoed(
    day: str,
    hour: int,
    minute: int,
    repeat: str,
    end: str,
    duration: str,
    zone: str,
    named_zone: bool,
    now: datetime,
) -> None:
    if repeat and day == "in 3 days":
        day = ""
    when_zone = f" {zone}" if named_zone else ""
    phrase = f"{repeat} {day} {hour:02d}:{minute:02d}{duration}{when_zone}"
    phrase += end if repeat else ""
    result = parse_when(phrase, zone if not named_zone else "UTC", now)
    assert isinstance(result, When), (phrase, result)
    assert result.timezone == zone
    assert (result.repeat is not None) == bool(repeat)
    assert (result.local_start.hour, result.local_start.minute) == (hour, minute)
    _check(result, now)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=120) | st.lists(WORDS | st.sampled_from(OPTION_WORDS)).map(" ".join))
def test_create_lines_and_announcements_always_get_an_answer(text: str) -> None:
    request = parse_event_request(text)
    assert isinstance(request, EventRequest | PhraseError)
    if isinstance(request, EventRequest):
        assert request.title and request.when_text
    split = split_text_and_time(text, "America/Toronto", NOW)
    assert isinstance(split, tuple | PhraseError)
    if isinstance(split, tuple):
        assert split[0] and split[1].start > NOW
