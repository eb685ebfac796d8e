"""Questions of the expert-routing flow: the questions themselves, who is (to be) asked about
each, where a question's community is, and how a channel treats the questions asked in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import (
    ChannelMode,
    Community,
    CommunityChannel,
    Invitation,
    InvitationStatus,
    Membership,
    MemberSkill,
    Question,
    QuestionStatus,
    Role,
    Skill,
)
from guildbot.storage.repositories.locks import lock_row

# A question someone may still help with: colleagues are being asked, or one is helping.
OPEN_STATUSES = (QuestionStatus.OPEN.value, QuestionStatus.CONNECTED.value)


@dataclass(frozen=True, slots=True)
class ResolvedQuestion:
    """A question the asker marked resolved by a colleague: what the ranking learns from."""

    text: str
    tags: tuple[str, ...]
    asker_id: int
    resolver_id: int
    asked_at: datetime


@dataclass(frozen=True, slots=True)
class EarlierQuestion:
    """A resolved question as a similar-questions offer shows it."""

    id: int
    text: str
    resolver_id: int
    resolved_at: datetime | None
    platform: str
    workspace_id: str
    channel_id: str | None
    thread_id: str | None


@dataclass(frozen=True, slots=True)
class CommunityTopic:
    """What a community is about, for choosing where a question asked privately belongs."""

    id: int
    name: str
    description: str
    members: int
    skills: dict[str, int]  # skill -> members who declared it


# Resolved by someone other than the asker: what was answered, and by whom.
_RESOLVED_BY_A_COLLEAGUE = (
    Question.status == QuestionStatus.RESOLVED.value,
    Question.resolved_by_id.is_not(None),
    Question.resolved_by_id != Question.asker_id,
)


class QuestionRepository:
    """Reads and writes questions; serialises the state changes of one question across tasks
    and processes."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def resolved(self) -> list[ResolvedQuestion]:
        """Every question resolved by a colleague, oldest asked first."""
        rows = await self.session.execute(
            select(
                Question.text,
                Question.tags,
                Question.asker_id,
                Question.resolved_by_id,
                Question.created_at,
            )
            .where(*_RESOLVED_BY_A_COLLEAGUE)
            .order_by(Question.created_at, Question.id)
        )
        return [
            ResolvedQuestion(
                row.text, tuple(row.tags), row.asker_id, row.resolved_by_id, row.created_at
            )
            for row in rows
        ]

    async def resolved_count(self) -> tuple[int, datetime | None]:
        """How many questions were resolved by a colleague, and when the latest was asked."""
        row = (
            await self.session.execute(
                select(func.count(Question.id), func.max(Question.created_at)).where(
                    *_RESOLVED_BY_A_COLLEAGUE
                )
            )
        ).one()
        return int(row[0] or 0), row[1]

    async def resolved_texts(self) -> list[tuple[int, str, tuple[str, ...]]]:
        """Id, text and tags of every question resolved by a colleague, by id."""
        rows = await self.session.execute(
            select(Question.id, Question.text, Question.tags)
            .where(*_RESOLVED_BY_A_COLLEAGUE)
            .order_by(Question.id)
        )
        return [(row.id, row.text, tuple(row.tags)) for row in rows]

    async def resolved_signature(self) -> tuple[int, int, datetime | None]:
        """Count, largest id and latest close of the questions resolved by a colleague: when
        any of them changes, a cache of those questions is stale."""
        row = (
            await self.session.execute(
                select(
                    func.count(Question.id), func.max(Question.id), func.max(Question.closed_at)
                ).where(*_RESOLVED_BY_A_COLLEAGUE)
            )
        ).one()
        return int(row[0] or 0), int(row[1] or 0), row[2]

    async def earlier(self, question_ids: Sequence[int]) -> dict[int, EarlierQuestion]:
        """The resolved questions among `question_ids`, by id (others are left out)."""
        if not question_ids:
            return {}
        rows = await self.session.execute(
            select(
                Question.id,
                Question.text,
                Question.resolved_by_id,
                Question.closed_at,
                Question.platform,
                Question.workspace_id,
                Question.channel_id,
                Question.thread_id,
            ).where(Question.id.in_(list(question_ids)), *_RESOLVED_BY_A_COLLEAGUE)
        )
        return {
            row.id: EarlierQuestion(
                row.id,
                row.text,
                row.resolved_by_id,
                row.closed_at,
                row.platform,
                row.workspace_id,
                row.channel_id,
                row.thread_id,
            )
            for row in rows
        }

    async def lock(self, question_id: int) -> Question | None:
        """Hold the question's lock until the transaction ends (see `lock_row`; call it first
        in the unit of work), and return the question as it is now (None if there is none)."""
        await lock_row(self.session, Question.id, question_id)
        return await self.session.get(Question, question_id, populate_existing=True)

    async def add(self, question: Question) -> Question:
        """Insert a question and assign its id."""
        self.session.add(question)
        await self.session.flush()
        return question

    async def open_questions_of(self, asker_id: int) -> Sequence[Question]:
        """The member's questions someone may still help with, oldest first."""
        statement = (
            select(Question)
            .where(Question.asker_id == asker_id, Question.status.in_(OPEN_STATUSES))
            .order_by(Question.id)
        )
        return (await self.session.scalars(statement)).all()

    async def waiting_for(self, member_id: int, now: datetime) -> Sequence[Question]:
        """Open questions the member has been asked about and not answered yet, oldest first."""
        statement = (
            select(Question)
            .join(Invitation, Invitation.question_id == Question.id)
            .where(
                Invitation.member_id == member_id,
                Invitation.status == InvitationStatus.INVITED.value,
                Invitation.due_at <= now,
                Question.status == QuestionStatus.OPEN.value,
            )
            .order_by(Question.id)
        )
        return (await self.session.scalars(statement)).all()

    async def connect(self, question_id: int, helper_id: int) -> bool:
        """The question, still open, is now being helped with by `helper_id`; False when it
        was no longer open (so a connection is never made twice)."""
        changed = await self.session.execute(
            update(Question)
            .where(Question.id == question_id, Question.status == QuestionStatus.OPEN.value)
            .values(status=QuestionStatus.CONNECTED.value, helper_id=helper_id)
        )
        return getattr(changed, "rowcount", 0) == 1

    async def latest_helped_by(self, asker_id: int, helper_id: int) -> Question | None:
        """The newest of the asker's questions the helper took."""
        statement = (
            select(Question)
            .where(Question.asker_id == asker_id, Question.helper_id == helper_id)
            .order_by(Question.id.desc())
        )
        return (await self.session.scalars(statement)).first()

    async def communities_of_asker(self, asker_id: int) -> list[int]:
        """The ids of the communities the member belongs to, in id order."""
        statement = (
            select(Membership.community_id)
            .where(Membership.member_id == asker_id)
            .order_by(Membership.community_id)
        )
        return list((await self.session.scalars(statement)).all())

    async def facilitators_of(self, community_ids: Sequence[int]) -> list[int]:
        """The facilitators and admins of these communities, each once, in member id order."""
        if not community_ids:
            return []
        statement = (
            select(Membership.member_id)
            .where(
                Membership.community_id.in_(community_ids),
                Membership.role.in_((Role.FACILITATOR.value, Role.ADMIN.value)),
            )
            .order_by(Membership.member_id)
        )
        return list(dict.fromkeys((await self.session.scalars(statement)).all()))

    async def community_topics(self) -> list[CommunityTopic]:
        """Every community with what it is about: its name and description, how many
        members it has, and how many of them declared each skill."""
        communities = (
            await self.session.execute(select(Community.id, Community.name, Community.description))
        ).all()
        sizes = dict(
            (
                await self.session.execute(
                    select(Membership.community_id, func.count(Membership.id)).group_by(
                        Membership.community_id
                    )
                )
            ).all()
        )
        skills: dict[int, dict[str, int]] = {}
        rows = await self.session.execute(
            select(Membership.community_id, Skill.name, func.count(MemberSkill.id))
            .join(MemberSkill, MemberSkill.member_id == Membership.member_id)
            .join(Skill, Skill.id == MemberSkill.skill_id)
            .group_by(Membership.community_id, Skill.name)
        )
        for community_id, skill, count in rows:
            skills.setdefault(community_id, {})[skill] = int(count)
        return [
            CommunityTopic(
                row.id,
                row.name,
                row.description or "",
                int(sizes.get(row.id, 0)),
                skills.get(row.id, {}),
            )
            for row in communities
        ]

    async def community_channel(self, community_id: int, platform: str) -> CommunityChannel | None:
        """The first channel linked to the community on `platform`."""
        statement = (
            select(CommunityChannel)
            .where(
                CommunityChannel.community_id == community_id,
                CommunityChannel.platform == platform,
            )
            .order_by(CommunityChannel.id)
        )
        return (await self.session.scalars(statement)).first()


class InvitationRepository:
    """Who is asked, or is to be asked, about which question, and what they answered."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_question(self, question_id: int) -> list[Invitation]:
        """Everyone asked or to be asked about the question, in the order they were added."""
        statement = (
            select(Invitation).where(Invitation.question_id == question_id).order_by(Invitation.id)
        )
        return list((await self.session.scalars(statement)).all())

    async def add(self, invitation: Invitation) -> Invitation:
        """Insert an invitation."""
        self.session.add(invitation)
        await self.session.flush()
        return invitation

    async def scheduled_for(self, member_id: int, now: datetime) -> Sequence[Invitation]:
        """The member's invitations that are due later (escalations not sent yet)."""
        statement = select(Invitation).where(
            Invitation.member_id == member_id,
            Invitation.status == InvitationStatus.INVITED.value,
            Invitation.due_at > now,
        )
        return (await self.session.scalars(statement)).all()

    async def open_requests(self, member_ids: Sequence[int], since: datetime) -> dict[int, int]:
        """How many requests each member has on open questions, due since `since`: invited
        (escalations already scheduled count: they will be sent) or accepted."""
        if not member_ids:
            return {}
        statement = (
            select(Invitation.member_id, func.count(Invitation.id))
            .join(Question, Question.id == Invitation.question_id)
            .where(
                Invitation.member_id.in_(member_ids),
                Invitation.status.in_(
                    [InvitationStatus.INVITED.value, InvitationStatus.ACCEPTED.value]
                ),
                Invitation.due_at >= since,
                Question.status.in_(OPEN_STATUSES),
            )
            .group_by(Invitation.member_id)
        )
        return {member: int(count) for member, count in (await self.session.execute(statement))}


class ChannelModeRepository:
    """How each channel treats the questions asked in it (off when it has no row)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def mode_of(self, platform: str, workspace_id: str, channel_id: str) -> str | None:
        """The channel's mode as stored, if one was ever set."""
        row = await self._row(platform, workspace_id, channel_id)
        return None if row is None else row.mode

    async def set_mode(
        self,
        platform: str,
        workspace_id: str,
        channel_id: str,
        mode: str,
        set_by_id: int,
        at: datetime,
    ) -> None:
        """Record the channel's mode and who chose it."""
        row = await self._row(platform, workspace_id, channel_id)
        if row is None:
            self.session.add(
                ChannelMode(
                    platform=platform,
                    workspace_id=workspace_id,
                    channel_id=channel_id,
                    mode=mode,
                    set_by_id=set_by_id,
                    updated_at=at,
                )
            )
            return
        row.mode = mode
        row.set_by_id = set_by_id
        row.updated_at = at

    async def _row(self, platform: str, workspace_id: str, channel_id: str) -> ChannelMode | None:
        statement = select(ChannelMode).where(
            ChannelMode.platform == platform,
            ChannelMode.workspace_id == workspace_id,
            ChannelMode.channel_id == channel_id,
        )
        return (await self.session.scalars(statement)).first()
