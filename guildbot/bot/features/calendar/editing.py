"""`event edit`: echo what would change (old → new) and whom it tells, with [Save] [Cancel];
[Save], pressed by whoever asked, applies exactly that, unless the event changed since.

Every edit is echoed first, a title or a place alone too: most edits message people (a new
time, place or title goes to everyone going; a lower capacity moves some to the waiting
list), and one path that always shows what it will do before doing it leaves no edit that
surprises — the price is one press.

An edit changes only what was typed (`retiming`): "19:00" moves the time of day and keeps
the days, the repeat, its end and the length. A new time carries every upcoming date's
answers (going, waitlisted, maybe, can't go), its cancellation and its reminders to the date
it becomes (`moving`: the same date when only the time of day moves, else the matching date
of the same week); the people going or waitlisted for a date with no counterpart are told.
Freed places go to the waitlist, and the people going before and after are told.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.features.calendar import attendance, carrying, executor, keys, notices, reminders
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar.buttons import EditValue, save_buttons
from guildbot.bot.features.calendar.copy import edits as copy
from guildbot.bot.features.calendar.copy import (
    expired,
    outgoing,
    phrase_error,
    say_what_to_change,
)
from guildbot.bot.features.calendar.edit_plan import (
    HORIZON,
    TOLD_OF,
    edited,
    going_to,
    plan,
    preview,
)
from guildbot.bot.features.calendar.edits import EventEdit
from guildbot.bot.features.calendar.events import Events, event_id_of, managed_event
from guildbot.bot.features.calendar.phrases import PhraseError
from guildbot.bot.features.calendar.phrases_fr import to_english
from guildbot.bot.features.calendar.reading import writes_french
from guildbot.bot.features.calendar.request import EventRequest, parse_event_request
from guildbot.bot.grammar import Invocation
from guildbot.bot.i18n import Language, translate_plain
from guildbot.storage.models import CalendarEvent
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.calendar import CalendarRepository

__all__ = ["HORIZON", "EventEditing"]


class EventEditing:
    """`event edit` and its [Save] (facilitators)."""

    def __init__(self, events: Events) -> None:
        self.events = events

    async def edit(self, ctx: Context, invocation: Invocation) -> Reply:
        """`event edit ID [WHEN] [title: …] [where: …] [capacity: …] [remind: …] [notify: …]
        [-- DESCRIPTION]`: what would change, with [Save] [Cancel]; nothing changes yet."""
        args = invocation.args
        event_id = event_id_of(args, "edit")
        typed = invocation.rest.split(maxsplit=1)[1] if len(args) > 1 else ""
        request = _request(typed, ctx.actor.locale, ctx.language)
        async with self.events.database.transaction() as session:
            repo = CalendarRepository(session)
            event, _community = await managed_event(ctx, repo, event_id, "event.edit")
            edit = plan(event, request, ctx.actor.member_id, ctx.now, ctx.language)
            if not edit.changes():
                return copy.unchanged(ctx.language, event)
            shown = await preview(repo, event, edit, ctx.now)
        return copy.confirm_edit(
            ctx.language, shown, ctx.actor.timezone, save_buttons(edit, ctx.language)
        )

    async def confirmed(self, ctx: Context, value: str) -> Reply:
        """[Save] pressed (or [Lower it], which replies sent before [Save] existed carry)."""
        edit = EventEdit.decode(value)
        if edit is not None:
            if edit.editor != ctx.actor.member_id:
                return copy.not_the_editor(ctx.language, edit.event_id)
            return await self._save(ctx, edit)
        lower = EditValue.decode(value)
        if lower is None:
            return expired(translate_plain(ctx.language, "calendar-command-edit"), ctx.language)
        # [Lower it] carried what was typed, and asked about capacity only: read it again.
        async with self.events.database.transaction() as session:
            repo = CalendarRepository(session)
            event, _community = await managed_event(ctx, repo, lower.event_id, "event.edit")
            edit = plan(
                event,
                _request(lower.typed, ctx.actor.locale, ctx.language),
                ctx.actor.member_id,
                ctx.now,
                ctx.language,
            )
        return await self._save(ctx, replace(edit, sequence=lower.sequence))

    async def _save(self, ctx: Context, edit: EventEdit) -> Reply:
        async with self.events.database.transaction() as session:
            repo = CalendarRepository(session)
            event, _community = await managed_event(ctx, repo, edit.event_id, "event.edit")
            if edit.sequence != event.sequence:
                return copy.changed_since(ctx.language, event.id)
            if edit.timing is not None and edit.timing.when().start <= ctx.now:
                return copy.time_passed(ctx.language)
            changes = edit.changes()
            if not changes:  # a [Lower it] read again after the capacity was set meanwhile
                return copy.unchanged(ctx.language, event)
            told = await _apply(session, event, edit, ctx.now)
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "event.edit",
                "event",
                event.id,
                {"changed": changes, "sequence": event.sequence},
            )
        return copy.updated(ctx.language, event, changes, told)


def _request(typed: str, locale: str, language: Language = Language.EN) -> EventRequest:
    """The fields typed after `event edit ID` (a `UsageError` when there are none). A French
    facilitator's are read in French, the time rewritten into the English phrase retiming
    reads ("19 h" → "at 19:00")."""
    french = writes_french(locale)
    request = parse_event_request(typed, needs_title=False, french=french)
    if isinstance(request, PhraseError):
        raise UserError(phrase_error(request, language))
    if french and request.when_text:
        request = replace(request, when_text=to_english(request.when_text))
    if not request.when_text and not request.given:
        raise UsageError("event", "edit", say_what_to_change(language))
    return request


async def _apply(
    session: AsyncSession, event: CalendarEvent, edit: EventEdit, now: datetime
) -> bool:
    """Save the edit and what follows from it; whether the people going are told."""
    repo = CalendarRepository(session)
    changes = set(edit.changes())
    going_before = await going_to(repo, event, now)
    if edit.timing is not None:
        moves = await carrying.plan(repo, event, edited(event, edit), now)
        await carrying.carry_over(session, event, moves, event.sequence + 1, now)
    edit.apply_to(event)
    event.sequence += 1
    event.updated_at = now
    await _restart_reminders(session, event, now)
    if event.capacity and {"capacity", "when"} & changes:
        for occurrence in occ.upcoming(event, now, None, limit=HORIZON):
            current = await executor.attendance_of(repo, event, occurrence.local)
            # A lower capacity waitlists the latest answers beyond it (asked about first); a
            # higher one promotes from the waitlist.
            effects = attendance.overflow(current) + attendance.promote(current)
            await executor.apply(session, event, effects, now)
    told = bool(TOLD_OF & changes)
    if told:
        going = await going_to(repo, event, now)
        key = keys.changed(event.id, event.sequence)
        await notices.tell(
            session,
            event,
            [*going_before, *going],
            key,
            lambda language: outgoing.changed(event, language),
            now,
        )
    return told


async def _restart_reminders(session: AsyncSession, event: CalendarEvent, now: datetime) -> None:
    """Stop every queued reminder, then queue them again as the event now is."""
    await reminders.stop_all(session, event, now)
    await reminders.start_in_channel(session, event, now)
    repo = CalendarRepository(session)
    cancelled = await repo.cancelled_occurrences(event.id)
    for occurrence in occ.upcoming(event, now, cancelled, limit=HORIZON):
        current = await executor.attendance_of(repo, event, occurrence.local)
        await executor.apply(session, event, attendance.remind_everyone_going(current), now)
