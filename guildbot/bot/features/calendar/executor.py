"""Carrying out what `attendance` decided, in the caller's unit of work: answers stored,
reminders queued or withdrawn, members told."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.features.calendar import keys, notices, reminders
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar.attendance import (
    Attendance,
    CancelReminders,
    Demote,
    Effect,
    Notice,
    Promote,
    Record,
    Remind,
    Seat,
    Tell,
)
from guildbot.bot.features.calendar.copy import outgoing as copy
from guildbot.storage.models import CalendarEvent, RsvpStatus
from guildbot.storage.repositories.calendar import CalendarRepository
from guildbot.storage.repositories.members import MemberRepository


async def attendance_of(repo: CalendarRepository, event: CalendarEvent, local: str) -> Attendance:
    """One occurrence's answers as they are stored, earliest first."""
    seats = tuple(
        Seat(rsvp.member_id, RsvpStatus(rsvp.status)) for rsvp in await repo.rsvps(event.id, local)
    )
    return Attendance(local, event.capacity, seats)


async def apply(
    session: AsyncSession, event: CalendarEvent, effects: Iterable[Effect], now: datetime
) -> None:
    """Every effect, in order."""
    repo = CalendarRepository(session)
    for effect in effects:
        occurrence = occ.Occurrence(effect.occurrence, occ.instant(event, effect.occurrence))
        if isinstance(effect, Record):
            await repo.record_answer(
                event.id, effect.occurrence, effect.member_id, effect.status, now
            )
        elif isinstance(effect, Promote):
            await repo.promote(event.id, effect.occurrence, effect.member_id)
        elif isinstance(effect, Demote):
            await repo.demote(event.id, effect.occurrence, effect.member_id)
        elif isinstance(effect, Remind):
            await reminders.remind_member(session, event, occurrence, effect.member_id, now)
        elif isinstance(effect, CancelReminders):
            await reminders.cancel_member_reminders(
                session, event, effect.occurrence, effect.member_id, now
            )
        else:
            await _tell(session, event, effect, occurrence, now)


async def _tell(
    session: AsyncSession,
    event: CalendarEvent,
    effect: Tell,
    occurrence: occ.Occurrence,
    now: datetime,
) -> None:
    member = await MemberRepository(session).get(effect.member_id)
    zone = member.timezone if member is not None else event.timezone
    match effect.notice:
        case Notice.PLACE_OPENED:
            key = keys.promoted(event.id, occurrence.local, now)
            body = functools.partial(copy.place_opened, event, occurrence, zone)
        case Notice.MOVED_TO_WAITLIST:
            key = keys.waitlisted(event.id, occurrence.local, now)
            body = functools.partial(copy.moved_to_waitlist, event, occurrence, zone)
    await notices.tell(session, event, [effect.member_id], key, body, now)
