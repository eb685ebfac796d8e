"""How the groups went: [We met] [Not yet] [Skip] on a follow-up, `coffee history`, and
`coffee mine` (the current groups again, with their buttons, for someone who lost the
intro in a busy chat)."""

from __future__ import annotations

from datetime import timedelta

from guildbot.bot.context import Context, Reply
from guildbot.bot.features.coffee import copy
from guildbot.bot.features.coffee.buttons import GroupButton, ProgramButton
from guildbot.storage.engine import Database
from guildbot.storage.repositories.coffee import CoffeeRepository, GroupMembership

# What members answer to a follow-up (as stored).
MET = "met"
NOT_YET = "not_yet"
SKIP = "skip"


# A group is "current" this long after its round: about the longest round (monthly).
CURRENT_FOR = timedelta(days=31)


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
            return copy.follow_up_outsider(ctx.language)
        return copy.follow_up_answered(ctx.language, response)

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
            ctx.language,
            [
                (
                    round_row.occurrence_at,
                    round_row.local_date,
                    community,
                    [
                        names.get(m, copy.someone(ctx.language))
                        for m in by_group.get(group.id, [])
                        if m != mine.member_id
                    ],
                    mine.response,
                )
                for round_row, group, mine, community in rows
            ],
        )

    async def mine(self, ctx: Context) -> Reply:
        """`coffee mine`: the actor's current groups (the latest of each community, from the
        last month), who is in them, and the intro's and follow-up's buttons again."""
        async with self.database.transaction() as session:
            coffee = CoffeeRepository(session)
            latest: dict[int, GroupMembership] = {}
            for membership_row in await coffee.memberships_of(ctx.actor.member_id):
                held_at = membership_row[0].occurrence_at
                if held_at <= ctx.now and ctx.now - held_at <= CURRENT_FOR:
                    # Newest first: the first seen of a program is its latest.
                    latest.setdefault(membership_row[0].program_id, membership_row)
            groups = [latest[program_id] for program_id in sorted(latest)]
            others = await coffee.group_members([group.id for _r, group, _m, _n in groups])
            names = await coffee.names({row.member_id for row in others})
        members: dict[int, list[str]] = {}
        for row in others:
            if row.member_id != ctx.actor.member_id:
                members.setdefault(row.group_id, []).append(
                    names.get(row.member_id, copy.someone(ctx.language))
                )
        return copy.current_groups(
            ctx.language,
            [
                copy.CurrentGroup(
                    community=community,
                    at=round_row.occurrence_at,
                    local_date=round_row.local_date,
                    others=members.get(group.id, []),
                    response=membership.response,
                    group=GroupButton(group.id),
                    program=ProgramButton(round_row.program_id),
                )
                for round_row, group, membership, community in groups
            ],
        )
