"""`event cancel ID [DATE|all]`: first what it would do and whom it tells, with [Cancel it]
[Keep it]; the button, checked again when pressed, cancels one date or the whole event, its
reminders, and tells the channel and the people going."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply, UserError
from guildbot.bot.features.calendar import keys, notices, reminders
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar.buttons import CancelValue, cancel_buttons
from guildbot.bot.features.calendar.commands import EVENT
from guildbot.bot.features.calendar.copy import events as copy
from guildbot.bot.features.calendar.copy import expired, outgoing
from guildbot.bot.features.calendar.editing import HORIZON
from guildbot.bot.features.calendar.events import (
    Events,
    event_id_of,
    managed_event,
    occurrence_on,
)
from guildbot.bot.features.help.copy import usage
from guildbot.bot.grammar import Invocation
from guildbot.bot.i18n import Language
from guildbot.bot.scheduler.payload import Body
from guildbot.bot.scheduler.recurrence import parse_local
from guildbot.storage.models import CalendarEvent
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.calendar import CalendarRepository


class EventCancelling:
    """`event cancel` and its [Cancel it] button (facilitators)."""

    def __init__(self, events: Events) -> None:
        self.events = events

    async def cancel(self, ctx: Context, invocation: Invocation) -> Reply:
        """What cancelling would do, with [Cancel it] [Keep it]; nothing changes yet."""
        args = invocation.args
        event_id = event_id_of(args, "cancel")
        which = " ".join(args[1:]).strip()
        async with self.events.database.transaction() as session:
            repo = CalendarRepository(session)
            event, _community = await managed_event(ctx, repo, event_id, "event.cancel")
            if not which and event.rrule is not None:
                return usage(
                    {EVENT.name: EVENT},
                    "event",
                    "cancel",
                    copy.repeats_pick_a_date(ctx.language, event),
                )
            if which.casefold() in ("", "all", "tout", "toutes", "tous"):
                going = await _going(repo, event, None, ctx)
                buttons = cancel_buttons(CancelValue(event.id), ctx.language)
                return copy.confirm_cancel(ctx.language, event, None, len(set(going)), buttons)
            occurrence = occurrence_on(event, which, ctx.now, ctx.language)
            if occurrence.at <= ctx.now:
                raise UserError(copy.date_started(ctx.language))
            if occurrence.local in await repo.cancelled_occurrences(event.id):
                return copy.already_cancelled(ctx.language)
            going = await _going(repo, event, occurrence, ctx)
            buttons = cancel_buttons(CancelValue(event.id, occurrence.local), ctx.language)
            return copy.confirm_cancel(ctx.language, event, occurrence, len(going), buttons)

    async def confirmed(self, ctx: Context, value: str) -> Reply:
        """[Cancel it] pressed: who may, and what is left to cancel, are checked again."""
        cancel = CancelValue.decode(value)
        if cancel is None:
            return expired(language=ctx.language)
        async with self.events.database.transaction() as session:
            repo = CalendarRepository(session)
            event, _community = await managed_event(ctx, repo, cancel.event_id, "event.cancel")
            if cancel.occurrence is None:
                return await _cancel_event(session, repo, event, ctx)
            occurrence = occ.find(event, cancel.occurrence)
            if occurrence is None:  # the event moved meanwhile
                raise UserError(
                    copy.not_on(ctx.language, event, parse_local(cancel.occurrence).date())
                )
            return await _cancel_date(session, repo, event, occurrence, ctx)


async def _going(
    repo: CalendarRepository, event: CalendarEvent, occurrence: occ.Occurrence | None, ctx: Context
) -> list[int]:
    """Who said Going for this date (None: any of the next dates)."""
    dates = [occurrence] if occurrence else occ.upcoming(event, ctx.now, None, limit=HORIZON)
    return await repo.going_members(event.id, [o.local for o in dates])


async def _cancel_event(
    session: AsyncSession, repo: CalendarRepository, event: CalendarEvent, ctx: Context
) -> Reply:
    going = await _going(repo, event, None, ctx)
    event.cancelled_at = ctx.now
    event.sequence += 1
    event.updated_at = ctx.now
    await reminders.stop_all(session, event, ctx.now)
    key = keys.cancelled(event.id, None)

    def body(language: Language) -> Body:
        return outgoing.event_cancelled(event, language)

    await notices.tell(session, event, going, key, body, ctx.now)
    await notices.announce(session, event, key, body, ctx.now)
    await AuditLog(session).record(
        ctx.now, ctx.actor.member_id, "event.cancel", "event", event.id, {"which": "all"}
    )
    return copy.cancelled(ctx.language, event, None, len(set(going)))


async def _cancel_date(
    session: AsyncSession,
    repo: CalendarRepository,
    event: CalendarEvent,
    occurrence: occ.Occurrence,
    ctx: Context,
) -> Reply:
    if occurrence.at <= ctx.now:
        raise UserError(copy.date_started(ctx.language))
    if not await repo.cancel_occurrence(event.id, occurrence.local, ctx.now):
        return copy.already_cancelled(ctx.language)
    event.sequence += 1
    event.updated_at = ctx.now
    await reminders.fence_everywhere(session, event, occurrence.local, ctx.now)
    going = await _going(repo, event, occurrence, ctx)
    key = keys.cancelled(event.id, occurrence.local)

    def body(language: Language) -> Body:
        return outgoing.date_cancelled(event, occurrence, language)

    await notices.tell(session, event, going, key, body, ctx.now)
    await notices.announce(session, event, key, body, ctx.now)
    await AuditLog(session).record(
        ctx.now,
        ctx.actor.member_id,
        "event.cancel",
        "event",
        event.id,
        {"which": occurrence.local},
    )
    return copy.cancelled(ctx.language, event, occurrence, len(going))
