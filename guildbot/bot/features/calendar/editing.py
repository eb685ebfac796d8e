"""`event edit`: change an event's fields; its reminders are queued again as they now are,
freed places go to the waitlist, and the people going are told of a new time, place or title
(those going before a move too, whose dates may have gone)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.features.calendar import attendance, executor, keys, notices, reminders
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar.buttons import EditValue, lower_buttons
from guildbot.bot.features.calendar.copy import (
    SAY_WHAT_TO_CHANGE,
    expired,
    outgoing,
    phrase_error,
)
from guildbot.bot.features.calendar.copy import events as copy
from guildbot.bot.features.calendar.events import Events, event_id_of, managed_event
from guildbot.bot.features.calendar.phrases import PhraseError, parse_when
from guildbot.bot.features.calendar.request import (
    MAX_DESCRIPTION,
    MAX_LOCATION,
    MAX_TITLE,
    EventRequest,
    parse_event_request,
)
from guildbot.bot.grammar import Invocation
from guildbot.bot.scheduler.recurrence import format_local
from guildbot.bot.text import clean_field
from guildbot.storage.models import CalendarEvent
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.calendar import CalendarRepository

# How far ahead an edit looks for dates with answers, reminders or a waitlist.
HORIZON = 50
TOLD_OF = frozenset({"when", "where", "title"})


class EventEditing:
    """`event edit` (facilitators)."""

    def __init__(self, events: Events) -> None:
        self.events = events

    async def edit(self, ctx: Context, invocation: Invocation) -> Reply:
        """`event edit ID [WHEN] [title: …] [where: …] [capacity: …] [remind: …] [notify: …]
        [-- DESCRIPTION]`."""
        args = invocation.args
        event_id = event_id_of(args, "edit")
        typed = invocation.rest.split(maxsplit=1)[1] if len(args) > 1 else ""
        return await self._edit(ctx, event_id, typed, confirmed_at=None)

    async def confirmed(self, ctx: Context, value: str) -> Reply:
        """[Lower it]: the edit asked about, unless the event changed since."""
        pressed = EditValue.decode(value)
        if pressed is None:
            return expired("event edit")
        return await self._edit(ctx, pressed.event_id, pressed.typed, pressed.sequence)

    async def _edit(
        self, ctx: Context, event_id: int, typed: str, confirmed_at: int | None
    ) -> Reply:
        request = parse_event_request(typed, needs_title=False)
        if isinstance(request, PhraseError):
            raise UserError(phrase_error(request))
        if not request.when_text and not request.given:
            raise UsageError("event", "edit", SAY_WHAT_TO_CHANGE)
        async with self.events.database.transaction() as session:
            repo = CalendarRepository(session)
            event, _community = await managed_event(ctx, repo, event_id, "event.edit")
            if confirmed_at is not None and confirmed_at != event.sequence:
                return copy.changed_since(event.id)
            if confirmed_at is None and request.capacity:
                overflowing = await _over_capacity(repo, event, request.capacity, ctx.now)
                if overflowing:
                    value = EditValue(event.id, event.sequence, typed)
                    return copy.confirm_lower_capacity(
                        event,
                        request.capacity,
                        overflowing,
                        ctx.actor.timezone,
                        lower_buttons(value),
                    )
            old_local = event.local_start
            going_before = await _going(repo, event, ctx.now)
            changes = edited(event, request, ctx.now)
            if "when" in changes and event.rrule is None:
                await repo.rekey_rsvps(event.id, old_local, event.local_start)
            event.sequence += 1
            event.updated_at = ctx.now
            await _restart_reminders(session, event, ctx.now)
            if event.capacity and {"capacity", "when"} & set(changes):
                for occurrence in occ.upcoming(event, ctx.now, None, limit=HORIZON):
                    current = await executor.attendance_of(repo, event, occurrence.local)
                    # A lower capacity waitlists the latest answers beyond it (asked about
                    # first); a higher one promotes from the waitlist.
                    effects = attendance.overflow(current) + attendance.promote(current)
                    await executor.apply(session, event, effects, ctx.now)
            told = bool(TOLD_OF & set(changes))
            if told:
                going = await _going(repo, event, ctx.now)
                key = keys.changed(event.id, event.sequence)
                body = outgoing.changed(event)
                await notices.tell(session, event, [*going_before, *going], key, body, ctx.now)
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "event.edit",
                "event",
                event.id,
                {"changed": changes, "sequence": event.sequence},
            )
        return copy.updated(event, changes, told)


async def _over_capacity(
    repo: CalendarRepository, event: CalendarEvent, capacity: int, now: datetime
) -> list[tuple[occ.Occurrence, int]]:
    """The upcoming dates where more people are going than `capacity`, with how many."""
    found: list[tuple[occ.Occurrence, int]] = []
    for occurrence in occ.upcoming(event, now, None, limit=HORIZON):
        current = await executor.attendance_of(repo, event, occurrence.local)
        going = current.going()
        if going > capacity:
            found.append((occurrence, going))
    return found


def edited(event: CalendarEvent, request: EventRequest, now: datetime) -> list[str]:
    """Change the event's fields as asked; what changed, sorted (a time, title, place or
    description that does not do is a `UserError`, and the unit of work rolls back)."""
    changes: set[str] = set()
    if request.when_text:
        when = parse_when(request.when_text, event.timezone, now)
        if isinstance(when, PhraseError):
            raise UserError(phrase_error(when))
        event.local_start = format_local(when.local_start)
        event.timezone = when.timezone
        event.duration_minutes = int(when.duration.total_seconds() // 60)
        event.rrule = when.rrule
        changes.add("when")
    if request.title:
        event.title = clean_field(request.title, "title", MAX_TITLE)
        changes.add("title")
    if request.location is not None:
        event.location = (
            ""
            if request.location.casefold() in ("none", "-")
            else clean_field(request.location, "place", MAX_LOCATION)
        )
        changes.add("where")
    if request.capacity is not None:
        event.capacity = request.capacity or None
        changes.add("capacity")
    if request.offsets is not None:
        event.reminder_offsets = [int(o.total_seconds()) for o in request.offsets]
        changes.add("reminders")
    if request.notify is not None:
        event.remind_channel = request.notify in ("both", "channel")
        event.remind_going = request.notify in ("both", "going")
        changes.add("reminders")
    if request.description is not None:
        event.description = (
            clean_field(request.description, "description", MAX_DESCRIPTION)
            if request.description
            else ""
        )
        changes.add("description")
    return sorted(changes)


async def _going(repo: CalendarRepository, event: CalendarEvent, now: datetime) -> list[int]:
    """Who said Going for any of the next dates."""
    upcoming = occ.upcoming(event, now, None, limit=HORIZON)
    return await repo.going_members(event.id, [o.local for o in upcoming])


async def _restart_reminders(session: AsyncSession, event: CalendarEvent, now: datetime) -> None:
    """Stop every queued reminder, then queue them again as the event now is."""
    await reminders.stop_all(session, event, now)
    await reminders.start_in_channel(session, event, now)
    repo = CalendarRepository(session)
    cancelled = await repo.cancelled_occurrences(event.id)
    for occurrence in occ.upcoming(event, now, cancelled, limit=HORIZON):
        current = await executor.attendance_of(repo, event, occurrence.local)
        await executor.apply(session, event, attendance.remind_everyone_going(current), now)
