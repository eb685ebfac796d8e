"""Coffee rounds, run by the scheduler: exactly once, durable across crashes and processes.

A program's cadence is a `Schedule` with owner kind "coffee". The tick hands each occurrence to
`CoffeeRounds.materialise`, which creates the round row (unique per program and occurrence) in
the same transaction that advances the schedule — and, for per-round programs a day ahead,
queues the "in this time?" questions. At each tick `run_due` claims due rounds (conditional
update plus a lease) and runs them in steps that are each safe to repeat:

1. form the groups (one transaction, only while the claim is ours): note who ignored the last
   intro (three in a row snooze them, with a friendly note), pick the eligible members, solve;
2. per group, open the group conversation through the adapter (platforms return the same
   conversation for the same people) and queue the intro and the follow-up in the outbox,
   with dedupe keys;
3. mark the round introduced.

A process that dies at any step leaves the round claimed; when its lease runs out another
process takes it over and carries on where it stopped.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.clock import Clock
from guildbot.bot.features.coffee.options import cadence_of
from guildbot.bot.scheduler.outbox import Outbox, OutboxKey, Owner, Target
from guildbot.bot.scheduler.payload import Body
from guildbot.bot.scheduler.policy import DEFAULT_GRACE
from guildbot.contract.adapter import Adapter
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.contract.refs import MemberRef
from guildbot.matching.pairing import (
    Candidate,
    Pairing,
    PairingRequest,
    PastRound,
    Weights,
    solve,
)
from guildbot.storage.engine import Database
from guildbot.storage.models import (
    CoffeeGroup,
    CoffeeGroupMember,
    CoffeeParticipantStatus,
    CoffeeParticipation,
    CoffeeProgram,
    CoffeeRound,
    CoffeeRoundStatus,
    Community,
    Department,
    Member,
    Membership,
    MemberSkill,
    OutboxKind,
    PlatformIdentity,
    Role,
    Schedule,
    Skill,
)
from guildbot.storage.repositories.coffee import CoffeeRepository

log = logging.getLogger(__name__)

OWNER_KIND = "coffee"
IGNORED_INTROS_BEFORE_SNOOZE = 3
HISTORY_ROUNDS = 52
ROUND_LEASE = timedelta(minutes=5)
# Seeded noise while optimising, so a re-roll picks another near-optimal grouping.
VARIETY = 0.25

ACTION_MET = "coffee.met"
ACTION_NOT_YET = "coffee.not_yet"
ACTION_SKIP = "coffee.skip"
ACTION_IN = "coffee.in"
ACTION_OUT = "coffee.out"
ACTION_SNOOZE = "coffee.snooze"
ACTION_LEAVE = "coffee.leave"
ACTION_NEVER_GROUP = "coffee.never_group"
ACTION_REJOIN = "coffee.rejoin"
ACTION_REROLL = "coffee.reroll"

STARTERS = (
    "What's something at work you're quietly proud of this year?",
    "What does a good week look like in your team?",
    "Which tool or habit saves you the most time?",
    "What's a problem your department solves that others might not know about?",
    "What would you change first if you ran the organisation for a day?",
    "What's the best thing you've read or watched lately, for work or not?",
    "What did you do before your current role?",
    "Who outside your team has helped you most, and how?",
)


@dataclass(frozen=True, slots=True)
class Person:
    """What a round needs to know about a member."""

    member_id: int
    name: str
    department: str
    title: str
    timezone: str
    skills: frozenset[str]
    user_id: str | None  # on the program's platform


def derived_seed(program_id: int, occurrence_at: datetime) -> int:
    """A round's seed when nobody re-rolled it: stable, so a round can be reproduced."""
    digest = hashlib.sha256(f"{program_id}:{occurrence_at.isoformat()}".encode()).hexdigest()
    return int(digest[:7], 16)


def local_date(program: CoffeeProgram, at: datetime) -> str:
    """The round's date in the program's zone."""
    return at.astimezone(ZoneInfo(program.timezone)).date().isoformat()


def round_values(program: CoffeeProgram, occurrence_at: datetime, now: datetime) -> dict[str, Any]:
    """The columns of a new round."""
    seed = program.next_seed
    return {
        "program_id": program.id,
        "occurrence_at": occurrence_at,
        "local_date": local_date(program, occurrence_at),
        "follow_up_at": occurrence_at + cadence_of(program).follow_up_after(),
        "status": CoffeeRoundStatus.SCHEDULED.value,
        "seed": derived_seed(program.id, occurrence_at) if seed is None else seed,
        "created_at": now,
    }


async def load_people(
    session: AsyncSession, member_ids: Sequence[int], platform: str
) -> dict[int, Person]:
    """Names, departments, titles, zones, skills and platform ids of some members."""
    ids = list(member_ids)
    if not ids:
        return {}
    rows = await session.execute(
        select(Member, Department.name)
        .outerjoin(Department, Department.id == Member.department_id)
        .where(Member.id.in_(ids))
    )
    skills: dict[int, set[str]] = {}
    for member_id, name in (
        await session.execute(
            select(MemberSkill.member_id, Skill.name)
            .join(Skill, Skill.id == MemberSkill.skill_id)
            .where(MemberSkill.member_id.in_(ids))
        )
    ).all():
        skills.setdefault(member_id, set()).add(name)
    users = dict(
        (
            await session.execute(
                select(PlatformIdentity.member_id, PlatformIdentity.user_id).where(
                    PlatformIdentity.member_id.in_(ids), PlatformIdentity.platform == platform
                )
            )
        ).all()
    )
    people = {}
    for member, department in rows.all():
        people[member.id] = Person(
            member.id,
            member.display_name,
            department or "",
            member.title or "",
            member.timezone,
            frozenset(skills.get(member.id, ())),
            users.get(member.id),
        )
    return people


async def eligible(
    session: AsyncSession,
    program: CoffeeProgram,
    at: datetime,
    round_row: CoffeeRound | None,
    *,
    resume: bool = False,
    answered: bool = False,
) -> list[int]:
    """Who takes part in a round at `at`: in the community, reachable, not snoozed (a snooze
    that ended by then counts as over; with `resume` it is cleared), and for per-round
    programs, said they are in (with `answered`; a preview counts everyone active until
    someone answers)."""
    coffee = CoffeeRepository(session)
    members_of_community = set(
        (
            await session.scalars(
                select(Membership.member_id).where(Membership.community_id == program.community_id)
            )
        ).all()
    )
    reachable = set(
        (
            await session.scalars(
                select(PlatformIdentity.member_id).where(
                    PlatformIdentity.platform == program.platform,
                    PlatformIdentity.workspace_id == program.workspace_id,
                )
            )
        ).all()
    )
    chosen: list[int] = []
    for participant in await coffee.participants(program.id):
        if participant.status == CoffeeParticipantStatus.LEFT.value:
            continue
        if participant.status == CoffeeParticipantStatus.SNOOZED.value:
            until = participant.snoozed_until
            if until is None or until > at:
                continue
            if resume:
                participant.status = CoffeeParticipantStatus.ACTIVE.value
                participant.snoozed_until = None
                participant.updated_at = at
        if participant.member_id in members_of_community & reachable:
            chosen.append(participant.member_id)
    if program.participation == CoffeeParticipation.PER_ROUND.value and round_row is not None:
        joining = await coffee.joining(round_row.id)
        if joining or answered:
            chosen = [m for m in chosen if m in joining]
    return sorted(chosen)


async def history_of(session: AsyncSession, program: CoffeeProgram) -> list[PastRound]:
    """The program's past rounds, for the solver (the latest last)."""
    coffee = CoffeeRepository(session)
    rounds = (await coffee.rounds(program.id, [CoffeeRoundStatus.INTRODUCED]))[-HISTORY_ROUNDS:]
    groups = await coffee.groups([r.id for r in rounds])
    members = await coffee.group_members([g.id for g in groups])
    by_group: dict[int, list[str]] = {}
    for row in members:
        by_group.setdefault(row.group_id, []).append(str(row.member_id))
    by_round: dict[int, list[tuple[str, ...]]] = {}
    for group in groups:
        by_round.setdefault(group.round_id, []).append(tuple(by_group.get(group.id, [])))
    return [PastRound(r.local_date, tuple(by_round.get(r.id, []))) for r in rounds]


async def request_for(
    session: AsyncSession, program: CoffeeProgram, member_ids: Sequence[int], seed: int, on: str
) -> tuple[PairingRequest, dict[int, Person]]:
    """The solver's input for a round, and the people in it."""
    people = await load_people(session, member_ids, program.platform)
    never = await CoffeeRepository(session).never_pairs(member_ids)
    request = PairingRequest(
        members=[
            Candidate(str(p.member_id), p.department, p.timezone, p.skills) for p in people.values()
        ],
        group_size=program.group_size,
        seed=seed,
        history=await history_of(session, program),
        never=[(str(a), str(b)) for a, b in never],
        weights=Weights(
            program.weight_department,
            program.weight_timezone,
            program.weight_new,
            program.weight_skills,
        ),
        on=datetime.fromisoformat(on).date(),
        variety=VARIETY,
    )
    return request, people


async def solve_off_loop(request: PairingRequest) -> Pairing:
    """Run the solver in a worker thread, so the bot keeps answering meanwhile."""
    return await asyncio.to_thread(solve, request)


async def facilitators(session: AsyncSession, program: CoffeeProgram) -> list[int]:
    """Who hears about a program's problems: its facilitators and admins, else its creator."""
    rows = await session.scalars(
        select(Membership.member_id).where(
            Membership.community_id == program.community_id,
            Membership.role.in_([Role.FACILITATOR.value, Role.ADMIN.value]),
        )
    )
    found = sorted(set(rows.all()))
    if not found and program.created_by_id is not None:
        found = [program.created_by_id]
    return found


def round_note_key(purpose: str, round_id: int, member_id: int) -> OutboxKey:
    """A note to one member about one round (are you in? unmatched, paused…)."""
    return OutboxKey(
        f"coffee:{purpose}:{round_id}:{member_id}", Owner.of("coffee-round", round_id), purpose
    )


def group_key(purpose: str, group_id: int) -> OutboxKey:
    """A group's intro or follow-up."""
    return OutboxKey(f"coffee:{purpose}:{group_id}", Owner.of("coffee-group", group_id), purpose)


def when_text(program: CoffeeProgram, at: datetime) -> str:
    """ "Monday 16 November at 10:00" in the program's zone."""
    local = at.astimezone(ZoneInfo(program.timezone))
    return f"{local:%A} {local.day} {local:%B} at {local:%H:%M}"


class CoffeeRounds:
    """The scheduler's occurrence owner for coffee programs."""

    owner_kind = OWNER_KIND

    def __init__(self, database: Database, clock: Clock, lease: timedelta = ROUND_LEASE) -> None:
        self.database = database
        self.clock = clock
        self.lease = lease
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
        if not await coffee.insert_round(round_values(program, occurrence_at, now)):
            return 0
        program.next_seed = None  # a re-roll applies to one round
        if program.participation == CoffeeParticipation.PER_ROUND.value and not program.paused:
            round_row = await coffee.round_at(program.id, occurrence_at)
            assert round_row is not None
            await self._ask_who_is_in(session, program, round_row, due_at, now)
        return 1

    async def _ask_who_is_in(
        self,
        session: AsyncSession,
        program: CoffeeProgram,
        round_row: CoffeeRound,
        due_at: datetime,
        now: datetime,
    ) -> None:
        community = await session.get(Community, program.community_id)
        name = community.name if community else "your community"
        outbox = Outbox(session, now)
        for member_id in await eligible(session, program, round_row.occurrence_at, None):
            await outbox.queue(
                Body(
                    f"☕ {name} coffee round on {when_text(program, round_row.occurrence_at)}: "
                    "are you in this time?",
                    (
                        Button("I'm in", ACTION_IN, str(round_row.id), ButtonStyle.PRIMARY),
                        Button("Not this time", ACTION_OUT, str(round_row.id)),
                    ),
                ),
                Target.member(program.platform, program.workspace_id, member_id),
                max(due_at, now),
                round_note_key("ask", round_row.id, member_id),
                kind=OutboxKind.NOTICE,
            )

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
        now = self.clock.now()
        async with self.database.transaction() as session:
            coffee = CoffeeRepository(session)
            round_row = await coffee.get_round(round_id)
            assert round_row is not None
            program = await coffee.program(round_row.program_id)
            assert program is not None
            formed = bool(await coffee.groups([round_id]))
        if not formed:
            if round_row.occurrence_at < now - self.grace:
                await self._close(round_row, program, instance, CoffeeRoundStatus.MISSED)
                return 1
            if program.paused:
                await self._close(round_row, program, instance, CoffeeRoundStatus.SKIPPED, "paused")
                return 1
            if not await self._form(round_row, program, instance):
                return 1
        await self._introduce(round_row, program)
        async with self.database.transaction() as session:
            await CoffeeRepository(session).finish_round(
                round_id, instance, CoffeeRoundStatus.INTRODUCED
            )
        log.info("coffee round=%s program=%s introduced", round_id, program.id)
        return 1

    async def _form(self, round_row: CoffeeRound, program: CoffeeProgram, instance: str) -> bool:
        """Form and store the groups; False when the round was skipped (or lost).

        Nothing is written until the groups are stored, in one transaction with the streaks of
        ignored intros, so a retried round never counts an ignored intro twice.
        """
        async with self.database.transaction() as session:
            streaks, snoozing = await self._ignored(session, program, round_row)
            members = [
                m
                for m in await eligible(
                    session, program, round_row.occurrence_at, round_row, answered=True
                )
                if m not in snoozing
            ]
            request, people = await request_for(
                session, program, members, round_row.seed, round_row.local_date
            )
        pairing = await solve_off_loop(request) if len(members) >= 2 else None
        async with self.database.transaction() as session:
            coffee = CoffeeRepository(session)
            current = await coffee.get_round(round_row.id)
            if (
                current is None
                or current.claimed_by != instance
                or await coffee.groups([round_row.id])
            ):
                return False
            await self._apply_streaks(session, program, round_row, streaks, snoozing)
            await eligible(session, program, round_row.occurrence_at, round_row, resume=True)
            if pairing is None:
                count = len(members)
                await self._close_in(
                    session,
                    round_row,
                    program,
                    instance,
                    CoffeeRoundStatus.SKIPPED,
                    f"only {count} {'person' if count == 1 else 'people'} taking part",
                )
                return False
            proposals = await coffee.proposals(program.id)
            for position, group in enumerate(pairing.groups):
                ids = [int(x) for x in group.members]
                proposer = min(
                    ids,
                    key=lambda m: (
                        proposals.get(m, 0),
                        hashlib.sha256(f"{round_row.seed}:{m}".encode()).hexdigest(),
                    ),
                )
                row = await coffee.add(
                    CoffeeGroup(
                        round_id=round_row.id,
                        position=position,
                        score=group.score,
                        reason=group.reason[:500],
                        proposer_id=proposer,
                    )
                )
                for member_id in ids:
                    session.add(CoffeeGroupMember(group_id=row.id, member_id=member_id))
            current.total = pairing.total
            if pairing.unmatched:
                current.note = "; ".join(
                    f"{people[int(u.id)].name}: {u.reason}" for u in pairing.unmatched
                )[:300]
            for unmatched in pairing.unmatched:
                await self._tell(
                    session,
                    program,
                    int(unmatched.id),
                    "unmatched",
                    round_row.id,
                    "☕ I couldn't find you a coffee group this round: "
                    f"{unmatched.reason}. You're in the next one as usual.",
                )
        return True

    async def _ignored(
        self, session: AsyncSession, program: CoffeeProgram, round_row: CoffeeRound
    ) -> tuple[dict[int, int], set[int]]:
        """New streaks of ignored intros after the previous round, and who reaches three."""
        coffee = CoffeeRepository(session)
        previous = [
            r
            for r in await coffee.rounds(program.id, [CoffeeRoundStatus.INTRODUCED])
            if r.occurrence_at < round_row.occurrence_at
        ]
        if not previous:
            return {}, set()
        groups = await coffee.groups([previous[-1].id])
        answered: dict[int, bool] = {}
        for row in await coffee.group_members([g.id for g in groups]):
            answered[row.member_id] = row.response is not None
        streaks: dict[int, int] = {}
        snoozing: set[int] = set()
        for participant in await coffee.participants(program.id):
            if participant.member_id not in answered:
                continue
            streak = 0 if answered[participant.member_id] else participant.ignored_streak + 1
            streaks[participant.member_id] = streak
            if (
                streak >= IGNORED_INTROS_BEFORE_SNOOZE
                and participant.status == CoffeeParticipantStatus.ACTIVE.value
            ):
                snoozing.add(participant.member_id)
        return streaks, snoozing

    async def _apply_streaks(
        self,
        session: AsyncSession,
        program: CoffeeProgram,
        round_row: CoffeeRound,
        streaks: dict[int, int],
        snoozing: set[int],
    ) -> None:
        now = self.clock.now()
        community = await session.get(Community, program.community_id)
        name = community.name if community else "your community"
        for participant in await CoffeeRepository(session).participants(program.id):
            if participant.member_id not in streaks:
                continue
            participant.ignored_streak = streaks[participant.member_id]
            participant.updated_at = now
            if participant.member_id in snoozing:
                participant.status = CoffeeParticipantStatus.SNOOZED.value
                participant.snoozed_until = None
                participant.ignored_streak = 0
                await self._tell(
                    session,
                    program,
                    participant.member_id,
                    "autosnooze",
                    round_row.id,
                    f"☕ I haven't heard back after your last three coffee intros in {name}, "
                    "so I've paused yours — no hard feelings. Whenever you'd like them "
                    "again, press the button or type `coffee join`.",
                )

    async def _tell(
        self,
        session: AsyncSession,
        program: CoffeeProgram,
        member_id: int,
        purpose: str,
        round_id: int,
        text: str,
        buttons: tuple[Button, ...] | None = None,
    ) -> None:
        now = self.clock.now()
        if buttons is None and purpose == "autosnooze":
            buttons = (
                Button("Count me in again", ACTION_REJOIN, str(program.id), ButtonStyle.PRIMARY),
            )
        await Outbox(session, now).queue(
            Body(text, buttons or ()),
            Target.member(program.platform, program.workspace_id, member_id),
            now,
            round_note_key(purpose, round_id, member_id),
            kind=OutboxKind.NOTICE,
        )

    async def _close(
        self,
        round_row: CoffeeRound,
        program: CoffeeProgram,
        instance: str,
        status: CoffeeRoundStatus,
        note: str = "",
    ) -> None:
        async with self.database.transaction() as session:
            await self._close_in(session, round_row, program, instance, status, note)

    async def _close_in(
        self,
        session: AsyncSession,
        round_row: CoffeeRound,
        program: CoffeeProgram,
        instance: str,
        status: CoffeeRoundStatus,
        note: str = "",
    ) -> None:
        """End a round without groups and tell the facilitators why (not when paused)."""
        closed = await CoffeeRepository(session).finish_round(
            round_row.id, instance, status, note=note or None
        )
        if not closed or note == "paused":
            return
        community = await session.get(Community, program.community_id)
        name = community.name if community else "a community"
        when = when_text(program, round_row.occurrence_at)
        text = (
            f"☕ The {name} coffee round of {when} was skipped: {note}."
            if status is CoffeeRoundStatus.SKIPPED
            else f"☕ The {name} coffee round of {when} was missed: Guildbot was offline "
            "past the time it could still be useful. The next round is on schedule."
        )
        for member_id in await facilitators(session, program):
            await self._tell(session, program, member_id, str(status), round_row.id, text)

    async def _introduce(self, round_row: CoffeeRound, program: CoffeeProgram) -> None:
        """Queue each group's intro and follow-up to the group itself (each once): delivery
        opens the group's conversation when the intro is first sent, and keeps it."""
        async with self.database.transaction() as session:
            coffee = CoffeeRepository(session)
            groups = await coffee.groups([round_row.id])
            rows = await coffee.group_members([g.id for g in groups])
            community = await session.get(Community, program.community_id)
            people = await load_people(
                session, sorted({r.member_id for r in rows}), program.platform
            )
            members: dict[int, list[int]] = {}
            for row in rows:
                members.setdefault(row.group_id, []).append(row.member_id)
            name = community.name if community else "your community"
            now = self.clock.now()
            outbox = Outbox(session, now)
            for group in groups:
                ids = [m for m in members.get(group.id, []) if m in people]
                refs = [
                    MemberRef(program.platform, program.workspace_id, people[m].user_id or "")
                    for m in ids
                    if people[m].user_id
                ]
                if len(refs) < 2:
                    continue
                target = await outbox.group(f"coffee-group:{group.id}", refs)
                await outbox.queue(
                    Body(
                        intro_text(name, group, [people[m] for m in ids], round_row),
                        intro_buttons(program, group),
                    ),
                    target,
                    max(round_row.occurrence_at, now),
                    group_key("intro", group.id),
                    kind=OutboxKind.INTRO,
                    tell=program.created_by_id,
                )
                await outbox.queue(
                    Body(
                        f"☕ How did your {name} coffee go? Each of you can answer — it helps "
                        "me make better groups.",
                        (
                            Button("We met", ACTION_MET, str(group.id), ButtonStyle.PRIMARY),
                            Button("Not yet", ACTION_NOT_YET, str(group.id)),
                            Button("Skip", ACTION_SKIP, str(group.id)),
                        ),
                    ),
                    target,
                    max(round_row.follow_up_at, now),
                    group_key("follow-up", group.id),
                    kind=OutboxKind.FOLLOW_UP,
                )


def intro_buttons(program: CoffeeProgram, group: CoffeeGroup) -> tuple[Button, ...]:
    """What each member can do from the intro itself."""
    return (
        Button("Snooze me 2 weeks", ACTION_SNOOZE, str(program.id)),
        Button("Never pair me with them", ACTION_NEVER_GROUP, str(group.id)),
        Button("Leave coffee intros", ACTION_LEAVE, str(program.id), ButtonStyle.DANGER),
    )


def intro_text(
    community: str, group: CoffeeGroup, people: list[Person], round_row: CoffeeRound
) -> str:
    """Who is who, what they share, a conversation starter, and who proposes a time."""
    lines = [f"☕ *Coffee intro* — {community}. Meet each other:"]
    for person in people:
        role = ", ".join(part for part in (person.title, person.department) if part)
        city = person.timezone.rsplit("/", 1)[-1].replace("_", " ")
        lines.append(f"• *{person.name}*" + (f" — {role}" if role else "") + f" · {city}")
    counts: dict[str, int] = {}
    for person in people:
        for skill in person.skills:
            counts[skill] = counts.get(skill, 0) + 1
    shared = sorted(s for s, k in counts.items() if k >= 2)
    if shared:
        lines.append(f"You have in common: {', '.join(shared[:4])}.")
    else:
        offers = [
            f"{p.name.split()[0]} knows {', '.join(sorted(p.skills)[:2])}"
            for p in people
            if p.skills
        ]
        if len(offers) >= 2:
            lines.append("Plenty to swap: " + "; ".join(offers) + ".")
    lines.append(f"Why this group: {group.reason}.")
    starter = (
        f"What's the most useful thing you've learned about {shared[0]} lately?"
        if shared
        else STARTERS[(round_row.seed + group.position) % len(STARTERS)]
    )
    lines.append(f"To start: {starter}")
    proposer = next((p for p in people if p.member_id == group.proposer_id), people[0])
    lines.append(
        f"*{proposer.name}*, you're proposing a time this round: suggest two slots that suit "
        "everyone."
    )
    return "\n".join(lines)
