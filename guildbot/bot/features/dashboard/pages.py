"""What each dashboard page shows, and who may see it: a community's facilitators and admins
see that community, an organisation admin every community, nobody else anything."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.clock import Clock
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.coffee.figures import Figures
from guildbot.bot.features.coffee.stats import program_figures
from guildbot.bot.features.dashboard.access import Viewer
from guildbot.bot.features.dashboard.events import EventRow, attendees_csv, event_row
from guildbot.bot.features.dashboard.network import Network, Period, network, periods
from guildbot.bot.features.dashboard.participation import (
    NO_DEPARTMENT,
    WINDOWS,
    Participation,
    participation,
)
from guildbot.bot.features.dashboard.questions import (
    QuestionsFigures,
    questions_figures,
    unstaffed_candidates,
)
from guildbot.bot.policy import MANAGING_ROLES
from guildbot.storage.engine import Database
from guildbot.storage.models import Community
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.calendar import CalendarRepository
from guildbot.storage.repositories.coffee import CoffeeRepository
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.dashboard import (
    CommunitySummary,
    DashboardFigures,
    NetworkFigures,
    QuestionFigures,
    community_summaries,
)

PERIODS = (30, 90, 365)  # days a page may look back; the first page shows the middle one
DEFAULT_PERIOD = 90


@dataclass(frozen=True, slots=True)
class Place:
    """What a page counts: one community, or the whole organisation (its admins only)."""

    name: str
    slug: str | None  # None: the organisation
    id: int | None  # the community's id

    @property
    def path(self) -> str:
        """The address of its first page; its other pages are below it."""
        return f"/dashboard/c/{self.slug}" if self.slug is not None else "/dashboard/org"

    @property
    def in_sentence(self) -> str:
        return self.name if self.slug is not None else "the organisation"

    @property
    def is_organisation(self) -> bool:
        return self.slug is None

    @classmethod
    def of(cls, community: Community) -> Place:
        return cls(community.name, community.slug, community.id)


ORGANISATION = Place("The organisation", None, None)


@dataclass(frozen=True, slots=True)
class OrganisationPage:
    community: Place
    communities: tuple[CommunitySummary, ...]
    days: int
    as_of: str


@dataclass(frozen=True, slots=True)
class QuestionsPage:
    community: Place
    figures: QuestionsFigures
    as_of: str
    days: int


@dataclass(frozen=True, slots=True)
class CoffeePage:
    community: Place
    figures: Figures | None  # None: the community has no coffee intros
    as_of: str


@dataclass(frozen=True, slots=True)
class EventsPage:
    community: Place
    events: tuple[EventRow, ...]
    as_of: str


@dataclass(frozen=True, slots=True)
class AttendeeList:
    filename: str
    body: str


@dataclass(frozen=True, slots=True)
class NetworkPage:
    community: Place
    figures: Network
    periods: tuple[Period, ...]
    as_of: str


@dataclass(frozen=True, slots=True)
class ParticipationPage:
    community: Place
    figures: Participation
    as_of: str


class Pages:
    """The dashboard's data, read in one unit of work per page."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    async def visible(self, viewer: Viewer) -> list[Community]:
        """The communities `viewer` may see."""
        async with self.database.transaction() as session:
            figures = DashboardFigures(session)
            if viewer.is_admin:
                return await figures.communities()
            return await figures.managed_by(viewer.member_id, MANAGING_ROLES)

    async def participation(self, viewer: Viewer, slug: str | None) -> ParticipationPage | None:
        """The participation page of the community `slug` (None: the organisation); None
        when there is none or the viewer may not see it (the same answer, so a page does
        not tell which exist)."""
        now = self.clock.now()
        async with self.database.transaction() as session:
            place = await _place(session, viewer, slug)
            if place is None:
                return None
            figures = DashboardFigures(session)
            since = [now - timedelta(days=days) for days in WINDOWS]
            departments = await figures.by_department(place.id, since)
            active = await figures.active_by_department(place.id, since)
        return ParticipationPage(place, participation(departments, active), _as_of(now))

    async def organisation(self, viewer: Viewer, days: int) -> OrganisationPage | None:
        """The organisation's list of communities with their headline counts over the last
        `days`; only for organisation admins."""
        if not viewer.is_admin:
            return None
        now = self.clock.now()
        async with self.database.transaction() as session:
            summaries = await community_summaries(session, now - timedelta(days=days))
        return OrganisationPage(ORGANISATION, tuple(summaries), days, _as_of(now))

    async def questions(self, viewer: Viewer, slug: str | None, days: int) -> QuestionsPage | None:
        """The questions page of `slug` (None: the organisation) over the last `days` (one
        of `PERIODS`)."""
        now = self.clock.now()
        async with self.database.transaction() as session:
            place = await _place(session, viewer, slug)
            if place is None:
                return None
            queries = QuestionFigures(session)
            facts = await queries.since(place.id, now - timedelta(days=days), now)
            staffed = await queries.staffed(sorted(unstaffed_candidates(facts)))
        return QuestionsPage(place, questions_figures(facts, now, staffed), _as_of(now), days)

    async def coffee(self, viewer: Viewer, slug: str) -> CoffeePage | None:
        """The coffee page of `slug`: its program's figures, as `coffee stats` counts them."""
        now = self.clock.now()
        async with self.database.transaction() as session:
            community = await _visible(session, viewer, slug)
            if community is None:
                return None
            program = await CoffeeRepository(session).program_of(community.id)
            place = Place.of(community)
            counted = (
                await program_figures(session, program, community.id, now)
                if program is not None
                else None
            )
        return CoffeePage(place, counted, _as_of(now))

    async def events(self, viewer: Viewer, slug: str) -> EventsPage | None:
        """The events page of `slug`: each event's current or next date and its answers."""
        now = self.clock.now()
        async with self.database.transaction() as session:
            community = await _visible(session, viewer, slug)
            if community is None:
                return None
            repo = CalendarRepository(session)
            rows = []
            for event in await repo.events([community.id]):
                cancelled = await repo.cancelled_occurrences(event.id)
                occurrence = occ.in_progress_or_next(event, now, cancelled)
                answers = await repo.rsvps(event.id, occurrence.local) if occurrence else []
                rows.append(event_row(event, occurrence, answers))
        return EventsPage(Place.of(community), tuple(rows), _as_of(now))

    async def attendees(
        self, viewer: Viewer, slug: str, event_id: int, occurrence: str
    ) -> AttendeeList | None:
        """The answers to one date of one of `slug`'s events, as CSV; audited, since it
        carries names."""
        async with self.database.transaction() as session:
            community = await _visible(session, viewer, slug)
            if community is None:
                return None
            repo = CalendarRepository(session)
            event = await repo.event(event_id)
            if event is None or event.community_id != community.id:
                return None
            if occ.find(event, occurrence) is None:
                return None
            body = attendees_csv(await repo.rsvps_with_names(event.id, occurrence))
            await AuditLog(session).record(
                self.clock.now(), viewer.member_id, "dashboard.attendees", "event", event.id,
                {"date": occurrence},
            )  # fmt: skip
        return AttendeeList(f"event-{event.id}-{occurrence[:10]}-attendees.csv", body)

    async def network(
        self, viewer: Viewer, slug: str | None, period_key: str
    ) -> NetworkPage | None:
        """The network page of `slug` (None: the organisation) for the period `period_key`
        (default: this quarter)."""
        now = self.clock.now()
        choices = periods(now)
        period = next((p for p in choices if p.key == period_key), choices[0])
        async with self.database.transaction() as session:
            place = await _place(session, viewer, slug)
            if place is None:
                return None
            ties = await NetworkFigures(session).new_ties(place.id, period.start, period.end)
            departments_here = await DashboardFigures(session).by_department(place.id, [])
        sizes = Counter[str]()
        for name, members, _ in departments_here:
            sizes[name or NO_DEPARTMENT] += members
        return NetworkPage(place, network(ties, sizes, period), tuple(choices), _as_of(now))


def _as_of(now: datetime) -> str:
    return f"{now:%d %B %Y, %H:%M} UTC"


async def _place(session: AsyncSession, viewer: Viewer, slug: str | None) -> Place | None:
    """The community `slug`, or the organisation (None) for its admins, when `viewer` may
    see it."""
    if slug is None:
        return ORGANISATION if viewer.is_admin else None
    community = await _visible(session, viewer, slug)
    return Place.of(community) if community is not None else None


async def _visible(session: AsyncSession, viewer: Viewer, slug: str) -> Community | None:
    """The community `slug`, when `viewer` may see it (None too when there is none, so a
    page does not tell which exist)."""
    community = await CommunityRepository(session).by_slug(slug)
    if community is None or not await _may_see(session, viewer, community):
        return None
    return community


async def _may_see(session: AsyncSession, viewer: Viewer, community: Community) -> bool:
    if viewer.is_admin:
        return True
    membership = await CommunityRepository(session).membership(community.id, viewer.member_id)
    return membership is not None and membership.role in MANAGING_ROLES
