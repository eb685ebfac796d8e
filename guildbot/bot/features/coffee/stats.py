"""`coffee stats`: how a community's intros are going, for its facilitators."""

from __future__ import annotations

from guildbot.bot.context import Context, Reply
from guildbot.bot.features.coffee import facilitator_copy, programs
from guildbot.bot.features.coffee.figures import figures
from guildbot.bot.policy import require_manager
from guildbot.storage.engine import Database
from guildbot.storage.models import CoffeeRoundStatus
from guildbot.storage.repositories.coffee import CoffeeRepository
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
            program = await programs.program_of(session, community)
            coffee = CoffeeRepository(session)
            participants = await coffee.participants(program.id)
            size = await CommunityRepository(session).member_count(community.id)
            rounds = await coffee.rounds(program.id, [CoffeeRoundStatus.INTRODUCED])
            skipped = await coffee.rounds(
                program.id, [CoffeeRoundStatus.SKIPPED, CoffeeRoundStatus.MISSED]
            )
            groups = await coffee.groups([r.id for r in rounds])
            members = await coffee.group_members([g.id for g in groups])
            departments = await coffee.departments({m.member_id for m in members})
        counted = figures(
            ctx.now,
            [p.status for p in participants],
            size,
            rounds,
            len(skipped),
            groups,
            members,
            departments,
        )
        return facilitator_copy.stats(community, counted)
