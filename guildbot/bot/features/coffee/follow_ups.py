"""How the groups went: [We met] [Not yet] [Skip] on a follow-up, and `coffee history`."""

from __future__ import annotations

from guildbot.bot.context import Context, Reply
from guildbot.bot.features.coffee import copy
from guildbot.bot.features.coffee.buttons import GroupButton
from guildbot.storage.engine import Database
from guildbot.storage.repositories.coffee import CoffeeRepository

# What members answer to a follow-up (as stored).
MET = "met"
NOT_YET = "not_yet"
SKIP = "skip"


class FollowUps:
    """Members' answers to follow-ups, and their latest groups."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def respond(self, ctx: Context, button: GroupButton, response: str) -> Reply:
        """[We met] [Not yet] [Skip] on a follow-up (each member answers for themself)."""
        async with self.database.transaction() as session:
            recorded = await CoffeeRepository(session).record_response(
                button.id, ctx.actor.member_id, response, ctx.now
            )
        if not recorded:
            return copy.follow_up_outsider()
        return copy.follow_up_answered(response)

    async def history(self, ctx: Context) -> Reply:
        """`coffee history`: the actor's latest groups and how they went."""
        async with self.database.transaction() as session:
            coffee = CoffeeRepository(session)
            rows = await coffee.memberships_of(ctx.actor.member_id)
            others = await coffee.group_members([group.id for _r, group, _m, _n in rows])
            names = await coffee.names({row.member_id for row in others})
        by_group: dict[int, list[int]] = {}
        for row in others:
            by_group.setdefault(row.group_id, []).append(row.member_id)
        return copy.history(
            [
                (
                    round_row.occurrence_at,
                    round_row.local_date,
                    community,
                    [
                        names.get(m, "someone")
                        for m in by_group.get(group.id, [])
                        if m != mine.member_id
                    ],
                    mine.response,
                )
                for round_row, group, mine, community in rows
            ]
        )
