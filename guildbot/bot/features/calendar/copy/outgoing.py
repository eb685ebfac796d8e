"""What an event posts and sends by itself, through the outbox: its post in the channel,
reminders, and notes to the people going.

Each is written in one `language`: a note to a member in theirs, a channel post in each of
its community's languages (`notices.announce` puts the versions in one post).
"""

from __future__ import annotations

from datetime import timedelta

from guildbot.bot.features.calendar import times
from guildbot.bot.features.calendar.copy import where
from guildbot.bot.features.calendar.occurrences import Occurrence, shown, when_of
from guildbot.bot.features.calendar.wording import offset_words
from guildbot.bot.features.calendar.zones import zone_label
from guildbot.bot.i18n import Language, translate
from guildbot.bot.rich import joined
from guildbot.bot.scheduler.payload import Body
from guildbot.contract.outbound import Button
from guildbot.contract.richtext import Link, RichText
from guildbot.storage.models import CalendarEvent

_PERIODS = ("week", "month", "year")


def post(
    event: CalendarEvent, feed: str | None, buttons: tuple[Button, ...], language: Language
) -> Body:
    """The event's announcement in its channel."""
    when = times.first_time(when_of(event), language)
    lines = [translate(language, "calendar-post-title", title=event.title, when=when)]
    if event.location:
        lines.append(translate(language, "calendar-post-where", place=event.location))
    if event.description:
        lines.append(RichText.of(event.description))
    if event.capacity:
        lines.append(translate(language, "calendar-post-places", n=event.capacity))
    if feed:
        context = translate(language, "calendar-post-context-feed", id=event.id, feed=Link(feed))
    else:
        context = _shows_it(event, language)
    return Body(joined("\n", lines), buttons, context)


def channel_reminder(
    event: CalendarEvent, offset: timedelta, buttons: tuple[Button, ...], language: Language
) -> Body:
    """A reminder in the channel. It is one message for every occurrence (a schedule's), so
    it names the wall-clock time in the event's zone rather than one occurrence's instant."""
    start = when_of(event).local_start
    return Body(
        translate(
            language,
            "calendar-post-channel-reminder",
            title=event.title,
            offset=offset_words(language, offset),
            clock=f"{start:%H:%M}" if language is Language.EN else f"{start:%H} h {start:%M}",
            zone=zone_label(event.timezone),
            where=where(event, language),
        ),
        buttons,
        _shows_it(event, language),
    )


def member_reminder(
    event: CalendarEvent, occurrence: Occurrence, offset: timedelta, zone: str, language: Language
) -> Body:
    """A reminder by direct message."""
    return Body(
        translate(
            language,
            "calendar-post-member-reminder",
            title=event.title,
            offset=offset_words(language, offset),
            when=shown(event, occurrence, zone, language),
            where=where(event, language),
        )
    )


def place_opened(
    event: CalendarEvent, occurrence: Occurrence, zone: str, language: Language
) -> Body:
    """Someone on the waitlist has a place now."""
    return Body(
        translate(
            language,
            "calendar-post-place-opened",
            title=event.title,
            when=shown(event, occurrence, zone, language),
            where=where(event, language),
        )
    )


def moved_to_waitlist(
    event: CalendarEvent, occurrence: Occurrence, zone: str, language: Language
) -> Body:
    """The capacity was lowered below someone who said Going."""
    return Body(
        translate(
            language,
            "calendar-post-moved-to-waitlist",
            title=event.title,
            when=shown(event, occurrence, zone, language),
        )
    )


def changed(event: CalendarEvent, language: Language) -> Body:
    """People going are told the event changed."""
    return Body(
        translate(
            language,
            "calendar-post-changed",
            title=event.title,
            when=times.first_time(when_of(event), language),
            where=where(event, language),
            id=event.id,
        )
    )


def event_cancelled(event: CalendarEvent, language: Language) -> Body:
    """The whole event is cancelled (in the channel, and to the people going)."""
    return Body(translate(language, "calendar-post-event-cancelled", title=event.title))


def date_cancelled(event: CalendarEvent, occurrence: Occurrence, language: Language) -> Body:
    """One date is cancelled (in the channel, and to the people going to it)."""
    return Body(
        translate(
            language,
            "calendar-post-date-cancelled",
            title=event.title,
            day=times.day(occurrence.at, event.timezone, language),
        )
    )


def date_dropped(
    event: CalendarEvent, occurrence: Occurrence, period: str, language: Language
) -> Body:
    """An edit of the dates left no counterpart for one the member was going (or waiting)
    for (`period`: "week", "month" or "year", what dates were paired within)."""
    return Body(
        translate(
            language,
            "calendar-post-date-dropped",
            title=event.title,
            day=times.day(occurrence.at, event.timezone, language),
            period=period if period in _PERIODS else "week",
            id=event.id,
        )
    )


def _shows_it(event: CalendarEvent, language: Language) -> RichText:
    return translate(language, "calendar-post-context", id=event.id)
