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
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from guildbot.bot.context import Context, Reply
from guildbot.bot.features.privacy.records import activity_of, forget_platform_records
from guildbot.bot.rich import say
from guildbot.contract.outbound import Button, ButtonStyle, Confirmation
from guildbot.contract.richtext import Code
from guildbot.storage.engine import Database
from guildbot.storage.models import AuditEntry, Department, Member, PlatformIdentity
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.members import MemberRepository
from guildbot.storage.repositories.skills import SkillRepository

ACTION_ERASE = "privacy.erase"

ERASE_CONFIRMATION = Confirmation("Erase your data?", "This cannot be undone.", "Erase")


class PrivacyService:
    """Members' rights over their own data."""

    def __init__(self, database: Database) -> None:
        self.database = database
        # Called with the member id after an erasure, so caches built from their data (the
        # routing index) forget them at once rather than at their next rebuild.
        self.on_erase: list[Callable[[int], None]] = []

    async def export(self, ctx: Context) -> dict[str, Any]:
        """Everything stored about the actor, as plain JSON-ready values."""
        async with self.database.transaction() as session:
            member = await MemberRepository(session).get(ctx.actor.member_id)
            assert member is not None
            department = (
                await session.get(Department, member.department_id)
                if member.department_id
                else None
            )
            identities = (
                await session.scalars(
                    select(PlatformIdentity).where(PlatformIdentity.member_id == member.id)
                )
            ).all()
            skills = await SkillRepository(session).of_member(member.id)
            communities = await CommunityRepository(session).communities_of(member.id)
            actions = (
                await session.scalars(
                    select(AuditEntry)
                    .where(AuditEntry.actor_member_id == member.id)
                    .order_by(AuditEntry.id)
                )
            ).all()
            activity = await activity_of(session, member.id)
        return {
            "profile": {
                "display_name": member.display_name,
                "department": department.name if department else None,
                "title": member.title,
                "email": member.email,
                "timezone": member.timezone,
                "locale": member.locale,
                "available": member.available,
                "away_until": _iso(member.away_until),
                "organisation_admin": member.is_admin,
                "created_at": _iso(member.created_at),
            },
            "platform_identities": [
                {"platform": i.platform, "workspace": i.workspace_id, "user_id": i.user_id}
                for i in identities
            ],
            "expertise": [{"skill": name, "declared_at": _iso(at)} for name, at in skills],
            "communities": [{"slug": c.slug, "name": c.name, "role": r} for c, r in communities],
            "actions": [
                {
                    "at": _iso(a.at),
                    "action": a.action,
                    "object": a.object_type,
                    "object_id": a.object_id,
                }
                for a in actions
            ],
            **activity,
        }

    async def show(self, ctx: Context) -> Reply:
        """A readable summary of what is held, and how to export or erase it."""
        data = await self.export(ctx)
        profile = data["profile"]
        lines = [
            "*What Guildbot holds about you*",
            f"• Profile: {profile['display_name']}, department {profile['department'] or '—'}, "
            f"title {profile['title'] or '—'}, e-mail {profile['email'] or '—'}, "
            f"time zone {profile['timezone']}",
            f"• Accounts: {', '.join(i['platform'] for i in data['platform_identities'])}",
            f"• Expertise: {len(data['expertise'])} skills",
            f"• Communities: {len(data['communities'])}",
            f"• Questions you asked: {len(data['questions_asked'])}; requests for your help: "
            f"{len(data['help_requests_received'])}; evidence of your expertise: "
            f"{len(data['expertise_evidence'])}",
            f"• Event RSVPs: {len(data['event_rsvps'])}; coffee intros: "
            f"{len(data['coffee']['intros'])}",
            f"• Actions you took, in the audit log: {len(data['actions'])}",
            "Other channel messages are never stored: where a channel routes questions, only "
            "the questions it routes are kept.",
        ]
        return Reply(
            "\n".join(lines),
            context="`privacy export` gives all of it as JSON; `privacy erase` deletes it.",
        )

    async def export_reply(self, ctx: Context) -> Reply:
        """The export as a JSON block."""
        data = json.dumps(await self.export(ctx), indent=2, ensure_ascii=False)
        return Reply(
            say("Everything Guildbot holds about you:\n{data}", data=Code(data, block=True))
        )

    async def ask_erase(self, ctx: Context) -> Reply:
        """Erasure always asks first."""
        return Reply(
            "This deletes your profile, expertise, community memberships, questions, RSVPs and "
            "coffee intros from Guildbot. It cannot be undone.",
            buttons=(
                Button(
                    "Erase my data",
                    ACTION_ERASE,
                    str(ctx.actor.member_id),
                    ButtonStyle.DANGER,
                    ERASE_CONFIRMATION,
                ),
                Button("Cancel", "cancel"),
            ),
        )

    async def erase(self, ctx: Context, value: str) -> Reply:
        """Delete the actor (only themselves: the button's value must be their own id)."""
        if value != str(ctx.actor.member_id):
            return Reply("That button was for someone else; nothing was erased.")
        async with self.database.transaction() as session:
            member = await session.get(Member, ctx.actor.member_id)
            if member is None:
                return Reply("There is nothing left to erase.")
            # Before the identities go with the member: they are how these rows are found.
            await forget_platform_records(session, member.id)
            await session.delete(member)
            await AuditLog(session).record(
                ctx.now, None, "privacy.erase", "member", ctx.actor.member_id
            )
        for forget in self.on_erase:
            forget(ctx.actor.member_id)
        return Reply(
            "Done: your data is erased. If you use Guildbot again, you start with a new, "
            "empty profile."
        )


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())
