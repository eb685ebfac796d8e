"""The demo organisation: departments, people with overlapping skills, three communities.

Seeded through the same repositories the bot uses, into a fresh SQLite file, so `guildbot demo`
shows real behaviour, not a mock-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.app.demo.routing_evidence import seed_expertise_evidence
from guildbot.bot.clock import Clock
from guildbot.bot.features.coffee.options import Cadence
from guildbot.bot.features.coffee.programs import new_program
from guildbot.bot.features.coffee.schedule import reschedule
from guildbot.matching.skills import SkillVocabulary
from guildbot.storage.engine import Database
from guildbot.storage.models import (
    CoffeeParticipant,
    CoffeeParticipantStatus,
    Community,
    Member,
    Role,
)
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.members import DepartmentRepository, MemberRepository
from guildbot.storage.repositories.skills import SkillRepository

DEPARTMENTS = (
    "Digital Services",
    "Finance",
    "Health",
    "Environment",
    "Transport",
    "Statistics Office",
    "Legal Services",
    "Human Resources",
)

# name, department, title, time zone, skills
PEOPLE: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "Amara Okafor",
        "Digital Services",
        "Content designer",
        "America/Toronto",
        ("plain language", "content design", "accessibility"),
    ),
    (
        "Li Wei",
        "Statistics Office",
        "Senior statistician",
        "America/Toronto",
        ("statistics", "r", "data visualisation"),
    ),
    (
        "Sofia Martins",
        "Health",
        "Policy analyst",
        "America/Halifax",
        ("policy analysis", "plain language", "evaluation"),
    ),
    (
        "Jonas Becker",
        "Digital Services",
        "Platform engineer",
        "Europe/Berlin",
        ("kubernetes", "terraform", "devops"),
    ),
    (
        "Priya Raman",
        "Digital Services",
        "Chief digital officer",
        "America/Toronto",
        ("product management", "service design"),
    ),
    (
        "Mateo Alvarez",
        "Transport",
        "GIS analyst",
        "America/Vancouver",
        ("gis", "python", "open data"),
    ),
    (
        "Hannah Cohen",
        "Legal Services",
        "Counsel",
        "America/Toronto",
        ("legal", "privacy", "regulation"),
    ),
    (
        "Kwame Mensah",
        "Finance",
        "Financial analyst",
        "America/Toronto",
        ("excel", "power bi", "finance"),
    ),
    (
        "Aiko Tanaka",
        "Statistics Office",
        "Data scientist",
        "America/Vancouver",
        ("python", "machine learning", "statistics"),
    ),
    (
        "Fatima Zahra",
        "Human Resources",
        "Learning advisor",
        "America/Montreal",
        ("training", "facilitation", "change management"),
    ),
    (
        "Oliver Smith",
        "Environment",
        "Data engineer",
        "Europe/London",
        ("data engineering", "sql", "python"),
    ),
    (
        "Chloe Dubois",
        "Environment",
        "Communications advisor",
        "Europe/Paris",
        ("communications", "plain language", "social media"),
    ),
    (
        "Rahul Nair",
        "Digital Services",
        "Front-end developer",
        "Asia/Kolkata",
        ("javascript", "react", "accessibility", "wcag"),
    ),
    (
        "Grace Kim",
        "Health",
        "User researcher",
        "America/Toronto",
        ("user research", "service design", "accessibility"),
    ),
    (
        "Daniel Novak",
        "Transport",
        "Project manager",
        "America/Winnipeg",
        ("project management", "agile", "risk management"),
    ),
    (
        "Elena Petrova",
        "Finance",
        "Procurement officer",
        "America/Toronto",
        ("procurement", "contract management"),
    ),
    (
        "Samuel Adeyemi",
        "Digital Services",
        "Security engineer",
        "America/Toronto",
        ("cybersecurity", "cloud", "kubernetes"),
    ),
    (
        "Isabel Garcia",
        "Statistics Office",
        "Survey methodologist",
        "America/Regina",
        ("statistics", "user research", "sql"),
    ),
    (
        "Noah Tremblay",
        "Environment",
        "Policy advisor",
        "America/Montreal",
        ("policy analysis", "regulation", "translation"),
    ),
    (
        "Mei Chen",
        "Health",
        "Epidemiologist",
        "America/Edmonton",
        ("statistics", "r", "data visualisation"),
    ),
    ("Lucas Rossi", "Transport", "Data analyst", "America/Toronto", ("power bi", "sql", "excel")),
    (
        "Zainab Hussain",
        "Legal Services",
        "Privacy officer",
        "America/Toronto",
        ("privacy", "records management", "data governance"),
    ),
    (
        "Ethan Walker",
        "Digital Services",
        "Cloud architect",
        "America/Vancouver",
        ("cloud", "terraform", "docker"),
    ),
    (
        "Olga Ivanova",
        "Finance",
        "Internal auditor",
        "Europe/Warsaw",
        ("audit", "risk management", "excel"),
    ),
    (
        "Thomas Leblanc",
        "Human Resources",
        "Recruitment lead",
        "America/Moncton",
        ("recruitment", "human resources"),
    ),
    (
        "Ana Souza",
        "Health",
        "Service designer",
        "America/Sao_Paulo",
        ("service design", "user research", "facilitation"),
    ),
    (
        "Benjamin Hart",
        "Statistics Office",
        "Open data lead",
        "America/Toronto",
        ("open data", "data governance", "python"),
    ),
    ("Yara Haddad", "Environment", "Scientist", "America/Halifax", ("gis", "r", "statistics")),
    (
        "Kenji Watanabe",
        "Transport",
        "Software developer",
        "Asia/Tokyo",
        ("java", "docker", "devops"),
    ),
    (
        "Lea Schmidt",
        "Digital Services",
        "Accessibility specialist",
        "Europe/Berlin",
        ("accessibility", "wcag", "pdf accessibility"),
    ),
    (
        "Marcus Johnson",
        "Finance",
        "Budget officer",
        "America/Chicago",
        ("finance", "excel", "tableau"),
    ),
    (
        "Nadia Benali",
        "Legal Services",
        "Legislative drafter",
        "America/Montreal",
        ("legal", "plain language", "translation"),
    ),
    (
        "Pierre Lambert",
        "Human Resources",
        "Change manager",
        "Europe/Paris",
        ("change management", "communications", "training"),
    ),
    (
        "Ruth Abebe",
        "Health",
        "Evaluation manager",
        "Africa/Addis_Ababa",
        ("evaluation", "statistics", "project management"),
    ),
    (
        "Sean O'Brien",
        "Transport",
        "Business analyst",
        "Europe/Dublin",
        ("agile", "product management", "excel"),
    ),
    (
        "Tara Singh",
        "Statistics Office",
        "Dashboard developer",
        "America/Toronto",
        ("tableau", "data visualisation", "sql"),
    ),
    (
        "Victor Morel",
        "Environment",
        "Records manager",
        "America/Montreal",
        ("records management", "data governance"),
    ),
    (
        "Wen Zhao",
        "Digital Services",
        "Data scientist",
        "Asia/Shanghai",
        ("machine learning", "python", "data engineering"),
    ),
    (
        "Xavier Roy",
        "Finance",
        "Contract analyst",
        "America/Toronto",
        ("procurement", "legal", "contract management"),
    ),
    (
        "Yasmin Farah",
        "Human Resources",
        "HR data analyst",
        "America/Toronto",
        ("human resources", "power bi", "statistics"),
    ),
)

# Who reads French (everyone else reads English): what their platform would have said.
LOCALES = {"Chloe Dubois": "fr-FR", "Noah Tremblay": "fr-CA"}
# What each community posts in its channel; the others post in English.
CHANNEL_LANGUAGES = {"plain-language": "en+fr"}

# slug, name, description, facilitators, members
COMMUNITIES: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "accessibility",
        "Accessibility CoP",
        "Making services usable by everyone: WCAG, accessible documents, inclusive research.",
        ("Lea Schmidt", "Amara Okafor"),
        ("Rahul Nair", "Grace Kim", "Ana Souza", "Chloe Dubois", "Nadia Benali"),
    ),
    (
        "data-science",
        "Data Science Network",
        "Statistics, machine learning and dashboards across the organisation.",
        ("Li Wei",),
        (
            "Aiko Tanaka",
            "Mei Chen",
            "Oliver Smith",
            "Tara Singh",
            "Wen Zhao",
            "Lucas Rossi",
            "Yasmin Farah",
            "Benjamin Hart",
            "Isabel Garcia",
            "Yara Haddad",
        ),
    ),
    (
        "plain-language",
        "Plain Language Guild",
        "Writing that people understand the first time.",
        ("Sofia Martins",),
        ("Amara Okafor", "Chloe Dubois", "Nadia Benali", "Noah Tremblay", "Hannah Cohen"),
    ),
)

ADMINS = ("Priya Raman",)
DEMO_START_AS = "Amara Okafor"

# Coffee intros: the Data Science Network pairs its members weekly, Mondays 10:00 Toronto.
COFFEE_COMMUNITY = "data-science"
COFFEE_CADENCE = Cadence("weekly", 1, 0, "10:00", "America/Toronto")


async def seed_coffee(
    session: AsyncSession,
    community_id: int,
    member_ids: list[int],
    platform: str,
    workspace_id: str,
    facilitator_id: int,
    now: datetime,
) -> None:
    """A standing weekly coffee program that every member of the community has joined."""
    program = new_program(community_id, platform, workspace_id, facilitator_id, COFFEE_CADENCE, now)
    session.add(program)
    await session.flush()
    await reschedule(session, program, COFFEE_CADENCE, now)
    for member_id in member_ids:
        session.add(
            CoffeeParticipant(
                program_id=program.id,
                member_id=member_id,
                status=CoffeeParticipantStatus.ACTIVE.value,
                ignored_streak=0,
                joined_at=now,
                updated_at=now,
            )
        )


@dataclass(frozen=True, slots=True)
class SeedSummary:
    """What the seed created."""

    departments: int
    members: int
    communities: int


def handle_of(name: str) -> str:
    """The demo's @handle for a person: "Amara Okafor" -> "amara.okafor"."""
    return ".".join(part.casefold().replace("'", "") for part in name.split())


async def seed_demo(
    database: Database, clock: Clock, platform: str, workspace_id: str
) -> SeedSummary:
    """Fill an empty database with the demo organisation, known on `platform` by @handle."""
    now = clock.now()
    async with database.transaction() as session:
        departments = DepartmentRepository(session)
        members = MemberRepository(session)
        skills = SkillRepository(session)
        communities = CommunityRepository(session)
        vocabulary = SkillVocabulary(await skills.vocabulary())
        department_ids = {name: (await departments.get_or_create(name)).id for name in DEPARTMENTS}
        member_ids: dict[str, int] = {}
        for name, department, title, zone, skill_names in PEOPLE:
            handle = handle_of(name)
            member = await members.add(
                Member(
                    display_name=name,
                    department_id=department_ids[department],
                    title=title,
                    email=f"{handle}@example.org",
                    timezone=zone,
                    locale=LOCALES.get(name, "en"),
                    is_admin=name in ADMINS,
                    created_at=now,
                )
            )
            member_ids[name] = member.id
            await members.link_identity(member.id, platform, workspace_id, handle, now)
            for skill_name in skill_names:
                canonical = vocabulary.canonical(skill_name) or skill_name
                await skills.declare(member.id, await skills.ensure(canonical, now), now)
        for slug, name, description, facilitators, regulars in COMMUNITIES:
            community = await communities.add(
                Community(
                    name=name,
                    slug=slug,
                    description=description,
                    language=CHANNEL_LANGUAGES.get(slug, "en"),
                    created_at=now,
                )
            )
            # Each community has its channel (#slug), where its events are posted.
            await communities.link_channel(community.id, platform, workspace_id, slug)
            for person in facilitators:
                await communities.add_membership(
                    community.id, member_ids[person], Role.FACILITATOR, now
                )
            for person in regulars:
                await communities.add_membership(community.id, member_ids[person], Role.MEMBER, now)
            for admin in ADMINS:
                if admin not in facilitators + regulars:
                    await communities.add_membership(
                        community.id, member_ids[admin], Role.ADMIN, now
                    )
            if slug == COFFEE_COMMUNITY:
                await seed_coffee(
                    session,
                    community.id,
                    [member_ids[p] for p in facilitators + regulars],
                    platform,
                    workspace_id,
                    member_ids[facilitators[0]],
                    now,
                )
        await seed_expertise_evidence(session, member_ids, now)
    return SeedSummary(len(DEPARTMENTS), len(PEOPLE), len(COMMUNITIES))
