"""The network picture: which departments Guildbot connected that were not before.

A tie is two people connected through Guildbot — a coffee group that met, a question one
took from the other — and it is new in the period in which the pair was first connected.
New ties are counted in a department × department matrix (the diagonal: ties inside a
department), with Krackhardt and Stern's E-I index, (external − internal) / (external +
internal), per department and for the community: −1 when every tie stays inside, +1 when
every tie crosses. Departments with fewer than 5 members in the community are pooled, as on
the participation page; cells of 1 to 4 ties are withheld, and an index needs 5 ties.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from guildbot.bot.features.dashboard import suppression
from guildbot.bot.features.dashboard.participation import NO_DEPARTMENT, OTHER
from guildbot.storage.repositories.dashboard import NewTies


@dataclass(frozen=True, slots=True)
class Period:
    """A quarter or a year, in UTC: [start, end)."""

    key: str  # "2026-Q4", "2026"
    label: str
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Network:
    """The page's figures for one period."""

    period: Period
    groups: tuple[str, ...]  # the matrix's rows and columns, in order
    cells: tuple[tuple[int | None, ...], ...]  # new ties; None: 1 to 4, withheld
    index: tuple[float | None, ...]  # E-I per group (None: fewer than 5 ties)
    community_index: float | None
    new_ties: int
    external: int
    pooled: tuple[str, ...]
    by_how: Mapping[str, int]  # new ties by what made them


def periods(now: datetime) -> list[Period]:
    """The periods to choose from: this quarter and the three before, this year and last."""
    year, quarter = now.year, (now.month - 1) // 3 + 1
    chosen = []
    for _ in range(4):
        start = datetime(year, 3 * quarter - 2, 1, tzinfo=UTC)
        end_year, end_quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
        end = datetime(end_year, 3 * end_quarter - 2, 1, tzinfo=UTC)
        chosen.append(Period(f"{year}-Q{quarter}", f"{year} Q{quarter}", start, end))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    for whole in (now.year, now.year - 1):
        chosen.append(
            Period(
                str(whole),
                f"the year {whole}",
                datetime(whole, 1, 1, tzinfo=UTC),
                datetime(whole + 1, 1, 1, tzinfo=UTC),
            )
        )
    return chosen


def network(
    new_ties: Sequence[NewTies],
    community_sizes: Mapping[str, int],
    period: Period,
) -> Network:
    """The figures of the ties first made in `period`, counted by department pair
    (`community_sizes`: members per department in the community, which decides the
    pooling)."""
    own, pooled_names = suppression.pooled(sorted(community_sizes.items()))
    pooled = set(pooled_names)
    named = {name for name, _ in own}

    def group(department: str | None) -> str:
        name = department or NO_DEPARTMENT
        return name if name in named else OTHER

    counts: Counter[tuple[str, str]] = Counter()
    # Inside or across is a matter of real departments, pooled or not.
    inside: Counter[str] = Counter()
    across: Counter[str] = Counter()
    by_how: Counter[str] = Counter()
    for ties in new_ties:
        a, b = sorted((group(ties.first), group(ties.second)))
        counts[(a, b)] += ties.count
        by_how[ties.how] += ties.count
        if (ties.first or NO_DEPARTMENT) == (ties.second or NO_DEPARTMENT):
            inside[a] += ties.count
        else:
            across[a] += ties.count
            if b != a:
                across[b] += ties.count
    groups = [name for name, _ in own]
    if pooled or any(OTHER in pair for pair in counts):
        groups.append(OTHER)

    def cell(a: str, b: str) -> int:
        return counts[(a, b) if a <= b else (b, a)]

    matrix = tuple(tuple(_withheld(cell(a, b)) for b in groups) for a in groups)
    index = tuple(_ei(across[name], inside[name]) for name in groups)
    total = sum(by_how.values())
    external = total - sum(inside.values())
    return Network(
        period=period,
        groups=tuple(groups),
        cells=matrix,
        index=index,
        community_index=_ei(external, total - external),
        new_ties=total,
        external=external,
        pooled=tuple(sorted(pooled)),
        by_how=dict(by_how),
    )


def _withheld(count: int) -> int | None:
    """A cell: 0 and 5 or more as they are, 1 to 4 withheld."""
    return None if 0 < count < suppression.THRESHOLD else count


def _ei(external: int, internal: int) -> float | None:
    total = external + internal
    if total < suppression.THRESHOLD:
        return None
    return (external - internal) / total


@dataclass(frozen=True, slots=True)
class Node:
    name: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str


@dataclass(frozen=True, slots=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    ties: int
    between: str


def drawing(figures: Network, size: int = 480) -> tuple[tuple[Node, ...], tuple[Edge, ...]]:
    """Departments on a circle (in the matrix's order, so the picture is the same every
    time), joined by a line as thick as the log of their new ties where those are shown."""
    centre, radius = size / 2, size / 2 - 110
    count = max(1, len(figures.groups))
    nodes = []
    for position, name in enumerate(figures.groups):
        angle = -math.pi / 2 + 2 * math.pi * position / count
        cos, sin = math.cos(angle), math.sin(angle)
        anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"
        nodes.append(
            Node(
                name,
                round(centre + radius * cos, 1),
                round(centre + radius * sin, 1),
                round(centre + (radius + 14) * cos, 1),
                round(centre + (radius + 14) * sin, 1),
                anchor,
            )
        )
    edges = []
    for i, a in enumerate(nodes):
        for j in range(i + 1, len(nodes)):
            ties = figures.cells[i][j]
            if not ties:
                continue
            b = nodes[j]
            width = round(1 + 2 * math.log2(ties), 1)
            edges.append(Edge(a.x, a.y, b.x, b.y, width, ties, f"{a.name} and {b.name}"))
    return tuple(nodes), tuple(edges)
