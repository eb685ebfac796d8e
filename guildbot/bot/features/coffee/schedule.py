"""A program's cadence as a schedule, and when its next round is."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.features.coffee import keys, round_copy
from guildbot.bot.features.coffee.options import Cadence
from guildbot.bot.scheduler.outbox import Schedules, Target
from guildbot.bot.scheduler.recurrence import Recurrence, parse_local, to_instant
from guildbot.storage.models import CoffeeParticipation, CoffeeProgram, OutboxKind
from guildbot.storage.repositories.coffee import CoffeeRepository
from guildbot.storage.repositories.outbox import ScheduleRepository

CADENCE_CHANGED = "the cadence changed"


async def reschedule(
    session: AsyncSession, program: CoffeeProgram, cadence: Cadence, now: datetime
) -> None:
    """A new schedule for a program's cadence; rounds of the old one that have not run are off.

    Per-round programs materialise a day ahead, to ask who is in.
    """
    schedules = Schedules(session, now)
    if program.schedule_id is not None:
        await schedules.stop(keys.program(program.id))
        await CoffeeRepository(session).skip_scheduled(program.id, CADENCE_CHANGED)
    offset = (
        timedelta(days=-1)
        if program.participation == CoffeeParticipation.PER_ROUND.value
        else timedelta(0)
    )
    schedule = await schedules.add(
        keys.program(program.id),
        OutboxKind.INTRO,
        Recurrence(cadence.rrule(), cadence.local_start(now), cadence.timezone),
        Target(program.platform, program.workspace_id),
        round_copy.SCHEDULE,
        offset=offset,
        tell=program.created_by_id,
    )
    program.schedule_id = schedule.id


async def next_round(session: AsyncSession, program: CoffeeProgram) -> datetime | None:
    """When the program's next round is: its soonest round not run yet, else its schedule's
    next occurrence (None: no schedule, or one that has ended)."""
    upcoming = await CoffeeRepository(session).next_scheduled(program.id)
    if upcoming is not None:
        return upcoming.occurrence_at
    if program.schedule_id is None:
        return None
    schedule = await ScheduleRepository(session).get(program.schedule_id)
    if schedule is None or not schedule.active or schedule.next_local is None:
        return None
    return to_instant(parse_local(schedule.next_local), ZoneInfo(schedule.timezone))
