"""Seven months of the Data Science Network's weekly coffee intros, for the dashboard's demo.

Each past round is formed by the bot's own solver (`matching.pairing.solve`, with the
round's own seed and the rounds before it as history), so its groups cross departments and
avoid repeats as real rounds do. Then people answer the follow-up, or do not: three intros
in a row unanswered snooze them, as `participants.after_intro` does; a few leave or snooze
for two weeks. A summer pause skips two rounds. The last round's follow-up is still to
come, so it is queued in the outbox as the round would have queued it.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.features.coffee import forming, keys, lifecycle, round_copy
from guildbot.bot.features.coffee.buttons import GroupButton
from guildbot.bot.features.coffee.options import cadence_of
from guildbot.bot.features.coffee.participants import IGNORED_INTROS_BEFORE_SNOOZE
from guildbot.bot.i18n import DEFAULT_LANGUAGE
from guildbot.bot.scheduler.outbox import Outbox
from guildbot.contract.refs import MemberRef
from guildbot.matching.pairing import Candidate, PairingRequest, PastRound, Weights, solve
from guildbot.storage.models import (
    CoffeeGroup,
    CoffeeParticipant,
    CoffeeParticipantStatus,
    CoffeeProgram,
    CoffeeRound,
    CoffeeRoundStatus,
    OutboxKind,
)
from guildbot.storage.repositories.coffee import CoffeeRepository, Person

FIRST_ROUND = datetime(2026, 5, 4, 10, 0)  # a Monday, local time
PAUSED = ("2026-08-03", "2026-08-10")  # the summer pause: skipped rounds
PAUSE_NOTE = "paused for the summer"
SNOOZE = timedelta(weeks=2)


@dataclass
class Taker:
    """Someone in the program, as the history moves them."""

    member_id: int
    joined_at: datetime
    answers: float  # how likely they are to answer a follow-up
    status: CoffeeParticipantStatus = CoffeeParticipantStatus.ACTIVE
    snoozed_until: datetime | None = None
    streak: int = 0
    updated_at: datetime | None = None


@dataclass
class History:
    """What has been written so far, as the solver needs it."""

    past: list[PastRound] = field(default_factory=list)
    proposals: Counter[int] = field(default_factory=Counter)
    introduced: int = 0
    skipped: int = 0
    groups: int = 0


def occurrences(program: CoffeeProgram, now: datetime) -> list[datetime]:
    """The program's weekly rounds from `FIRST_ROUND` up to `now`, as UTC instants."""
    zone = ZoneInfo(program.timezone)
    local, found = FIRST_ROUND, []
    while (at := local.replace(tzinfo=zone).astimezone(now.tzinfo)) < now:
        found.append(at)
        local += timedelta(weeks=1)
    return found


async def seed_coffee_history(
    session: AsyncSession,
    program: CoffeeProgram,
    takers: Sequence[Taker],
    community_name: str,
    now: datetime,
    rng: random.Random,
) -> History:
    """Write the program's past rounds, groups and answers, and where everyone stands now."""
    coffee = CoffeeRepository(session)
    where = (program.platform, program.workspace_id)
    people = await coffee.people([t.member_id for t in takers], *where)
    by_id = {t.member_id: t for t in takers}
    history = History()
    cadence = cadence_of(program)
    last: tuple[CoffeeRound, list[CoffeeGroup], dict[int, list[int]]] | None = None
    for at in occurrences(program, now):
        day = forming.local_date(program, at)
        round_row = CoffeeRound(
            program_id=program.id,
            occurrence_at=at,
            local_date=day,
            follow_up_at=at + cadence.follow_up_after(),
            status=CoffeeRoundStatus.SCHEDULED.value,
            seed=forming.derived_seed(program.id, at),
            created_at=at - timedelta(days=7),
        )
        session.add(round_row)
        if day in PAUSED:
            round_row.status, round_row.note = CoffeeRoundStatus.SKIPPED.value, PAUSE_NOTE
            history.skipped += 1
            continue
        _move(takers, at, rng)
        members = [t.member_id for t in takers if _in_round(t, at)]
        groups, members_of = await _form(session, round_row, members, people, program, history)
        await _answer(session, round_row, groups, members_of, by_id, now, rng)
        last = (round_row, groups, members_of)
    if last is not None and last[0].follow_up_at > now:
        await _queue_follow_ups(session, program, *last, people, community_name, now)
    await _standings(session, program, takers, now)
    return history


def _in_round(taker: Taker, at: datetime) -> bool:
    if taker.joined_at > at or taker.status is CoffeeParticipantStatus.LEFT:
        return False
    if taker.status is CoffeeParticipantStatus.SNOOZED:
        if taker.snoozed_until is None or taker.snoozed_until > at:
            return False
        taker.status, taker.snoozed_until = CoffeeParticipantStatus.ACTIVE, None
    return True


def _move(takers: Sequence[Taker], at: datetime, rng: random.Random) -> None:
    """A week's comings and goings: now and then someone leaves or snoozes two weeks, and
    someone snoozed for ignoring their intros joins again."""
    for taker in takers:
        if taker.status is CoffeeParticipantStatus.SNOOZED and taker.snoozed_until is None:
            if rng.random() < 0.1:
                taker.status, taker.updated_at = CoffeeParticipantStatus.ACTIVE, at
            continue
        if taker.status is not CoffeeParticipantStatus.ACTIVE or taker.joined_at > at:
            continue
        draw = rng.random()
        if draw < 0.006:
            taker.status, taker.updated_at = CoffeeParticipantStatus.LEFT, at - timedelta(days=2)
        elif draw < 0.03:
            taker.status = CoffeeParticipantStatus.SNOOZED
            taker.snoozed_until, taker.updated_at = at + SNOOZE, at - timedelta(days=1)


async def _form(
    session: AsyncSession,
    round_row: CoffeeRound,
    members: list[int],
    people: dict[int, Person],
    program: CoffeeProgram,
    history: History,
) -> tuple[list[CoffeeGroup], dict[int, list[int]]]:
    """The round's groups, as the solver forms them, stored with their members."""
    request = PairingRequest(
        members=[
            Candidate(str(m), people[m].department, people[m].timezone, people[m].skills)
            for m in members
        ],
        group_size=program.group_size,
        seed=round_row.seed,
        history=history.past[-forming.HISTORY_ROUNDS :],
        weights=Weights(
            program.weight_department,
            program.weight_timezone,
            program.weight_new,
            program.weight_skills,
        ),
        on=datetime.fromisoformat(round_row.local_date).date(),
        variety=forming.VARIETY,
    )
    pairing = solve(request)
    round_row.status = CoffeeRoundStatus.INTRODUCED.value
    round_row.total = pairing.total
    await session.flush()
    groups, members_of = [], {}
    coffee = CoffeeRepository(session)
    for position, group in enumerate(pairing.groups):
        ids = [int(m) for m in group.members]
        proposer = lifecycle.proposer(ids, history.proposals, round_row.seed)
        history.proposals[proposer] += 1
        # As the round's executor stores it: with what it adds to the program's history.
        row = await coffee.add_group(
            round_row.id, position, group.score, group.reason[: lifecycle.MAX_REASON],
            proposer, ids, [part.as_json() for part in group.parts],
        )  # fmt: skip
        groups.append(row)
        members_of[position] = ids
    formed = tuple(tuple(str(m) for m in members_of[g.position]) for g in groups)
    history.past.append(PastRound(round_row.local_date, formed))
    history.introduced += 1
    history.groups += len(groups)
    return groups, {g.id: members_of[g.position] for g in groups}


async def _answer(
    session: AsyncSession,
    round_row: CoffeeRound,
    groups: Sequence[CoffeeGroup],
    members_of: dict[int, list[int]],
    takers: dict[int, Taker],
    now: datetime,
    rng: random.Random,
) -> None:
    """Each group's answers to "did you meet?" (none yet where it has not been asked), and
    the streaks of intros left unanswered that they make."""
    asked = round_row.follow_up_at <= now
    stored = {
        (row.group_id, row.member_id): row
        for row in await CoffeeRepository(session).group_members([g.id for g in groups])
    }
    for group in groups:
        outcome = rng.choices(("met", "not_yet", "skip"), (70, 22, 8))[0]
        for member_id in members_of[group.id]:
            taker = takers[member_id]
            answers = asked and rng.random() < taker.answers
            at = round_row.follow_up_at + timedelta(hours=rng.uniform(0.2, 40))
            row = stored[(group.id, member_id)]
            row.response = outcome if answers else None
            row.responded_at = min(at, now) if answers else None
            if not asked:
                continue
            taker.streak = 0 if answers else taker.streak + 1
            if taker.streak >= IGNORED_INTROS_BEFORE_SNOOZE:
                # As a round does: snoozed until they join again.
                taker.status, taker.snoozed_until = CoffeeParticipantStatus.SNOOZED, None
                taker.streak, taker.updated_at = 0, round_row.follow_up_at + timedelta(days=2)
    await session.flush()


async def _queue_follow_ups(
    session: AsyncSession,
    program: CoffeeProgram,
    round_row: CoffeeRound,
    groups: Sequence[CoffeeGroup],
    members_of: dict[int, list[int]],
    people: dict[int, Person],
    community_name: str,
    now: datetime,
) -> None:
    """The last round's "did you meet?", due after the demo starts: what the round queued."""
    outbox = Outbox(session, now)
    where = (program.platform, program.workspace_id)
    for group in groups:
        refs = [
            MemberRef(*where, p.user_id)
            for p in (people[m] for m in members_of[group.id])
            if p.user_id
        ]
        target = await outbox.group(keys.group_conversation(group.id), refs)
        await outbox.queue(
            round_copy.follow_up((DEFAULT_LANGUAGE,), community_name, GroupButton(group.id)),
            target,
            round_row.follow_up_at,
            keys.group_message(keys.FOLLOW_UP, group.id),
            kind=OutboxKind.FOLLOW_UP,
        )


async def _standings(
    session: AsyncSession, program: CoffeeProgram, takers: Sequence[Taker], now: datetime
) -> None:
    """Where everyone stands at the end: the program's participants as of `now`."""
    existing = {
        row.member_id: row
        for row in await session.scalars(
            select(CoffeeParticipant).where(CoffeeParticipant.program_id == program.id)
        )
    }
    for taker in takers:
        row = existing.get(taker.member_id)
        if row is None:
            row = CoffeeParticipant(program_id=program.id, member_id=taker.member_id)
            session.add(row)
        row.status = taker.status.value
        row.snoozed_until = taker.snoozed_until
        row.ignored_streak = taker.streak
        row.joined_at = taker.joined_at
        row.updated_at = taker.updated_at or taker.joined_at
    await session.flush()
