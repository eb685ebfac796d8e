"""Coffee intros, as members and facilitators use them: `coffee …` commands and buttons.

Facilitators set up a community's program (`coffee setup`), change it (`coffee settings`),
pause it, preview the next round privately and re-roll it, and read its stats. Members join,
leave, snooze (auto-resuming), say who they never want to be paired with (private), and see
their status and history. Rounds themselves run in the scheduler (`pairing_rounds`).
"""

from __future__ import annotations

import secrets
from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.clock import Clock
from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.features.coffee.options import (
    Cadence,
    ProgramOptions,
    cadence_of,
    parse_options,
    parse_snooze,
    with_options,
)
from guildbot.bot.features.coffee.rounds import (
    ACTION_REROLL,
    OWNER_KIND,
    derived_seed,
    eligible,
    local_date,
    request_for,
    solve_off_loop,
)
from guildbot.bot.lookup import find_community, find_member
from guildbot.bot.policy import require_manager
from guildbot.bot.scheduler.outbox import Owner, Schedules, Target
from guildbot.bot.scheduler.payload import Body
from guildbot.bot.scheduler.recurrence import Recurrence, parse_local, to_instant
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.storage.engine import Database
from guildbot.storage.models import (
    CoffeeGroup,
    CoffeeGroupMember,
    CoffeeParticipant,
    CoffeeParticipantStatus,
    CoffeeParticipation,
    CoffeeProgram,
    CoffeeRound,
    CoffeeRoundStatus,
    Community,
    Member,
    OutboxKind,
)
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.coffee import CoffeeRepository
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.members import MemberRepository
from guildbot.storage.repositories.outbox import ScheduleRepository

INTRO_SNOOZE = timedelta(weeks=2)
RESPONSES = {"met": "We met", "not_yet": "Not yet", "skip": "Skip"}
STATUS_WORDS = {
    CoffeeParticipantStatus.ACTIVE.value: "in",
    CoffeeParticipantStatus.SNOOZED.value: "snoozed",
    CoffeeParticipantStatus.LEFT.value: "left",
}


class PairingService:
    """The `coffee` command and the buttons of intros, follow-ups and previews."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    # -- facilitators: setup, settings, pause ----------------------------------------------

    async def setup(self, ctx: Context, args: tuple[str, ...]) -> Reply:
        """`coffee setup [COMMUNITY] [options]`: start (or change) a community's intros."""
        options = parse_options(args)
        async with self.database.transaction() as session:
            community = await self._community(ctx, session, options.community, "setup")
            await require_manager(ctx, session, community, "coffee.setup")
            coffee = CoffeeRepository(session)
            program = await coffee.program_of(community.id)
            created = program is None
            if program is None:
                program = await coffee.add(
                    CoffeeProgram(
                        community_id=community.id,
                        platform=ctx.actor.ref.platform,
                        workspace_id=ctx.actor.ref.workspace_id,
                        frequency="weekly",
                        interval=1,
                        weekday=0,
                        local_time="10:00",
                        timezone=ctx.actor.timezone,
                        group_size=2,
                        participation=CoffeeParticipation.STANDING.value,
                        weight_department=1.0,
                        weight_timezone=0.5,
                        weight_new=1.0,
                        weight_skills=0.5,
                        paused=False,
                        created_by_id=ctx.actor.member_id,
                        created_at=ctx.now,
                        updated_at=ctx.now,
                    )
                )
            await self._apply(session, ctx, program, options, force_schedule=created)
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "coffee.setup" if created else "coffee.settings",
                "community",
                community.id,
                {"cadence": cadence_of(program).describe(), "group_size": program.group_size},
            )
            summary = await self._describe(session, program, community, ctx)
        head = "☕ Coffee intros are set up" if created else "☕ Coffee intros updated"
        return Reply(
            f"{head} for *{community.name}*.\n{summary}",
            context=f"Members join with `coffee join {community.slug}`; "
            f"`coffee preview {community.slug}` shows the next round privately.",
        )

    async def settings(self, ctx: Context, args: tuple[str, ...]) -> Reply:
        """`coffee settings [COMMUNITY] [options]`: show, or change, a program's settings."""
        options = parse_options(args)
        if not options.empty:
            return await self._change(ctx, options)
        async with self.database.transaction() as session:
            community = await self._community(ctx, session, options.community, "settings")
            program = await self._program(session, community)
            summary = await self._describe(session, program, community, ctx)
        return Reply(
            f"☕ Coffee intros for *{community.name}*\n{summary}",
            context="Facilitators change them with `coffee settings COMMUNITY every 2 weeks "
            "on tuesday at 10:00 groups of 3 department=2` and the like.",
        )

    async def _change(self, ctx: Context, options: ProgramOptions) -> Reply:
        async with self.database.transaction() as session:
            community = await self._community(ctx, session, options.community, "settings")
            await require_manager(ctx, session, community, "coffee.settings")
            program = await self._program(session, community)
            await self._apply(session, ctx, program, options, force_schedule=False)
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "coffee.settings",
                "community",
                community.id,
                {"cadence": cadence_of(program).describe(), "group_size": program.group_size},
            )
            summary = await self._describe(session, program, community, ctx)
        return Reply(f"☕ Coffee intros updated for *{community.name}*.\n{summary}")

    async def _apply(
        self,
        session: AsyncSession,
        ctx: Context,
        program: CoffeeProgram,
        options: ProgramOptions,
        force_schedule: bool,
    ) -> None:
        cadence = with_options(cadence_of(program), options)
        program.frequency, program.interval = cadence.frequency, cadence.interval
        program.weekday, program.local_time = cadence.weekday, cadence.local_time
        program.timezone = cadence.timezone
        if options.group_size is not None:
            program.group_size = options.group_size
        if options.participation is not None:
            program.participation = options.participation.value
        weights = options.weights
        program.weight_department = weights.get("department", program.weight_department)
        program.weight_timezone = weights.get("timezone", program.weight_timezone)
        program.weight_new = weights.get("new", program.weight_new)
        program.weight_skills = weights.get("skills", program.weight_skills)
        program.updated_at = ctx.now
        if force_schedule or options.changes_cadence:
            await reschedule(session, program, cadence, ctx.now)

    async def pause(self, ctx: Context, rest: str, paused: bool) -> Reply:
        """`coffee pause|resume [COMMUNITY]`: no rounds while paused; members keep their place."""
        verb = "pause" if paused else "resume"
        async with self.database.transaction() as session:
            community = await self._community(ctx, session, rest, verb)
            await require_manager(ctx, session, community, f"coffee.{verb}")
            program = await self._program(session, community)
            if program.paused == paused:
                state = "paused" if paused else "running"
                return Reply(f"{community.name}'s coffee intros are already {state}.")
            program.paused = paused
            program.updated_at = ctx.now
            await AuditLog(session).record(
                ctx.now, ctx.actor.member_id, f"coffee.{verb}", "community", community.id
            )
            upcoming = await self._next_round(session, program)
        if paused:
            return Reply(
                f"⏸ {community.name}'s coffee intros are paused. `coffee resume` restarts."
            )
        when = f" Next round: {self._when(ctx, upcoming)}." if upcoming else ""
        return Reply(f"▶ {community.name}'s coffee intros are back on.{when}")

    # -- members ---------------------------------------------------------------------------

    async def join(self, ctx: Context, rest: str) -> Reply:
        """`coffee join [COMMUNITY]`: take part in a community's rounds."""
        async with self.database.transaction() as session:
            program, community = await self._program_for_member(ctx, session, rest, "join")
            return await self._join(ctx, session, program, community)

    async def _join(
        self, ctx: Context, session: AsyncSession, program: CoffeeProgram, community: Community
    ) -> Reply:
        if not await CommunityRepository(session).membership(community.id, ctx.actor.member_id):
            raise UserError(
                f"Coffee intros are for {community.name}'s members: "
                f"`community join {community.slug}` first."
            )
        coffee = CoffeeRepository(session)
        participant = await coffee.participant(program.id, ctx.actor.member_id)
        if participant is not None and participant.status == CoffeeParticipantStatus.ACTIVE.value:
            return Reply(f"You're already in {community.name}'s coffee intros.")
        if participant is None:
            await coffee.add(
                CoffeeParticipant(
                    program_id=program.id,
                    member_id=ctx.actor.member_id,
                    status=CoffeeParticipantStatus.ACTIVE.value,
                    ignored_streak=0,
                    joined_at=ctx.now,
                    updated_at=ctx.now,
                )
            )
        else:
            participant.status = CoffeeParticipantStatus.ACTIVE.value
            participant.snoozed_until = None
            participant.ignored_streak = 0
            participant.updated_at = ctx.now
        upcoming = await self._next_round(session, program)
        when = f" The next round is {self._when(ctx, upcoming)}." if upcoming else ""
        size = "a colleague" if program.group_size == 2 else f"{program.group_size - 1} colleagues"
        return Reply(
            f"☕ You're in {community.name}'s coffee intros!{when} I'll open a group chat with "
            f"{size} from elsewhere in the organisation.",
            context="`coffee snooze 3w` pauses you; `coffee never @someone` is private.",
        )

    async def leave(self, ctx: Context, rest: str) -> Reply:
        """`coffee leave [COMMUNITY]`."""
        async with self.database.transaction() as session:
            program, community = await self._program_for_member(ctx, session, rest, "leave")
            return await self._leave(ctx, session, program, community)

    async def _leave(
        self, ctx: Context, session: AsyncSession, program: CoffeeProgram, community: Community
    ) -> Reply:
        participant = await CoffeeRepository(session).participant(program.id, ctx.actor.member_id)
        if participant is None or participant.status == CoffeeParticipantStatus.LEFT.value:
            return Reply(f"You're not in {community.name}'s coffee intros.")
        participant.status = CoffeeParticipantStatus.LEFT.value
        participant.updated_at = ctx.now
        return Reply(
            f"You've left {community.name}'s coffee intros. `coffee join {community.slug}` "
            "brings you back any time."
        )

    async def snooze(self, ctx: Context, args: tuple[str, ...]) -> Reply:
        """`coffee snooze 3w|until DATE [COMMUNITY]`: no intros until then (then automatic)."""
        until, rest = parse_snooze(args, ctx.now, ctx.actor.timezone)
        async with self.database.transaction() as session:
            if rest:
                program, community = await self._program_for_member(
                    ctx, session, " ".join(rest), "snooze"
                )
                chosen = [(program, community)]
            else:
                chosen = await self._my_programs(ctx, session)
            if not chosen:
                raise UserError("You're not in any coffee intros yet: `coffee join COMMUNITY`.")
            names = []
            for program, community in chosen:
                participant = await CoffeeRepository(session).participant(
                    program.id, ctx.actor.member_id
                )
                if participant is None or participant.status == CoffeeParticipantStatus.LEFT.value:
                    continue
                participant.status = CoffeeParticipantStatus.SNOOZED.value
                participant.snoozed_until = until
                participant.updated_at = ctx.now
                names.append(community.name)
        if not names:
            raise UserError("You're not in those coffee intros: `coffee join COMMUNITY` first.")
        local = until.astimezone(ZoneInfo(ctx.actor.timezone))
        return Reply(
            f"😴 Snoozed until {local:%A} {local.day} {local:%B %Y} ({', '.join(names)}). "
            "You'll be back in the rounds after that, automatically."
        )

    async def never(self, ctx: Context, rest: str) -> Reply:
        """`coffee never @member`: never in a group together, in any program. Private."""
        if not rest.strip():
            raise UsageError("coffee", "never")
        async with self.database.transaction() as session:
            other = await find_member(
                session, rest, ctx.actor.ref.platform, ctx.actor.ref.workspace_id, ctx.mentions
            )
            if other.id == ctx.actor.member_id:
                raise UserError("You can't be paired with yourself anyway. 🙂")
            added = await CoffeeRepository(session).add_never(
                ctx.actor.member_id, other.id, ctx.now
            )
        if not added:
            return Reply(f"You already asked never to be paired with {other.display_name}.")
        return Reply(
            f"Done: you'll never be in a coffee group with {other.display_name}. "
            "Nobody else is told, including them."
        )

    async def status(self, ctx: Context) -> Reply:
        """`coffee status`: where the actor stands in each program."""
        async with self.database.transaction() as session:
            mine = await self._my_programs(ctx, session, include_left=True)
            lines = ["☕ *Your coffee intros*"]
            coffee = CoffeeRepository(session)
            for program, community in mine:
                participant = await coffee.participant(program.id, ctx.actor.member_id)
                assert participant is not None
                state = STATUS_WORDS.get(participant.status, participant.status)
                if participant.status == CoffeeParticipantStatus.SNOOZED.value:
                    until = participant.snoozed_until
                    state += (
                        f" until {until.astimezone(ZoneInfo(ctx.actor.timezone)):%Y-%m-%d}"
                        if until
                        else " until you join again"
                    )
                upcoming = await self._next_round(session, program)
                next_text = (
                    f"; next round {self._when(ctx, upcoming)}"
                    if upcoming and not program.paused
                    else "; paused by its facilitators"
                    if program.paused
                    else ""
                )
                lines.append(f"• {community.name}: {state}{next_text}")
            blocked = len(await coffee.never_of(ctx.actor.member_id))
        if len(lines) == 1:
            return Reply(
                "You're not in any coffee intros yet.",
                context="`coffee join COMMUNITY` joins a community's intros.",
            )
        if blocked:
            lines.append(f"• Never-pairs you set: {blocked} (private)")
        return Reply("\n".join(lines))

    async def history(self, ctx: Context) -> Reply:
        """`coffee history`: the actor's latest groups and how they went."""
        async with self.database.transaction() as session:
            coffee = CoffeeRepository(session)
            rows = await coffee.memberships_of(ctx.actor.member_id)
            others = await coffee.group_members([group.id for _r, group, _m, _n in rows])
            names = dict(await MemberRepository(session).all_names())
        if not rows:
            return Reply("No coffee groups yet. `coffee join COMMUNITY` to take part.")
        by_group: dict[int, list[int]] = {}
        for row in others:
            by_group.setdefault(row.group_id, []).append(row.member_id)
        lines = ["☕ *Your latest coffee groups*"]
        for round_row, group, mine, community in rows:
            with_whom = ", ".join(
                names.get(m, "someone") for m in by_group.get(group.id, []) if m != mine.member_id
            )
            said = f" — you said: {RESPONSES[mine.response]}" if mine.response else ""
            lines.append(f"• {round_row.local_date} ({community}): with {with_whom}{said}")
        return Reply("\n".join(lines))

    # -- buttons ---------------------------------------------------------------------------

    async def respond(self, ctx: Context, value: str, response: str) -> Reply:
        """[We met] [Not yet] [Skip] on a follow-up (each member answers for themself)."""
        if not value.isdigit():
            return Reply("That button has expired.")
        async with self.database.transaction() as session:
            row = (
                await session.scalars(
                    select(CoffeeGroupMember).where(
                        CoffeeGroupMember.group_id == int(value),
                        CoffeeGroupMember.member_id == ctx.actor.member_id,
                    )
                )
            ).first()
            if row is None:
                return Reply("That follow-up is for the people in that coffee group.")
            row.response = response
            row.responded_at = ctx.now
        if response == "met":
            return Reply("🎉 Lovely — thanks for telling me!")
        if response == "not_yet":
            return Reply("No rush: there's still time before the next round.")
        return Reply("OK, noted. Thanks for answering.")

    async def answer_round(self, ctx: Context, value: str, joining: bool) -> Reply:
        """[I'm in] [Not this time] for a per-round program."""
        if not value.isdigit():
            return Reply("That button has expired.")
        async with self.database.transaction() as session:
            coffee = CoffeeRepository(session)
            round_row = await coffee.get_round(int(value))
            if round_row is None or round_row.status != CoffeeRoundStatus.SCHEDULED.value:
                return Reply("That round has already been formed; see you next time!")
            participant = await coffee.participant(round_row.program_id, ctx.actor.member_id)
            if participant is None or participant.status == CoffeeParticipantStatus.LEFT.value:
                return Reply("You're not in those coffee intros: `coffee join COMMUNITY` first.")
            await coffee.answer(round_row.id, ctx.actor.member_id, joining, ctx.now)
        return Reply("☕ Great, you're in this round!" if joining else "OK, maybe next time.")

    async def snooze_button(self, ctx: Context, value: str) -> Reply:
        """[Snooze me 2 weeks] in an intro."""
        async with self.database.transaction() as session:
            program, community = await self._program_by_id(session, value)
            participant = await CoffeeRepository(session).participant(
                program.id, ctx.actor.member_id
            )
            if participant is None or participant.status == CoffeeParticipantStatus.LEFT.value:
                return Reply(f"You're not in {community.name}'s coffee intros.")
            participant.status = CoffeeParticipantStatus.SNOOZED.value
            participant.snoozed_until = ctx.now + INTRO_SNOOZE
            participant.updated_at = ctx.now
        return Reply(f"😴 Snoozed for two weeks in {community.name}; you'll be back after that.")

    async def leave_button(self, ctx: Context, value: str) -> Reply:
        """[Leave coffee intros] in an intro."""
        async with self.database.transaction() as session:
            program, community = await self._program_by_id(session, value)
            return await self._leave(ctx, session, program, community)

    async def rejoin_button(self, ctx: Context, value: str) -> Reply:
        """[Count me in again] after an automatic snooze."""
        async with self.database.transaction() as session:
            program, community = await self._program_by_id(session, value)
            return await self._join(ctx, session, program, community)

    async def never_group(self, ctx: Context, value: str) -> Reply:
        """[Never pair me with them] in an intro: the others in that group, privately."""
        if not value.isdigit():
            return Reply("That button has expired.")
        async with self.database.transaction() as session:
            coffee = CoffeeRepository(session)
            members = [m.member_id for m in await coffee.group_members([int(value)])]
            if ctx.actor.member_id not in members:
                return Reply("That button is for the people in that coffee group.")
            others = [m for m in members if m != ctx.actor.member_id]
            for other in others:
                await coffee.add_never(ctx.actor.member_id, other, ctx.now)
            names = dict(await MemberRepository(session).all_names())
        who = ", ".join(names.get(m, "them") for m in others)
        return Reply(f"Done: you won't be grouped with {who} again. Nobody else is told.")

    # -- preview and re-roll ---------------------------------------------------------------

    async def preview(self, ctx: Context, rest: str) -> Reply:
        """`coffee preview [COMMUNITY]`: the next round's groups, privately, with [Re-roll]."""
        async with self.database.transaction() as session:
            community = await self._community(ctx, session, rest, "preview")
            await require_manager(ctx, session, community, "coffee.preview")
            program = await self._program(session, community)
        return await self._preview(ctx, program, community)

    async def reroll(self, ctx: Context, value: str) -> Reply:
        """[Re-roll]: a new seed for the next round, and its new preview."""
        async with self.database.transaction() as session:
            program, community = await self._program_by_id(session, value)
            await require_manager(ctx, session, community, "coffee.reroll")
            seed = secrets.randbelow(2**31 - 1)
            upcoming = await CoffeeRepository(session).next_scheduled(program.id)
            if upcoming is not None:
                upcoming.seed = seed
            else:
                program.next_seed = seed
            await AuditLog(session).record(
                ctx.now, ctx.actor.member_id, "coffee.reroll", "community", community.id
            )
        return await self._preview(ctx, program, community, rerolled=True)

    async def _preview(
        self, ctx: Context, program: CoffeeProgram, community: Community, rerolled: bool = False
    ) -> Reply:
        async with self.database.transaction() as session:
            program = await self._program(session, community)
            coffee = CoffeeRepository(session)
            upcoming = await coffee.next_scheduled(program.id)
            at = upcoming.occurrence_at if upcoming else await self._next_round(session, program)
            if at is None:
                raise UserError(f"{community.name}'s coffee intros have no next round.")
            if upcoming is not None:
                seed = upcoming.seed
            elif program.next_seed is not None:
                seed = program.next_seed
            else:
                seed = derived_seed(program.id, at)
            members = await eligible(session, program, at, upcoming)
            request, people = await request_for(
                session, program, members, seed, local_date(program, at)
            )
        if len(members) < 2:
            return Reply(
                f"The next {community.name} round ({self._when(ctx, at)}) has "
                f"{len(members)} {'person' if len(members) == 1 else 'people'} taking part so "
                "far: it would be skipped."
            )
        pairing = await solve_off_loop(request)
        lines = [
            f"☕ *Preview* — {community.name}, round of {self._when(ctx, at)} "
            f"({len(members)} people, only you see this):"
        ]
        for group in pairing.groups:
            names = " + ".join(people[int(m)].name for m in group.members)
            lines.append(f"• {names} — {group.reason}")
        for unmatched in pairing.unmatched:
            lines.append(f"• {people[int(unmatched.id)].name}: not placed ({unmatched.reason})")
        lines.append(f"Total score {pairing.total:.1f}.")
        head = "🎲 Re-rolled. " if rerolled else ""
        return Reply(
            head + "\n".join(lines),
            buttons=(Button("Re-roll", ACTION_REROLL, str(program.id), ButtonStyle.DEFAULT),),
            context="If nobody joins or leaves before then, these are the groups.",
        )

    # -- stats -----------------------------------------------------------------------------

    async def stats(self, ctx: Context, rest: str) -> Reply:
        """`coffee stats [COMMUNITY]`: participation, meeting rate, repeats, new connections."""
        async with self.database.transaction() as session:
            community = await self._community(ctx, session, rest, "stats")
            await require_manager(ctx, session, community, "coffee.stats")
            program = await self._program(session, community)
            coffee = CoffeeRepository(session)
            participants = Counter(p.status for p in await coffee.participants(program.id))
            size = await CommunityRepository(session).member_count(community.id)
            rounds = await coffee.rounds(program.id, [CoffeeRoundStatus.INTRODUCED])
            skipped = len(
                await coffee.rounds(
                    program.id, [CoffeeRoundStatus.SKIPPED, CoffeeRoundStatus.MISSED]
                )
            )
            groups = await coffee.groups([r.id for r in rounds])
            members = await coffee.group_members([g.id for g in groups])
            departments = await self._departments(session, {m.member_id for m in members})
        active = participants.get(CoffeeParticipantStatus.ACTIVE.value, 0)
        lines = [
            f"📊 *Coffee stats* — {community.name}",
            f"• Participation: {active} of {size} members in"
            f" ({participants.get(CoffeeParticipantStatus.SNOOZED.value, 0)} snoozed,"
            f" {participants.get(CoffeeParticipantStatus.LEFT.value, 0)} left)",
        ]
        if not rounds:
            lines.append(f"• No rounds yet ({skipped} skipped).")
            return Reply("\n".join(lines))
        lines.append(
            f"• Rounds: {len(rounds)} ({skipped} skipped), {len(groups)} groups, "
            f"{len(members) / len(rounds):.1f} people per round"
        )
        lines += _meeting_lines(ctx.now, rounds, groups, members)
        lines += _connection_lines(rounds, groups, members, departments)
        return Reply("\n".join(lines))

    async def _departments(self, session: AsyncSession, member_ids: set[int]) -> dict[int, int]:
        if not member_ids:
            return {}
        rows = await session.execute(
            select(Member.id, Member.department_id).where(Member.id.in_(list(member_ids)))
        )
        return {member_id: dept for member_id, dept in rows.all() if dept is not None}

    # -- helpers ---------------------------------------------------------------------------

    async def _community(
        self, ctx: Context, session: AsyncSession, typed: str, verb: str
    ) -> Community:
        if typed.strip():
            return await find_community(session, typed)
        conversation = ctx.conversation
        linked = await CommunityRepository(session).by_channel(
            conversation.platform, conversation.workspace_id, conversation.channel_id
        )
        if linked is not None:
            return linked
        mine = await self._my_programs(ctx, session, include_left=True)
        if verb in ("settings", "stats", "preview", "pause", "resume") and len(mine) == 1:
            return mine[0][1]
        raise UsageError("coffee", verb, "Name the community, or run this in its channel.")

    async def _program(self, session: AsyncSession, community: Community) -> CoffeeProgram:
        program = await CoffeeRepository(session).program_of(community.id)
        if program is None:
            raise UserError(
                f"{community.name} has no coffee intros yet. A facilitator can start them "
                f"with `coffee setup {community.slug}`."
            )
        return program

    async def _program_by_id(
        self, session: AsyncSession, value: str
    ) -> tuple[CoffeeProgram, Community]:
        program = await CoffeeRepository(session).program(int(value)) if value.isdigit() else None
        community = await session.get(Community, program.community_id) if program else None
        if program is None or community is None:
            raise UserError("That button has expired.")
        return program, community

    async def _program_for_member(
        self, ctx: Context, session: AsyncSession, typed: str, verb: str
    ) -> tuple[CoffeeProgram, Community]:
        """The program a member means: named, this channel's, or the only one on offer."""
        if typed.strip() or await CommunityRepository(session).by_channel(
            ctx.conversation.platform, ctx.conversation.workspace_id, ctx.conversation.channel_id
        ):
            community = await self._community(ctx, session, typed, verb)
            return await self._program(session, community), community
        communities = [c.id for c, _role in await self._communities_of(ctx, session)]
        offered = await CoffeeRepository(session).programs_with_communities(communities)
        if verb != "join":
            offered = [
                (p, c)
                for p, c in offered
                if await CoffeeRepository(session).participant(p.id, ctx.actor.member_id)
            ]
        if len(offered) == 1:
            return offered[0]
        if not offered:
            raise UserError(
                "None of your communities has coffee intros yet."
                if verb == "join"
                else "You're not in any coffee intros."
            )
        raise UsageError(
            "coffee",
            verb,
            "Which community? " + ", ".join(f"`{c.slug}`" for _p, c in offered),
        )

    async def _communities_of(
        self, ctx: Context, session: AsyncSession
    ) -> list[tuple[Community, str]]:
        return await CommunityRepository(session).communities_of(ctx.actor.member_id)

    async def _my_programs(
        self, ctx: Context, session: AsyncSession, include_left: bool = False
    ) -> list[tuple[CoffeeProgram, Community]]:
        coffee = CoffeeRepository(session)
        mine = {
            p.program_id
            for p in await coffee.participations_of(ctx.actor.member_id)
            if include_left or p.status != CoffeeParticipantStatus.LEFT.value
        }
        return [(p, c) for p, c in await coffee.programs_with_communities() if p.id in mine]

    async def _next_round(self, session: AsyncSession, program: CoffeeProgram) -> datetime | None:
        upcoming = await CoffeeRepository(session).next_scheduled(program.id)
        if upcoming is not None:
            return upcoming.occurrence_at
        if program.schedule_id is None:
            return None
        schedule = await ScheduleRepository(session).get(program.schedule_id)
        if schedule is None or not schedule.active or schedule.next_local is None:
            return None
        return to_instant(parse_local(schedule.next_local), ZoneInfo(schedule.timezone))

    def _when(self, ctx: Context, at: datetime | None) -> str:
        if at is None:
            return "not scheduled"
        local = at.astimezone(ZoneInfo(ctx.actor.timezone))
        return f"{local:%A} {local.day} {local:%B} at {local:%H:%M}"

    async def _describe(
        self, session: AsyncSession, program: CoffeeProgram, community: Community, ctx: Context
    ) -> str:
        participants = Counter(
            p.status for p in await CoffeeRepository(session).participants(program.id)
        )
        upcoming = await self._next_round(session, program)
        participation = (
            "members say each time whether they're in (asked a day before)"
            if program.participation == CoffeeParticipation.PER_ROUND.value
            else "everyone who joined takes part until they snooze or leave"
        )
        lines = [
            f"• Cadence: {cadence_of(program).describe()}",
            f"• Groups of {program.group_size}; {participation}",
            f"• Weights: department={program.weight_department:g} "
            f"timezone={program.weight_timezone:g} new={program.weight_new:g} "
            f"skills={program.weight_skills:g}",
            f"• Taking part: {participants.get(CoffeeParticipantStatus.ACTIVE.value, 0)}",
            "• Paused" if program.paused else f"• Next round: {self._when(ctx, upcoming)}",
        ]
        return "\n".join(lines)


async def reschedule(
    session: AsyncSession, program: CoffeeProgram, cadence: Cadence, now: datetime
) -> None:
    """A new schedule for a program's cadence; rounds of the old one that have not run are off.

    Per-round programs materialise a day ahead, to ask who is in.
    """
    schedules = Schedules(session, now)
    if program.schedule_id is not None:
        await schedules.stop(Owner.of(OWNER_KIND, program.id))
        await session.execute(
            update(CoffeeRound)
            .where(
                CoffeeRound.program_id == program.id,
                CoffeeRound.status == CoffeeRoundStatus.SCHEDULED.value,
            )
            .values(status=CoffeeRoundStatus.SKIPPED.value, note="the cadence changed")
        )
    offset = (
        timedelta(days=-1)
        if program.participation == CoffeeParticipation.PER_ROUND.value
        else timedelta(0)
    )
    schedule = await schedules.add(
        Owner.of(OWNER_KIND, program.id),
        OutboxKind.INTRO,
        Recurrence(cadence.rrule(), cadence.local_start(now), cadence.timezone),
        Target(program.platform, program.workspace_id),
        Body("coffee round"),
        offset=offset,
        tell=program.created_by_id,
    )
    program.schedule_id = schedule.id


def _meeting_lines(
    now: datetime,
    rounds: list[CoffeeRound],
    groups: list[CoffeeGroup],
    members: list[CoffeeGroupMember],
) -> list[str]:
    asked = {r.id for r in rounds if r.follow_up_at <= now}
    closed = [g for g in groups if g.round_id in asked]
    if not closed:
        return ["• Meeting rate: no follow-ups asked yet"]
    responses: dict[int, set[str]] = {}
    for row in members:
        if row.response:
            responses.setdefault(row.group_id, set()).add(row.response)
    met = sum(1 for g in closed if "met" in responses.get(g.id, set()))
    answered = sum(1 for g in closed if responses.get(g.id))
    return [
        f"• Meeting rate: {100 * met / len(closed):.0f}% of groups met "
        f"({answered} of {len(closed)} answered the follow-up)"
    ]


def _connection_lines(
    rounds: list[CoffeeRound],
    groups: list[CoffeeGroup],
    members: list[CoffeeGroupMember],
    departments: dict[int, int],
) -> list[str]:
    by_group: dict[int, list[int]] = {}
    met_groups: set[int] = set()
    for row in members:
        by_group.setdefault(row.group_id, []).append(row.member_id)
        if row.response == "met":
            met_groups.add(row.group_id)
    groups_of_round: dict[int, list[CoffeeGroup]] = {}
    for group in groups:
        groups_of_round.setdefault(group.round_id, []).append(group)
    seen: set[frozenset[int]] = set()
    repeats = 0
    quarters: dict[str, list[int]] = {}
    for round_row in rounds:
        year, month = int(round_row.local_date[:4]), int(round_row.local_date[5:7])
        quarter = f"{year}-Q{(month - 1) // 3 + 1}"
        counts = quarters.setdefault(quarter, [0, 0])
        for group in groups_of_round.get(round_row.id, []):
            ids = by_group.get(group.id, [])
            pairs = {frozenset((a, b)) for a in ids for b in ids if a < b}
            if pairs & seen:
                repeats += 1
            for pair in pairs - seen:
                a, b = tuple(pair)
                if a in departments and b in departments and departments[a] != departments[b]:
                    counts[0] += 1
                    counts[1] += group.id in met_groups
            seen |= pairs
    lines = [f"• Repeat rate: {100 * repeats / max(1, len(groups)):.0f}% of groups had met before"]
    lines.append(
        "• New cross-department connections: "
        + ", ".join(f"{q}: {n} ({m} met)" for q, (n, m) in sorted(quarters.items()))
    )
    return lines
