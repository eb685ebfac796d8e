"""What an `event edit` line asks for, as an `EventEdit` of only what changes, and what it
would do (for its echo): nothing is written here."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import inspect

from guildbot.bot.context import UserError
from guildbot.bot.features.calendar import carrying, executor
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar.copy import field_name, phrase_error
from guildbot.bot.features.calendar.copy.edits import Preview
from guildbot.bot.features.calendar.edits import EventEdit, Timing
from guildbot.bot.features.calendar.phrases import PhraseError, When
from guildbot.bot.features.calendar.request import (
    MAX_DESCRIPTION,
    MAX_LOCATION,
    MAX_TITLE,
    EventRequest,
)
from guildbot.bot.features.calendar.retiming import left, retimed
from guildbot.bot.i18n import Language
from guildbot.bot.scheduler.recurrence import parse_local
from guildbot.bot.text import clean_field
from guildbot.storage.models import CalendarEvent
from guildbot.storage.repositories.calendar import CalendarRepository

# How far ahead an edit looks for dates with answers, reminders or a waitlist.
HORIZON = 50
TOLD_OF = frozenset({"when", "where", "title"})


def plan(
    event: CalendarEvent,
    request: EventRequest,
    editor: int,
    now: datetime,
    language: Language = Language.EN,
) -> EventEdit:
    """The edit `request` asks of `event`, keeping only what differs from what it is (a
    time, title, place or description that does not do is a `UserError`, said in `language`)."""
    timing = _timing(event, request.when_text, now, language) if request.when_text else None

    def cleaned(value: str, name: str, limit: int) -> str:
        return clean_field(value, field_name(language, name), limit, language)

    title = cleaned(request.title, "title", MAX_TITLE) if request.title else None
    location = None
    if request.location is not None:
        location = (
            ""
            if request.location.casefold() in ("none", "-", "aucun", "aucune")
            else cleaned(request.location, "place", MAX_LOCATION)
        )
    description = None
    if request.description is not None:
        description = (
            cleaned(request.description, "description", MAX_DESCRIPTION)
            if request.description
            else ""
        )
    offsets = None
    if request.offsets is not None:
        offsets = tuple(int(o.total_seconds()) for o in request.offsets)
    notify = request.notify
    mode = (event.remind_channel, event.remind_going)
    if notify is not None and mode == (notify in ("both", "channel"), notify in ("both", "going")):
        notify = None
    capacity = request.capacity
    return EventEdit(
        event.id,
        event.sequence,
        editor,
        timing=timing,
        title=None if title == event.title else title,
        location=None if location == event.location else location,
        description=None if description == event.description else description,
        capacity=None if capacity is None or (capacity or None) == event.capacity else capacity,
        offsets=None if offsets is None or list(offsets) == event.reminder_offsets else offsets,
        notify=notify,
    )


def _timing(
    event: CalendarEvent, typed: str, now: datetime, language: Language = Language.EN
) -> Timing | None:
    """The new time, or None when its dates and times are the ones the event has."""
    when = retimed(event, typed, now)
    if isinstance(when, PhraseError):
        raise UserError(phrase_error(when, language))
    timing = Timing.of(when)
    return None if _same_dates(event, timing, now) else timing


def _same_dates(event: CalendarEvent, timing: Timing, now: datetime) -> bool:
    """Whether the new time has the event's dates and times, however written: a series
    re-anchored on its next date, its count then the dates it has left, is the same."""
    if timing == Timing.of_event(event):
        return True
    if (timing.timezone, timing.duration_minutes) != (event.timezone, event.duration_minutes):
        return False
    upcoming = occ.upcoming(event, now, None, limit=1)
    if not upcoming or upcoming[0].local != timing.local_start:
        return False
    old, new = occ.when_of(event).repeat, timing.when().repeat
    if old is None or new is None or replace(old, count=new.count) != new:
        return old is None and new is None
    return old.count is None or new.count == left(event, now)


def edited(event: CalendarEvent, edit: EventEdit) -> CalendarEvent:
    """A copy of the event with the edit applied, apart from the session (never saved)."""
    columns = inspect(CalendarEvent).column_attrs
    copy = CalendarEvent(**{column.key: getattr(event, column.key) for column in columns})
    edit.apply_to(copy)
    return copy


async def preview(
    repo: CalendarRepository, event: CalendarEvent, edit: EventEdit, now: datetime
) -> Preview:
    """What saving the edit would do, for its echo."""
    after = edited(event, edit)
    old_when = new_when = None
    dropped: tuple[carrying.Dropped, ...] = ()
    carried = 0
    period = "week"
    if edit.timing is not None:
        old_when = _from_next(event, now)
        new_when = edit.timing.when()
        moves = await carrying.plan(repo, event, after, now)
        dropped = tuple(gone for gone in moves.dropped if gone.answers)
        carried = len(moves.moves)
        period = moves.period
    overflowing: list[tuple[occ.Occurrence, int]] = []
    if edit.capacity:
        for occurrence in occ.upcoming(event, now, None, limit=HORIZON):
            going = (await executor.attendance_of(repo, event, occurrence.local)).going()
            if going > edit.capacity:
                overflowing.append((occurrence, going))
    going_before = await going_to(repo, event, now)
    return Preview(
        before=event,
        after=after,
        old_when=old_when,
        new_when=new_when,
        going=len(set(going_before)),
        told=bool(TOLD_OF & set(edit.changes())),
        carried=carried,
        dropped=dropped,
        period=period,
        overflowing=overflowing,
    )


def _from_next(event: CalendarEvent, now: datetime) -> When:
    """The event's time as it reads from its next date (a series' first may be long past)."""
    when = occ.when_of(event)
    upcoming = occ.upcoming(event, now, None, limit=1)
    if not upcoming:
        return when
    repeat = when.repeat
    if repeat is not None and repeat.count is not None:
        repeat = replace(repeat, count=left(event, now))  # so many times *left*, as edits keep
    return When(parse_local(upcoming[0].local), when.timezone, when.duration, repeat)


async def going_to(repo: CalendarRepository, event: CalendarEvent, now: datetime) -> list[int]:
    """Who said Going for any of the next dates."""
    upcoming = occ.upcoming(event, now, None, limit=HORIZON)
    return await repo.going_members(event.id, [o.local for o in upcoming])
