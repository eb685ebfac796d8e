"""Carrying an event's dates through an edit of its time: which date each upcoming one with
answers or a cancellation becomes (`moving`), moving them, and telling the people going
or waitlisted for a date that has no counterpart any more. Reminders follow by themselves:
the edit queues them again from the answers where they now are."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.features.calendar import keys, notices
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar.copy import outgoing as copy
from guildbot.bot.features.calendar.moving import Period, carry, period_name, period_of
from guildbot.bot.features.calendar.phrases import Repeat
from guildbot.bot.scheduler.outbox import OutboxKey
from guildbot.bot.scheduler.recurrence import format_local, parse_local
from guildbot.storage.models import CalendarEvent, RsvpStatus
from guildbot.storage.repositories.calendar import CalendarRepository

DROPPED = "dropped"  # the outbox purpose of "your date is gone" (a kind of its own, as in keys)
_WAITING = (RsvpStatus.GOING.value, RsvpStatus.WAITLISTED.value)


@dataclass(frozen=True, slots=True)
class Dropped:
    """An upcoming date with answers that has no counterpart after the edit."""

    occurrence: occ.Occurrence
    told: tuple[int, ...]  # going or waitlisted, in answer order: they are told
    answers: int  # every answer, maybe and can't go included


@dataclass(frozen=True, slots=True)
class Moves:
    """Where each upcoming date with answers or a cancellation goes (old local start ->
    new), the dates with none, and the period dates were paired within ("week")."""

    moves: dict[str, str]
    dropped: tuple[Dropped, ...]
    period: str


def _freq(event: CalendarEvent) -> str | None:
    repeat = Repeat.from_rrule(event.rrule) if event.rrule else None
    return repeat.freq if repeat else None


async def plan(
    repo: CalendarRepository, before: CalendarEvent, after: CalendarEvent, now: datetime
) -> Moves:
    """The moves an edit from `before` to `after` makes (the same event, two versions)."""
    name = period_name(_freq(before), _freq(after))
    kept = await repo.answered_occurrences(before.id) | await repo.cancelled_occurrences(before.id)
    if not kept:
        return Moves({}, (), name)
    period = period_of(_freq(before), _freq(after))
    one_off = before.rrule is None and after.rrule is None
    # Every date of the periods up to the last one with answers, old and new alike: a
    # date without answers still claims its counterpart in its period.
    bound = period(parse_local(max(kept)))  # ISO local starts sort as they happen
    old = _upcoming_until(before, now, period, None if one_off else bound)
    new = [
        parse_local(o.local)
        for o in _upcoming_until(after, now, period, None if one_off else bound)
    ]
    carried = carry([parse_local(o.local) for o in old], new, period, one_off)
    moves: dict[str, str] = {}
    dropped: list[Dropped] = []
    for occurrence in old:
        if occurrence.local not in kept:
            continue
        target = carried.get(parse_local(occurrence.local))
        if target is not None:
            moves[occurrence.local] = format_local(target)
            continue
        rsvps = await repo.rsvps(before.id, occurrence.local)
        if rsvps:
            told = tuple(r.member_id for r in rsvps if r.status in _WAITING)
            dropped.append(Dropped(occurrence, told, len(rsvps)))
        else:  # only a cancellation, which has nothing left to cancel
            dropped.append(Dropped(occurrence, (), 0))
    return Moves(moves, tuple(dropped), name)


def _upcoming_until(
    event: CalendarEvent, now: datetime, period: Period, bound: tuple[int, ...] | None
) -> list[occ.Occurrence]:
    """The event's dates still to come, cancelled ones too, up to the end of period
    `bound` (None: all of them, as for a one-off)."""
    found: list[occ.Occurrence] = []
    for occurrence in occ.iterate(event):
        if bound is not None and period(parse_local(occurrence.local)) > bound:
            break
        if occurrence.at > now:
            found.append(occurrence)
    return found


async def carry_over(
    session: AsyncSession, before: CalendarEvent, moves: Moves, sequence: int, now: datetime
) -> None:
    """Move the answers and cancellations; tell those whose date is gone (once per date and
    version of the event)."""
    for gone in moves.dropped:
        if not gone.told:
            continue
        local = gone.occurrence.local
        key = OutboxKey(
            f"event-dropped:{before.id}:{local}:s{sequence}", keys.event(before.id), DROPPED, local
        )
        body = functools.partial(copy.date_dropped, before, gone.occurrence, moves.period)
        await notices.tell(session, before, gone.told, key, body, now)
    await CalendarRepository(session).move_occurrences(
        before.id, moves.moves, [gone.occurrence.local for gone in moves.dropped]
    )
