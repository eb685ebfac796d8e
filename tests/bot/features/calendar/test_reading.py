"""Which language an `event create` line is read in: French for a French facilitator, else
English as it always was, with French where English finds no time; and French options."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from guildbot.bot.features.calendar.announcements import read_text_and_time
from guildbot.bot.features.calendar.phrases import PhraseError, When, parse_when
from guildbot.bot.features.calendar.reading import Reading, read_event_line, writes_french
from guildbot.storage.models import CalendarEvent, Member
from tests.bot.features.calendar.helpers import (
    create_event,
    edit_event,
    event_row,
    setup_community,
)
from tests.fakes import Harness

NOW = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)  # Monday 2 Nov 2026, 09:00 in Toronto
TORONTO = "America/Toronto"


def read(line: str, locale: str = "en") -> Reading:
    reading = read_event_line(line, locale, TORONTO, NOW)
    assert isinstance(reading, Reading), reading
    return reading


def english(phrase: str) -> When:
    when = parse_when(phrase, TORONTO, NOW)
    assert isinstance(when, When), when
    return when


@pytest.mark.parametrize("locale", ["fr", "fr-CA", "en", "en-US"])
def test_the_issue_s_french_line_reads_whoever_types_it(locale: str) -> None:
    reading = read("Atelier jeudi prochain 14 h pendant 1 h capacité : 20", locale)
    assert reading.language == "fr"
    assert reading.request.title == "Atelier"
    assert reading.request.capacity == 20
    assert reading.when == english("next Thursday 14:00 for 1h")


def test_french_options_are_read_with_or_without_a_space_before_the_colon() -> None:
    reading = read(
        "Café tous les mardis 10 h lieu : Salle 201 capacité: 12 rappels : 1 j, 15 min "
        "avis : participants -- Apportez vos questions",
        "fr-CA",
    )
    request = reading.request
    assert (request.title, request.location, request.capacity) == ("Café", "Salle 201", 12)
    assert request.offsets == (timedelta(days=1), timedelta(minutes=15))
    assert request.notify == "going"
    assert request.description == "Apportez vos questions"
    assert reading.when == english("every Tuesday 10:00")


def test_no_limit_and_no_reminders_in_french() -> None:
    request = read("Midi-conférence demain midi capacité : illimitée rappels : aucun").request
    assert request.title == "Midi-conférence"
    assert (request.capacity, request.offsets) == (0, ())


def test_a_french_date_does_not_silently_become_an_english_time() -> None:
    # English alone (day first in Canada) reads this as "Atelier le 3/12 à", at 14:00 today.
    alone = parse_when("14h00", TORONTO, NOW)
    assert isinstance(alone, When)
    reading = read("Atelier le 3/12 à 14h00", "en-CA")
    assert reading.language == "fr"
    assert reading.request.title == "Atelier"
    assert reading.when == english("2026-12-03 14:00") != alone
    # Month first (en-US), English alone says 12 March 2026 is past.
    assert isinstance(parse_when("3/12 à 14h00", TORONTO, NOW), PhraseError)
    us = read("Atelier le 3/12 à 14h00", "en-US")
    assert (us.language, us.request.title) == ("fr", "Atelier")
    assert us.when == reading.when


@pytest.mark.parametrize(
    "line",
    [
        "Show and tell next Tuesday 3pm",
        "Meetup monthly, first Thursday of each month 14:00 for 1h where: Room 201",
        "Pizza Friday every Friday 12:00",
        "Meetup 12/3 15:00",  # month first for en-US, as before
    ],
)
def test_an_english_line_reads_as_it_always_did(line: str) -> None:
    reading = read(line, "en-US")
    assert reading.language == "en"
    assert reading.complete


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("Party Feb 30 10:00", "February has no day 30."),
        ("Party yesterday 10:00", "is in the past."),
        ("Party tomorrow 10:00 capacity: lots", "A capacity is a number"),
    ],
)
def test_an_english_time_that_does_not_work_keeps_its_english_answer(
    line: str, problem: str
) -> None:
    # French would read "10:00" out of it, for an event called "Party Feb 30".
    reading = read_event_line(line, "en", TORONTO, NOW)
    said = reading if isinstance(reading, PhraseError) else reading.when
    assert isinstance(said, PhraseError)
    assert problem in said.problem


@pytest.mark.parametrize(
    "line",
    [
        "Meetup next Tuesday 3pm",
        "Pizza Friday every Friday 12:00",  # not "Pizza Friday every Friday" at 12:00 today
        "Accessibility CoP monthly, first Thursday of each month 14:00 for 1h",
        "Standup every weekday 9:00-9:15 until 30 Jun 2027 notify: channel remind: 10m",
        "Show and tell next Tuesday 3pm where: Room 201 capacity: 20 -- Bring a demo",
        "Office hours 2026-12-03 14:00 America/Vancouver",
    ],
)
def test_a_french_facilitator_s_english_line_reads_as_in_english(line: str) -> None:
    reading = read(line, "fr-CA")
    alone = read(line, "en-CA")  # day first, as fr-CA writes dates
    assert alone.language == "en"
    assert (reading.request, reading.when) == (alone.request, alone.when)


def test_a_french_date_that_does_not_exist_is_said_not_read_around() -> None:
    reading = read_event_line("Fête le 31 février 10:00", "fr", TORONTO, NOW)
    assert isinstance(reading, Reading)
    assert isinstance(reading.when, PhraseError)
    assert reading.when.problem == "February has no day 31."


def test_which_locales_write_french() -> None:
    assert [writes_french(x) for x in ["fr", "FR-ca", "fr_BE", "en", "en-CA", "frr", ""]] == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(max_size=20),
    phrase=st.lists(
        st.sampled_from(
            [
                "tous les mardis",
                "le premier jeudi de chaque mois",
                "14 h",
                "midi",
                "demain",
                "pendant 1 h 30",
                "capacité : 20",
                "lieu : Salle",
                "jusqu'au 30 juin 2027",
                "31 février",
                "--",
                "every",
                "3pm",
                ":",
            ]
        ),
        max_size=10,
    ),
    locale=st.sampled_from(["en", "fr-CA"]),
)
def test_any_line_is_read_or_politely_refused(title: str, phrase: list[str], locale: str) -> None:
    reading = read_event_line(f"{title} {' '.join(phrase)}", locale, TORONTO, NOW)
    assert isinstance(reading, Reading | PhraseError)


async def test_a_french_line_creates_the_event_its_english_twin_would(harness: Harness) -> None:
    await setup_community(harness)
    async with harness.app.database.transaction() as session:
        await session.execute(update(Member).values(locale="fr-CA"))
    event_id = await create_event(
        harness, "Atelier le premier jeudi de chaque mois 14 h pendant 1 h 30 lieu : Salle 201"
    )
    event = await event_row(harness, event_id)
    assert (event.title, event.location) == ("Atelier", "Salle 201")
    assert (event.local_start, event.timezone) == ("2026-11-05T14:00:00", TORONTO)
    assert (event.duration_minutes, event.rrule) == (90, "FREQ=MONTHLY;BYDAY=+1TH")
    assert await harness.count(CalendarEvent) == 1


@pytest.mark.parametrize("locale", ["fr-CA", "en"])
def test_an_announcement_s_text_and_french_time(locale: str) -> None:
    split = read_text_and_time(
        "Café ! Venez à la salle 3 à midi le premier jeudi de chaque mois", locale, TORONTO, NOW
    )
    assert not isinstance(split, PhraseError), split
    assert split == ("Café ! Venez à la salle 3", english("first Thursday of each month noon"))


def test_a_french_author_s_english_announcement_still_reads() -> None:
    split = read_text_and_time("Show and tell at 15:00 tomorrow", "fr", TORONTO, NOW)
    assert split == ("Show and tell", english("tomorrow 15:00"))


async def test_a_french_facilitator_edits_in_french(harness: Harness) -> None:
    await setup_community(harness)
    async with harness.app.database.transaction() as session:
        await session.execute(update(Member).values(locale="fr"))
    event_id = await create_event(harness, "Atelier tous les mardis 18 h 30 jusqu'au 30 juin 2027")
    done = await edit_event(harness, f"{event_id} 19 h pendant 90 min lieu : Salle 3")
    assert done.startswith(f"Événement {event_id} modifié"), done
    event = await event_row(harness, event_id)
    assert (event.local_start, event.duration_minutes) == ("2026-11-03T19:00:00", 90)
    assert event.rrule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T235959"
    assert event.location == "Salle 3"
    await edit_event(harness, f"{event_id} sans fin")
    assert (await event_row(harness, event_id)).rrule == "FREQ=WEEKLY;BYDAY=TU"


async def test_a_french_facilitator_edits_in_english_too(harness: Harness) -> None:
    await setup_community(harness)
    async with harness.app.database.transaction() as session:
        await session.execute(update(Member).values(locale="fr-CA"))
    event_id = await create_event(harness, "Standup every Tuesday 18:30")
    done = await edit_event(harness, f"{event_id} 19:00 for 2h 30m where: Room 4")
    assert done.startswith(f"Événement {event_id} modifié"), done
    event = await event_row(harness, event_id)
    assert (event.local_start, event.duration_minutes) == ("2026-11-03T19:00:00", 150)
    assert (event.rrule, event.location) == ("FREQ=WEEKLY;BYDAY=TU", "Room 4")


@pytest.mark.parametrize(
    ("line", "title", "twin"),
    [
        ("Causerie du midi demain 12 h", "Causerie du midi", "tomorrow 12:00"),
        ("Café du jeudi tous les jeudis 10 h", "Café du jeudi", "every Thursday 10:00"),
        ("Réunion du lundi au vendredi 9 h", "Réunion", "every weekday 9:00"),
        ("“Atelier demain” le 3 décembre 2026 14 h", "Atelier demain", "2026-12-03 14:00"),
    ],
)
def test_a_french_title_may_name_a_day_or_noon(line: str, title: str, twin: str) -> None:
    reading = read(line, "fr")
    assert (reading.request.title, reading.when) == (title, english(twin))
