"""An event's reminders: in the channel, one schedule per offset that the tick expands
occurrence by occurrence; to people going, outbox rows per member and occurrence.

A cancelled occurrence is fenced off: its channel reminders get a cancelled outbox row under
the very key the tick would use, so the tick creates nothing for it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.features.calendar import keys
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar.buttons import NEXT, rsvp_buttons
from guildbot.bot.features.calendar.copy import outgoing as copy
from guildbot.bot.features.calendar.notices import (
    Render,
    event_target,
    in_channel_languages,
    reader_language,
)
from guildbot.bot.i18n import Language
from guildbot.bot.scheduler.outbox import Outbox, Schedules, schedule_key
from guildbot.bot.scheduler.payload import Body
from guildbot.bot.scheduler.recurrence import Recurrence, parse_local
from guildbot.storage.models import CalendarEvent, OutboxKind, Schedule
from guildbot.storage.repositories.calendar import CalendarRepository
from guildbot.storage.repositories.members import MemberRepository


def offsets_of(event: CalendarEvent) -> list[timedelta]:
    """How long before each occurrence the event reminds people."""
    return [timedelta(seconds=s) for s in event.reminder_offsets or []]


async def start_in_channel(session: AsyncSession, event: CalendarEvent, now: datetime) -> None:
    """One schedule per offset, from the next occurrence it is not too late to remind of;
    cancelled occurrences are fenced off."""
    if not event.remind_channel:
        return
    cancelled = await CalendarRepository(session).cancelled_occurrences(event.id)
    for offset in offsets_of(event):
        if not any(o.at - offset > now for o in occ.iterate(event)):
            continue
        schedule = await Schedules(session, now).add(
            keys.event(event.id),
            OutboxKind.REMINDER,
            Recurrence(occ.rule_of(event), parse_local(event.local_start), event.timezone),
            event_target(event),
            await in_channel_languages(session, event, _channel_reminder(event, offset)),
            offset=-offset,
            tell=event.created_by,
            after=now,
        )
        for local in cancelled:
            await fence(session, event, schedule, local, now)


def _channel_reminder(event: CalendarEvent, offset: timedelta) -> Render:
    def render(language: Language) -> Body:
        buttons = rsvp_buttons(event.id, NEXT, language)
        return copy.channel_reminder(event, offset, buttons, language)

    return render


async def fence(
    session: AsyncSession, event: CalendarEvent, schedule: Schedule, local: str, now: datetime
) -> None:
    """Make sure the schedule sends nothing for the occurrence starting at `local`."""
    at = occ.instant(event, local)
    await Outbox(session, now).tombstone(
        event_target(event),
        at + timedelta(seconds=schedule.offset_seconds),
        schedule_key(schedule.id, at),
        kind=OutboxKind.REMINDER,
        schedule=(schedule.id, at),
    )


async def fence_everywhere(
    session: AsyncSession, event: CalendarEvent, local: str, now: datetime
) -> None:
    """A cancelled occurrence: no channel reminder and no member's reminder is sent for it."""
    for schedule in await Schedules(session, now).of(keys.event(event.id)):
        await fence(session, event, schedule, local, now)
    await Outbox(session, now).cancel(keys.event(event.id), purpose=keys.REMIND, occurrence=local)


async def remind_member(
    session: AsyncSession,
    event: CalendarEvent,
    occurrence: occ.Occurrence,
    member_id: int,
    now: datetime,
) -> None:
    """Queue (or revive) one member's reminders for one occurrence, in their own zone."""
    if not event.remind_going:
        return
    member = await MemberRepository(session).get(member_id)
    if member is None:
        return
    language = await reader_language(session, event, member_id)
    for offset in offsets_of(event):
        due = occurrence.at - offset
        if due <= now:
            continue
        await Outbox(session, now).revive(
            copy.member_reminder(event, occurrence, offset, member.timezone, language),
            event_target(event, member_id),
            due,
            keys.reminder(event.id, occurrence.local, event.sequence, offset, member_id),
            kind=OutboxKind.REMINDER,
            tell=event.created_by,
        )


async def cancel_member_reminders(
    session: AsyncSession, event: CalendarEvent, local: str, member_id: int, now: datetime
) -> None:
    """Withdraw one member's reminders for one occurrence."""
    await Outbox(session, now).cancel(
        keys.event(event.id), purpose=keys.REMIND, occurrence=local, member_id=member_id
    )


async def stop_all(session: AsyncSession, event: CalendarEvent, now: datetime) -> None:
    """Stop the channel's schedules and withdraw every reminder not sent yet."""
    await Schedules(session, now).stop(keys.event(event.id))
    await Outbox(session, now).cancel(keys.event(event.id), purpose=keys.REMIND)
