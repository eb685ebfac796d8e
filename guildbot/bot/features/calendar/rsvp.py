"""Answering for an occurrence: [Going] [Maybe] [Can't go] and `event rsvp`, until it starts.

The event's row is locked first, so two answers for a full event never both take the last
place; `attendance` decides and `executor` carries it out in the same unit of work.
"""

from __future__ import annotations

from guildbot.bot.context import Context, Reply, UsageError
from guildbot.bot.features.calendar import attendance, executor
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar.buttons import NEXT, RsvpValue
from guildbot.bot.features.calendar.copy import events as copy
from guildbot.bot.features.calendar.copy import expired
from guildbot.bot.features.calendar.events import (
    Events,
    event_id_of,
    occurrence_on,
    visible_event,
)
from guildbot.bot.grammar import Invocation
from guildbot.bot.i18n import translate_plain
from guildbot.storage.models import RsvpStatus
from guildbot.storage.repositories.calendar import CalendarRepository

TYPED_ANSWERS = {
    "going": RsvpStatus.GOING,
    "yes": RsvpStatus.GOING,
    "maybe": RsvpStatus.MAYBE,
    "no": RsvpStatus.DECLINED,
    "cant": RsvpStatus.DECLINED,
    "can't": RsvpStatus.DECLINED,
    "declined": RsvpStatus.DECLINED,
    # French, as a French member types them (accents or not).
    "oui": RsvpStatus.GOING,
    "peut-être": RsvpStatus.MAYBE,
    "peut-etre": RsvpStatus.MAYBE,
    "non": RsvpStatus.DECLINED,
}


class Rsvps:
    """Members' answers for an event's occurrences."""

    def __init__(self, events: Events) -> None:
        self.events = events

    async def pressed(self, ctx: Context, value: str) -> Reply:
        """[Going] [Maybe] [Can't go] pressed."""
        rsvp = RsvpValue.decode(value)
        if rsvp is None:
            return expired(translate_plain(ctx.language, "calendar-command-list"), ctx.language)
        return await self.answer(ctx, rsvp.event_id, rsvp.occurrence, rsvp.answer)

    async def command(self, ctx: Context, invocation: Invocation) -> Reply:
        """`event rsvp ID going|maybe|no [DATE]`."""
        args = invocation.args
        if len(args) < 2 or args[1].casefold() not in TYPED_ANSWERS:
            raise UsageError("event", "rsvp")
        event_id = event_id_of(args, "rsvp")
        which = NEXT
        if len(args) > 2:
            async with self.events.database.transaction() as session:
                event = await visible_event(ctx, CalendarRepository(session), event_id)
                which = occurrence_on(event, " ".join(args[2:]), ctx.now, ctx.language).local
        return await self.answer(ctx, event_id, which, TYPED_ANSWERS[args[1].casefold()])

    async def answer(self, ctx: Context, event_id: int, which: str, wanted: RsvpStatus) -> Reply:
        """Record an answer for one occurrence (`NEXT`: the next one)."""
        async with self.events.database.transaction() as session:
            repo = CalendarRepository(session)
            await repo.lock_event(event_id)
            event = await visible_event(ctx, repo, event_id)
            cancelled = await repo.cancelled_occurrences(event.id)
            if which == NEXT:
                upcoming = occ.upcoming(event, ctx.now, cancelled, limit=1)
                occurrence = upcoming[0] if upcoming else None
            else:
                occurrence = occ.find(event, which)
                if occurrence is None and event.sequence:
                    # A button posted before the event's time was edited: its date moved.
                    occurrence = occ.counterpart(event, which)
                if occurrence is not None and occurrence.local in cancelled:
                    return copy.date_is_cancelled(ctx.language, event)
            if occurrence is None:
                return copy.no_more_dates(ctx.language, event)
            if occurrence.at <= ctx.now:
                return copy.answers_closed(ctx.language, event)
            current = await executor.attendance_of(repo, event, occurrence.local)
            answered = attendance.answer(current, ctx.actor.member_id, wanted)
            await executor.apply(session, event, answered.effects, ctx.now)
        when = occ.shown(event, occurrence, ctx.actor.timezone, ctx.language)
        return copy.answered(ctx.language, event, when, answered.outcome, answered.status)
