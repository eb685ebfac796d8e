"""Which community and program a coffee command or button means.

Named, the channel's own community, or — when that leaves no doubt — the only program the
member is in (or, to join, the only one on offer). Anything else is a clear question back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, UsageError, UserError
from guildbot.bot.features.coffee import copy
from guildbot.bot.features.coffee.buttons import ProgramButton
from guildbot.bot.features.coffee.options import Cadence
from guildbot.bot.i18n import Language
from guildbot.bot.lookup import find_community
from guildbot.storage.models import (
    CoffeeParticipantStatus,
    CoffeeParticipation,
    CoffeeProgram,
    Community,
)
from guildbot.storage.repositories.coffee import CoffeeRepository
from guildbot.storage.repositories.communities import CommunityRepository

# Facilitators' commands may mean the one program they are in without naming it.
ONE_PROGRAM_IS_ENOUGH = frozenset({"settings", "stats", "preview", "pause", "resume"})

Chosen = tuple[CoffeeProgram, Community]


async def community_for(ctx: Context, session: AsyncSession, typed: str, verb: str) -> Community:
    """The community `coffee VERB` means: named, this channel's, or (for facilitators'
    commands) that of the only program the actor is in."""
    if typed.strip():
        return await find_community(session, typed)
    linked = await _channel_community(ctx, session)
    if linked is not None:
        return linked
    mine = await programs_of(ctx, session, include_left=True)
    if verb in ONE_PROGRAM_IS_ENOUGH and len(mine) == 1:
        return mine[0][1]
    raise UsageError("coffee", verb, copy.name_the_community(ctx.language))


async def program_of(
    session: AsyncSession, community: Community, language: Language
) -> CoffeeProgram:
    """The community's program; a clear refusal (in the asker's `language`) when it has
    none."""
    program = await CoffeeRepository(session).program_of(community.id)
    if program is None:
        raise UserError(copy.no_program(language, community))
    return program


async def pressed(session: AsyncSession, button: ProgramButton, language: Language) -> Chosen:
    """The program (and its community) a button names; "expired" when it is gone."""
    found = await CoffeeRepository(session).program_with_community(button.id)
    if found is None:
        raise UserError(copy.expired(language))
    return found


async def for_member(ctx: Context, session: AsyncSession, typed: str, verb: str) -> Chosen:
    """The program a member means: named, this channel's, or the only one on offer (to
    join) or that they are in (otherwise)."""
    if typed.strip() or await _channel_community(ctx, session) is not None:
        community = await community_for(ctx, session, typed, verb)
        return await program_of(session, community, ctx.language), community
    coffee = CoffeeRepository(session)
    theirs = [
        c.id for c, _role in await CommunityRepository(session).communities_of(ctx.actor.member_id)
    ]
    offered = await coffee.programs_with_communities(theirs)
    joining = verb == "join"
    if not joining:
        offered = [
            (p, c) for p, c in offered if await coffee.participant(p.id, ctx.actor.member_id)
        ]
    if len(offered) == 1:
        return offered[0]
    if not offered:
        raise UserError(copy.none_offered(ctx.language, joining))
    raise UsageError(
        "coffee", verb, copy.which_community(ctx.language, [c.slug for _p, c in offered])
    )


async def programs_of(
    ctx: Context, session: AsyncSession, include_left: bool = False
) -> list[Chosen]:
    """The programs the actor takes part in (or ever joined, with `include_left`), by
    community name."""
    coffee = CoffeeRepository(session)
    mine = {
        p.program_id
        for p in await coffee.participations_of(ctx.actor.member_id)
        if include_left or p.status != CoffeeParticipantStatus.LEFT.value
    }
    return [(p, c) for p, c in await coffee.programs_with_communities() if p.id in mine]


async def _channel_community(ctx: Context, session: AsyncSession) -> Community | None:
    where = ctx.conversation
    return await CommunityRepository(session).by_channel(
        where.platform, where.workspace_id, where.channel_id
    )


def new_program(
    community_id: int,
    platform: str,
    workspace_id: str,
    facilitator_id: int,
    cadence: Cadence,
    now: datetime,
) -> CoffeeProgram:
    """A program on `cadence` with the defaults: pairs, standing participation, and the
    usual weights (departments and new acquaintances first, then time zones and skills)."""
    return CoffeeProgram(
        community_id=community_id,
        platform=platform,
        workspace_id=workspace_id,
        frequency=cadence.frequency,
        interval=cadence.interval,
        weekday=cadence.weekday,
        local_time=cadence.local_time,
        timezone=cadence.timezone,
        group_size=2,
        participation=CoffeeParticipation.STANDING.value,
        weight_department=1.0,
        weight_timezone=0.5,
        weight_new=1.0,
        weight_skills=0.5,
        paused=False,
        created_by_id=facilitator_id,
        created_at=now,
        updated_at=now,
    )
