"""Which new date each old date becomes when an event's time changes (`moving`): the same
date, else the same week (month, year), else none — never two old dates on one new one."""

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from guildbot.bot.features.calendar.moving import carry, period_name, period_of

WEEKLY = period_of("WEEKLY", "WEEKLY")


def weekly(first: datetime, n: int = 4, step: int = 7) -> list[datetime]:
    return [first + timedelta(days=step * i) for i in range(n)]


def test_a_new_time_of_day_keeps_every_date() -> None:
    old = weekly(datetime(2026, 11, 3, 18, 30))
    new = weekly(datetime(2026, 11, 3, 19, 0))
    assert carry(old, new, WEEKLY) == dict(zip(old, new, strict=True))


def test_new_days_keep_each_week_not_the_order() -> None:
    # Wednesdays to Mondays on Monday 2 November after 08:00: this week's Monday is gone.
    old = weekly(datetime(2026, 11, 4, 8))
    new = weekly(datetime(2026, 11, 9, 8))
    moved = carry(old, new, WEEKLY)
    assert datetime(2026, 11, 4, 8) not in moved  # its week has no Monday left
    assert moved[datetime(2026, 11, 11, 8)] == datetime(2026, 11, 9, 8)
    assert moved[datetime(2026, 11, 18, 8)] == datetime(2026, 11, 16, 8)


def test_several_days_a_week_are_paired_in_order_within_the_week() -> None:
    mon, wed = datetime(2026, 11, 9, 10), datetime(2026, 11, 11, 10)
    tue, thu = datetime(2026, 11, 10, 10), datetime(2026, 11, 12, 10)
    assert carry([mon, wed], [tue, thu], WEEKLY) == {mon: tue, wed: thu}
    # A day both patterns share keeps its date; the other pairs with what is left.
    fri = datetime(2026, 11, 13, 10)
    assert carry([mon, wed], [wed, fri], WEEKLY) == {wed: wed, mon: fri}


def test_a_fortnightly_series_leaves_the_weeks_it_skips_without_a_date() -> None:
    old = weekly(datetime(2026, 11, 3, 18), 4)
    new = weekly(datetime(2026, 11, 5, 18), 2, step=14)
    assert carry(old, new, WEEKLY) == {old[0]: new[0], old[2]: new[1]}


def test_a_monthly_series_pairs_within_the_month() -> None:
    period = period_of("MONTHLY", "MONTHLY")
    assert period_name("MONTHLY", "WEEKLY") == "month"
    # First Thursday to first Tuesday: 2 and 7 December are in different weeks.
    old = [datetime(2026, 11, 5, 14), datetime(2026, 12, 3, 14)]
    new = [datetime(2026, 11, 3, 14), datetime(2026, 12, 1, 14)]
    assert carry(old, new, period) == dict(zip(old, new, strict=True))


def test_a_one_off_moved_is_still_that_event_whatever_its_week() -> None:
    old, new = [datetime(2026, 11, 10, 10)], [datetime(2026, 12, 24, 16)]
    assert carry(old, new, WEEKLY, one_off=True) == {old[0]: new[0]}
    assert carry(old, new, WEEKLY) == {}


@given(
    st.lists(st.integers(0, 120), unique=True, max_size=30),
    st.lists(st.integers(0, 120), unique=True, max_size=30),
    st.integers(0, 23),
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
)
def test_no_new_date_receives_two_old_ones_and_a_same_date_is_kept(
    old_days: list[int], new_days: list[int], hour: int, freq: str
) -> None:
    start = datetime(2026, 11, 2)
    old = sorted(start + timedelta(days=d, hours=10) for d in old_days)
    new = sorted(start + timedelta(days=d, hours=hour) for d in new_days)
    period = period_of(freq, "WEEKLY")
    moved = carry(old, new, period)
    assert len(set(moved.values())) == len(moved)
    assert set(moved.values()) <= set(new)
    new_dates = {at.date() for at in new}
    for at in old:
        if at.date() in new_dates:
            assert moved[at].date() == at.date()
        elif at in moved:
            assert period(moved[at]) == period(at)
