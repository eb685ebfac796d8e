"""Coffee rounds, run by the scheduler: exactly once, durable across crashes and processes.

A program's cadence is a `Schedule` with owner kind "coffee". The tick hands each occurrence to
`CoffeeRounds.materialise`, which creates the round row (unique per program and occurrence) in
the same transaction that advances the schedule — and, for per-round programs a day ahead,
queues the "in this time?" questions. At each tick `run_due` claims due rounds (conditional
update plus a lease) and runs them in steps that are each safe to repeat:

1. form the groups (one transaction, only while the claim is ours): note who ignored the last
   intro (three in a row snooze them, with a friendly note), pick who takes part, solve;
2. queue each group's intro and follow-up in the outbox to the group itself, with dedupe
   keys (delivery opens the group's conversation on the first send, and keeps it);
3. mark the round introduced.

What each step decides is in `lifecycle` and `participants`; this module reads, solves and
hands the effects to the executor. A process that dies at any step leaves the round claimed;
when its lease runs out another process takes it over and carries on where it stopped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.clock import Clock
from guildbot.bot.features.coffee import forming, keys, lifecycle, participants, round_copy
from guildbot.bot.features.coffee.buttons import GroupButton, ProgramButton
from guildbot.bot.features.coffee.effects import Introduced, Miss, Skip
from guildbot.bot.features.coffee.executor import Executor
from guildbot.bot.features.coffee.intro_text import openers_of
from guildbot.bot.features.coffee.lifecycle import Next, RoundFacts
from guildbot.bot.i18n import Language, language_of
from guildbot.bot.scheduler.outbox import Outbox
from guildbot.bot.scheduler.policy import DEFAULT_GRACE
from guildbot.contract.adapter import Adapter
from guildbot.contract.refs import MemberRef
from guildbot.storage.engine import Database
from guildbot.storage.models import (
    CoffeeParticipation,
    CoffeeProgram,
    CoffeeRound,
    OutboxKind,
    Role,
    Schedule,
)
from guildbot.storage.repositories.coffee import CoffeeRepository
from guildbot.storage.repositories.communities import CommunityRepository

log = logging.getLogger(__name__)

ROUND_LEASE = timedelta(minutes=5)


class CoffeeRounds:
    """The scheduler's occurrence owner for coffee programs."""

    owner_kind = keys.OWNER_KIND

    def __init__(
        self,
        database: Database,
        clock: Clock,
        lease: timedelta = ROUND_LEASE,
        language_for: Callable[[str], Language] = language_of,
    ) -> None:
        self.database = database
        self.clock = clock
        self.lease = lease
        # The language of a member from their stored locale (`Identities.language_for`):
        # what every message a round sends them, or their group, is written in.
        self.language_for = language_for
        self.grace = DEFAULT_GRACE[OutboxKind.INTRO]

    # -- inside the schedule's transaction ---------------------------------------------------

    async def materialise(
        self, session: AsyncSession, schedule: Schedule, occurrence_at: datetime, due_at: datetime
    ) -> int:
        """Create the round of an occurrence (once); per-round programs ask who is in."""
        coffee = CoffeeRepository(session)
        program = await coffee.program(int(schedule.owner_id))
        if program is None or program.schedule_id != schedule.id:
            return 0  # a schedule left over from before the cadence changed
        now = self.clock.now()
        if not await coffee.insert_round(forming.new_round(program, occurrence_at, now)):
            return 0
        program.next_seed = None  # a re-roll applies to one round
        if program.participation == CoffeeParticipation.PER_ROUND.value and not program.paused:
            round_row = await coffee.round_at(program.id, occurrence_at)
            assert round_row is not None
            members = await forming.taking_part(session, program, occurrence_at, None)
            facts = await self._facts(session, program, round_row, members)
            await Executor(session, program, now).apply(lifecycle.asked(facts, members, due_at))
        return 1

    # -- each tick -----------------------------------------------------------------------------

    async def run_due(self, now: datetime, adapters: Mapping[str, Adapter], instance: str) -> int:
        """Run every due round this process can reach; how many it finished."""
        if not adapters:
            return 0
        async with self.database.transaction() as session:
            due = await CoffeeRepository(session).due_rounds(now, list(adapters))
        finished = 0
        for round_row in due:
            async with self.database.transaction() as session:
                claimed = await CoffeeRepository(session).claim_round(
                    round_row.id, instance, now, self.lease
                )
            if not claimed:
                continue
            try:
                finished += await self._run(round_row.id, instance)
            except Exception:
                # The claim stays; its lease runs out and the round is tried again.
                log.exception("coffee round=%s failed; it will be retried", round_row.id)
        return finished

    async def _run(self, round_id: int, instance: str) -> int:
        async with self.database.transaction() as session:
            coffee = CoffeeRepository(session)
            round_row = await coffee.get_round(round_id)
            assert round_row is not None
            program = await coffee.program(round_row.program_id)
            assert program is not None
            facts = await self._facts(session, program, round_row)
        step = lifecycle.on_claim(facts, self.clock.now(), self.grace)
        if isinstance(step, Skip | Miss):
            await self._apply(program, instance, step)
            return 1
        if step is Next.FORM and not await self._form(round_row, program, facts, instance):
            return 1
        await self._introduce(round_row, program, facts)
        await self._apply(program, instance, Introduced(round_id))
        log.info("coffee round=%s program=%s introduced", round_id, program.id)
        return 1

    async def _apply(
        self, program: CoffeeProgram, instance: str, effect: Skip | Miss | Introduced
    ) -> None:
        async with self.database.transaction() as session:
            await Executor(session, program, self.clock.now(), instance).apply([effect])

    async def _form(
        self, round_row: CoffeeRound, program: CoffeeProgram, facts: RoundFacts, instance: str
    ) -> bool:
        """Form and store the groups; False when the round was skipped (or lost).

        Nothing is written until the groups are stored, in one transaction with the streaks of
        ignored intros, so a retried round never counts an ignored intro twice.
        """
        async with self.database.transaction() as session:
            turnout = await forming.turnout(
                session, program, round_row.occurrence_at, round_row, answered=True
            )
            streaks = participants.after_intro(
                turnout.standings,
                turnout.answered,
                community=facts.community,
                program=ProgramButton(program.id),
                round_id=round_row.id,
                languages=await self._languages(session, [s.member for s in turnout.standings]),
            )
            members = turnout.members
            request, people = await forming.request_for(
                session, program, members, round_row.seed, round_row.local_date
            )
        pairing = await forming.solve_off_loop(request) if len(members) >= 2 else None
        async with self.database.transaction() as session:
            coffee = CoffeeRepository(session)
            current = await coffee.get_round(round_row.id)
            if (
                current is None
                or current.claimed_by != instance
                or await coffee.groups([round_row.id])
            ):
                return False
            woken = participants.woken(
                await forming.standings(session, program), round_row.occurrence_at
            )
            told = await self._languages(session, [*members, *facts.facilitators])
            outcome = lifecycle.after_solving(
                replace(facts, languages=told),
                len(members),
                pairing,
                {member: person.name for member, person in people.items()},
                await coffee.proposals(program.id),
            )
            executor = Executor(session, program, self.clock.now(), instance)
            await executor.apply([*streaks, *woken, *outcome])
        return pairing is not None

    async def _introduce(
        self, round_row: CoffeeRound, program: CoffeeProgram, facts: RoundFacts
    ) -> None:
        """Queue each group's intro and follow-up to the group itself (each once): delivery
        opens the group's conversation when the intro is first sent, and keeps it."""
        where = (program.platform, program.workspace_id)
        async with self.database.transaction() as session:
            coffee = CoffeeRepository(session)
            groups = await coffee.groups([round_row.id])
            rows = await coffee.group_members([g.id for g in groups])
            people = await coffee.people({r.member_id for r in rows}, *where)
            members: dict[int, list[int]] = {}
            for row in rows:
                members.setdefault(row.group_id, []).append(row.member_id)
            now = self.clock.now()
            outbox = Outbox(session, now)
            for group in groups:
                met = [people[m] for m in members.get(group.id, []) if m in people]
                refs = [MemberRef(*where, p.user_id) for p in met if p.user_id]
                if len(refs) < 2:
                    continue
                target = await outbox.group(keys.group_conversation(group.id), refs)
                # One message the whole group reads: in the language(s) of those in it.
                languages = round_copy.group_languages(
                    [self.language_for(p.locale) for p in met if p.user_id]
                )
                intro = round_copy.intro(
                    languages,
                    facts.community,
                    met,
                    group,
                    round_row.seed + group.position,
                    where,
                    ProgramButton(program.id),
                    openers_of(program),
                )
                await outbox.queue(
                    intro,
                    target,
                    max(round_row.occurrence_at, now),
                    keys.group_message(keys.INTRO, group.id),
                    kind=OutboxKind.INTRO,
                    tell=program.created_by_id,
                )
                await outbox.queue(
                    round_copy.follow_up(languages, facts.community, GroupButton(group.id)),
                    target,
                    max(round_row.follow_up_at, now),
                    keys.group_message(keys.FOLLOW_UP, group.id),
                    kind=OutboxKind.FOLLOW_UP,
                )

    async def _languages(
        self, session: AsyncSession, member_ids: Collection[int]
    ) -> dict[int, Language]:
        """The language each of some members reads."""
        locales = await CoffeeRepository(session).locales(set(member_ids))
        return {member: self.language_for(locale) for member, locale in locales.items()}

    async def _facts(
        self,
        session: AsyncSession,
        program: CoffeeProgram,
        round_row: CoffeeRound,
        told: Collection[int] = (),
    ) -> RoundFacts:
        """What a round's decisions depend on, as it is now (with the languages of its
        facilitators and of the members it may tell something, `told`)."""
        facts = await _facts(session, program, round_row)
        languages = await self._languages(session, [*told, *facts.facilitators])
        return replace(facts, languages=languages)


async def _facts(
    session: AsyncSession, program: CoffeeProgram, round_row: CoffeeRound
) -> RoundFacts:
    """What a round's decisions depend on, as it is now."""
    coffee = CoffeeRepository(session)
    community = await coffee.community_of(program)
    return RoundFacts(
        id=round_row.id,
        occurrence_at=round_row.occurrence_at,
        seed=round_row.seed,
        formed=bool(await coffee.groups([round_row.id])),
        paused=program.paused,
        community=community.name if community else None,
        zone=program.timezone,
        facilitators=await facilitators(session, program),
    )


async def facilitators(session: AsyncSession, program: CoffeeProgram) -> tuple[int, ...]:
    """Who hears about a program's problems: its facilitators and admins, else its creator."""
    managers = await CommunityRepository(session).members_with_role(
        program.community_id, [Role.FACILITATOR, Role.ADMIN]
    )
    found = sorted({member.id for member in managers})
    if not found and program.created_by_id is not None:
        found = [program.created_by_id]
    return tuple(found)
