"""What Guildbot holds about a member: see it, export it, erase it.

Erasure deletes the member and everything that hangs off them (identities, skills,
memberships, questions, expertise evidence, RSVPs, coffee participation, messages queued
for them, and what platforms told the bot about their accounts), and tells in-memory indexes
to forget them. Audit entries stay, because they record what happened to shared things
(communities, roles), but they only carry an opaque member id that no longer resolves to a
person.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply
from guildbot.bot.features.privacy import copy
from guildbot.bot.features.privacy.buttons import (
    ACTION_CANCEL,
    ACTION_ERASE,
    ErasureOf,
)
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.storage.engine import Database
from guildbot.storage.models import Role
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.holds import HoldRepository
from guildbot.storage.repositories.members import DepartmentRepository, MemberRepository
from guildbot.storage.repositories.records import MemberRecords
from guildbot.storage.repositories.skills import SkillRepository


class Privacy:
    """Members' rights over their own data."""

    def __init__(
        self,
        database: Database,
        on_erase: Sequence[Callable[[int], None]],
        retention: Sequence[tuple[str, int]] = (),
    ) -> None:
        self.database = database
        # (what, days kept), as `privacy` tells members: `what` is one of `copy.KEPT`.
        self.retention = retention
        # Called with the member id after an erasure, so caches built from their data (the
        # routing index) forget them at once rather than at their next rebuild.
        self.on_erase = on_erase

    async def export(self, member_id: int) -> dict[str, Any]:
        """Everything stored about the member, as plain JSON-ready values."""
        async with self.database.transaction() as session:
            member = await MemberRepository(session).get(member_id)
            assert member is not None
            department = (
                await DepartmentRepository(session).get(member.department_id)
                if member.department_id
                else None
            )
            records = MemberRecords(session)
            accounts = await records.accounts(member.id)
            skills = await SkillRepository(session).of_member(member.id)
            communities = await CommunityRepository(session).communities_of(member.id)
            actions = await records.actions(member.id)
            activity = await records.activity(member.id)
        return {
            "profile": {
                "display_name": member.display_name,
                "department": department.name if department else None,
                "title": member.title,
                "email": member.email,
                "timezone": member.timezone,
                "locale": member.locale,
                "working_languages": member.working_languages,
                "practice_language": member.practice_language,
                "available": member.available,
                "away_until": _iso(member.away_until),
                "organisation_admin": member.is_admin,
                "created_at": _iso(member.created_at),
            },
            "platform_identities": accounts,
            "expertise": [{"skill": name, "declared_at": _iso(at)} for name, at in skills],
            "communities": [{"slug": c.slug, "name": c.name, "role": r} for c, r in communities],
            "actions": actions,
            **activity,
        }

    async def show(self, ctx: Context) -> Reply:
        """A readable summary of what is held, and how to export or erase it."""
        data = await self.export(ctx.actor.member_id)
        text = copy.summary(ctx.language, data)
        if self.retention:
            text = text + copy.kept_for(ctx.language, self.retention)
        return Reply(text, context=copy.export_hint(ctx.language))

    async def export_reply(self, ctx: Context) -> Reply:
        """The export as a JSON block."""
        data = json.dumps(await self.export(ctx.actor.member_id), indent=2, ensure_ascii=False)
        return Reply(copy.export(ctx.language, data))

    async def ask_erase(self, ctx: Context) -> Reply:
        """Erasure always asks first — and the only admin of a community others are in hands
        it over first, so no community is left without someone to run it."""
        async with self.database.transaction() as session:
            if await HoldRepository(session).holding(ctx.actor.member_id) is not None:
                return await _recorded_under_hold(session, ctx)
            held = await _held_alone(session, ctx.actor.member_id)
        if held:
            return Reply(copy.hand_over_first(ctx.language, held))
        return Reply(
            copy.erase_warning(ctx.language),
            buttons=(
                Button(
                    copy.erase_button(ctx.language),
                    ACTION_ERASE,
                    ErasureOf(ctx.actor.member_id).encode(),
                    ButtonStyle.DANGER,
                    copy.erase_confirmation(ctx.language),
                ),
                Button(copy.cancel(ctx.language), ACTION_CANCEL),
            ),
        )

    async def erase(self, ctx: Context, value: str) -> Reply:
        """Delete the actor (only themselves: the button must have been offered to them)."""
        if ErasureOf.decode(value) != ErasureOf(ctx.actor.member_id):
            return Reply(copy.not_yours(ctx.language))
        async with self.database.transaction() as session:
            member = await MemberRepository(session).get(ctx.actor.member_id)
            if member is None:
                return Reply(copy.nothing_left(ctx.language))
            if await HoldRepository(session).holding(member.id) is not None:
                return await _recorded_under_hold(session, ctx)
            held = await _held_alone(session, member.id)  # asked again: roles change
            if held:
                return Reply(copy.hand_over_first(ctx.language, held))
            await MemberRecords(session).erase(member, ctx.now)
            await AuditLog(session).record(
                ctx.now, None, "privacy.erase", "member", ctx.actor.member_id
            )
        for forget in self.on_erase:
            forget(ctx.actor.member_id)
        return Reply(copy.erased(ctx.language))


async def _recorded_under_hold(session: AsyncSession, ctx: Context) -> Reply:
    """Erasure asked for while a legal hold is in force: nothing is erased, the request is
    recorded (for when the hold is lifted), and the member is told plainly."""
    await AuditLog(session).record(
        ctx.now, ctx.actor.member_id, "privacy.erase.held", "member", ctx.actor.member_id
    )
    return Reply(copy.under_hold(ctx.language))


async def _held_alone(session: AsyncSession, member_id: int) -> list[tuple[str, str]]:
    """(name, slug) of the communities the member is the only admin of, with others in."""
    communities = CommunityRepository(session)
    held = []
    for community, role in await communities.communities_of(member_id):
        if role != Role.ADMIN.value:
            continue
        admins = await communities.members_with_role(community.id, [Role.ADMIN])
        if len(admins) == 1 and await communities.member_count(community.id) > 1:
            held.append((community.name, community.slug))
    return held


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()
