"""Who may manage what: one rule, one refusal, and every refusal audited.

A community is managed by its facilitators and admins, and by organisation admins; only
admins make admins. A refusal is a `Refused` error raised inside the request's unit of
work, which it rolls back; the router records it in the audit log in a unit of its own
(`RefusalLog`), so the attempt is on record and nothing else changed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.clock import Clock
from guildbot.bot.context import Actor, Context, UserError
from guildbot.bot.i18n import translate
from guildbot.contract.richtext import RichText
from guildbot.storage.engine import Database
from guildbot.storage.models import Community, Role
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.communities import CommunityRepository

MANAGING_ROLES = frozenset({Role.FACILITATOR.value, Role.ADMIN.value})


class Refused(UserError):
    """The actor may not do `action` (on the community `community_id`, when there is one)."""

    def __init__(
        self,
        message: RichText,
        action: str,
        community_id: int | None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.action = action
        self.community_id = community_id
        self.details = details


async def may_manage(session: AsyncSession, actor: Actor, community_id: int) -> bool:
    """Whether `actor` manages the community: an organisation admin, or its facilitator or
    admin."""
    if actor.is_admin:
        return True
    membership = await CommunityRepository(session).membership(community_id, actor.member_id)
    return membership is not None and membership.role in MANAGING_ROLES


async def require_manager(
    ctx: Context,
    session: AsyncSession,
    community: Community,
    action: str,
    *,
    granting: Role | None = None,
) -> None:
    """Go on only if the actor may manage `community` (and, when `granting` admin, is an
    admin: facilitators do not make admins); otherwise raise `Refused`. A role change's
    refusal says which role was asked for."""
    if ctx.actor.is_admin:
        return
    membership = await CommunityRepository(session).membership(community.id, ctx.actor.member_id)
    held = membership.role if membership else None
    if held == Role.ADMIN.value or (held == Role.FACILITATOR.value and granting is not Role.ADMIN):
        return
    # In the actor's language (the communities' messages, `communities.ftl`).
    message = (
        translate(ctx.language, "communities-managers-only-admins", community=community.name)
        if granting is Role.ADMIN
        else translate(ctx.language, "communities-managers-only", community=community.name)
    )
    raise Refused(
        message,
        action,
        community.id,
        {"role": granting.value} if granting is not None else None,
    )


def require_admin(ctx: Context, action: str, message: RichText) -> None:
    """Go on only for an organisation admin; otherwise raise `Refused` with `message`."""
    if not ctx.actor.is_admin:
        raise Refused(message, action, None)


class RefusalLog:
    """Records refusals, each in its own unit of work (the refused change was rolled back)."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    async def record(self, ctx: Context, refused: Refused) -> None:
        """``ACTION.refused`` by the actor, on the community (or the organisation)."""
        async with self.database.transaction() as session:
            await AuditLog(session).record(
                self.clock.now(),
                ctx.actor.member_id,
                f"{refused.action}.refused",
                "community" if refused.community_id is not None else "organisation",
                refused.community_id,
                refused.details,
            )
