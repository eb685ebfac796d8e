"""The dashboard's aggregates counted in the database, on SQLite and PostgreSQL: a pair's
first tie is the one that counts, in the period it was made, by its members' departments."""

from __future__ import annotations

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
    Question,
)
from guildbot.storage.repositories.dashboard import NetworkFigures, NewTies

START = datetime(2026, 10, 1, tzinfo=UTC)
END = datetime(2027, 1, 1, tzinfo=UTC)
BEFORE = START - timedelta(days=30)
DURING = START + timedelta(days=30)
# member id: department id (None: not given)
PEOPLE = {1: 1, 2: 1, 3: 2, 4: 2, 5: None, 6: 1}


async def seed(app: Guildbot, rounds: list[tuple[datetime, list[tuple[list[int], bool]]]],
               questions: list[tuple[int, int | None, datetime]]) -> None:  # fmt: skip
    """Rounds of groups (members, whether someone said "We met"), and questions (asker,
    helper, when) in community 1; community 2 has the same history, which must not count."""
    created = datetime(2026, 1, 1, tzinfo=UTC)
    rows: dict[type, list[dict[str, Any]]] = {
        Department: [{"id": 1, "name": "Finance"}, {"id": 2, "name": "Health"}],
        Member: [
            {
                "id": n,
                "display_name": f"P{n}",
                "department_id": d,
                "timezone": "UTC",
                "locale": "en",
                "available": True,
                "is_admin": False,
                "created_at": created,
            }
            for n, d in PEOPLE.items()
        ],
        Community: [
            {"id": c, "name": f"C{c}", "slug": f"c{c}", "description": "", "created_at": created}
            for c in (1, 2)
        ],
        CoffeeProgram: [
            {
                "id": c,
                "community_id": c,
                "platform": "slack",
                "workspace_id": "T1",
                "frequency": "weekly",
                "local_time": "10:00",
                "timezone": "UTC",
                "created_at": created,
                "updated_at": created,
            }
            for c in (1, 2)
        ],
        CoffeeRound: [],
        CoffeeGroup: [],
        CoffeeGroupMember: [],
        Question: [],
    }
    for program in (1, 2):
        for number, (at, groups) in enumerate(rounds):
            round_id = program * 100 + number
            rows[CoffeeRound].append(
                {"id": round_id, "program_id": program, "occurrence_at": at,
                 "local_date": f"{at:%Y-%m-%d}", "follow_up_at": at + timedelta(days=5),
                 "status": "introduced", "seed": 0, "created_at": at}
            )  # fmt: skip
            for position, (ids, met) in enumerate(groups):
                group_id = round_id * 10 + position
                rows[CoffeeGroup].append(
                    {"id": group_id, "round_id": round_id, "position": position,
                     "score": 1.0, "reason": ""}
                )  # fmt: skip
                rows[CoffeeGroupMember] += [
                    {"group_id": group_id, "member_id": m,
                     "response": "met" if met and m == ids[0] else None}
                    for m in ids
                ]  # fmt: skip
        for asker, helper, at in questions:
            rows[Question].append(
                {"asker_id": asker, "text": "", "tags": [], "community_id": program,
                 "platform": "slack", "workspace_id": "T1",
                 "status": "open" if helper is None else "connected", "helper_id": helper,
                 "created_at": at}
            )  # fmt: skip
    async with app.database.transaction() as session:
        for model, values in rows.items():
            if values:
                await session.execute(insert(model), values)


async def test_a_pairs_first_tie_counts_once_in_its_period(app: Guildbot) -> None:
    await seed(
        app,
        rounds=[
            (BEFORE, [([1, 3], True)]),  # 1-3 met before the period: never new in it
            (DURING, [([1, 3], True), ([2, 4, 5], True), ([1, 6], False)]),  # 1-6 never met
            (DURING + timedelta(days=7), [([2, 4], True)]),  # 2-4 again: not new
        ],
        questions=[
            (6, 1, DURING),  # Finance-Finance by a question
            (4, 2, DURING - timedelta(days=1)),  # 2-4 by a question first, a day earlier
            (3, 3, DURING),  # asked and took it themselves: no tie
            (5, None, DURING),  # nobody took it
            (6, 3, END),  # after the period
        ],
    )
    async with app.database.transaction() as session:
        ties = await NetworkFigures(session).new_ties(1, START, END)
    assert sorted(ties, key=str) == sorted(
        [
            NewTies("Finance", "Finance", "question", 1),  # 1-6
            NewTies("Finance", "Health", "question", 1),  # 2-4, the question came first
            NewTies(None, "Finance", "coffee", 1),  # 2-5 (not given sorts first)
            NewTies(None, "Health", "coffee", 1),  # 4-5
        ],
        key=str,
    )
    async with app.database.transaction() as session:
        before = await NetworkFigures(session).new_ties(1, BEFORE, START)
    assert before == [NewTies("Finance", "Health", "coffee", 1)]  # 1-3
