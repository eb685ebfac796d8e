"""Everything held about one member, for the privacy export and erasure: their accounts,
their actions in the audit log, and each feature's records (questions, invitations, expertise
evidence, RSVPs, coffee intros, queued messages, platform contact details).

Every read returns plain JSON-ready values about one member and nobody else's private data
(other people appear by display name only where the member met or answered them).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from guildbot.storage.models import (
    AuditEntry,
    CalendarEvent,
    CoffeeGroup,
    CoffeeGroupMember,
    CoffeeNever,
    CoffeeParticipant,
    CoffeeProgram,
    CoffeeRound,
    CoffeeRoundAnswer,
    Community,
    EventRsvp,
    ExpertiseConsent,
    ExpertiseEvidence,
    GroupConversation,
    Invitation,
    LegalHold,
    Member,
    PlatformContact,
    PlatformIdentity,
    Question,
    StoredConversation,
)
from guildbot.storage.repositories.outbox import OutboxRepository


class MemberRecords:
    """What the bot holds about one member, read and forgotten in one place."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def accounts(self, member_id: int) -> list[dict[str, str]]:
        """The platform accounts the member is known by."""
        rows = await self.session.scalars(
            select(PlatformIdentity).where(PlatformIdentity.member_id == member_id)
        )
        return [
            {"platform": i.platform, "workspace": i.workspace_id, "user_id": i.user_id}
            for i in rows
        ]

    async def actions(self, member_id: int) -> list[dict[str, Any]]:
        """What the member did, as the audit log recorded it."""
        rows = await self.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.actor_member_id == member_id)
            .order_by(AuditEntry.id)
        )
        return [
            {
                "at": _iso(a.at),
                "action": a.action,
                "object": a.object_type,
                "object_id": a.object_id,
            }
            for a in rows
        ]

    async def activity(self, member_id: int) -> dict[str, Any]:
        """Everything the features store about the member, beyond the directory profile."""
        return await activity_of(self.session, member_id)

    async def erase(self, member: Member, now: datetime) -> int:
        """Delete the member and what hangs off them (the foreign keys cascade), what
        platforms told us about their accounts (found through the identities, so first), and
        every copy of them in messages: bodies that name them are removed from the outbox
        (those not sent yet are not sent), and they leave the groups the bot writes to.
        Returns how many outbox rows were redacted."""
        user_ids = [
            user_id
            for (user_id,) in await self.session.execute(
                select(PlatformIdentity.user_id).where(PlatformIdentity.member_id == member.id)
            )
        ]
        # JSON-quoted, so an id matches itself and not a longer one that contains it.
        needles = [json.dumps(user_id) for user_id in user_ids]
        needles += [value for value in (member.display_name, member.email) if value]
        redacted = await OutboxRepository(self.session).redact_mentions(needles, now)
        # Holds once on them, lifted (one in force stops erasure before this): the audit log
        # keeps that they were.
        await self.session.execute(
            delete(LegalHold).where(
                LegalHold.member_id == member.id, LegalHold.lifted_at.is_not(None)
            )
        )
        await _leave_groups(self.session, set(user_ids))
        await forget_platform_records(self.session, member.id)
        await self.session.delete(member)
        return redacted


async def _leave_groups(session: AsyncSession, user_ids: set[str]) -> None:
    """Take the platform user ids out of the groups the bot writes to (kept only to open a
    group's conversation)."""
    if not user_ids:
        return
    for group in await session.scalars(select(GroupConversation)):
        if user_ids.intersection(group.members):
            group.members = [m for m in group.members if m not in user_ids]


async def activity_of(session: AsyncSession, member_id: int) -> dict[str, Any]:
    return {
        "questions_asked": await _questions(session, member_id),
        "help_requests_received": await _invitations(session, member_id),
        "expertise_evidence": await _evidence(session, member_id),
        "expert_consent": await _consent(session, member_id),
        "event_rsvps": await _rsvps(session, member_id),
        "coffee": await _coffee(session, member_id),
        "messages_waiting_for_you": await _waiting(session, member_id),
        "platform_contact_details": await _contacts(session, member_id),
    }


async def forget_platform_records(session: AsyncSession, member_id: int) -> int:
    """Delete what platforms told the bot about the member's accounts (names, sign-in names,
    the references that let the bot message them first); rows without a foreign key to the
    member, found through their platform identities. Returns how many rows went."""
    accounts = await _accounts(session, member_id)
    if accounts is None:
        return 0
    contacts = await session.execute(delete(PlatformContact).where(accounts(PlatformContact)))
    chats = await session.execute(delete(StoredConversation).where(accounts(StoredConversation)))
    return int(getattr(contacts, "rowcount", 0) or 0) + int(getattr(chats, "rowcount", 0) or 0)


async def _accounts(
    session: AsyncSession, member_id: int
) -> Callable[[type[PlatformContact] | type[StoredConversation]], Any] | None:
    """A filter matching rows of the member's platform accounts, or None without accounts."""
    identities = (
        await session.execute(
            select(
                PlatformIdentity.platform, PlatformIdentity.workspace_id, PlatformIdentity.user_id
            ).where(PlatformIdentity.member_id == member_id)
        )
    ).all()
    if not identities:
        return None

    def matching(model: type[PlatformContact] | type[StoredConversation]) -> Any:
        return or_(
            *(
                and_(
                    model.platform == platform,
                    model.workspace_id == workspace,
                    model.user_id == user,
                )
                for platform, workspace, user in identities
            )
        )

    return matching


async def _contacts(session: AsyncSession, member_id: int) -> list[dict[str, Any]]:
    accounts = await _accounts(session, member_id)
    if accounts is None:
        return []
    rows = await session.scalars(select(PlatformContact).where(accounts(PlatformContact)))
    return [
        {
            "platform": c.platform,
            "name": c.display_name,
            "sign_in_name": c.principal_name,
            "updated_at": _iso(c.updated_at),
        }
        for c in rows
    ]


async def _questions(session: AsyncSession, member_id: int) -> list[dict[str, Any]]:
    rows = await session.scalars(
        select(Question).where(Question.asker_id == member_id).order_by(Question.id)
    )
    return [
        {
            "id": q.id,
            "text": q.text,
            "tags": list(q.tags),
            "status": q.status,
            "asked_at": _iso(q.created_at),
            "closed_at": _iso(q.closed_at),
        }
        for q in rows
    ]


async def _invitations(session: AsyncSession, member_id: int) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(Invitation.question_id, Invitation.status, Invitation.reason, Invitation.due_at)
        .where(Invitation.member_id == member_id)
        .order_by(Invitation.id)
    )
    return [
        {
            "question_id": r.question_id,
            "status": r.status,
            "why_you": r.reason,
            "at": _iso(r.due_at),
        }
        for r in rows
    ]


async def _evidence(session: AsyncSession, member_id: int) -> list[dict[str, Any]]:
    rows = await session.scalars(
        select(ExpertiseEvidence)
        .where(ExpertiseEvidence.member_id == member_id)
        .order_by(ExpertiseEvidence.id)
    )
    return [{"kind": e.kind, "text": e.text, "tags": list(e.tags), "at": _iso(e.at)} for e in rows]


async def _consent(session: AsyncSession, member_id: int) -> dict[str, Any] | None:
    consent = await session.scalar(
        select(ExpertiseConsent).where(ExpertiseConsent.member_id == member_id)
    )
    if consent is None:
        return None
    return {"opted_in": consent.opted_in, "updated_at": _iso(consent.updated_at)}


async def _rsvps(session: AsyncSession, member_id: int) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(EventRsvp, CalendarEvent.title, CalendarEvent.timezone)
        .join(CalendarEvent, CalendarEvent.id == EventRsvp.event_id)
        .where(EventRsvp.member_id == member_id)
        .order_by(EventRsvp.id)
    )
    return [
        {
            "event": title,
            "occurrence": f"{rsvp.occurrence_local} {zone}",
            "answer": rsvp.status,
            "answered_at": _iso(rsvp.responded_at),
        }
        for rsvp, title, zone in rows
    ]


async def _coffee(session: AsyncSession, member_id: int) -> dict[str, Any]:
    programs = await session.execute(
        select(CoffeeParticipant, Community.slug)
        .join(CoffeeProgram, CoffeeProgram.id == CoffeeParticipant.program_id)
        .join(Community, Community.id == CoffeeProgram.community_id)
        .where(CoffeeParticipant.member_id == member_id)
        .order_by(CoffeeParticipant.id)
    )
    other = aliased(Member)
    never = await session.execute(
        select(other.display_name, CoffeeNever.created_at)
        .join(other, other.id == CoffeeNever.other_id)
        .where(CoffeeNever.member_id == member_id)
        .order_by(CoffeeNever.id)
    )
    answers = await session.execute(
        select(CoffeeRound.local_date, CoffeeRoundAnswer.joining)
        .join(CoffeeRound, CoffeeRound.id == CoffeeRoundAnswer.round_id)
        .where(CoffeeRoundAnswer.member_id == member_id)
        .order_by(CoffeeRoundAnswer.id)
    )
    return {
        "programs": [
            {
                "community": slug,
                "status": p.status,
                "snoozed_until": _iso(p.snoozed_until),
                "joined_at": _iso(p.joined_at),
            }
            for p, slug in programs
        ],
        "never_pair_with": [{"member": name, "since": _iso(at)} for name, at in never],
        "round_answers": [{"round": day, "joining": joining} for day, joining in answers],
        "intros": await _intros(session, member_id),
    }


async def _intros(session: AsyncSession, member_id: int) -> list[dict[str, Any]]:
    mine = aliased(CoffeeGroupMember)
    theirs = aliased(CoffeeGroupMember)
    rows = await session.execute(
        select(CoffeeGroup.id, CoffeeRound.local_date, mine.response, Member.display_name)
        .join(mine, mine.group_id == CoffeeGroup.id)
        .join(CoffeeRound, CoffeeRound.id == CoffeeGroup.round_id)
        .join(theirs, theirs.group_id == CoffeeGroup.id)
        .join(Member, Member.id == theirs.member_id)
        .where(mine.member_id == member_id, theirs.member_id != member_id)
        .order_by(CoffeeGroup.id, Member.display_name)
    )
    intros: dict[int, dict[str, Any]] = {}
    for group_id, day, response, name in rows:
        intro = intros.setdefault(group_id, {"round": day, "with": [], "your_answer": response})
        intro["with"].append(name)
    return list(intros.values())


async def _waiting(session: AsyncSession, member_id: int) -> int:
    return await OutboxRepository(session).pending_for(member_id)


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())
