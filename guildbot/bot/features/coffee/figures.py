"""What `coffee stats` counts: participation, meeting and repeat rates, and the new
connections across departments, from a program's history as the database counted it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from guildbot.storage.models import CoffeeParticipantStatus
from guildbot.storage.repositories.coffee_history import History


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
    history: History,
    skipped: int,
) -> Figures:
    """The stats of a program from its participants' statuses and its introduced rounds,
    counted (`now`: the figures' date)."""
    counts = Counter(statuses)
    participation = Participation(
        counts.get(CoffeeParticipantStatus.ACTIVE.value, 0),
        counts.get(CoffeeParticipantStatus.SNOOZED.value, 0),
        counts.get(CoffeeParticipantStatus.LEFT.value, 0),
        community_size,
    )
    rounds = len(history.round_dates)
    return Figures(
        participation=participation,
        rounds=rounds,
        skipped=skipped,
        groups=history.groups,
        people_per_round=history.placements / rounds if rounds else 0.0,
        meeting=Meeting(history.asked, history.answered, history.met),
        repeat_rate=100 * history.repeats / max(1, history.groups),
        connections=_by_quarter(history),
    )


def _quarter(local_date: str) -> str:
    year, month = int(local_date[:4]), int(local_date[5:7])
    return f"{year}-Q{(month - 1) // 3 + 1}"


def _by_quarter(history: History) -> tuple[tuple[str, int, int], ...]:
    """Per quarter with a round: the pairs from two departments grouped for the first time,
    and how many of them said they met."""
    quarters = {_quarter(date): [0, 0] for date in history.round_dates}
    for first in history.first_meetings:
        counts = quarters.setdefault(_quarter(first.local_date), [0, 0])
        counts[0] += first.pairs
        counts[1] += first.met
    return tuple((q, new, met) for q, (new, met) in sorted(quarters.items()))
