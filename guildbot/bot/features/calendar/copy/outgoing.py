"""What an event posts and sends by itself, through the outbox: its post in the channel,
reminders, and notes to the people going."""

from __future__ import annotations

from datetime import timedelta

from guildbot.bot.features.calendar import times
from guildbot.bot.features.calendar.copy import where
from guildbot.bot.features.calendar.occurrences import Occurrence, human_offset, shown, when_of
from guildbot.bot.features.calendar.zones import zone_label
from guildbot.bot.rich import joined, say
from guildbot.bot.scheduler.payload import Body
from guildbot.contract.outbound import Button
from guildbot.contract.richtext import Link, RichText
from guildbot.storage.models import CalendarEvent


def post(event: CalendarEvent, feed: str | None, buttons: tuple[Button, ...]) -> Body:
    """The event's announcement in its channel."""
    when = times.first_time(when_of(event))
    lines = [say("📅 *{title}* — {when}", title=event.title, when=when)]
    if event.location:
        lines.append(say("• Where: {place}", place=event.location))
    if event.description:
        lines.append(RichText.of(event.description))
    if event.capacity:
        lines.append(say("• {n} places", n=event.capacity))
    context = say("`event show {id}` shows it in your time zone", id=event.id)
    if feed:
        context += say(" · Add to calendar: {feed}", feed=Link(feed))
    return Body(joined("\n", lines), buttons, context)


def channel_reminder(event: CalendarEvent, offset: timedelta, buttons: tuple[Button, ...]) -> Body:
    """A reminder in the channel. It is one message for every occurrence (a schedule's), so
    it names the wall-clock time in the event's zone rather than one occurrence's instant."""
    start = when_of(event).local_start
    return Body(
        say(
            "⏰ Reminder: *{title}* starts in {offset}, at {clock} {zone}{where}.",
            title=event.title,
            offset=human_offset(offset),
            clock=f"{start:%H:%M}",
            zone=zone_label(event.timezone),
            where=where(event),
        ),
        buttons,
        say("`event show {id}` shows it in your time zone", id=event.id),
    )


def member_reminder(
    event: CalendarEvent, occurrence: Occurrence, offset: timedelta, zone: str
) -> Body:
    """A reminder by direct message."""
    return Body(
        say(
            "⏰ Reminder: *{title}* starts in {offset}: {when}{where}.",
            title=event.title,
            offset=human_offset(offset),
            when=shown(event, occurrence, zone),
            where=where(event),
        )
    )


def place_opened(event: CalendarEvent, occurrence: Occurrence, zone: str) -> Body:
    """Someone on the waitlist has a place now."""
    return Body(
        say(
            "🎉 A place opened up: you're now going to *{title}*, {when}{where}.",
            title=event.title,
            when=shown(event, occurrence, zone),
            where=where(event),
        )
    )


def moved_to_waitlist(event: CalendarEvent, occurrence: Occurrence, zone: str) -> Body:
    """The capacity was lowered below someone who said Going."""
    return Body(
        say(
            "*{title}*, {when}, now has fewer places, and you're on the waiting list — first "
            "in line: I'll tell you as soon as a place opens. Your reminders for it are off "
            "until then.",
            title=event.title,
            when=shown(event, occurrence, zone),
        )
    )


def changed(event: CalendarEvent) -> Body:
    """People going are told the event changed."""
    return Body(
        say(
            "✏️ *{title}* has changed: {when}{where}. `event show {id}` shows it in your time zone.",
            title=event.title,
            when=times.first_time(when_of(event)),
            where=where(event),
            id=event.id,
        )
    )


def event_cancelled(event: CalendarEvent) -> Body:
    """The whole event is cancelled (in the channel, and to the people going)."""
    return Body(say("❌ *{title}* is cancelled.", title=event.title))


def date_cancelled(event: CalendarEvent, occurrence: Occurrence) -> Body:
    """One date is cancelled (in the channel, and to the people going to it)."""
    return Body(
        say(
            "❌ *{title}* on {day} is cancelled. Other dates are unchanged.",
            title=event.title,
            day=times.day(occurrence.at, event.timezone),
        )
    )


def date_dropped(event: CalendarEvent, occurrence: Occurrence, period: str) -> Body:
    """An edit of the dates left no counterpart for one the member was going (or waiting)
    for (`period`: "week", "month" or "year", what dates were paired within)."""
    return Body(
        say(
            "✏️ *{title}* on {day} no longer happens: its dates changed, and that {period} has "
            "none now, so your answer for it is dropped. `event show {id}` shows the new dates.",
            title=event.title,
            day=times.day(occurrence.at, event.timezone),
            period=period,
            id=event.id,
        )
    )
