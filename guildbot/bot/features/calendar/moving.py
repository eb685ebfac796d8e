"""Which new date each old date of an event becomes when its time changes. Pure: naive
local starts in, a mapping out.

An edit carries each date's answers (going, waitlisted, maybe, can't go), its cancellation
and its reminders to the date it becomes:

1. **The same date.** When only the time of day (or the length, or the zone) moves, every
   occurrence keeps its date: the n-th upcoming Tuesday at 18:30 becomes the n-th upcoming
   Tuesday at 19:00.
2. **Else the same week** (the same month for a monthly series, the same year for a yearly
   one): when the days change (Tuesdays to Thursdays), the dates left over in a week are
   paired, in order, with the new dates left over in that week.
3. **A one-off moved is still that one event**, whatever its new date.

Pairing by week rather than simply in order is what a facilitator means by "we meet on
Thursdays now": the people coming on the 17th come that week's Thursday, and the week
cancelled for the holiday stays cancelled. Paired in order, a move made mid-week would
shift every answer one week early (the 17th's to the 12th) and the holiday week's
cancellation onto another week. Weeks start on Monday, as RFC 5545's do.

A date with no counterpart (a week the new pattern skips, this week's new day already
past) has no answers any more; its people are told (see `carrying`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime

Period = Callable[[datetime], tuple[int, ...]]
# How coarse each repeat's natural period is; a one-off (None) counts as daily.
_RANK = {None: 0, "DAILY": 0, "WEEKLY": 1, "MONTHLY": 2, "YEARLY": 3}


def _rank(old_freq: str | None, new_freq: str | None) -> int:
    return max(_RANK.get(old_freq, 0), _RANK.get(new_freq, 0))


def period_name(old_freq: str | None, new_freq: str | None) -> str:
    """What the period dates are paired within is called: "week", "month" or "year"."""
    return ("week", "week", "month", "year")[_rank(old_freq, new_freq)]


def period_of(old_freq: str | None, new_freq: str | None) -> Period:
    """The period dates are paired within: the coarser of the two repeats'."""
    rank = _rank(old_freq, new_freq)
    if rank <= 1:
        return lambda at: tuple(at.isocalendar())[:2]
    if rank == 2:
        return lambda at: (at.year, at.month)
    return lambda at: (at.year,)


def carry(
    old: Sequence[datetime], new: Sequence[datetime], period: Period, one_off: bool = False
) -> dict[datetime, datetime]:
    """Each old date's counterpart among the new dates (both sorted, upcoming only); dates
    with none are left out. No two old dates share a new one. `one_off`: both are one-off
    events, so the one date moves to the other."""
    if one_off:
        return {old[0]: new[0]} if old and new else {}
    by_date = {at.date(): at for at in new}
    moved: dict[datetime, datetime] = {}
    for at in old:
        same_day = by_date.get(at.date())
        if same_day is not None:
            moved[at] = same_day
    taken = set(moved.values())
    old_left: dict[tuple[int, ...], list[datetime]] = defaultdict(list)
    new_left: dict[tuple[int, ...], list[datetime]] = defaultdict(list)
    for at in old:
        if at not in moved:
            old_left[period(at)].append(at)
    for at in new:
        if at not in taken:
            new_left[period(at)].append(at)
    for key, dates in old_left.items():
        moved.update(zip(dates, new_left.get(key, ()), strict=False))
    return moved
