"""The background colleagues of `guildbot demo --dashboard` answer their coffee follow-ups
as time passes, as people do: most of them, a few hours to a day and a half after being
asked, as [We met], [Not yet] or [Skip] would record it.

Without it nobody but the person typing would ever answer, and after three rounds of
`advance 7d` every colleague would be snoozed for ignoring three intros in a row: a
dashboard of a program that stopped. The demo's 40 named people are left to whoever types.
Each answer is decided by a seeded draw per group and member, so every run is the same.
"""

from __future__ import annotations

import random
from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import select

from guildbot.bot.clock import Clock
from guildbot.bot.features.coffee.follow_ups import MET, NOT_YET, SKIP
from guildbot.storage.engine import Database
from guildbot.storage.models import CoffeeGroup, CoffeeGroupMember, CoffeeRound
from guildbot.storage.repositories.coffee import CoffeeRepository

SEED = 20261126
ANSWERING = 0.75  # share of follow-ups a colleague answers
OUTCOMES = (MET, NOT_YET, SKIP)
WEIGHTS = (70, 22, 8)  # how their groups went


class BackgroundAnswers:
    """Records the colleagues' answers that are due by the demo's clock (call it before
    and after each scheduler tick, so a round sees the answers given before it)."""

    def __init__(
        self, database: Database, clock: Clock, program_id: int, colleagues: Collection[int]
    ) -> None:
        self.database = database
        self.clock = clock
        self.program_id = program_id
        self.colleagues = sorted(colleagues)
        self.since = clock.now()  # follow-ups asked before the demo began were answered then

    async def __call__(self) -> None:
        now = self.clock.now()
        async with self.database.transaction() as session:
            unanswered = await session.execute(
                select(CoffeeGroupMember.group_id, CoffeeGroupMember.member_id)
                .add_columns(CoffeeRound.follow_up_at)
                .join(CoffeeGroup, CoffeeGroup.id == CoffeeGroupMember.group_id)
                .join(CoffeeRound, CoffeeRound.id == CoffeeGroup.round_id)
                .where(
                    CoffeeRound.program_id == self.program_id,
                    CoffeeRound.follow_up_at > self.since,
                    CoffeeRound.follow_up_at <= now,
                    CoffeeGroupMember.response.is_(None),
                    CoffeeGroupMember.member_id.in_(self.colleagues),
                )
            )
            coffee = CoffeeRepository(session)
            for group_id, member_id, asked in unanswered.all():
                answer = decided(group_id, member_id, asked)
                if answer is not None and answer[1] <= now:
                    await coffee.record_response(group_id, member_id, *answer)


def decided(group_id: int, member_id: int, asked: datetime) -> tuple[str, datetime] | None:
    """What a colleague answers to a group's follow-up and when; None: they never do. The
    group's members agree on how it went."""
    draw = random.Random(f"{SEED}:{group_id}:{member_id}")  # noqa: S311 - a demo's draw
    if draw.random() >= ANSWERING:
        return None
    by_group = random.Random(f"{SEED}:{group_id}")  # noqa: S311 - a demo's draw
    outcome = by_group.choices(OUTCOMES, WEIGHTS)[0]
    return outcome, asked + timedelta(hours=draw.uniform(0.2, 36))
