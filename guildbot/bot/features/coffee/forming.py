"""What a round's groups are formed from: who takes part, the solver's input, the solve.

Used by the rounds themselves and by a facilitator's preview, so a preview shows the groups
the round will make (until someone joins or leaves).
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.features.coffee import participants
from guildbot.bot.features.coffee.languages import spoken_by
from guildbot.bot.features.coffee.options import cadence_of
from guildbot.bot.features.coffee.participants import Standing, in_round_at
from guildbot.matching.pairing import (
    Candidate,
    Pairing,
    PairingRequest,
    PastRound,
    Weights,
    solve,
)
from guildbot.storage.models import (
    CoffeeParticipation,
    CoffeeProgram,
    CoffeeRound,
    CoffeeRoundStatus,
)
from guildbot.storage.repositories.coffee import CoffeeRepository, Person

HISTORY_ROUNDS = 52
# Seeded noise while optimising, so a re-roll picks another near-optimal grouping.
VARIETY = 0.25


def derived_seed(program_id: int, occurrence_at: datetime) -> int:
    """A round's seed when nobody re-rolled it: stable, so a round can be reproduced."""
    digest = hashlib.sha256(f"{program_id}:{occurrence_at.isoformat()}".encode()).hexdigest()
    return int(digest[:7], 16)


def local_date(program: CoffeeProgram, at: datetime) -> str:
    """The round's date in the program's zone."""
    return at.astimezone(ZoneInfo(program.timezone)).date().isoformat()


def new_round(program: CoffeeProgram, occurrence_at: datetime, now: datetime) -> dict[str, Any]:
    """The columns of a new round (with the seed of a re-roll, if there was one)."""
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


async def standings(session: AsyncSession, program: CoffeeProgram) -> list[Standing]:
    """Where everyone who ever joined the program stands."""
    return [Standing.of(row) for row in await CoffeeRepository(session).participants(program.id)]


async def taking_part(
    session: AsyncSession,
    program: CoffeeProgram,
    at: datetime,
    round_row: CoffeeRound | None,
    *,
    answered: bool = False,
) -> list[int]:
    """Who takes part in a round at `at`: in the community, reachable, not snoozed then (see
    `participants.in_round_at`), and for per-round programs, said they are in (with
    `answered`; a preview counts everyone active until someone answers)."""
    coffee = CoffeeRepository(session)
    reachable = await coffee.reachable_members(
        program.community_id, program.platform, program.workspace_id
    )
    chosen = [
        s.member
        for s in await standings(session, program)
        if in_round_at(s, at) and s.member in reachable
    ]
    if program.participation == CoffeeParticipation.PER_ROUND.value and round_row is not None:
        joining = await coffee.joining(round_row.id)
        if joining or answered:
            chosen = [m for m in chosen if m in joining]
    return sorted(chosen)


@dataclass(frozen=True, slots=True)
class Turnout:
    """Who a round is formed from, and what decides who of those who joined is not in it."""

    members: list[int]
    standings: list[Standing]
    # Everyone grouped in the previous round, and whether they answered its follow-up.
    answered: dict[int, bool]
    # Snoozed by this round for not answering their last three intros.
    ignoring: set[int]


async def turnout(
    session: AsyncSession,
    program: CoffeeProgram,
    at: datetime,
    round_row: CoffeeRound | None,
    *,
    answered: bool = False,
) -> Turnout:
    """Who takes part in the round at `at` (`taking_part`), less whoever it snoozes for
    ignoring their last three intros. The round and its preview both ask this, so a preview
    leaves out whom the round will (the preview was once formed with them, and promised
    groups the round then did not make)."""
    coffee = CoffeeRepository(session)
    previous = await coffee.last_introduced_before(program.id, at)
    replies = await coffee.answered_follow_ups(previous.id) if previous else {}
    everyone = await standings(session, program)
    ignoring = participants.ignored_too_often(everyone, replies)
    chosen = await taking_part(session, program, at, round_row, answered=answered)
    return Turnout([m for m in chosen if m not in ignoring], everyone, replies, ignoring)


async def request_for(
    session: AsyncSession, program: CoffeeProgram, member_ids: Sequence[int], seed: int, on: str
) -> tuple[PairingRequest, dict[int, Person]]:
    """The solver's input for a round on the local date `on`, and the people in it."""
    coffee = CoffeeRepository(session)
    people = await coffee.people(member_ids, program.platform, program.workspace_id)
    never = await coffee.never_pairs(member_ids)
    history = [
        PastRound(day, tuple(tuple(str(m) for m in group) for group in groups))
        for day, groups in await coffee.past_groups(program.id, HISTORY_ROUNDS)
    ]
    request = PairingRequest(
        members=[
            Candidate(
                str(p.member_id),
                p.department,
                p.timezone,
                p.skills,
                languages=spoken_by(p),
                practice=p.practice_language or "",
            )
            for p in people.values()
        ],
        group_size=program.group_size,
        seed=seed,
        history=history,
        never=[(str(a), str(b)) for a, b in never],
        weights=Weights(
            program.weight_department,
            program.weight_timezone,
            program.weight_new,
            program.weight_skills,
        ),
        on=datetime.fromisoformat(on).date(),
        variety=VARIETY,
        shared_language=program.shared_language,
    )
    return request, people


async def solve_off_loop(request: PairingRequest) -> Pairing:
    """Run the solver in a worker thread, so the bot keeps answering meanwhile."""
    return await asyncio.to_thread(solve, request)
