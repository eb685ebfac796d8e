"""Consent to be asked: `expertise optin`, `expertise optout` (which also withdraws the
invitations not sent yet) and the organisation's default, `expertise default in|out`."""

from __future__ import annotations

from guildbot.bot.context import Context, Reply, UsageError
from guildbot.bot.features.questions import copy
from guildbot.bot.features.questions.executor import withdraw
from guildbot.bot.features.questions.service import QuestionService
from guildbot.bot.grammar import Invocation
from guildbot.bot.policy import require_admin
from guildbot.bot.scheduler.outbox import Outbox
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.expertise import ExpertiseRepository
from guildbot.storage.repositories.questions import InvitationRepository


async def opt_in(service: QuestionService, ctx: Context, invocation: Invocation) -> Reply:
    """`expertise optin`: colleagues' questions may come to the member."""
    await _choose(service, ctx, opted_in=True)
    return copy.opted_in(ctx.language)


async def opt_out(service: QuestionService, ctx: Context, invocation: Invocation) -> Reply:
    """`expertise optout`: no more questions, starting with those not sent yet."""
    return copy.opted_out_yourself(ctx.language, await _choose(service, ctx, opted_in=False))


async def set_default(service: QuestionService, ctx: Context, invocation: Invocation) -> Reply:
    """`expertise default in|out` (organisation admins)."""
    value = invocation.rest.strip().casefold()
    if value not in ("in", "out"):
        raise UsageError("expertise", "default")
    require_admin(ctx, "expertise.default", copy.admins_only(ctx.language))
    async with service.database.transaction() as session:
        await ExpertiseRepository(session).set_consent_default(value, ctx.now)
        await AuditLog(session).record(
            ctx.now,
            ctx.actor.member_id,
            "expertise.default",
            "organisation",
            None,
            {"value": value},
        )
    return copy.default_set(ctx.language, value)


async def _choose(service: QuestionService, ctx: Context, opted_in: bool) -> int:
    """Record the member's choice; how many waiting invitations it withdrew."""
    async with service.database.transaction() as session:
        await ExpertiseRepository(session).set_consent(ctx.actor.member_id, opted_in, ctx.now)
        withdrawn = 0
        if not opted_in:
            # Stop everything at once: invitations not sent yet are withdrawn too.
            outbox = Outbox(session, ctx.now)
            pending = await InvitationRepository(session).scheduled_for(
                ctx.actor.member_id, ctx.now
            )
            for invitation in pending:
                await withdraw(outbox, invitation)
            withdrawn = len(pending)
        await AuditLog(session).record(
            ctx.now,
            ctx.actor.member_id,
            "expertise.optin" if opted_in else "expertise.optout",
            "member",
            ctx.actor.member_id,
        )
    return withdrawn
