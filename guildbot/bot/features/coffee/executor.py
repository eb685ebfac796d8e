"""Applying what the coffee state machines decided: one executor, inside a unit of work."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.features.coffee import keys
from guildbot.bot.features.coffee.effects import (
    Effect,
    Enrol,
    FormGroups,
    Introduced,
    Leave,
    Miss,
    Rejoin,
    SetStreak,
    Skip,
    Snooze,
    Tell,
    Wake,
)
from guildbot.bot.scheduler.outbox import Outbox, Target
from guildbot.storage.models import (
    CoffeeParticipantStatus,
    CoffeeProgram,
    CoffeeRoundStatus,
    OutboxKind,
)
from guildbot.storage.repositories.coffee import CoffeeRepository

ACTIVE = CoffeeParticipantStatus.ACTIVE.value


class Executor:
    """Applies effects for one program in the caller's session, at `now`; round outcomes
    only while `instance` holds the round's claim."""

    def __init__(
        self, session: AsyncSession, program: CoffeeProgram, now: datetime, instance: str = ""
    ) -> None:
        self.coffee = CoffeeRepository(session)
        self.outbox = Outbox(session, now)
        self.program = program
        self.now = now
        self.instance = instance

    async def apply(self, effects: Iterable[Effect]) -> None:
        """Each effect, in order."""
        for effect in effects:
            await self._apply(effect)

    async def _apply(self, effect: Effect) -> None:
        match effect:
            case Enrol(member):
                await self.coffee.enrol(self.program.id, member, self.now)
            case Rejoin(member):
                await self._participant(member, status=ACTIVE, snoozed_until=None, ignored_streak=0)
            case Wake(member):
                await self._participant(member, status=ACTIVE, snoozed_until=None)
            case Leave(member):
                await self._participant(member, status=CoffeeParticipantStatus.LEFT.value)
            case Snooze(member, until):
                await self._participant(
                    member, status=CoffeeParticipantStatus.SNOOZED.value, snoozed_until=until
                )
            case SetStreak(member, streak):
                await self._participant(member, ignored_streak=streak)
            case Tell():
                await self._tell(effect)
            case FormGroups(round_id, groups, total, note):
                for group in groups:
                    await self.coffee.add_group(
                        round_id,
                        group.position,
                        group.score,
                        group.reason,
                        group.proposer,
                        group.members,
                        [part.as_json() for part in group.parts],
                    )
                await self.coffee.record_outcome(round_id, total, note)
            case Skip(round_id, why, then):
                if await self._finish(round_id, CoffeeRoundStatus.SKIPPED, note=why):
                    await self.apply(then)
            case Miss(round_id, then):
                if await self._finish(round_id, CoffeeRoundStatus.MISSED):
                    await self.apply(then)
            case Introduced(round_id):
                await self._finish(round_id, CoffeeRoundStatus.INTRODUCED)

    async def _participant(self, member: int, **values: object) -> None:
        await self.coffee.change_participant(self.program.id, member, self.now, **values)

    async def _tell(self, tell: Tell) -> None:
        await self.outbox.queue(
            tell.body,
            Target.member(self.program.platform, self.program.workspace_id, tell.member),
            max(tell.due, self.now) if tell.due is not None else self.now,
            keys.round_note(tell.purpose, tell.round_id, tell.member),
            kind=OutboxKind.NOTICE,
        )

    async def _finish(self, round_id: int, status: CoffeeRoundStatus, **values: object) -> bool:
        return await self.coffee.finish_round(round_id, self.instance, status, **values)
