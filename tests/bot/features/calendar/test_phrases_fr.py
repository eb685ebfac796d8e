"""French time phrases read to the same instants as their English twins, across the
daylight-saving changes of 1 Nov 2026 and 14 Mar 2027 in Toronto (28 Mar 2027 in Paris), and
French-ish nonsense that never gets past the parser's own polite error.

"Now" is Monday 2 Nov 2026, 14:00 UTC (09:00 in Toronto, the day after clocks went back)
unless a case says otherwise.
"""

from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guildbot.bot.features.calendar.notes import AbbreviationRead, NumericDateRead, TimeSkipped
from guildbot.bot.features.calendar.phrases import PhraseError, When, parse_when
from guildbot.bot.features.calendar.phrases_fr import fold, parse_when_fr, to_english
from guildbot.bot.scheduler.recurrence import Recurrence
from tests.bot.features.calendar.test_facilitator_phrasings import CASES as FACILITATOR_CASES
from tests.bot.features.calendar.test_phrases import REAL_PHRASES

NOW = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
BEFORE_FALL_BACK = datetime(2026, 10, 26, 12, 0, tzinfo=UTC)  # Mon 26 Oct, 08:00 in Toronto
BEFORE_SPRING_FORWARD = datetime(2027, 3, 8, 14, 0, tzinfo=UTC)  # Mon 8 Mar, 09:00 in Toronto
TORONTO, PARIS, VANCOUVER = "America/Toronto", "Europe/Paris", "America/Vancouver"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def instants(when: When, count: int) -> list[datetime]:
    """The first occurrences as Guildbot's scheduler expands them."""
    if when.rrule is None:
        return [when.start]
    recurrence = Recurrence(when.rrule, when.local_start, when.timezone)
    return [o.at for o in recurrence.between(when.start, when.start + timedelta(days=800), count)]


class Twin(NamedTuple):
    french: str
    english: str
    zone: str = TORONTO
    now: datetime = NOW
    # The instants both must give (UTC), where the case is about them; else only equal.
    expected: tuple[datetime, ...] = ()


TWINS = [
    # The issue's own phrases.
    Twin("tous les mardis 14 h", "every Tuesday 14:00"),
    Twin(
        "le premier jeudi de chaque mois 14 h pendant 1 h",
        "first Thursday of each month 14:00 for 1h",
        expected=(utc(2026, 11, 5, 19), utc(2026, 12, 3, 19), utc(2027, 1, 7, 19)),
    ),
    Twin(
        "chaque jour ouvrable à 9 h jusqu'au 30 juin 2027",
        "every weekday at 9:00 until 30 June 2027",
    ),
    Twin("demain 14 h", "tomorrow 14:00", expected=(utc(2026, 11, 3, 19),)),
    Twin("demain midi", "tomorrow at noon", expected=(utc(2026, 11, 3, 17),)),
    # Days.
    Twin("aujourd'hui 23 h", "today 23:00"),
    Twin("aujourd’hui à 18 h 15", "today at 18:15"),
    Twin("après-demain 10 h", "in 2 days 10:00"),
    Twin("apres demain 10 h", "in 2 days 10:00"),
    Twin("jeudi prochain 14 h", "next Thursday 2pm"),
    Twin("Jeudi 14 h", "Thursday 14:00"),
    Twin("JEUDI 14H", "Thursday 14:00"),
    Twin("dans 3 jours 14 h 30", "in 3 days 14:30"),
    Twin("dans deux semaines à 9 h", "in 2 weeks at 9:00"),
    Twin("le 3 décembre 2026 à 14 h", "3 December 2026 14:00", expected=(utc(2026, 12, 3, 19),)),
    Twin("le 3 decembre 14 h", "Dec 3 14:00"),
    Twin("3/12/2026 14h", "2026-12-03 14:00"),
    Twin("jeu. 3 déc. 2026 14 h", "Thu 3 Dec 2026 14:00"),
    Twin("le 3 Février 2027 10 h", "3 Feb 2027 10:00"),
    Twin("le 3 fevrier 2027 10 h", "3 Feb 2027 10:00"),
    Twin("le 1er décembre 9 h", "1 Dec 9:00"),
    Twin("mardi 10 novembre midi", "Tuesday 10 Nov noon"),
    Twin("le 15 à 9 h", "the 15th at 9am"),
    # Times and durations.
    Twin("demain 14h30", "tomorrow 14:30"),
    Twin("demain de 14 h à 15 h 30", "tomorrow 2pm-3:30pm"),
    Twin("demain de 14 h jusqu'à 16 h", "tomorrow 14:00-16:00"),
    Twin("mercredi 4 novembre de midi à 13 h", "Wed 4 Nov noon-1pm"),
    Twin("demain 14 h pendant 90 min", "tomorrow 14:00 for 90 minutes"),
    Twin("demain 14 h pendant 1 h 30", "tomorrow 14:00 for 1h 30m"),
    Twin("demain 14 h pendant 1 h", "tomorrow 14:00 for 1h"),
    Twin("demain 14 h pendant une demi-heure", "tomorrow 14:00 for half an hour"),
    Twin("demain 14 h pendant 2 heures", "tomorrow 14:00 for 2 hours"),
    Twin("demain minuit", "tomorrow at midnight"),
    Twin("demain 8 h du soir", "tomorrow at 8 in the evening"),
    Twin("lundi 3 h de l'après-midi", "Monday 3 in the afternoon"),
    # Repeats.
    Twin("chaque semaine le mercredi 10 h", "weekly on Wednesday 10:00"),
    Twin("toutes les deux semaines le mercredi 10 h", "every 2 weeks on Wednesday 10:00"),
    Twin("un jeudi sur deux 13 h", "every other Thursday 13:00"),
    Twin("tous les mois le 15 à 9 h", "monthly on the 15th 9:00"),
    Twin("le 15 de chaque mois 9 h", "the 15th of every month 9:00"),
    Twin("tous les trois mois le 15 à 9 h", "every 3 months on the 15th 9:00"),
    Twin("le dernier vendredi du mois 16 h", "last Friday of the month 16:00"),
    Twin("chaque premier lundi 10 h", "every first Monday 10:00"),
    Twin("tous les jours 8 h 30", "daily 8:30"),
    Twin("quotidiennement à 7 h", "daily at 7:00"),
    Twin("du lundi au vendredi 9 h", "every weekday 9:00"),
    Twin("tous les mardis et jeudis 10 h", "every Tuesday and Thursday 10:00"),
    Twin("tous les mardis 10 h pendant 10 semaines", "every Tuesday 10:00 for 10 weeks"),
    Twin("tous les mardis 10 h, 10 fois", "every Tuesday 10:00, 10 times"),
    Twin("tous les mardis 10 h à partir du 1er décembre", "every Tuesday 10:00 from 1 Dec"),
    Twin("chaque année à partir du 3 décembre 2026 10 h", "yearly from 3 Dec 2026 10:00"),
    # Zones.
    Twin("demain 14 h America/Vancouver", "tomorrow 14:00 America/Vancouver"),
    Twin("demain 14 h heure de l'Est", "tomorrow 14:00 America/Toronto", zone=PARIS),
    Twin("le 3 décembre 2026 14 h heure de Paris", "2026-12-03 14:00 Europe/Paris"),
    Twin("demain 9 h HNP", "tomorrow 9:00 America/Vancouver"),
    # Across the change back to standard time in Toronto (Sunday 1 Nov 2026).
    Twin(
        "tous les mardis à 10 h",
        "every Tuesday at 10:00",
        now=BEFORE_FALL_BACK,
        expected=(utc(2026, 10, 27, 14), utc(2026, 11, 3, 15), utc(2026, 11, 10, 15)),
    ),
    Twin(
        "chaque jour ouvrable 9 h",
        "every weekday 9:00",
        now=datetime(2026, 10, 30, 12, tzinfo=UTC),
        expected=(utc(2026, 10, 30, 13), utc(2026, 11, 2, 14), utc(2026, 11, 3, 14)),
    ),
    Twin(
        "dimanche 1er novembre 2026 1 h 30",
        "Sun 1 Nov 2026 01:30",
        now=BEFORE_FALL_BACK,
        expected=(utc(2026, 11, 1, 5, 30),),  # the first 01:30, still EDT (RFC 5545)
    ),
    # Across the change to summer time in Toronto (Sunday 14 Mar 2027).
    Twin(
        "samedi 9 h chaque semaine",
        "weekly on Saturday at 09:00",
        now=utc(2027, 3, 10, 12),
        expected=(utc(2027, 3, 13, 14), utc(2027, 3, 20, 13), utc(2027, 3, 27, 13)),
    ),
    Twin(
        "le premier jeudi de chaque mois à 9 h",
        "monthly on the first Thursday 9:00",
        now=utc(2027, 2, 1, 12),
        expected=(utc(2027, 2, 4, 14), utc(2027, 3, 4, 14), utc(2027, 4, 1, 13)),
    ),
    Twin(
        "chaque lundi 9 h jusqu'au 15 mars 2027",
        "every Monday 9:00 until 15 Mar 2027",
        now=utc(2027, 3, 1, 12),
        expected=(utc(2027, 3, 1, 14), utc(2027, 3, 8, 14), utc(2027, 3, 15, 13)),
    ),
    Twin(
        "le 14 mars 2027 à 2 h 30",
        "Sun 14 Mar 2027 02:30",
        now=BEFORE_SPRING_FORWARD,
        expected=(utc(2027, 3, 14, 7, 30),),  # 02:30 does not exist: 03:30 EDT
    ),
    Twin(
        "tous les jours à 9 h pendant 30 min",
        "daily at 9:00 for 30m",
        zone=VANCOUVER,
        now=utc(2027, 3, 13, 12),
        expected=(utc(2027, 3, 13, 17), utc(2027, 3, 14, 16), utc(2027, 3, 15, 16)),
    ),
    # Across Europe's change (Sunday 28 Mar 2027).
    Twin(
        "tous les samedis et dimanches à 10 h heure de Paris",
        "every Saturday and Sunday at 10:00 Europe/Paris",
        now=utc(2027, 3, 22, 12),
        expected=(utc(2027, 3, 27, 9), utc(2027, 3, 28, 8), utc(2027, 4, 3, 8)),
    ),
]


def test_there_are_at_least_forty_twins() -> None:
    assert len(TWINS) >= 40
    assert len({twin.french for twin in TWINS}) == len(TWINS)


@pytest.mark.parametrize("twin", TWINS, ids=[twin.french for twin in TWINS])
def test_a_french_phrase_means_the_same_instants_as_its_english_twin(twin: Twin) -> None:
    french = parse_when_fr(twin.french, twin.zone, twin.now)
    english = parse_when(twin.english, twin.zone, twin.now)
    assert isinstance(english, When), english
    assert isinstance(french, When), (french, to_english(twin.french))
    assert french == english
    assert french.describe() == english.describe()
    assert instants(french, 6) == instants(english, 6)
    if twin.expected:
        assert instants(french, len(twin.expected)) == list(twin.expected)


def test_a_series_that_ends_ends_on_the_same_day_in_both_languages() -> None:
    french = parse_when_fr("chaque jour ouvrable à 9 h jusqu'au 30 juin 2027", TORONTO, NOW)
    assert isinstance(french, When) and french.repeat is not None
    assert french.rrule == "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20270630T235959"
    everything = instants(french, 400)
    assert everything[-1] == utc(2027, 6, 30, 13)  # 09:00 EDT on Wednesday 30 June
    assert len(everything) == 172


@pytest.mark.parametrize(
    ("phrase", "problem"),
    [
        ("le 31 février 10 h", "February has no day 31."),
        ("31 fevrier 2027 à 10 h", "February has no day 31."),
        ("le 29 février 2027 10 h", "February in 2027 has no day 29."),
        ("31/02/2027 10 h", "February 2027 has no day 31."),
        ("le 31 avril 9 h", "April has no day 31."),
        ("demain 25 h", "as a time of day."),
        ("hier 10 h", "I couldn't read “hier” as a date."),
        ("demain 14 h pendant 30 jours", "A duration of 30d doesn't work"),
        ("demain 14 h heure de Atlantide", "I couldn't read"),
    ],
)
def test_a_french_date_that_does_not_exist_gets_the_polite_error(phrase: str, problem: str) -> None:
    read = parse_when_fr(phrase, TORONTO, NOW)
    assert isinstance(read, PhraseError)
    assert problem in read.problem
    assert read.example


def test_folding_keeps_every_position() -> None:
    typed = "Réunion d’équipe Jeudi 3 FÉVRIER à 14 h"
    folded = fold(typed)
    assert folded == "reunion d'equipe jeudi 3 fevrier a 14 h"
    assert len(folded) == len(typed)


_FRENCH_WORDS = [
    *[
        "tous",
        "toutes",
        "les",
        "chaque",
        "le",
        "la",
        "du",
        "de",
        "des",
        "à",
        "a",
        "et",
        "premier",
        "dernière",
        "deuxième",
        "mois",
        "semaine",
    ],
    *[
        "semaines",
        "jour",
        "jours",
        "ouvrable",
        "ouvrables",
        "an",
        "année",
        "fois",
        "séances",
        "pendant",
        "durant",
        "sur",
        "deux",
    ],
    *[
        "trois",
        "quinze",
        "huit",
        "sept",
        "un",
        "une",
        "demi-heure",
        "demie",
        "quart",
        "d'heure",
        "heure",
        "heures",
        "h",
        "min",
    ],
    *[
        "midi",
        "minuit",
        "matin",
        "soir",
        "après-midi",
        "aujourd'hui",
        "aujourd’hui",
        "demain",
        "après-demain",
    ],
    *[
        "prochain",
        "prochaine",
        "dans",
        "jusqu'au",
        "jusqu’à",
        "jusqu'a",
        "partir",
        "compter",
        "ce",
        "cet",
    ],
    *[
        "lundi",
        "mardis",
        "Mercredi",
        "JEUDI",
        "vendredi",
        "samedi",
        "dimanches",
        "lun.",
        "mar",
        "jeu.",
        "ven",
    ],
    *[
        "janvier",
        "Février",
        "fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "aout",
        "sept",
        "oct",
        "déc.",
    ],
    *[
        "14",
        "14h",
        "14h30",
        "9",
        "h",
        "30",
        "1er",
        "1re",
        "2e",
        "31",
        "29",
        "2026",
        "2027",
        "3/12/2026",
        "31/02",
        "12:00",
        "0",
        "99",
        "-",
    ],
    *[
        "heure",
        "de",
        "l'Est",
        "HNE",
        "hae",
        "Paris",
        "America/Toronto",
        "Europe/Paris",
        "capacité",
        ":",
        "lieu",
        ",",
        ";",
    ],
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(
        st.one_of(st.sampled_from(_FRENCH_WORDS), st.text(max_size=8)), min_size=1, max_size=14
    ),
    zone=st.sampled_from([TORONTO, PARIS, VANCOUVER, "America/St_Johns", "Nowhere/Else"]),
    now=st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2080, 1, 1), timezones=st.just(UTC)
    ),
)
def test_french_ish_phrases_are_read_or_politely_refused(
    words: list[str], zone: str, now: datetime
) -> None:
    read = parse_when_fr(" ".join(words), zone, now)
    assert isinstance(read, When | PhraseError)
    if isinstance(read, PhraseError):
        assert read.problem and read.example
    else:
        assert read.start > now
        assert read == parse_when(read.describe(), read.timezone, now)


def test_what_is_said_before_saving_is_carried_as_data_for_each_language() -> None:
    numeric = parse_when_fr("3/12/2026 14 h", TORONTO, NOW)
    assert isinstance(numeric, When)
    assert numeric.readings == (
        NumericDateRead("3/12/2026", date(2026, 12, 3), "day first", date(2026, 3, 12)),
    )
    assert numeric.said == (
        "I read 3/12/2026 as 3 December 2026, day first; if you meant 12 March 2026, write "
        "2026-03-12.",
    )
    skipped = parse_when_fr("le 14 mars 2027 à 2 h 30", TORONTO, BEFORE_SPRING_FORWARD)
    assert isinstance(skipped, When)
    assert skipped.noted() == [
        TimeSkipped(datetime(2027, 3, 14, 2, 30), datetime(2027, 3, 14, 3, 30), TORONTO)
    ]
    series = parse_when_fr("chaque dimanche 2 h 30", TORONTO, BEFORE_SPRING_FORWARD)
    assert isinstance(series, When) and series.readings == ()
    assert series.noted() == [
        TimeSkipped(datetime(2027, 3, 14, 2, 30), datetime(2027, 3, 14, 3, 30), TORONTO)
    ]
    assert len(series.noted()) == len(series.notes())
    abbreviated = parse_when("tomorrow 9:00 PST", TORONTO, NOW)
    assert isinstance(abbreviated, When)
    assert abbreviated.noted() == [AbbreviationRead("PST", VANCOUVER)]
    assert abbreviated.notes() == ["I read PST as Pacific time (America/Vancouver)."]


def test_an_english_phrase_rewritten_as_french_is_read_the_same() -> None:
    # A French facilitator may type English: what the French rewriting leaves of the English
    # suites' phrases reads to the same time (or the same refusal).
    checked = 0
    for phrase, zone, now, _expected in REAL_PHRASES:
        assert parse_when(to_english(phrase), zone, now) == parse_when(phrase, zone, now), phrase
        checked += 1
    for case in FACILITATOR_CASES:
        rewritten = parse_when(to_english(case.phrase), case.zone, NOW, day_first=case.day_first)
        assert rewritten == parse_when(case.phrase, case.zone, NOW, day_first=case.day_first)
        checked += 1
    assert checked >= 80
