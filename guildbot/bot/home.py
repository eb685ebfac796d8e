"""A member's home page (Slack's App Home, later Teams' personal tab): a read-only summary.

The page is neutral — titled sections of short lines, each with what to say when it is empty —
and every adapter renders it natively. It shows the profile and expertise, the member's open
questions, coffee status and upcoming events. Features register the section they own with
`HomeService.add_section`; a feature that has none yet is shown as "nothing yet". The page is
written in the viewing member's language (messages in `bot/i18n/locales/*/home.ftl`), which a
feature's section reads from its `Viewer`.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.clock import Clock
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.i18n import DEFAULT_LANGUAGE, Language, translate, translate_plain
from guildbot.bot.identity import Identities
from guildbot.contract.adapter import ProfileLookup
from guildbot.contract.home import HomeSection, HomeView
from guildbot.contract.refs import MemberRef
from guildbot.contract.richtext import RichText
from guildbot.storage.engine import Database
from guildbot.storage.repositories.calendar import CalendarRepository
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.members import DepartmentRepository, MemberRepository
from guildbot.storage.repositories.skills import SkillRepository

log = logging.getLogger(__name__)

EVENTS_HORIZON = timedelta(days=60)
MAX_EVENTS = 5

SECTION_PROFILE = "profile"
SECTION_EXPERTISE = "expertise"
SECTION_QUESTIONS = "questions"
SECTION_COFFEE = "coffee"
SECTION_EVENTS = "events"


@dataclass(frozen=True, slots=True)
class Viewer:
    """Whose page is being built, as a section source sees it."""

    member_id: int
    timezone: str
    now: datetime
    # The language the page is written in: the viewing member's.
    language: Language = DEFAULT_LANGUAGE


SectionSource = Callable[[AsyncSession, Viewer], Awaitable[HomeSection]]
"""Builds one section inside the page's read-only transaction."""


@dataclass
class HomeService:
    """Builds `HomeView`s; read-only except for first contact (the member is created then)."""

    database: Database
    clock: Clock
    identities: Identities
    _sources: dict[str, SectionSource] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._sources.setdefault(SECTION_QUESTIONS, _nothing_yet_questions)
        self._sources.setdefault(SECTION_COFFEE, _nothing_yet_coffee)
        self._sources.setdefault(SECTION_EVENTS, upcoming_events_section)

    def add_section(self, key: str, source: SectionSource) -> None:
        """Let a feature fill its own section (replacing the "nothing yet" placeholder)."""
        self._sources[key] = source

    async def home(self, ref: MemberRef, lookup: ProfileLookup) -> HomeView | None:
        """The page for a platform user; None when we cannot tell who they are."""
        actor = await self.identities.resolve_actor(ref, lookup)
        if actor is None:
            return None
        async with self.database.transaction() as session:
            member = await MemberRepository(session).get(actor.member_id)
            if member is None:  # erased between the two transactions
                return None
            language = actor.language
            viewer = Viewer(member.id, member.timezone, self.clock.now(), language)
            department = (
                await DepartmentRepository(session).get(member.department_id)
                if member.department_id
                else None
            )
            communities = await CommunityRepository(session).communities_of(member.id)
            skills = await SkillRepository(session).of_member(member.id)
            not_set = translate_plain(language, "home-not-set")
            sections = [
                HomeSection(
                    SECTION_PROFILE,
                    translate_plain(language, "home-profile"),
                    (
                        translate(
                            language,
                            "home-profile-department",
                            name=department.name if department else not_set,
                        ),
                        translate(language, "home-profile-title", title=member.title or not_set),
                        translate(language, "home-profile-timezone", zone=member.timezone),
                        translate(
                            language,
                            "home-profile-communities",
                            count=len(communities),
                            names=", ".join(c.name for c, _role in communities),
                        ),
                    ),
                    empty=RichText(),
                    hint=translate(language, "home-profile-hint"),
                ),
                HomeSection(
                    SECTION_EXPERTISE,
                    translate_plain(language, "home-expertise"),
                    tuple(RichText.of(name) for name, _at in skills),
                    empty=translate(language, "home-expertise-empty"),
                    hint=translate(language, "home-expertise-hint"),
                ),
            ]
            for key in (SECTION_QUESTIONS, SECTION_COFFEE, SECTION_EVENTS):
                sections.append(await self._sources[key](session, viewer))
        return HomeView(
            member.display_name, tuple(sections), footer=translate(language, "home-footer")
        )


async def _nothing_yet_questions(_session: AsyncSession, viewer: Viewer) -> HomeSection:
    return HomeSection(
        SECTION_QUESTIONS,
        translate_plain(viewer.language, "home-questions"),
        (),
        empty=translate(viewer.language, "home-questions-empty"),
        hint=translate(viewer.language, "home-questions-hint"),
    )


async def _nothing_yet_coffee(_session: AsyncSession, viewer: Viewer) -> HomeSection:
    return HomeSection(
        SECTION_COFFEE,
        translate_plain(viewer.language, "home-coffee"),
        (),
        empty=translate(viewer.language, "home-coffee-empty"),
        hint=translate(viewer.language, "home-coffee-hint"),
    )


async def upcoming_events_section(session: AsyncSession, viewer: Viewer) -> HomeSection:
    """The next events of the member's communities, in their own time zone."""
    communities = {
        c.id: c for c, _role in await CommunityRepository(session).communities_of(viewer.member_id)
    }
    rows: list[tuple[datetime, RichText]] = []
    if communities:
        repo = CalendarRepository(session)
        for event in await repo.events(list(communities)):
            cancelled = await repo.cancelled_occurrences(event.id)
            upcoming = occ.upcoming(event, viewer.now, cancelled, limit=1)
            if not upcoming or upcoming[0].at > viewer.now + EVENTS_HORIZON:
                continue
            community = communities[event.community_id].name
            rows.append(
                (
                    upcoming[0].at,
                    translate(
                        viewer.language,
                        "home-event",
                        title=event.title,
                        community=community,
                        when=occ.shown(event, upcoming[0], viewer.timezone),
                    ),
                )
            )
    rows.sort()
    return HomeSection(
        SECTION_EVENTS,
        translate_plain(viewer.language, "home-events"),
        tuple(line for _at, line in rows[:MAX_EVENTS]),
        empty=translate(viewer.language, "home-events-empty"),
        hint=translate(viewer.language, "home-events-hint"),
    )
