"""The participation page: who takes part in a community, by department, in aggregate.

Counts of people under five are never shown (`suppression`); departments too small to show
on their own are pooled into one row, named but not counted one by one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from guildbot.bot.features.dashboard import suppression
from guildbot.storage.repositories.dashboard import RosterEntry

NO_DEPARTMENT = "No department given"
WINDOWS = (30, 90)


@dataclass(frozen=True, slots=True)
class DepartmentRow:
    """One row of the table: a department (or the pooled small ones) and its counts, None
    where a count is withheld."""

    name: str
    members: int | None
    active: tuple[int | None, ...]  # in the last 30 and 90 days
    joined: int | None  # in the last 90 days
    pooled: tuple[str, ...] = ()  # the departments this row stands for, when pooled


@dataclass(frozen=True, slots=True)
class Participation:
    """The page's figures."""

    members: int | None
    active: tuple[int | None, ...]
    joined: tuple[int | None, ...]
    rows: tuple[DepartmentRow, ...]


def participation(
    roster: Sequence[RosterEntry], active: Sequence[set[int]], now: datetime
) -> Participation:
    """The figures for a community's `roster`, given who was active in each of `WINDOWS`."""
    department = {entry.member_id: entry.department or NO_DEPARTMENT for entry in roster}
    sizes = Counter(department.values())
    own, pooled_names = suppression.pooled(sorted(sizes.items()))
    pooled = set(pooled_names)
    groups = [name for name, _ in own] + (["Other departments"] if pooled else [])

    def group_of(member_id: int) -> str:
        name = department[member_id]
        return "Other departments" if name in pooled else name

    def counts(members: set[int]) -> list[int]:
        counted = Counter(group_of(m) for m in members if m in department)
        return [counted[group] for group in groups]

    everyone = set(department)
    recent = {e.member_id for e in roster if e.joined_at >= now - timedelta(days=WINDOWS[-1])}
    member_column = suppression.column(counts(everyone))
    active_columns = [suppression.column(counts(a & everyone)) for a in active]
    joined_column = suppression.column(counts(recent))
    rows = tuple(
        DepartmentRow(
            name=group,
            members=member_column[index],
            active=tuple(column[index] for column in active_columns),
            joined=joined_column[index],
            pooled=tuple(pooled_names) if group == "Other departments" else (),
        )
        for index, group in enumerate(groups)
    )
    joined_by_window = tuple(
        suppression.shown(sum(1 for e in roster if e.joined_at >= now - timedelta(days=days)))
        for days in WINDOWS
    )
    return Participation(
        members=suppression.shown(len(everyone)),
        active=tuple(suppression.shown(len(a & everyone)) for a in active),
        joined=joined_by_window,
        rows=rows,
    )
