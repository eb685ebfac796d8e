"""Recurrences keep local wall-clock time across daylight-saving changes (RFC 5545 §3.3.5)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guildbot.bot.scheduler.recurrence import Recurrence, RecurrenceError

TORONTO = ZoneInfo("America/Toronto")
ST_JOHNS = ZoneInfo("America/St_Johns")


def instants(rule: str, start: datetime, zone: str, count: int) -> list[datetime]:
    recurrence = Recurrence(rule, start, zone)
    found: list[datetime] = []
    occurrence = recurrence.first()
    while occurrence is not None and len(found) < count:
        found.append(occurrence.at)
        occurrence = recurrence.after(occurrence.local)
    return found


@pytest.mark.parametrize(
    ("zone", "start"),
    [
        ("America/Toronto", datetime(2027, 2, 22, 9, 0)),  # over 14 March 2027
        ("America/Toronto", datetime(2027, 10, 18, 9, 0)),  # over 7 November 2027
        ("America/St_Johns", datetime(2027, 2, 22, 9, 0)),
        ("America/St_Johns", datetime(2027, 10, 18, 9, 0)),
        ("Europe/Paris", datetime(2027, 3, 15, 9, 0)),  # over 28 March 2027
    ],
)
def test_weekly_nine_oclock_stays_nine_oclock(zone: str, start: datetime) -> None:
    found = instants("FREQ=WEEKLY;BYDAY=MO", start, zone, 6)
    local = [at.astimezone(ZoneInfo(zone)) for at in found]
    assert [(t.hour, t.minute, t.weekday()) for t in local] == [(9, 0, 0)] * 6
    offsets = {at.astimezone(ZoneInfo(zone)).utcoffset() for at in found}
    assert len(offsets) == 2  # the series really crossed a change


def test_toronto_utc_hours_across_spring_forward() -> None:
    found = instants("FREQ=WEEKLY", datetime(2027, 3, 8, 9, 0), "America/Toronto", 2)
    assert found == [
        datetime(2027, 3, 8, 14, 0, tzinfo=UTC),  # EST, UTC-5
        datetime(2027, 3, 15, 13, 0, tzinfo=UTC),  # EDT, UTC-4
    ]


def test_spring_forward_gap_is_read_with_the_offset_before_the_gap() -> None:
    # 02:30 does not exist on 14 March 2027 in Toronto: RFC 5545 gives 03:30 EDT (07:30 UTC).
    found = instants("FREQ=DAILY", datetime(2027, 3, 13, 2, 30), "America/Toronto", 3)
    assert found[1] == datetime(2027, 3, 14, 7, 30, tzinfo=UTC)
    assert found[1].astimezone(TORONTO).strftime("%H:%M %Z") == "03:30 EDT"
    assert [f.astimezone(TORONTO).strftime("%H:%M") for f in (found[0], found[2])] == [
        "02:30",
        "02:30",
    ]


def test_fall_back_overlap_happens_once_at_the_first_one() -> None:
    found = instants("FREQ=DAILY", datetime(2027, 11, 6, 1, 30), "America/Toronto", 3)
    on_the_day = [f for f in found if f.astimezone(TORONTO).date().day == 7]
    assert on_the_day == [datetime(2027, 11, 7, 5, 30, tzinfo=UTC)]  # 01:30 EDT
    assert on_the_day[0].astimezone(TORONTO).strftime("%H:%M %Z") == "01:30 EDT"


def test_st_johns_half_hour_zone_gap_and_overlap() -> None:
    spring = instants("FREQ=DAILY", datetime(2027, 3, 14, 2, 30), "America/St_Johns", 1)
    assert spring == [datetime(2027, 3, 14, 6, 0, tzinfo=UTC)]  # 03:30 NDT (UTC-2:30)
    autumn = instants("FREQ=DAILY", datetime(2027, 11, 7, 1, 30), "America/St_Johns", 2)
    assert autumn[0] == datetime(2027, 11, 7, 4, 0, tzinfo=UTC)  # 01:30 NDT, once
    assert autumn[1].astimezone(ST_JOHNS).strftime("%H:%M") == "01:30"


def test_until_and_count_end_the_series() -> None:
    assert len(instants("FREQ=WEEKLY;COUNT=3", datetime(2027, 1, 4, 9), "UTC", 10)) == 3
    assert instants("FREQ=DAILY;UNTIL=20270102T235959", datetime(2027, 1, 1, 9), "UTC", 10) == [
        datetime(2027, 1, 1, 9, tzinfo=UTC),
        datetime(2027, 1, 2, 9, tzinfo=UTC),
    ]


@pytest.mark.parametrize("rule", ["FREQ=SOMETIMES", "every blue moon", "FREQ=WEEKLY;BYDAY=XX"])
def test_unreadable_rules_are_refused(rule: str) -> None:
    with pytest.raises(RecurrenceError):
        Recurrence(rule, datetime(2027, 1, 1, 9), "UTC")


@given(st.text(max_size=80))
def test_any_rule_text_is_accepted_or_refused_cleanly(rule: str) -> None:
    try:
        recurrence = Recurrence(rule, datetime(2027, 1, 1, 9), "America/Toronto")
    except RecurrenceError:
        return
    occurrence = recurrence.first()
    if occurrence is not None:
        assert occurrence.at.tzinfo is UTC
