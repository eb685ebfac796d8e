"""`guildbot demo --dashboard`: the Data Science Network as a facilitator's dashboard would
find it after some months: 120-odd colleagues more in all eight departments, seven months
of weekly coffee intros, a year of questions, a monthly meetup and a full clinic.

All of it dated before the demo's clock and written as the bot writes it, with one seeded
random generator, so every run is the same. The console demo (the README's transcripts)
never has it: its people, pairings and routing stay as the README shows them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.app.demo.coffee_history import FIRST_ROUND, Taker, seed_coffee_history
from guildbot.app.demo.event_history import seed_events
from guildbot.app.demo.population import FOUNDED, seed_population
from guildbot.app.demo.question_history import Asker, seed_question_history
from guildbot.app.demo.seed import COFFEE_COMMUNITY
from guildbot.bot.clock import Clock
from guildbot.storage.engine import Database
from guildbot.storage.models import (
    CoffeeParticipant,
    Department,
    Member,
    Membership,
    MemberSkill,
    Skill,
)
from guildbot.storage.repositories.coffee import CoffeeRepository
from guildbot.storage.repositories.communities import CommunityRepository

SEED = 20261126
COFFEE_SHARE = 0.4  # of the colleagues, those who joined coffee intros


@dataclass(frozen=True, slots=True)
class HistorySummary:
    """What the history added."""

    members: int
    program_id: int  # the network's coffee program
    colleagues: tuple[int, ...]  # the member ids of the colleagues added
    rounds: int
    groups: int
    questions: int
    answers: int


async def seed_dashboard_history(
    database: Database, clock: Clock, platform: str, workspace_id: str
) -> HistorySummary:
    """Give the demo's Data Science Network its colleagues and its past."""
    now = clock.now()
    rng = random.Random(SEED)  # noqa: S311 - a demo's history, not a secret
    async with database.transaction() as session:
        community = await CommunityRepository(session).by_slug(COFFEE_COMMUNITY)
        assert community is not None, "seed_demo creates it"
        program = await CoffeeRepository(session).program_of(community.id)
        assert program is not None and program.created_by_id is not None, "seed_demo sets it up"
        # The named members founded the network (the seed has them join at the demo's start).
        founded = FOUNDED.replace(tzinfo=now.tzinfo)
        for membership in await session.scalars(
            select(Membership).where(Membership.community_id == community.id)
        ):
            membership.joined_at = founded + timedelta(days=rng.randint(0, 60))
        colleagues = await seed_population(session, community.id, platform, workspace_id, now, rng)
        start = FIRST_ROUND.replace(tzinfo=ZoneInfo(program.timezone)) - timedelta(days=10)
        program.created_at = program.updated_at = start
        named = await session.scalars(
            select(CoffeeParticipant.member_id).where(CoffeeParticipant.program_id == program.id)
        )
        takers = [Taker(member_id, start, 0.9) for member_id in named.all()]
        takers += [
            Taker(c.member_id, max(c.joined_at, start) + timedelta(days=rng.randint(0, 14)),
                  rng.uniform(0.6, 0.97))
            for c in colleagues
            if rng.random() < COFFEE_SHARE
        ]  # fmt: skip
        coffee = await seed_coffee_history(session, program, takers, community.name, now, rng)
        people = await _askers(session, community.id)
        questions = await seed_question_history(
            session, community.id, platform, workspace_id, people, now, rng
        )
        answers = await seed_events(
            session,
            community.id,
            (platform, workspace_id, COFFEE_COMMUNITY),
            program.created_by_id,
            [(p.member_id, p.joined_at) for p in people],
            now,
            rng,
        )
    return HistorySummary(
        len(colleagues),
        program.id,
        tuple(c.member_id for c in colleagues),
        coffee.introduced + coffee.skipped,
        coffee.groups,
        questions,
        answers,
    )


async def _askers(session: AsyncSession, community_id: int) -> list[Asker]:
    """The community's members with their departments, declared skills and joining dates."""
    rows = (
        await session.execute(
            select(Membership.member_id, Department.name, Membership.joined_at)
            .join(Member, Member.id == Membership.member_id)
            .outerjoin(Department, Department.id == Member.department_id)
            .where(Membership.community_id == community_id)
            .order_by(Membership.member_id)
        )
    ).all()
    skills: dict[int, set[str]] = {}
    declared = await session.execute(
        select(MemberSkill.member_id, Skill.name)
        .join(Skill, Skill.id == MemberSkill.skill_id)
        .where(MemberSkill.member_id.in_([row[0] for row in rows]))
    )
    for member_id, name in declared.all():
        skills.setdefault(member_id, set()).add(name)
    return [
        Asker(member_id, department or "", frozenset(skills.get(member_id, ())), joined)
        for member_id, department, joined in rows
    ]
