"""Facilitators running a community's intros: `coffee setup|settings|pause|resume|preview`,
and [Re-roll] on a preview."""

from __future__ import annotations

import secrets

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply, UserError
from guildbot.bot.features.coffee import facilitator_copy, forming, programs
from guildbot.bot.features.coffee.buttons import ProgramButton
from guildbot.bot.features.coffee.options import (
    Cadence,
    ProgramOptions,
    cadence_of,
    parse_options,
    with_options,
)
from guildbot.bot.features.coffee.programs import new_program
from guildbot.bot.features.coffee.schedule import next_round, reschedule
from guildbot.bot.policy import require_manager
from guildbot.contract.richtext import RichText
from guildbot.storage.engine import Database
from guildbot.storage.models import (
    CoffeeParticipantStatus,
    CoffeeParticipation,
    CoffeeProgram,
    Community,
)
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.coffee import CoffeeRepository

# Seeds are stored in a signed 32-bit column.
MAX_SEED = 2**31 - 1


class Running:
    """What facilitators do with a community's program."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def setup(self, ctx: Context, args: tuple[str, ...]) -> Reply:
        """`coffee setup [COMMUNITY] [options]`: start (or change) a community's intros."""
        options = parse_options(ctx.language, args)
        async with self.database.transaction() as session:
            community = await programs.community_for(ctx, session, options.community, "setup")
            await require_manager(ctx, session, community, "coffee.setup")
            coffee = CoffeeRepository(session)
            program = await coffee.program_of(community.id)
            created = program is None
            if program is None:
                program = await coffee.add(_new_program(ctx, community))
            await self._apply(session, ctx, program, community, options, created)
            settings = await _settings(session, program, ctx)
        return facilitator_copy.set_up(ctx.language, community, settings, created)

    async def settings(self, ctx: Context, args: tuple[str, ...]) -> Reply:
        """`coffee settings [COMMUNITY] [options]`: show, or change, a program's settings."""
        options = parse_options(ctx.language, args)
        async with self.database.transaction() as session:
            community = await programs.community_for(ctx, session, options.community, "settings")
            if not options.empty:
                await require_manager(ctx, session, community, "coffee.settings")
            program = await programs.program_of(session, community, ctx.language)
            if not options.empty:
                await self._apply(session, ctx, program, community, options, False)
            settings = await _settings(session, program, ctx)
        if options.empty:
            return facilitator_copy.settings_shown(ctx.language, community, settings)
        return facilitator_copy.settings_changed(ctx.language, community, settings)

    async def _apply(
        self,
        session: AsyncSession,
        ctx: Context,
        program: CoffeeProgram,
        community: Community,
        options: ProgramOptions,
        created: bool,
    ) -> None:
        """Change a program as the options say, redo its schedule when its cadence changed
        (or it is new), and keep the change on record."""
        cadence = with_options(cadence_of(program), options)
        program.frequency, program.interval = cadence.frequency, cadence.interval
        program.weekday, program.local_time = cadence.weekday, cadence.local_time
        program.timezone = cadence.timezone
        if options.group_size is not None:
            program.group_size = options.group_size
        if options.participation is not None:
            program.participation = options.participation.value
        if options.shared_language is not None:
            program.shared_language = options.shared_language
        weights = options.weights
        program.weight_department = weights.get("department", program.weight_department)
        program.weight_timezone = weights.get("timezone", program.weight_timezone)
        program.weight_new = weights.get("new", program.weight_new)
        program.weight_skills = weights.get("skills", program.weight_skills)
        program.updated_at = ctx.now
        if created or options.changes_cadence:
            await reschedule(session, program, cadence, ctx.now)
        await AuditLog(session).record(
            ctx.now,
            ctx.actor.member_id,
            "coffee.setup" if created else "coffee.settings",
            "community",
            community.id,
            {"cadence": cadence_of(program).describe(), "group_size": program.group_size},
        )

    async def pause(self, ctx: Context, rest: str, paused: bool) -> Reply:
        """`coffee pause|resume [COMMUNITY]`: no rounds while paused; members keep their place."""
        verb = "pause" if paused else "resume"
        async with self.database.transaction() as session:
            community = await programs.community_for(ctx, session, rest, verb)
            await require_manager(ctx, session, community, f"coffee.{verb}")
            program = await programs.program_of(session, community, ctx.language)
            if program.paused == paused:
                return facilitator_copy.already(ctx.language, community, paused)
            program.paused = paused
            program.updated_at = ctx.now
            await AuditLog(session).record(
                ctx.now, ctx.actor.member_id, f"coffee.{verb}", "community", community.id
            )
            upcoming = await next_round(session, program)
        if paused:
            return facilitator_copy.paused(ctx.language, community)
        return facilitator_copy.resumed(ctx.language, community, upcoming, ctx.actor.timezone)

    async def preview(self, ctx: Context, rest: str) -> Reply:
        """`coffee preview [COMMUNITY]`: the next round's groups, privately, with [Re-roll]."""
        async with self.database.transaction() as session:
            community = await programs.community_for(ctx, session, rest, "preview")
            await require_manager(ctx, session, community, "coffee.preview")
        return await self._preview(ctx, community)

    async def reroll(self, ctx: Context, button: ProgramButton) -> Reply:
        """[Re-roll]: a new seed for the next round, and its new preview."""
        async with self.database.transaction() as session:
            program, community = await programs.pressed(session, button, ctx.language)
            await require_manager(ctx, session, community, "coffee.reroll")
            seed = secrets.randbelow(MAX_SEED)
            upcoming = await CoffeeRepository(session).next_scheduled(program.id)
            if upcoming is not None:
                upcoming.seed = seed
            else:
                program.next_seed = seed
            await AuditLog(session).record(
                ctx.now, ctx.actor.member_id, "coffee.reroll", "community", community.id
            )
        return await self._preview(ctx, community, rerolled=True)

    async def _preview(self, ctx: Context, community: Community, rerolled: bool = False) -> Reply:
        async with self.database.transaction() as session:
            program = await programs.program_of(session, community, ctx.language)
            upcoming = await CoffeeRepository(session).next_scheduled(program.id)
            at = upcoming.occurrence_at if upcoming else await next_round(session, program)
            if at is None:
                raise UserError(facilitator_copy.no_next_round(ctx.language, community))
            if upcoming is not None:
                seed = upcoming.seed
            elif program.next_seed is not None:
                seed = program.next_seed
            else:
                seed = forming.derived_seed(program.id, at)
            turnout = await forming.turnout(session, program, at, upcoming)
            members = turnout.members
            request, people = await forming.request_for(
                session, program, members, seed, forming.local_date(program, at)
            )
            ignoring = await CoffeeRepository(session).people(
                turnout.ignoring, program.platform, program.workspace_id
            )
        zone = ctx.actor.timezone
        left_out = sorted(person.name for person in ignoring.values())
        if len(members) < 2:
            return facilitator_copy.preview_too_few(
                ctx.language, community, at, zone, len(members), left_out
            )
        pairing = await forming.solve_off_loop(request)
        return facilitator_copy.preview(
            ctx.language,
            community,
            at,
            zone,
            pairing,
            people,
            len(members),
            ProgramButton(program.id),
            rerolled,
            left_out,
        )


def _new_program(ctx: Context, community: Community) -> CoffeeProgram:
    """A program with the defaults, on the platform it is set up from, weekly on Mondays at
    10:00 in the facilitator's zone until they say otherwise."""
    return new_program(
        community.id,
        ctx.actor.ref.platform,
        ctx.actor.ref.workspace_id,
        ctx.actor.member_id,
        Cadence(timezone=ctx.actor.timezone),
        ctx.now,
    )


async def _settings(session: AsyncSession, program: CoffeeProgram, ctx: Context) -> RichText:
    """A program's settings, for the facilitator asking."""
    participants = await CoffeeRepository(session).participants(program.id)
    active = sum(1 for p in participants if p.status == CoffeeParticipantStatus.ACTIVE.value)
    cadence = cadence_of(program)
    language = ctx.language
    return facilitator_copy.summary(
        language,
        facilitator_copy.cadence(
            language,
            cadence.frequency,
            cadence.interval,
            cadence.weekday,
            cadence.local_time,
            cadence.timezone,
        ),
        program.group_size,
        program.participation == CoffeeParticipation.PER_ROUND.value,
        (
            ("department", program.weight_department),
            ("timezone", program.weight_timezone),
            ("new", program.weight_new),
            ("skills", program.weight_skills),
        ),
        active,
        await next_round(session, program),
        program.paused,
        ctx.actor.timezone,
        shared_language=program.shared_language,
    )
