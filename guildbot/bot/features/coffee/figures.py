"""What `coffee stats` counts: participation, meeting and repeat rates, and the new
connections across departments, from a program's rows (no database needed)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from guildbot.storage.models import CoffeeParticipantStatus
from guildbot.storage.repositories.coffee import GroupMemberRow, GroupRow, RoundRow


@dataclass(frozen=True, slots=True)
class Participation:
    """Who takes part, out of the community's members."""

    active: int
    snoozed: int
    left: int
    community_size: int


@dataclass(frozen=True, slots=True)
class Meeting:
    """Groups whose follow-up was asked, how many of them answered, and how many met."""

    asked: int
    answered: int
    met: int


@dataclass(frozen=True, slots=True)
class Figures:
    """A program's stats."""

    participation: Participation
    rounds: int  # introduced
    skipped: int  # skipped or missed
    groups: int
    people_per_round: float
    meeting: Meeting
    repeat_rate: float  # percent of groups in which some pair had met before
    connections: tuple[tuple[str, int, int], ...]  # (quarter, new cross-department pairs, met)


def figures(
    now: datetime,
    statuses: Iterable[str],
    community_size: int,
    rounds: Sequence[RoundRow],
    skipped: int,
    groups: Sequence[GroupRow],
    members: Sequence[GroupMemberRow],
    departments: Mapping[int, int],
) -> Figures:
    """The stats of a program from its participants' statuses, its introduced rounds (oldest
    first) with their groups and members, and its members' departments."""
    counts = Counter(statuses)
    participation = Participation(
        counts.get(CoffeeParticipantStatus.ACTIVE.value, 0),
        counts.get(CoffeeParticipantStatus.SNOOZED.value, 0),
        counts.get(CoffeeParticipantStatus.LEFT.value, 0),
        community_size,
    )
    repeat_rate, connections = _connections(rounds, groups, members, departments)
    return Figures(
        participation=participation,
        rounds=len(rounds),
        skipped=skipped,
        groups=len(groups),
        people_per_round=len(members) / len(rounds) if rounds else 0.0,
        meeting=_meeting(now, rounds, groups, members),
        repeat_rate=repeat_rate,
        connections=connections,
    )


def _meeting(
    now: datetime,
    rounds: Sequence[RoundRow],
    groups: Sequence[GroupRow],
    members: Sequence[GroupMemberRow],
) -> Meeting:
    asked = {r.id for r in rounds if r.follow_up_at <= now}
    closed = [g for g in groups if g.round_id in asked]
    responses: dict[int, set[str]] = {}
    for row in members:
        if row.response:
            responses.setdefault(row.group_id, set()).add(row.response)
    met = sum(1 for g in closed if "met" in responses.get(g.id, set()))
    answered = sum(1 for g in closed if responses.get(g.id))
    return Meeting(len(closed), answered, met)


def _connections(
    rounds: Sequence[RoundRow],
    groups: Sequence[GroupRow],
    members: Sequence[GroupMemberRow],
    departments: Mapping[int, int],
) -> tuple[float, tuple[tuple[str, int, int], ...]]:
    """The repeat rate, and per quarter the pairs who met for the first time across
    departments (and how many of their groups said they met)."""
    by_group: dict[int, list[int]] = {}
    met_groups: set[int] = set()
    for row in members:
        by_group.setdefault(row.group_id, []).append(row.member_id)
        if row.response == "met":
            met_groups.add(row.group_id)
    groups_of_round: dict[int, list[GroupRow]] = {}
    for group in groups:
        groups_of_round.setdefault(group.round_id, []).append(group)
    seen: set[frozenset[int]] = set()
    repeats = 0
    quarters: dict[str, list[int]] = {}
    for round_row in rounds:
        year, month = int(round_row.local_date[:4]), int(round_row.local_date[5:7])
        counts = quarters.setdefault(f"{year}-Q{(month - 1) // 3 + 1}", [0, 0])
        for group in groups_of_round.get(round_row.id, []):
            ids = by_group.get(group.id, [])
            pairs = {frozenset((a, b)) for a in ids for b in ids if a < b}
            if pairs & seen:
                repeats += 1
            for pair in pairs - seen:
                a, b = tuple(pair)
                if a in departments and b in departments and departments[a] != departments[b]:
                    counts[0] += 1
                    counts[1] += group.id in met_groups
            seen |= pairs
    rate = 100 * repeats / max(1, len(groups))
    return rate, tuple((q, new, met) for q, (new, met) in sorted(quarters.items()))
