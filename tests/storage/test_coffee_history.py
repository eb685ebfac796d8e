"""A coffee program's history counted in the database equals the same history counted
naively in Python (the reference below: every pair, round by round), on random histories,
on SQLite and PostgreSQL; another program's rounds and rounds not introduced never count."""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, update

from guildbot.app.build import Guildbot
from guildbot.storage import migrate
from guildbot.storage.models import (
    CoffeeGroup,
    CoffeeProgram,
    CoffeeRound,
    Community,
    Department,
    Member,
)
from guildbot.storage.repositories.coffee import CoffeeRepository
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


def program_rows(program_id: int) -> dict[str, Any]:
    return {"id": program_id, "community_id": program_id, "platform": "slack",
            "workspace_id": "T1", "frequency": "weekly", "local_time": "10:00",
            "timezone": "UTC", "created_at": NOW, "updated_at": NOW}  # fmt: skip


def round_rows(program_id: int, number: int, round_: Round) -> dict[str, Any]:
    return {"id": program_id * 1000 + number, "program_id": program_id,
            "occurrence_at": round_.at, "local_date": f"{round_.at:%Y-%m-%d}",
            "follow_up_at": round_.at + timedelta(days=5), "status": round_.status, "seed": 0,
            "created_at": round_.at}  # fmt: skip


async def store(app: Guildbot, program_id: int, rounds: Sequence[Round]) -> None:
    """The program's rounds, in time order, their groups stored as the round's executor
    stores them (which counts what each adds to the history), then the answers."""
    async with app.database.transaction() as session:
        await session.execute(insert(CoffeeProgram), [program_rows(program_id)])
        coffee = CoffeeRepository(session)
        for number, round_ in enumerate(rounds):
            await session.execute(insert(CoffeeRound), [round_rows(program_id, number, round_)])
            for position, group in enumerate(round_.groups):
                stored = await coffee.add_group(
                    program_id * 1000 + number, position, 1.0, "", group[0][0],
                    [m for m, _ in group],
                )  # fmt: skip
                for member_id, response in group:
                    if response:
                        await coffee.record_response(stored.id, member_id, response, round_.at)


def people(rng: random.Random) -> tuple[dict[int, int | None], dict[str, list[dict[str, Any]]]]:
    """Members in three departments or none, and the communities of the 40 programs."""
    departments: dict[int, int | None] = {
        n: rng.choice([1, 2, 3, None]) for n in range(1, PEOPLE + 1)
    }
    rows = {
        "departments": [{"id": d, "name": f"D{d}"} for d in (1, 2, 3)],
        "members": [
            {
                "id": n,
                "display_name": f"P{n}",
                "department_id": d,
                "timezone": "UTC",
                "locale": "en",
                "available": True,
                "is_admin": False,
                "created_at": NOW,
            }
            for n, d in departments.items()
        ],
        "communities": [
            {"id": c, "name": f"C{c}", "slug": f"c{c}", "description": "", "created_at": NOW}
            for c in range(1, 41)
        ],
    }
    return departments, rows


async def seed_people(app: Guildbot, rng: random.Random) -> dict[int, int | None]:
    departments, rows = people(rng)
    async with app.database.transaction() as session:
        for model in (Department, Member, Community):
            await session.execute(insert(model), rows[model.__tablename__])
    return departments


async def counted_as_the_reference(
    app: Guildbot, histories: dict[int, list[Round]], departments: dict[int, int | None]
) -> None:
    seen_repeats = seen_firsts = 0
    for program, rounds in histories.items():
        async with app.database.transaction() as session:
            counted = await CoffeeHistory(session).counted(program, NOW)
        assert counted == reference(rounds, departments), program
        seen_repeats += counted.repeats
        seen_firsts += len(counted.first_meetings)
    assert seen_repeats > 0 and seen_firsts > 0  # the histories exercise both


async def test_the_database_counts_random_histories_as_the_reference_does(
    app: Guildbot,
) -> None:
    rng = random.Random(20261207)
    departments = await seed_people(app, rng)
    histories = {program: random_rounds(rng) for program in range(1, 41)}
    for program, rounds in histories.items():
        await store(app, program, rounds)
    await counted_as_the_reference(app, histories, departments)


async def test_the_upgrade_counts_the_groups_formed_before_it(app: Guildbot) -> None:
    """Migration 0023's backfill gives each group formed before it (here: the counts reset)
    its repeat and new pairs as the reference counts them."""
    rng = random.Random(20261208)
    departments = await seed_people(app, rng)
    histories = {program: random_rounds(rng) for program in range(1, 41)}
    for program, rounds in histories.items():
        await store(app, program, rounds)
    async with app.database.transaction() as session:
        await session.execute(update(CoffeeGroup).values(repeated=False, new_pairs_across=0))
        connection = await session.connection()
        await connection.run_sync(_migration("0023_coffee_group_history")._backfill)
    await counted_as_the_reference(app, histories, departments)


def _migration(name: str) -> Any:
    path = migrate.MIGRATIONS / "versions" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
