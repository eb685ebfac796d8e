"""The participation page: who takes part in a community, by department, in aggregate.

Counts of people under five are never shown (`suppression`); departments too small to show
on their own are pooled into one row, named but not counted one by one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from guildbot.bot.features.dashboard import suppression

NO_DEPARTMENT = "No department given"
OTHER = "Other departments"
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
    departments: Sequence[tuple[str | None, int, tuple[int, ...]]],
    active: Sequence[Mapping[str | None, int]],
) -> Participation:
    """The figures from a community's members per department (with how many joined in
    each of `WINDOWS`) and, per window, how many in each department were active."""
    sizes = Counter[str]()
    joined = Counter[tuple[str, int]]()
    for name, members, joined_counts in departments:
        sizes[name or NO_DEPARTMENT] += members
        for window, count in enumerate(joined_counts):
            joined[(name or NO_DEPARTMENT, window)] += count
    own, pooled_names = suppression.pooled(sorted(sizes.items()))
    pooled = set(pooled_names)
    groups = [name for name, _ in own] + ([OTHER] if pooled else [])

    def in_group(counts: Mapping[str, int]) -> list[int]:
        grouped = Counter[str]()
        for name, count in counts.items():
            grouped[OTHER if name in pooled else name] += count
        return [grouped[group] for group in groups]

    active_named = [{(k or NO_DEPARTMENT): v for k, v in window.items()} for window in active]
    member_column = suppression.column(in_group(sizes))
    active_columns = [suppression.column(in_group(window)) for window in active_named]
    last = len(WINDOWS) - 1
    joined_column = suppression.column(in_group({name: joined[(name, last)] for name in sizes}))
    rows = tuple(
        DepartmentRow(
            name=group,
            members=member_column[index],
            active=tuple(column[index] for column in active_columns),
            joined=joined_column[index],
            pooled=tuple(pooled_names) if group == OTHER else (),
        )
        for index, group in enumerate(groups)
    )
    return Participation(
        members=suppression.shown(sum(sizes.values())),
        active=tuple(suppression.shown(sum(window.values())) for window in active),
        joined=tuple(
            suppression.shown(sum(joined[(name, w)] for name in sizes)) for w in range(len(WINDOWS))
        ),
        rows=rows,
    )
