"""Times as facilitators in Toronto, London, Paris and St John's write them, with the instants
they mean. The expected times are written as wall-clock times where each facilitator is (or
in the zone the phrase names), and turned into instants by zoneinfo, not by the parser.

"Now" is Monday 2 Nov 2026, 14:00 UTC: 09:00 in Toronto (the day after clocks went back),
14:00 in London, 15:00 in Paris, 10:30 in St John's.
"""

from datetime import UTC, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

import pytest

from guildbot.bot.features.calendar.phrases import When, parse_when
from guildbot.bot.scheduler.recurrence import Recurrence

NOW = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
TORONTO, LONDON, PARIS, ST_JOHNS = (
    "America/Toronto",
    "Europe/London",
    "Europe/Paris",
    "America/St_Johns",
)


class Case(NamedTuple):
    phrase: str
    zone: str
    local: list[str]  # the first occurrences, "YYYY-MM-DD HH:MM" in `shown_in`
    shown_in: str = ""  # where `local` is wall-clock time: the facilitator's zone by default
    day_first: bool = False
    total: int | None = None  # how many occurrences in all, for a series that ends


CASES = [
    # Toronto (numeric dates month first, as en-US writes them)
    Case("next Thursday at 2pm", TORONTO, ["2026-11-05 14:00"]),
    Case("tomorrow at 3 in the afternoon", TORONTO, ["2026-11-03 15:00"]),
    Case("Friday 12:00 for 45 minutes", TORONTO, ["2026-11-06 12:00"]),
    Case(
        "every Wednesday at 10:30",
        TORONTO,
        ["2026-11-04 10:30", "2026-11-11 10:30", "2026-11-18 10:30"],
    ),
    Case(
        "every other Thursday 13:00",
        TORONTO,
        ["2026-11-05 13:00", "2026-11-19 13:00", "2026-12-03 13:00"],
    ),
    Case("the 15th at 9am", TORONTO, ["2026-11-15 09:00"]),
    Case("Tuesday the 10th at noon", TORONTO, ["2026-11-10 12:00"]),
    Case("Dec 3 2pm-3:30pm", TORONTO, ["2026-12-03 14:00"]),
    Case("12/3 14:00", TORONTO, ["2026-12-03 14:00"]),
    Case(
        "monthly on the first Tuesday 11:00",
        TORONTO,
        ["2026-11-03 11:00", "2026-12-01 11:00", "2027-01-05 11:00"],
    ),
    Case(
        "every weekday 8:45 for 15m",
        TORONTO,
        ["2026-11-03 08:45", "2026-11-04 08:45", "2026-11-05 08:45", "2026-11-06 08:45"],
    ),
    Case(
        "daily at 9:00 for 2 weeks",
        TORONTO,
        ["2026-11-03 09:00", "2026-11-04 09:00"],
        total=14,
    ),
    Case("2026-12-10 16:00 PST", TORONTO, ["2026-12-10 16:00"], "America/Vancouver"),
    Case(
        "weekly on Monday 17:00 until Dec 14",
        TORONTO,
        ["2026-11-02 17:00", "2026-11-09 17:00"],
        total=7,
    ),
    Case("in 3 days at 10:00", TORONTO, ["2026-11-05 10:00"]),
    Case("today at 4:30pm", TORONTO, ["2026-11-02 16:30"]),
    Case("Thursday 3 December 2026 9:30", TORONTO, ["2026-12-03 09:30"]),
    Case(
        "every Tuesday and Thursday 12:00, 4 times",
        TORONTO,
        ["2026-11-03 12:00", "2026-11-05 12:00", "2026-11-10 12:00", "2026-11-12 12:00"],
        total=4,
    ),
    Case("Sun 7 Mar 2027 10:00", TORONTO, ["2027-03-07 10:00"]),
    Case(
        "weekly on Saturday at 09:00 from Mar 6 2027",
        TORONTO,
        ["2027-03-06 09:00", "2027-03-13 09:00", "2027-03-20 09:00"],
    ),
    Case("noon on Nov 20", TORONTO, ["2026-11-20 12:00"]),
    Case("Nov 30 at 8:00 AM EST", TORONTO, ["2026-11-30 08:00"]),
    # London (day first, as en-GB writes dates)
    Case("tomorrow 10:00", LONDON, ["2026-11-03 10:00"], day_first=True),
    Case("Thursday 18:30 for 2 hours", LONDON, ["2026-11-05 18:30"], day_first=True),
    Case("3/12 14:00", LONDON, ["2026-12-03 14:00"], day_first=True),
    Case("25/12/2026 11:00", LONDON, ["2026-12-25 11:00"], day_first=True),
    Case(
        "every Monday 9:30 for 4 weeks",
        LONDON,
        ["2026-11-09 09:30", "2026-11-16 09:30", "2026-11-23 09:30", "2026-11-30 09:30"],
        day_first=True,
        total=4,
    ),
    Case(
        "last Friday of each month 16:00",
        LONDON,
        ["2026-11-27 16:00", "2026-12-25 16:00", "2027-01-29 16:00"],
        day_first=True,
    ),
    Case("the 1st at 10am", LONDON, ["2026-12-01 10:00"], day_first=True),
    Case("2026-11-20 13:00 CET", LONDON, ["2026-11-20 12:00"], day_first=True),
    Case("Wed 11 Nov 12:30", LONDON, ["2026-11-11 12:30"], day_first=True),
    Case(
        "fortnightly on Tuesday 14:00",
        LONDON,
        ["2026-11-03 14:00", "2026-11-17 14:00", "2026-12-01 14:00"],
        day_first=True,
    ),
    Case("in 2 weeks at 10:00", LONDON, ["2026-11-16 10:00"], day_first=True),
    Case(
        "every day at 7 in the morning",
        LONDON,
        ["2026-11-03 07:00", "2026-11-04 07:00"],
        day_first=True,
    ),
    Case(
        "daily 08:00 until 6 Nov",
        LONDON,
        ["2026-11-03 08:00", "2026-11-04 08:00"],
        day_first=True,
        total=4,
    ),
    Case("Saturday 8 in the evening", LONDON, ["2026-11-07 20:00"], day_first=True),
    Case("2027-03-28 09:00", LONDON, ["2027-03-28 09:00"], day_first=True),
    Case(
        "every Sunday 10:00",
        LONDON,
        ["2026-11-08 10:00", "2026-11-15 10:00"],
        day_first=True,
    ),
    # Paris (day first)
    Case("tomorrow at 9", PARIS, ["2026-11-03 09:00"], day_first=True),
    Case("3/12 18:00", PARIS, ["2026-12-03 18:00"], day_first=True),
    Case("Thursday 5 November 19:00", PARIS, ["2026-11-05 19:00"], day_first=True),
    Case(
        "every first Monday 12:15",
        PARIS,
        ["2026-12-07 12:15", "2027-01-04 12:15", "2027-02-01 12:15"],
        day_first=True,
    ),
    Case(
        "every 3 weeks on Friday 11:00",
        PARIS,
        ["2026-11-06 11:00", "2026-11-27 11:00", "2026-12-18 11:00"],
        day_first=True,
    ),
    Case(
        "the 2nd of every month 9:00",
        PARIS,
        ["2026-12-02 09:00", "2027-01-02 09:00", "2027-02-02 09:00"],
        day_first=True,
    ),
    Case("Friday 14:00-17:30", PARIS, ["2026-11-06 14:00"], day_first=True),
    Case("2026-11-04 10:00 UTC+1", PARIS, ["2026-11-04 10:00"], day_first=True),
    Case("2026-11-04 10:00 GMT", PARIS, ["2026-11-04 11:00"], day_first=True),
    # 02:30 does not exist on 28 March 2027 in Paris: the clocks go from 02:00 to 03:00.
    Case("Sun 28 Mar 2027 02:30", PARIS, ["2027-03-28 03:30"], day_first=True),
    Case("2027-10-31 09:30", PARIS, ["2027-10-31 09:30"], day_first=True),
    Case(
        "every Wednesday 12:00 for 6 weeks",
        PARIS,
        ["2026-11-04 12:00", "2026-11-11 12:00"],
        day_first=True,
        total=6,
    ),
    Case(
        "weekly on Tuesday at 3 in the afternoon",
        PARIS,
        ["2026-11-03 15:00", "2026-11-10 15:00"],
        day_first=True,
    ),
    Case("31/12 23:00", PARIS, ["2026-12-31 23:00"], day_first=True),
    # St John's (half an hour off everyone; month first)
    Case("tomorrow 2pm", ST_JOHNS, ["2026-11-03 14:00"]),
    Case("Dec 3 2pm", ST_JOHNS, ["2026-12-03 14:00"]),
    Case("every Thursday 12:30", ST_JOHNS, ["2026-11-05 12:30", "2026-11-12 12:30"]),
    Case("2026-12-03 14:00 EST", ST_JOHNS, ["2026-12-03 14:00"], TORONTO),
    Case("2026-12-03 14:00 NST", TORONTO, ["2026-12-03 14:00"], ST_JOHNS),
    Case(
        "monthly on the last Friday 15:00",
        ST_JOHNS,
        ["2026-11-27 15:00", "2026-12-25 15:00"],
    ),
    Case("the 20th at 1:30pm", ST_JOHNS, ["2026-11-20 13:30"]),
    Case("2027-03-14 09:00", ST_JOHNS, ["2027-03-14 09:00"]),
    Case(
        "every 2 weeks on Monday 10:00 for 6 weeks",
        ST_JOHNS,
        ["2026-11-09 10:00", "2026-11-23 10:00", "2026-12-07 10:00"],
        total=3,
    ),
    Case("Friday the 13th at 9:00", ST_JOHNS, ["2026-11-13 09:00"]),
    Case("tomorrow at 10 at night", ST_JOHNS, ["2026-11-03 22:00"]),
    Case("Thu 12 Nov 11:00 ADT", ST_JOHNS, ["2026-11-12 11:00"], "America/Halifax"),
]


def instants(when: When, limit: int) -> list[datetime]:
    if when.rrule is None:
        return [when.start]
    recurrence = Recurrence(when.rrule, when.local_start, when.timezone)
    return [o.at for o in recurrence.between(when.start, when.start + timedelta(days=900), limit)]


def instant(local: str, zone: str) -> datetime:
    return datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def test_there_are_at_least_sixty_phrasings_from_four_places() -> None:
    assert len(CASES) >= 60
    assert {case.zone for case in CASES} == {TORONTO, LONDON, PARIS, ST_JOHNS}


@pytest.mark.parametrize("case", CASES, ids=[f"{c.zone.split('/')[1]}: {c.phrase}" for c in CASES])
def test_a_facilitators_phrase_means_what_they_meant(case: Case) -> None:
    when = parse_when(case.phrase, case.zone, NOW, day_first=case.day_first)
    assert isinstance(when, When), when
    expected = [instant(local, case.shown_in or case.zone) for local in case.local]
    found = instants(when, 200)
    assert found[: len(expected)] == expected
    if case.total is not None:
        assert len(found) == case.total
    # What is echoed before saving reads back to the same thing.
    assert parse_when(when.describe(), case.zone, NOW, day_first=case.day_first) == when
