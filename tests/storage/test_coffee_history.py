"""A coffee program's history counted in the database equals the same history counted
naively in Python (the reference below: every pair, round by round), on random histories,
on SQLite and PostgreSQL; another program's rounds and rounds not introduced never count."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from guildbot.app.build import Guildbot
from guildbot.storage.models import (
    CoffeeGroup,
    CoffeeGroupMember,
    CoffeeProgram,
    CoffeeRound,
    Community,
    Department,
    Member,
)
from guildbot.storage.repositories.coffee_history import CoffeeHistory, FirstMeetings, History

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
PEOPLE = 14


@dataclass(frozen=True)
class Round:
    at: datetime
    status: str
    groups: tuple[tuple[tuple[int, str | None], ...], ...]  # (member, response) per group


def reference(rounds: Sequence[Round], departments: dict[int, int | None]) -> History:
    """The history counted the obvious way, as `coffee stats` used to."""
    introduced = sorted((r for r in rounds if r.status == "introduced"), key=lambda r: r.at)
    seen: set[frozenset[int]] = set()
    groups = placements = asked = answered = met = repeats = 0
    firsts: dict[str, list[int]] = {}
    for round_ in introduced:
        for group in round_.groups:
            ids = [m for m, _ in group]
            responses = {r for _, r in group if r}
            groups += 1
            placements += len(ids)
            if round_.at + timedelta(days=5) <= NOW:
                asked += 1
                answered += bool(responses)
                met += "met" in responses
            pairs = {frozenset((a, b)) for a in ids for b in ids if a < b}
            repeats += bool(pairs & seen)
            for pair in pairs - seen:
                a, b = sorted(pair)
                if departments[a] and departments[b] and departments[a] != departments[b]:
                    counts = firsts.setdefault(f"{round_.at:%Y-%m-%d}", [0, 0])
                    counts[0] += 1
                    counts[1] += "met" in responses
            seen |= pairs
    return History(
        round_dates=tuple(f"{r.at:%Y-%m-%d}" for r in introduced),
        groups=groups,
        placements=placements,
        asked=asked,
        answered=answered,
        met=met,
        repeats=repeats,
        first_meetings=tuple(FirstMeetings(d, n, m) for d, (n, m) in sorted(firsts.items())),
    )


def random_rounds(rng: random.Random) -> list[Round]:
    rounds = []
    for week in range(rng.randrange(0, 9)):
        people = rng.sample(range(1, PEOPLE + 1), rng.randrange(2, PEOPLE + 1))
        groups = []
        while len(people) >= 2:
            size = 3 if len(people) == 3 or (len(people) > 4 and rng.random() < 0.3) else 2
            chosen, people = people[:size], people[size:]
            groups.append(
                tuple((m, rng.choice([None, None, "met", "not_yet", "skipped"])) for m in chosen)
            )
        status = "introduced" if rng.random() < 0.85 else rng.choice(["skipped", "scheduled"])
        at = NOW - timedelta(weeks=8 - week, hours=rng.randrange(0, 3))
        rounds.append(Round(at, status, tuple(groups)))
    return rounds


async def store(app: Guildbot, program_id: int, rounds: Sequence[Round]) -> None:
    rows: dict[type, list[dict[str, Any]]] = {
        CoffeeRound: [],
        CoffeeGroup: [],
        CoffeeGroupMember: [],
    }
    rows[CoffeeProgram] = [
        {"id": program_id, "community_id": program_id, "platform": "slack",
         "workspace_id": "T1", "frequency": "weekly", "local_time": "10:00",
         "timezone": "UTC", "created_at": NOW, "updated_at": NOW}
    ]  # fmt: skip
    for number, round_ in enumerate(rounds):
        round_id = program_id * 1000 + number
        rows[CoffeeRound].append(
            {"id": round_id, "program_id": program_id, "occurrence_at": round_.at,
             "local_date": f"{round_.at:%Y-%m-%d}", "follow_up_at": round_.at + timedelta(days=5),
             "status": round_.status, "seed": 0, "created_at": round_.at}
        )  # fmt: skip
        for position, group in enumerate(round_.groups):
            group_id = round_id * 100 + position
            rows[CoffeeGroup].append(
                {"id": group_id, "round_id": round_id, "position": position, "score": 1.0,
                 "reason": ""}
            )  # fmt: skip
            rows[CoffeeGroupMember] += [
                {"group_id": group_id, "member_id": m, "response": r} for m, r in group
            ]
    async with app.database.transaction() as session:
        for model in (CoffeeProgram, CoffeeRound, CoffeeGroup, CoffeeGroupMember):
            if rows[model]:
                await session.execute(insert(model), rows[model])


async def test_the_database_counts_random_histories_as_the_reference_does(
    app: Guildbot,
) -> None:
    rng = random.Random(20261207)
    departments: dict[int, int | None] = {
        n: rng.choice([1, 2, 3, None]) for n in range(1, PEOPLE + 1)
    }
    async with app.database.transaction() as session:
        await session.execute(insert(Department), [{"id": d, "name": f"D{d}"} for d in (1, 2, 3)])
        await session.execute(
            insert(Member),
            [
                {"id": n, "display_name": f"P{n}", "department_id": d, "timezone": "UTC",
                 "locale": "en", "available": True, "is_admin": False, "created_at": NOW}
                for n, d in departments.items()
            ],
        )  # fmt: skip
        await session.execute(
            insert(Community),
            [
                {"id": c, "name": f"C{c}", "slug": f"c{c}", "description": "", "created_at": NOW}
                for c in range(1, 41)
            ],
        )
    histories = {program: random_rounds(rng) for program in range(1, 41)}
    for program, rounds in histories.items():
        await store(app, program, rounds)
    seen_repeats = seen_firsts = 0
    for program, rounds in histories.items():
        async with app.database.transaction() as session:
            counted = await CoffeeHistory(session).counted(program, NOW)
        assert counted == reference(rounds, departments), program
        seen_repeats += counted.repeats
        seen_firsts += len(counted.first_meetings)
    assert seen_repeats > 0 and seen_firsts > 0  # the histories exercise both
