"""Members taking part: `coffee join|leave|snooze|never|status`, the buttons of an intro
([Snooze me 2 weeks] [Never pair me with them] [Leave coffee intros]), [Count me in again]
after an automatic snooze, and [I'm in] [Not this time] for per-round programs."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.features.coffee import copy, participants, programs
from guildbot.bot.features.coffee.buttons import GroupButton, ProgramButton, RoundButton
from guildbot.bot.features.coffee.executor import Executor
from guildbot.bot.features.coffee.options import parse_snooze
from guildbot.bot.features.coffee.participants import Standing
from guildbot.bot.features.coffee.schedule import next_round
from guildbot.bot.lookup import member_named
from guildbot.storage.engine import Database
from guildbot.storage.models import CoffeeProgram, CoffeeRoundStatus, Community
from guildbot.storage.repositories.coffee import CoffeeRepository
from guildbot.storage.repositories.communities import CommunityRepository

INTRO_SNOOZE = timedelta(weeks=2)


class TakingPart:
    """What members do about their own place in coffee intros."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- commands --------------------------------------------------------------------------

    async def join(self, ctx: Context, rest: str) -> Reply:
        """`coffee join [COMMUNITY]`: take part in a community's rounds."""
        async with self.database.transaction() as session:
            program, community = await programs.for_member(ctx, session, rest, "join")
            return await _join(ctx, session, program, community)

    async def leave(self, ctx: Context, rest: str) -> Reply:
        """`coffee leave [COMMUNITY]`."""
        async with self.database.transaction() as session:
            program, community = await programs.for_member(ctx, session, rest, "leave")
            return await _leave(ctx, session, program, community)

    async def snooze(self, ctx: Context, args: tuple[str, ...]) -> Reply:
        """`coffee snooze 3w|until DATE [COMMUNITY]`: no intros until then (then automatic)."""
        until, rest = parse_snooze(ctx.language, args, ctx.now, ctx.actor.timezone)
        async with self.database.transaction() as session:
            if rest:
                chosen = [await programs.for_member(ctx, session, " ".join(rest), "snooze")]
            else:
                chosen = await programs.programs_of(ctx, session)
            if not chosen:
                raise UserError(copy.not_in_any(ctx.language))
            names = []
            for program, community in chosen:
                effects = participants.snooze(await _standing(session, program, ctx), until)
                await Executor(session, program, ctx.now).apply(effects)
                if effects:
                    names.append(community.name)
        if not names:
            raise UserError(copy.not_in_those(ctx.language))
        return copy.snoozed(ctx.language, until, ctx.actor.timezone, names)

    async def never(self, ctx: Context, rest: str) -> Reply:
        """`coffee never @member`: never in a group together, in any program. Private."""
        if not rest.strip():
            raise UsageError("coffee", "never")
        async with self.database.transaction() as session:
            other = await member_named(ctx, session, rest)
            if other.id == ctx.actor.member_id:
                raise UserError(copy.not_yourself(ctx.language))
            added = await CoffeeRepository(session).add_never(
                ctx.actor.member_id, other.id, ctx.now
            )
        if not added:
            return copy.never_already(ctx.language, other.display_name)
        return copy.never_added(ctx.language, other.display_name)

    async def status(self, ctx: Context) -> Reply:
        """`coffee status`: where the actor stands in each program."""
        async with self.database.transaction() as session:
            places: list[copy.Place] = []
            for program, community in await programs.programs_of(ctx, session, include_left=True):
                standing = await _standing(session, program, ctx)
                assert standing is not None
                upcoming = await next_round(session, program)
                places.append(
                    (
                        community.name,
                        standing.status,
                        standing.snoozed_until,
                        upcoming,
                        program.paused,
                    )
                )
            never_pairs = len(await CoffeeRepository(session).never_of(ctx.actor.member_id))
        return copy.status(ctx.language, places, never_pairs, ctx.actor.timezone)

    # -- buttons ---------------------------------------------------------------------------

    async def snooze_button(self, ctx: Context, button: ProgramButton) -> Reply:
        """[Snooze me 2 weeks] in an intro."""
        async with self.database.transaction() as session:
            program, community = await programs.pressed(session, button, ctx.language)
            standing = await _standing(session, program, ctx)
            effects = participants.snooze(standing, ctx.now + INTRO_SNOOZE)
            if not effects:
                return copy.not_in(ctx.language, community)
            await Executor(session, program, ctx.now).apply(effects)
        return copy.snoozed_two_weeks(ctx.language, community)

    async def leave_button(self, ctx: Context, button: ProgramButton) -> Reply:
        """[Leave coffee intros] in an intro."""
        async with self.database.transaction() as session:
            program, community = await programs.pressed(session, button, ctx.language)
            return await _leave(ctx, session, program, community)

    async def rejoin_button(self, ctx: Context, button: ProgramButton) -> Reply:
        """[Count me in again] after an automatic snooze."""
        async with self.database.transaction() as session:
            program, community = await programs.pressed(session, button, ctx.language)
            return await _join(ctx, session, program, community)

    async def never_group(self, ctx: Context, button: GroupButton) -> Reply:
        """[Never pair me with them] in an intro: the others in that group, privately."""
        async with self.database.transaction() as session:
            coffee = CoffeeRepository(session)
            members = await coffee.group_member_ids(button.id)
            if ctx.actor.member_id not in members:
                return Reply(copy.group_only(ctx.language))
            others = [m for m in members if m != ctx.actor.member_id]
            for other in others:
                await coffee.add_never(ctx.actor.member_id, other, ctx.now)
            names = await coffee.names(others)
        return copy.never_group(
            ctx.language, [names.get(m, copy.them(ctx.language)) for m in others]
        )

    async def answer_round(self, ctx: Context, button: RoundButton, joining: bool) -> Reply:
        """[I'm in] [Not this time] for a per-round program."""
        async with self.database.transaction() as session:
            coffee = CoffeeRepository(session)
            round_row = await coffee.get_round(button.id)
            if round_row is None or round_row.status != CoffeeRoundStatus.SCHEDULED.value:
                return copy.round_formed_already(ctx.language)
            participant = await coffee.participant(round_row.program_id, ctx.actor.member_id)
            if participant is None or not Standing.of(participant).taking_part:
                return Reply(copy.not_in_those(ctx.language))
            await coffee.answer(round_row.id, ctx.actor.member_id, joining, ctx.now)
        return copy.round_answer(ctx.language, joining)


async def _standing(session: AsyncSession, program: CoffeeProgram, ctx: Context) -> Standing | None:
    participant = await CoffeeRepository(session).participant(program.id, ctx.actor.member_id)
    return None if participant is None else Standing.of(participant)


async def _join(
    ctx: Context, session: AsyncSession, program: CoffeeProgram, community: Community
) -> Reply:
    if not await CommunityRepository(session).membership(community.id, ctx.actor.member_id):
        raise UserError(copy.members_only(ctx.language, community))
    effects = participants.join(await _standing(session, program, ctx), ctx.actor.member_id)
    if not effects:
        return copy.already_in(ctx.language, community)
    await Executor(session, program, ctx.now).apply(effects)
    upcoming = await next_round(session, program)
    return copy.joined_intros(
        ctx.language, community, upcoming, ctx.actor.timezone, program.group_size
    )


async def _leave(
    ctx: Context, session: AsyncSession, program: CoffeeProgram, community: Community
) -> Reply:
    effects = participants.leave(await _standing(session, program, ctx))
    if not effects:
        return copy.not_in(ctx.language, community)
    await Executor(session, program, ctx.now).apply(effects)
    return copy.left(ctx.language, community)
