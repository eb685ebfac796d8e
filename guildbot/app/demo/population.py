"""The rest of the Data Science Network, for `guildbot demo --dashboard`: some 120 colleagues
beyond the demo's 40 named people, in all eight departments.

The dashboard counts nobody under five and pools departments under five members, so the
40-person demo alone shows nothing but "fewer than 5". These people give it a community of
realistic size. Only the dashboard's demo has them: the README's transcripts (the console
demo, typed by a test) still meet the 40 alone.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.app.demo.seed import handle_of
from guildbot.matching.skills import SkillVocabulary
from guildbot.storage.models import Member, Membership, MemberSkill, PlatformIdentity, Role
from guildbot.storage.repositories.members import DepartmentRepository
from guildbot.storage.repositories.skills import SkillRepository

# How many of them each department has: uneven, as a data network is (statisticians many,
# lawyers few), and at least five each, so that every department has a row of its own.
DEPARTMENT_SIZES: dict[str, int] = {
    "Statistics Office": 28,
    "Digital Services": 20,
    "Health": 18,
    "Environment": 14,
    "Finance": 14,
    "Transport": 12,
    "Human Resources": 9,
    "Legal Services": 7,
}

# No first name and no surname of the demo's named people, so `as Priya` or `as Li Wei`
# still finds the one person it always did.
FIRST_NAMES = (
    "Adele", "Bilal", "Camille", "Dmitri", "Esther", "Farid", "Gabriel", "Helena", "Ines",
    "Joaquin", "Keiko", "Laila", "Malik", "Nora", "Omar", "Paula", "Quentin", "Rosa", "Soren",
    "Talia", "Uma", "Vikram", "Wanjiru", "Yusuf", "Zoe", "Anders", "Beatriz", "Cyrus",
    "Delphine", "Emeka", "Freya", "Goran", "Hiroshi", "Ingrid", "Jamal", "Katya", "Leon", "Maya",
    "Nikhil", "Orla",
)  # fmt: skip
SURNAMES = (
    "Andersen", "Bakker", "Castillo", "Dlamini", "Eriksson", "Fontaine", "Gallagher", "Horvat",
    "Iqbal", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Osei", "Park", "Quispe",
    "Rahman", "Santos", "Takahashi", "Umar", "Varga", "Wright", "Yilmaz", "Zimmermann",
    "Bergeron", "Caron", "Desai", "Gauthier", "Hughes", "Kaur", "Lopez", "Mbeki", "Nguyen",
    "Ortiz", "Pelletier", "Reyes", "Sato", "Tran", "Volkov",
)  # fmt: skip

TITLES: dict[str, tuple[str, ...]] = {
    "Statistics Office": ("Statistician", "Survey methodologist", "Data scientist", "Economist"),
    "Digital Services": ("Data engineer", "Data scientist", "Analytics developer"),
    "Health": ("Epidemiologist", "Health data analyst", "Biostatistician"),
    "Environment": ("Environmental data scientist", "GIS analyst", "Research scientist"),
    "Finance": ("Financial analyst", "Forecasting analyst", "Budget analyst"),
    "Transport": ("Transport modeller", "GIS analyst", "Data analyst"),
    "Human Resources": ("Workforce analyst", "HR data analyst"),
    "Legal Services": ("Legal data analyst", "Privacy analyst"),
}

# Skills a department's people tend to declare (two or three each, drawn from these).
SKILLS: dict[str, tuple[str, ...]] = {
    "Statistics Office": ("statistics", "r", "sql", "python", "data visualisation"),
    "Digital Services": ("python", "data engineering", "machine learning", "sql", "cloud"),
    "Health": ("statistics", "r", "data visualisation", "evaluation"),
    "Environment": ("gis", "python", "r", "open data"),
    "Finance": ("excel", "power bi", "sql", "finance"),
    "Transport": ("gis", "python", "sql", "tableau"),
    "Human Resources": ("power bi", "excel", "human resources"),
    "Legal Services": ("data governance", "privacy", "excel"),
}

# Most work in Toronto's zone, some elsewhere in the country, a few abroad.
ZONES = (
    ("America/Toronto", 12), ("America/Montreal", 4), ("America/Vancouver", 3),
    ("America/Halifax", 2), ("America/Edmonton", 2), ("America/Winnipeg", 1),
    ("Europe/London", 1),
)  # fmt: skip

FOUNDED = datetime(2025, 3, 3, 14, 0)  # naive here; made aware where used


@dataclass(frozen=True, slots=True)
class Colleague:
    """One of the background population, as the history seeds need them."""

    member_id: int
    name: str
    department: str
    joined_at: datetime
    skills: tuple[str, ...]


def joined_at(rng: random.Random, founded: datetime, now: datetime) -> datetime:
    """When someone joined the network: a few founders, a wave when coffee intros started
    (May 2026), and a steady trickle since."""
    wave = datetime(2026, 5, 1, tzinfo=now.tzinfo)
    choice = rng.random()
    if choice < 0.4:
        start, end = founded, wave
    elif choice < 0.7:
        start, end = wave, wave + timedelta(days=100)
    else:
        start, end = wave + timedelta(days=100), now - timedelta(days=1)
    return start + (end - start) * rng.random()


async def seed_population(
    session: AsyncSession,
    community_id: int,
    platform: str,
    workspace_id: str,
    now: datetime,
    rng: random.Random,
) -> list[Colleague]:
    """Add the background population to the community, on `platform` by @handle."""
    departments = DepartmentRepository(session)
    skills = SkillRepository(session)
    vocabulary = SkillVocabulary(await skills.vocabulary())
    founded = FOUNDED.replace(tzinfo=now.tzinfo)
    names = iter(rng.sample([f"{f} {s}" for f in FIRST_NAMES for s in SURNAMES], k=200))
    zones, zone_weights = zip(*ZONES, strict=True)
    planned: list[tuple[Member, str, datetime, tuple[str, ...]]] = []
    for department, size in DEPARTMENT_SIZES.items():
        department_id = (await departments.get_or_create(department)).id
        for _ in range(size):
            name = next(names)
            joined = joined_at(rng, founded, now)
            member = Member(
                display_name=name,
                department_id=department_id,
                title=rng.choice(TITLES[department]),
                email=f"{handle_of(name)}@example.org",
                timezone=rng.choices(zones, zone_weights)[0],
                is_admin=False,
                created_at=joined,
            )
            declared = tuple(rng.sample(SKILLS[department], k=rng.choice((2, 2, 3))))
            planned.append((member, department, joined, declared))
    # Added together and flushed once (the repositories flush each row: 120 people would
    # take most of the demo's start-up), as the same rows.
    session.add_all([member for member, *_ in planned])
    await session.flush()
    skill_ids: dict[str, int] = {}
    for _member, _department, _joined, declared in planned:
        for skill in declared:
            canonical = vocabulary.canonical(skill) or skill
            if canonical not in skill_ids:
                skill_ids[canonical] = (await skills.ensure(canonical, founded)).id
    for member, _department, joined, declared in planned:
        session.add(
            PlatformIdentity(
                member_id=member.id,
                platform=platform,
                workspace_id=workspace_id,
                user_id=handle_of(member.display_name),
                created_at=joined,
            )
        )
        session.add(
            Membership(
                community_id=community_id,
                member_id=member.id,
                role=Role.MEMBER.value,
                joined_at=joined,
            )
        )
        for skill in declared:
            canonical = vocabulary.canonical(skill) or skill
            session.add(
                MemberSkill(member_id=member.id, skill_id=skill_ids[canonical], declared_at=joined)
            )
    await session.flush()
    return [
        Colleague(member.id, member.display_name, department, joined, declared)
        for member, department, joined, declared in planned
    ]
