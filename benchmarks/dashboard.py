"""The facilitator dashboard at 50,000 members and a year of history: each page's render time.

Seeds a fresh SQLite database (or PostgreSQL with `--postgres URL`) through the models, in
bulk: `--members` members in 25 departments of Zipf-like sizes, all in one community (its
facilitator, an organisation admin too, signs in); a year of history ending now — an audit
entry per member every few weeks, `--questions` routed questions (two invitations each, 70 %
taken, half of those resolved), RSVPs to 40 events, and weekly coffee rounds with `--coffee`
participants in pairs (60 % of groups answering "We met"), each group with what the round's
executor counts when it stores it. The database is analyzed, as a live one is. Then it
renders every page, the community's and the organisation's, through the real routes (an
aiohttp test client with a signed-in session) `--repeat` times and prints p50 and max per
page. Target (issue 18): p50 ≤ 300 ms per page.

    .venv/bin/python benchmarks/dashboard.py
    .venv/bin/python benchmarks/dashboard.py --members 5000 --repeat 5
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import insert, text

from guildbot.app.build import build
from guildbot.bot.clock import ManualClock
from guildbot.bot.config import Settings
from guildbot.bot.features.dashboard.web import COOKIE, dashboard_routes
from guildbot.storage.models import (
    AuditEntry,
    CalendarEvent,
    CoffeeGroup,
    CoffeeGroupMember,
    CoffeeProgram,
    CoffeeRound,
    Community,
    Department,
    EventRsvp,
    Invitation,
    Member,
    Membership,
    Question,
)

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
SEED = 20261207
SECRET = "benchmark-secret-benchmark-secret-benchmark"
PAGES = (
    *(
        f"/c/data{page}"
        for page in ("", "/questions", "/coffee", "/events", "/network?period=2026")
    ),
    *(f"/org{page}" for page in ("", "/participation", "/questions", "/network?period=2026")),
)
CHUNK = 5000


async def insert_all(session: Any, model: type, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        await session.execute(insert(model), rows[start : start + CHUNK])


async def seed(app: Any, members: int, questions: int, coffee: int) -> None:
    rng = random.Random(SEED)
    year_ago = NOW - timedelta(days=365)
    async with app.database.transaction() as session:
        await insert_all(
            session, Department, [{"id": d + 1, "name": f"Department {d + 1}"} for d in range(25)]
        )
        weights = [1 / (rank + 1) for rank in range(25)]
        people = [
            {
                "id": n + 1,
                "display_name": f"Person {n + 1}",
                "department_id": rng.choices(range(1, 26), weights)[0],
                "timezone": "America/Toronto",
                "locale": "en",
                "available": True,
                "is_admin": n == 0,  # the facilitator is an organisation admin too
                "created_at": year_ago,
            }
            for n in range(members)
        ]
        await insert_all(session, Member, people)
        await insert_all(
            session,
            Community,
            [{"id": 1, "name": "Data", "slug": "data", "description": "", "created_at": year_ago}],
        )
        await insert_all(
            session,
            Membership,
            [
                {
                    "community_id": 1,
                    "member_id": n + 1,
                    "role": "facilitator" if n == 0 else "member",
                    "joined_at": year_ago + timedelta(days=rng.randrange(365)),
                }
                for n in range(members)
            ],
        )
        audit = [
            {
                "at": year_ago + timedelta(days=rng.randrange(365), minutes=rng.randrange(1440)),
                "actor_member_id": rng.randrange(1, members + 1),
                "action": "command",
                "object_type": "member",
                "details": {},
            }
            for _ in range(members * 4)
        ]
        await insert_all(session, AuditEntry, audit)
        asked, invitations = [], []
        for q in range(questions):
            at = year_ago + timedelta(days=rng.randrange(365), minutes=rng.randrange(1440))
            helper = rng.randrange(1, members + 1) if rng.random() < 0.7 else None
            status = "open" if helper is None else rng.choice(["connected", "resolved"])
            asked.append(
                {
                    "id": q + 1,
                    "asker_id": rng.randrange(1, members + 1),
                    "text": "",
                    "tags": [rng.choice(["python", "sql", "statistics", "gis", "r", "excel"])],
                    "community_id": 1,
                    "platform": "slack",
                    "workspace_id": "T1",
                    "status": status,
                    "helper_id": helper,
                    "created_at": at,
                    "closed_at": at + timedelta(hours=rng.randrange(1, 72))
                    if status == "resolved"
                    else None,
                }
            )
            for position in range(2):
                invitations.append(
                    {
                        "question_id": q + 1,
                        "member_id": (q * 2 + position) % members + 1,
                        "position": position,
                        "status": "accepted" if helper and position == 0 else "declined",
                        "reason": "",
                        "due_at": at,
                        "answered_at": at + timedelta(hours=rng.randrange(1, 30)),
                    }
                )
        await insert_all(session, Question, asked)
        await insert_all(session, Invitation, invitations)
        await insert_all(
            session,
            CalendarEvent,
            [
                {
                    "id": e + 1,
                    "community_id": 1,
                    "title": f"Event {e + 1}",
                    "local_start": (NOW + timedelta(days=e - 20)).strftime("%Y-%m-%dT%H:00:00"),
                    "timezone": "America/Toronto",
                    "duration_minutes": 60,
                    "rrule": None,
                    "capacity": 200,
                    "platform": "slack",
                    "workspace_id": "T1",
                    "channel_id": "C1",
                    "created_at": year_ago,
                    "updated_at": year_ago,
                    "uid": f"bench-{e}",
                    "sequence": 0,
                }
                for e in range(40)
            ],
        )
        rsvps = [
            {
                "event_id": e + 1,
                "occurrence_local": (NOW + timedelta(days=e - 20)).strftime("%Y-%m-%dT%H:00:00"),
                "member_id": m,
                "status": rng.choice(["going", "maybe", "declined"]),
                "responded_at": year_ago,
            }
            for e in range(40)
            for m in rng.sample(range(1, members + 1), min(members, 150))
        ]
        await insert_all(session, EventRsvp, rsvps)
        await insert_all(
            session,
            CoffeeProgram,
            [
                {
                    "id": 1,
                    "community_id": 1,
                    "platform": "slack",
                    "workspace_id": "T1",
                    "frequency": "weekly",
                    "local_time": "10:00",
                    "timezone": "America/Toronto",
                    "created_at": year_ago,
                    "updated_at": year_ago,
                }
            ],
        )
        rounds, groups, group_members = [], [], []
        group_id = 0
        seen: set[tuple[int, int]] = set()
        department_of = {person["id"]: person["department_id"] for person in people}
        for week in range(52):
            at = year_ago + timedelta(weeks=week)
            rounds.append(
                {
                    "id": week + 1,
                    "program_id": 1,
                    "occurrence_at": at,
                    "local_date": at.strftime("%Y-%m-%d"),
                    "follow_up_at": at + timedelta(days=5),
                    "status": "introduced",
                    "seed": week,
                    "created_at": at,
                }
            )
            pool = rng.sample(range(1, members + 1), coffee)
            for start in range(0, coffee - 1, 2):
                group_id += 1
                # What the round's executor counts as it stores a group (add_group).
                pair = (min(pool[start : start + 2]), max(pool[start : start + 2]))
                repeated = pair in seen
                across = not repeated and department_of[pair[0]] != department_of[pair[1]]
                seen.add(pair)
                groups.append(
                    {"id": group_id, "round_id": week + 1, "position": start, "score": 1.0,
                     "reason": "", "repeated": repeated, "new_pairs_across": int(across)}
                )  # fmt: skip
                met = rng.random() < 0.6
                for member in pool[start : start + 2]:
                    group_members.append(
                        {"group_id": group_id, "member_id": member,
                         "response": "met" if met else None}
                    )  # fmt: skip
        await insert_all(session, CoffeeRound, rounds)
        await insert_all(session, CoffeeGroup, groups)
        await insert_all(session, CoffeeGroupMember, group_members)


async def main(arguments: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = arguments.postgres or f"sqlite+aiosqlite:///{Path(folder) / 'dashboard.db'}"
        clock = ManualClock(NOW)
        settings = Settings(
            database_url=url,
            dashboard_enabled=True,
            secret_key=SECRET,
            public_url="https://guild.example.org",
        )
        app = await build(settings, clock=clock)
        started = time.perf_counter()
        await seed(app, arguments.members, arguments.questions, arguments.coffee)
        # A live database has statistics (PostgreSQL's autovacuum analyzes after bulk
        # changes); a freshly seeded one has none until asked, and plans blind without.
        async with app.database.transaction() as session:
            await session.execute(text("ANALYZE"))
        print(
            f"seeded {arguments.members:,} members, {arguments.questions:,} questions, "
            f"52 coffee rounds of {arguments.coffee:,} on {app.database.engine.dialect.name} "
            f"in {time.perf_counter() - started:.1f} s"
        )
        assert app.dashboard is not None and app.dashboard.access is not None
        web_app = web.Application()
        web_app.add_routes(dashboard_routes(app.dashboard.access, app.dashboard.pages))
        link = await app.dashboard.access.link(1, 1)
        async with TestClient(TestServer(web_app)) as client:
            response = await client.get(link.split("guild.example.org")[1], allow_redirects=False)
            client.session.cookie_jar.update_cookies({COOKIE: response.cookies[COOKIE].value})
            print(f"{'page':<24} {'p50 ms':>8} {'max ms':>8}")
            for page in PAGES:
                times = []
                for _ in range(arguments.repeat):
                    begun = time.perf_counter()
                    answer = await client.get(f"/dashboard{page}")
                    await answer.read()
                    assert answer.status == 200, (page, answer.status)
                    times.append((time.perf_counter() - begun) * 1000)
                name = page.split("?")[0]
                verdict = "ok" if statistics.median(times) <= 300 else "over 300 ms"
                print(f"{name:<24} {statistics.median(times):>8.0f} {max(times):>8.0f}  {verdict}")
        await app.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--questions", type=int, default=20_000)
    parser.add_argument("--coffee", type=int, default=2_000, help="participants per round")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--postgres", help="a PostgreSQL URL (postgresql+asyncpg://…)")
    asyncio.run(main(parser.parse_args()))
