"""What the calendar answers about editing an event: the echo before [Save], and after."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from guildbot.bot.context import Reply
from guildbot.bot.features.calendar import times
from guildbot.bot.features.calendar.carrying import Dropped
from guildbot.bot.features.calendar.copy import event_reminders
from guildbot.bot.features.calendar.occurrences import Occurrence, when_of
from guildbot.bot.features.calendar.phrases import When
from guildbot.bot.rich import joined, say
from guildbot.contract.outbound import Button
from guildbot.contract.richtext import RichText
from guildbot.storage.models import CalendarEvent


@dataclass(frozen=True, slots=True)
class Preview:
    """What an edit would do, for its echo: the event before and after, the time before and
    after (None: unchanged), who is told, how many dates with answers or a cancellation move,
    those with no counterpart, and the dates where more are going than a lower capacity
    allows (with how many)."""

    before: CalendarEvent
    after: CalendarEvent
    old_when: When | None
    new_when: When | None
    going: int
    told: bool
    carried: int
    dropped: Sequence[Dropped]
    period: str
    overflowing: Sequence[tuple[Occurrence, int]]


def _or_none(text: str) -> str:
    return text or "none"


def _people(n: int) -> str:
    return "1 person" if n == 1 else f"{n} people"


def _lines(preview: Preview, zone: str) -> list[RichText]:
    before, after = preview.before, preview.after
    lines: list[RichText] = []
    if preview.old_when is not None and preview.new_when is not None:
        lines.append(
            say(
                "• When: {old} → {new}",
                old=times.first_time(preview.old_when),
                new=times.first_time(preview.new_when),
            )
        )
        lines += [RichText.of(note) for note in preview.new_when.notes()]
    if before.title != after.title:
        lines.append(say("• Title: {old} → {new}", old=before.title, new=after.title))
    if before.location != after.location:
        lines.append(
            say(
                "• Where: {old} → {new}",
                old=_or_none(before.location),
                new=_or_none(after.location),
            )
        )
    if before.capacity != after.capacity:
        lines.append(
            say(
                "• Capacity: {old} → {new}",
                old=before.capacity or "no limit",
                new=after.capacity or "no limit",
            )
        )
        lines += _overflow(preview.overflowing, after.capacity or 0, zone)
    if _reminders(before) != _reminders(after):
        lines.append(
            say(
                "• Reminders: {old} → {new}",
                old=event_reminders(before),
                new=event_reminders(after),
            )
        )
    if before.description != after.description:
        lines.append(
            say("• Description: {new}", new=after.description)
            if after.description
            else say("• Description: removed")
        )
    return lines


def _reminders(event: CalendarEvent) -> tuple[object, ...]:
    return (list(event.reminder_offsets or []), event.remind_channel, event.remind_going)


def _overflow(
    overflowing: Sequence[tuple[Occurrence, int]], capacity: int, zone: str
) -> list[RichText]:
    lines = [
        say(
            "  ◦ {day}: {going} going, so the {over} who answered last move to the waiting "
            "list (first in line) and are told",
            day=times.day(occurrence.at, zone),
            going=going,
            over=going - capacity,
        )
        for occurrence, going in overflowing[:5]
    ]
    if len(overflowing) > 5:
        lines.append(say("  ◦ and {n} more date(s)", n=len(overflowing) - 5))
    return lines


def _carried(preview: Preview, zone: str) -> list[RichText]:
    lines: list[RichText] = []
    if preview.carried:
        lines.append(say("• Each date's answers, cancellation and reminders move with it."))
    for gone in preview.dropped[:5]:
        day = times.day(gone.occurrence.at, zone)
        if gone.told:
            told = say(
                "I'll tell the {people} going or waitlisted that their answer is dropped",
                people=_people(len(gone.told)),
            )
        else:
            told = say("its {n} answer(s) are dropped", n=gone.answers)
        lines.append(
            say(
                "• {day} has no date in its {period} after the change: {told}.",
                day=day,
                period=preview.period,
                told=told,
            )
        )
    if len(preview.dropped) > 5:
        lines.append(say("• and {n} more date(s) like it", n=len(preview.dropped) - 5))
    return lines


def confirm_edit(preview: Preview, zone: str, buttons: tuple[Button, ...]) -> Reply:
    """What an edit would change (old → new) and whom it tells, before anything changes."""
    lines = [
        say("Change *{title}* (event {id})?", title=preview.before.title, id=preview.before.id),
        *_lines(preview, zone),
        *_carried(preview, zone),
    ]
    if preview.told and preview.going:
        lines.append(say("I'll tell the {people} going.", people=_people(preview.going)))
    return Reply(
        joined("\n", lines),
        buttons=buttons,
        context=say("Nothing changes until you press Save."),
    )


def unchanged(event: CalendarEvent) -> Reply:
    """An edit that asks for what the event already is."""
    return Reply(
        say("Event {id} is already like that; nothing to change.", id=event.id),
    )


def updated(event: CalendarEvent, changes: Sequence[str], told: bool) -> Reply:
    """`event edit` saved (`told`: the people going are told)."""
    return Reply(
        say(
            "Updated event {id} ({changes}): *{title}* — {when}.{told}",
            id=event.id,
            changes=", ".join(changes),
            title=event.title,
            when=times.first_time(when_of(event)),
            told=" People who said Going are told." if told else "",
        )
    )


def changed_since(event_id: int) -> Reply:
    """A [Save] pressed after the event changed again."""
    return Reply(
        say(
            "Event {id} has changed since I asked, so I didn't apply that edit. Please run "
            "`event edit {id} …` again.",
            id=event_id,
        )
    )


def not_the_editor(event_id: int) -> Reply:
    """[Save] pressed by someone other than who asked for the edit."""
    return Reply(
        say(
            "Only the person who asked for this edit can save it. To change event {id} "
            "yourself, run `event edit {id} …`.",
            id=event_id,
        )
    )


TIME_PASSED = Reply(
    say("That time has passed meanwhile, so nothing changed. Please run `event edit` again.")
)
