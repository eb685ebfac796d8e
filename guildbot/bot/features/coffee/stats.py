"""`coffee stats`: how a community's intros are going, for its facilitators."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply
from guildbot.bot.features.coffee import facilitator_copy, programs
from guildbot.bot.features.coffee.figures import Figures, figures
from guildbot.bot.policy import require_manager
from guildbot.storage.engine import Database
from guildbot.storage.models import CoffeeProgram, CoffeeRoundStatus
from guildbot.storage.repositories.coffee import CoffeeRepository
from guildbot.storage.repositories.coffee_history import CoffeeHistory
from guildbot.storage.repositories.communities import CommunityRepository


class Stats:
    """Participation, meeting rate, repeats and new connections of a program."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def stats(self, ctx: Context, rest: str) -> Reply:
        """`coffee stats [COMMUNITY]`."""
        async with self.database.transaction() as session:
            community = await programs.community_for(ctx, session, rest, "stats")
            await require_manager(ctx, session, community, "coffee.stats")
            program = await programs.program_of(session, community, ctx.language)
            counted = await program_figures(session, program, community.id, ctx.now)
        return facilitator_copy.stats(ctx.language, community, counted)


async def program_figures(
    session: AsyncSession, program: CoffeeProgram, community_id: int, now: datetime
) -> Figures:
    """A program's figures as of `now` (`coffee stats` and the dashboard's coffee page)."""
    coffee = CoffeeRepository(session)
    participants = await coffee.participants(program.id)
    size = await CommunityRepository(session).member_count(community_id)
    skipped = await coffee.rounds(program.id, [CoffeeRoundStatus.SKIPPED, CoffeeRoundStatus.MISSED])
    history = await CoffeeHistory(session).counted(program.id, now)
    return figures(now, [p.status for p in participants], size, history, len(skipped))
