"""What the facilitators' dashboard reads and writes: its one-time sign-in links, and the
few aggregates of a community it counts (each query one pass over indexed columns)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    CursorResult,
    Subquery,
    and_,
    case,
    delete,
    func,
    literal,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from guildbot.storage.models import (
    AuditEntry,
    CoffeeGroup,
    CoffeeGroupMember,
    CoffeeParticipant,
    CoffeeParticipantStatus,
    CoffeeProgram,
    CoffeeRound,
    Community,
    DashboardLink,
    Department,
    EventRsvp,
    ExpertiseConsent,
    ExpertiseEvidence,
    Invitation,
    InvitationStatus,
    Member,
    Membership,
    MemberSkill,
    Question,
    QuestionStatus,
    Skill,
)


class DashboardLinks:
    """Sign-in links: issued to one member, redeemed at most once before they expire."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(
        self,
        member_id: int,
        community_id: int | None,
        digest: str,
        now: datetime,
        expires_at: datetime,
    ) -> int:
        """A new link's id."""
        link = DashboardLink(
            member_id=member_id,
            community_id=community_id,
            digest=digest,
            created_at=now,
            expires_at=expires_at,
        )
        self.session.add(link)
        await self.session.flush()
        return link.id

    async def redeem(
        self, link_id: int, member_id: int, digest: str, now: datetime
    ) -> DashboardLink | None:
        """Mark the link used, if it is this member's, unused and unexpired; None (and
        nothing written) otherwise. One statement, so two tabs racing each other cannot
        both sign in with it."""
        result = await self.session.execute(
            update(DashboardLink)
            .where(
                DashboardLink.id == link_id,
                DashboardLink.member_id == member_id,
                DashboardLink.digest == digest,
                DashboardLink.used_at.is_(None),
                DashboardLink.expires_at > now,
            )
            .values(used_at=now)
        )
        if not isinstance(result, CursorResult) or result.rowcount != 1:
            return None
        return await self.session.get(DashboardLink, link_id)

    async def prune(self, created_before: datetime) -> int:
        """Delete links created before `created_before` (used or expired long since)."""
        result = await self.session.execute(
            delete(DashboardLink).where(DashboardLink.created_at < created_before)
        )
        return result.rowcount if isinstance(result, CursorResult) else 0


class DashboardFigures:
    """A community's aggregates for the dashboard's pages."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def communities(self) -> list[Community]:
        """Every community that is not archived, by name."""
        statement = (
            select(Community).where(Community.archived_at.is_(None)).order_by(Community.name)
        )
        return list((await self.session.scalars(statement)).all())

    async def managed_by(self, member_id: int, roles: frozenset[str]) -> list[Community]:
        """The communities in which the member holds one of `roles`, by name."""
        statement = (
            select(Community)
            .join(Membership, Membership.community_id == Community.id)
            .where(
                Membership.member_id == member_id,
                Membership.role.in_(sorted(roles)),
                Community.archived_at.is_(None),
            )
            .order_by(Community.name)
        )
        return list((await self.session.scalars(statement)).all())

    async def by_department(
        self, community_id: int | None, joined_since: Sequence[datetime]
    ) -> list[tuple[str | None, int, tuple[int, ...]]]:
        """Per department (None: not given): its members in the community, or in the
        organisation when `community_id` is None (everyone Guildbot knows), and how many of
        them joined (the community; the organisation: became known) since each of
        `joined_since`."""
        if community_id is None:
            people = select(Member.id.label("member_id"), Member.created_at.label("joined_at"))
        else:
            people = select(Membership.member_id, Membership.joined_at).where(
                Membership.community_id == community_id
            )
        joined = people.subquery()
        statement = (
            select(
                Department.name,
                func.count(),
                *(
                    func.coalesce(func.sum(case((joined.c.joined_at >= since, 1), else_=0)), 0)
                    for since in joined_since
                ),
            )
            .select_from(joined)
            .join(Member, Member.id == joined.c.member_id)
            .outerjoin(Department, Department.id == Member.department_id)
            .group_by(Department.name)
        )
        rows = (await self.session.execute(statement)).all()
        return [(row[0], int(row[1]), tuple(int(v) for v in row[2:])) for row in rows]

    async def active_by_department(
        self, community_id: int | None, since: Sequence[datetime]
    ) -> list[dict[str | None, int]]:
        """For each of `since`, per department, how many of the community's members (the
        organisation's, when `community_id` is None) did
        anything Guildbot records since then: a command or button on record, a question
        asked, an answer to an event, expertise shown (an answer, a resolution, thanks).
        One pass: each member's latest activity within the longest window, then counted
        against every window."""
        if not since:
            return []
        earliest = min(since)
        members = select(Membership.member_id).where(Membership.community_id == community_id)

        def among(column: Any) -> Any:
            return column.is_not(None) if community_id is None else column.in_(members)

        activity = union_all(
            select(AuditEntry.actor_member_id.label("member_id"), AuditEntry.at.label("at")).where(
                AuditEntry.at >= earliest, among(AuditEntry.actor_member_id)
            ),
            select(Question.asker_id, Question.created_at).where(
                Question.created_at >= earliest, among(Question.asker_id)
            ),
            select(EventRsvp.member_id, EventRsvp.responded_at).where(
                EventRsvp.responded_at >= earliest, among(EventRsvp.member_id)
            ),
            select(ExpertiseEvidence.member_id, ExpertiseEvidence.at).where(
                ExpertiseEvidence.at >= earliest, among(ExpertiseEvidence.member_id)
            ),
        ).subquery()
        latest = (
            select(activity.c.member_id, func.max(activity.c.at).label("at"))
            .group_by(activity.c.member_id)
            .subquery()
        )
        statement = (
            select(
                Department.name,
                *(func.sum(case((latest.c.at >= start, 1), else_=0)) for start in since),
            )
            .select_from(latest)
            .join(Member, Member.id == latest.c.member_id)
            .outerjoin(Department, Department.id == Member.department_id)
            .group_by(Department.name)
        )
        rows = (await self.session.execute(statement)).all()
        return [
            {row[0]: int(row[1 + window] or 0) for row in rows if row[1 + window]}
            for window in range(len(since))
        ]


@dataclass(frozen=True, slots=True)
class CommunitySummary:
    """One community's headline counts, for the organisation's list of communities."""

    community: Community
    members: int
    joined: int  # since the date asked
    asked: int  # questions routed since then
    resolved: int  # of those, resolved
    coffee: int  # taking part in its coffee intros now


async def community_summaries(session: AsyncSession, since: datetime) -> list[CommunitySummary]:
    """Every community that is not archived, by name, with its headline counts (one grouped
    query per count, whatever the number of communities)."""
    communities = await DashboardFigures(session).communities()

    async def per_community(statement: Any) -> dict[int, tuple[int, ...]]:
        rows = (await session.execute(statement)).all()
        return {int(row[0]): tuple(int(v or 0) for v in row[1:]) for row in rows}

    members = await per_community(
        select(
            Membership.community_id,
            func.count(),
            func.sum(case((Membership.joined_at >= since, 1), else_=0)),
        ).group_by(Membership.community_id)
    )
    questions = await per_community(
        select(
            Question.community_id,
            func.count(),
            func.sum(case((Question.status == QuestionStatus.RESOLVED.value, 1), else_=0)),
        )
        .where(
            Question.community_id.is_not(None),
            Question.created_at >= since,
            Question.status != QuestionStatus.DRAFT.value,
        )
        .group_by(Question.community_id)
    )
    coffee = await per_community(
        select(CoffeeProgram.community_id, func.count())
        .join(CoffeeParticipant, CoffeeParticipant.program_id == CoffeeProgram.id)
        .where(CoffeeParticipant.status == CoffeeParticipantStatus.ACTIVE.value)
        .group_by(CoffeeProgram.community_id)
    )
    return [
        CommunitySummary(
            community,
            *members.get(community.id, (0, 0)),
            *questions.get(community.id, (0, 0)),
            *coffee.get(community.id, (0,)),
        )
        for community in communities
    ]


@dataclass(frozen=True, slots=True)
class QuestionFacts:
    """One routed question, as the dashboard counts it (no text, no asker)."""

    status: str
    tags: tuple[str, ...]
    created_at: datetime
    closed_at: datetime | None
    helper_id: int | None
    first_accepted_at: datetime | None
    invited: int  # colleagues asked, or lined up to be asked (an escalation, a free slot)
    # Of those, how many said no, passed it on, or were withdrawn before answering.
    turned_down: int


class QuestionFigures:
    """A community's questions asked since a date, for the questions page."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def since(
        self, community_id: int | None, since: datetime, now: datetime
    ) -> list[QuestionFacts]:
        """Every question routed in the community (None: anywhere in the organisation)
        since `since` (drafts never routed are left out), oldest first, with the
        invitations sent by `now`."""
        accepted = (
            select(
                Invitation.question_id,
                func.min(Invitation.answered_at).label("first"),
            )
            .where(Invitation.status == InvitationStatus.ACCEPTED.value)
            .group_by(Invitation.question_id)
            .subquery()
        )
        asked = (
            select(
                Invitation.question_id,
                func.count(Invitation.id).label("invited"),
                func.sum(case((Invitation.status.in_(_TURNED_DOWN), 1), else_=0)).label(
                    "turned_down"
                ),
            )
            .group_by(Invitation.question_id)
            .subquery()
        )
        statement = (
            select(
                Question.status,
                Question.tags,
                Question.created_at,
                Question.closed_at,
                Question.helper_id,
                accepted.c.first,
                func.coalesce(asked.c.invited, 0),
                func.coalesce(asked.c.turned_down, 0),
            )
            .outerjoin(accepted, accepted.c.question_id == Question.id)
            .outerjoin(asked, asked.c.question_id == Question.id)
            .where(
                *_in_community(Question.community_id, community_id),
                Question.created_at >= since,
                Question.status != QuestionStatus.DRAFT.value,
            )
            .order_by(Question.created_at)
        )
        rows = (await self.session.execute(statement)).all()
        return [
            QuestionFacts(
                status=row[0],
                tags=tuple(str(tag) for tag in (row[1] or [])),
                created_at=row[2],
                closed_at=row[3],
                helper_id=row[4],
                first_accepted_at=_aware(row[5]),
                invited=int(row[6] or 0),
                turned_down=int(row[7] or 0),
            )
            for row in rows
        ]

    async def staffed(self, skills: Sequence[str]) -> set[str]:
        """Those of `skills` that someone has declared and has not said no to being asked
        about (declaring a skill is agreeing to be asked, as routing counts it)."""
        if not skills:
            return set()
        statement = (
            select(Skill.name)
            .join(MemberSkill, MemberSkill.skill_id == Skill.id)
            .outerjoin(ExpertiseConsent, ExpertiseConsent.member_id == MemberSkill.member_id)
            .where(
                Skill.name.in_(sorted(set(skills))),
                or_(ExpertiseConsent.id.is_(None), ExpertiseConsent.opted_in.is_(True)),
            )
            .distinct()
        )
        return set((await self.session.scalars(statement)).all())


_TURNED_DOWN = (
    InvitationStatus.DECLINED.value,
    InvitationStatus.REFERRED.value,
    InvitationStatus.WITHDRAWN.value,
)


def _aware(value: datetime | None) -> datetime | None:
    """An aggregate's instant (min() loses the column's type, and SQLite its zone)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class NewTies:
    """How many pairs of members Guildbot connected for the first time in a period, between
    two departments (None: not given, ordered as ""; `first` ≤ `second`) and by what (a coffee
    group that met, a question one took from the other)."""

    first: str | None
    second: str | None
    how: str  # "coffee" | "question"
    count: int


class NetworkFigures:
    """The ties a community's coffee intros and questions made, for the network page."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def new_ties(
        self, community_id: int | None, start: datetime, end: datetime
    ) -> list[NewTies]:
        """The pairs first connected in [start, end) in the community (None: anywhere in
        the organisation, each pair once), counted by their departments and by
        what connected them first. A tie is two members of a coffee group in which someone
        answered "We met" (at the round's start), or a question's asker and the colleague
        who took it (when it was asked); a pair's first tie is its earliest (coffee before a
        question at the same instant). Counted in the database, with one window over the
        ties before `end`: a year of weekly rounds is tens of thousands of pairs."""
        ranked = _first_ties(community_id, end)
        firsts = (
            select(ranked.c.x, ranked.c.y, ranked.c.how)
            .where(ranked.c.rank == 1, ranked.c.at >= start)
            .subquery()
        )
        one, other = aliased(Member), aliased(Member)
        # Grouped by department id (an integer), named after: a year is tens of thousands
        # of pairs, and there are only so many departments.
        statement = (
            select(one.department_id, other.department_id, firsts.c.how, func.count())
            .select_from(firsts)
            .join(one, one.id == firsts.c.x)
            .join(other, other.id == firsts.c.y)
            .group_by(one.department_id, other.department_id, firsts.c.how)
        )
        rows = (await self.session.execute(statement)).all()
        names = dict((await self.session.execute(select(Department.id, Department.name))).all())
        counted: Counter[tuple[str | None, str | None, str]] = Counter()
        for one_id, other_id, how, count in rows:
            a, b = names.get(one_id), names.get(other_id)
            # Order the pair of departments here: SQL orders None differently per backend.
            pair = (a, b) if (a or "") <= (b or "") else (b, a)
            counted[(*pair, str(how))] += int(count)
        return [
            NewTies(a, b, how, count) for (a, b, how), count in sorted(counted.items(), key=str)
        ]


def _first_ties(community_id: int | None, end: datetime) -> Subquery:
    """Every tie before `end` as (x, y, at, how) with x < y, ranked per pair by time."""
    one, other = aliased(CoffeeGroupMember), aliased(CoffeeGroupMember)
    met = select(CoffeeGroupMember.group_id).where(CoffeeGroupMember.response == "met").distinct()
    coffee = (
        select(
            one.member_id.label("x"),
            other.member_id.label("y"),
            CoffeeRound.occurrence_at.label("at"),
            literal("coffee").label("how"),
        )
        .join(other, and_(other.group_id == one.group_id, other.member_id > one.member_id))
        .join(CoffeeGroup, CoffeeGroup.id == one.group_id)
        .join(CoffeeRound, CoffeeRound.id == CoffeeGroup.round_id)
        .join(CoffeeProgram, CoffeeProgram.id == CoffeeRound.program_id)
        .where(
            *_in_community(CoffeeProgram.community_id, community_id),
            CoffeeRound.occurrence_at < end,
            one.group_id.in_(met),
        )
    )
    lower = case(
        (Question.asker_id < Question.helper_id, Question.asker_id), else_=Question.helper_id
    )
    upper = case(
        (Question.asker_id < Question.helper_id, Question.helper_id), else_=Question.asker_id
    )
    helped = select(
        lower.label("x"), upper.label("y"), Question.created_at.label("at"), literal("question")
    ).where(
        *_in_community(Question.community_id, community_id),
        Question.helper_id.is_not(None),
        Question.helper_id != Question.asker_id,
        Question.created_at < end,
    )
    ties = union_all(coffee, helped).subquery()
    return select(
        ties.c.x,
        ties.c.y,
        ties.c.at,
        ties.c.how,
        func.row_number()
        .over(partition_by=(ties.c.x, ties.c.y), order_by=(ties.c.at, ties.c.how))
        .label("rank"),
    ).subquery()


def _in_community(column: Any, community_id: int | None) -> tuple[Any, ...]:
    """The condition that a row belongs to the community; none for the organisation."""
    return () if community_id is None else (column == community_id,)
