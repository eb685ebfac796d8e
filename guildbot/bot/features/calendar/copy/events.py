"""What the calendar answers about events: creating, answering, finding, listing, editing
and cancelling them, in the reader's language (messages in
`bot/i18n/locales/*/calendar.ftl`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime

from guildbot.bot.context import Reply
from guildbot.bot.features.calendar import times
from guildbot.bot.features.calendar.attendance import Outcome
from guildbot.bot.features.calendar.copy import event_reminders, rsvp_label
from guildbot.bot.features.calendar.dates import format_date
from guildbot.bot.features.calendar.notes import (
    AbbreviationRead,
    Note,
    NumericDateRead,
    TimeSkipped,
)
from guildbot.bot.features.calendar.occurrences import Occurrence, when_of
from guildbot.bot.features.calendar.phrases import When
from guildbot.bot.features.calendar.wording import describe_repeat
from guildbot.bot.features.calendar.zones import zone_label
from guildbot.bot.i18n import Language, format_day, format_time, quoted, translate, translate_plain
from guildbot.bot.rich import Value, joined
from guildbot.contract.outbound import Button
from guildbot.contract.richtext import Link, Mention, RichText
from guildbot.storage.models import CalendarEvent, RsvpStatus

# -- creating --------------------------------------------------------------------------------


def notes(language: Language, when: When) -> list[RichText]:
    """What is worth telling before saving, in the reader's words (English: as the parser
    said it)."""
    if language is Language.EN:
        return [RichText.of(note) for note in when.notes()]
    return [_note(language, note) for note in when.noted()]


def _note(language: Language, note: Note) -> RichText:
    if isinstance(note, NumericDateRead):
        day = format_day(language, note.day, long=True)
        # How it was read, as the messages select on it: "day", "month", else the only way.
        order = note.order.split()[0]
        if note.other is None:
            return translate(
                language, "calendar-note-numeric", typed=note.typed, day=day, order=order
            )
        return translate(
            language,
            "calendar-note-numeric-other",
            typed=note.typed,
            day=day,
            order=order,
            other=format_day(language, note.other, long=True),
            iso=f"{note.other:%Y-%m-%d}",
        )
    if isinstance(note, AbbreviationRead):
        return translate(language, "calendar-note-abbreviation", typed=note.typed, zone=note.zone)
    assert isinstance(note, TimeSkipped)
    return translate(
        language,
        "calendar-note-skipped",
        typed=_clock(language, note.typed),
        day=format_day(language, note.typed.date()),
        zone=zone_label(note.zone),
        actual=_clock(language, note.actual),
    )


def _clock(language: Language, local: datetime) -> str:
    """A wall-clock time of day as the language writes it ("02:30" / "02 h 30")."""
    return format_time(language, local.replace(tzinfo=UTC), "UTC")


def echo(
    language: Language,
    title: str,
    when: When,
    place: str,
    description: str,
    capacity: int | None,
    reminders: RichText,
    community: str,
    buttons: tuple[Button, ...],
    other: tuple[str, When] | None = None,
) -> Reply:
    """What `event create` understood, before anything is saved (and, where the words
    allow another title and time, that reading and how to choose it)."""
    lines = [
        translate(language, "calendar-echo-heading"),
        translate(
            language, "calendar-echo-title", title=title, when=times.first_time(when, language)
        ),
        *notes(language, when),
    ]
    if other is not None:
        lines.append(
            translate(
                language,
                "calendar-echo-other",
                title=other[0],
                when=times.first_time(other[1], language),
            )
        )
    if place:
        lines.append(translate(language, "calendar-echo-where", place=place))
    if description:
        lines.append(translate(language, "calendar-echo-description", description=description))
    # Numbers shown as typed ("1000", as English always wrote them), not as Fluent groups them.
    limit = str(capacity) if capacity else translate(language, "calendar-echo-no-limit")
    lines.append(translate(language, "calendar-echo-capacity", capacity=limit))
    lines.append(translate(language, "calendar-echo-reminders", reminders=reminders))
    lines.append(
        translate(
            language,
            "calendar-echo-posted",
            community=community,
            going=rsvp_label(language, RsvpStatus.GOING),
            maybe=rsvp_label(language, RsvpStatus.MAYBE),
            declined=rsvp_label(language, RsvpStatus.DECLINED),
        )
    )
    return Reply(
        joined("\n", lines),
        buttons=buttons,
        context=translate(language, "calendar-echo-nothing-saved"),
    )


def created(
    language: Language, event: CalendarEvent, when: When, viewer_zone: str, community: str
) -> Reply:
    """The event is saved; its post is on its way."""
    return Reply(
        translate(
            language,
            "calendar-created",
            id=str(event.id),
            title=event.title,
            when=times.moment(when.start, viewer_zone, when.duration, language),
            community=community,
        ),
        context=translate(language, "calendar-created-next", id=str(event.id)),
    )


def time_passed(language: Language) -> Reply:
    """[Create] pressed after the event's time."""
    return Reply(translate(language, "calendar-time-passed"))


def community_gone(language: Language) -> Reply:
    """[Create] pressed for a community deleted meanwhile."""
    return Reply(translate(language, "calendar-community-gone"))


def already_created(language: Language) -> Reply:
    """[Create] pressed twice."""
    return Reply(translate(language, "calendar-already-created"))


def which_community(language: Language) -> RichText:
    """An event typed where no community is meant."""
    return translate(language, "calendar-which-community")


def nowhere_to_post(language: Language, community: str, slug: str) -> RichText:
    """The community has no channel on this platform."""
    return translate(language, "calendar-nowhere-to-post", community=community, slug=slug)


# -- answering -------------------------------------------------------------------------------


def answered(
    language: Language, event: CalendarEvent, when: RichText, outcome: Outcome, status: RsvpStatus
) -> Reply:
    """What an answer came to."""
    values: dict[str, Value] = {"title": event.title, "when": when}
    if outcome is Outcome.ALREADY_GOING:
        return Reply(translate(language, "calendar-rsvp-already-going", **values))
    if outcome is Outcome.ALREADY_WAITLISTED:
        return Reply(translate(language, "calendar-rsvp-already-waitlisted", **values))
    if outcome is Outcome.UNCHANGED:
        answer = rsvp_label(language, status)
        return Reply(translate(language, "calendar-rsvp-unchanged", answer=answer, **values))
    if outcome is Outcome.WAITLISTED:
        return Reply(
            translate(
                language,
                "calendar-rsvp-waitlisted",
                places=str(event.capacity or 0),
                count=event.capacity or 0,
                **values,
            )
        )
    if outcome is Outcome.GOING:
        if event.remind_going:
            return Reply(translate(language, "calendar-rsvp-going-reminded", **values))
        return Reply(translate(language, "calendar-rsvp-going", **values))
    answer = rsvp_label(language, status)
    return Reply(translate(language, "calendar-rsvp-noted", answer=answer, **values))


def date_is_cancelled(language: Language, event: CalendarEvent) -> Reply:
    """An answer for a cancelled date."""
    return Reply(translate(language, "calendar-rsvp-date-cancelled", title=event.title))


def no_more_dates(language: Language, event: CalendarEvent) -> Reply:
    """An answer for an event that has no date left."""
    return Reply(translate(language, "calendar-rsvp-no-more-dates", title=event.title))


def answers_closed(language: Language, event: CalendarEvent) -> Reply:
    """An answer once the occurrence has started."""
    return Reply(translate(language, "calendar-rsvp-closed", title=event.title))


# -- finding ---------------------------------------------------------------------------------


def no_such_event(language: Language, event_id: int) -> RichText:
    """An event id that names no event (or a cancelled one)."""
    return translate(language, "calendar-no-such-event", id=str(event_id))


def unreadable_day(language: Language, typed: str, event_id: int) -> RichText:
    """A date that could not be read."""
    return translate(
        language, "calendar-unreadable-day", typed=quoted(language, typed, 30), id=str(event_id)
    )


def not_on(language: Language, event: CalendarEvent, day: date) -> RichText:
    """A date the event does not happen on."""
    shown = format_date(day) if language is Language.EN else format_day(language, day)
    return translate(language, "calendar-not-on", title=event.title, day=shown)


# -- listing ---------------------------------------------------------------------------------


def _repeats(language: Language, event: CalendarEvent) -> RichText | None:
    repeat = when_of(event).repeat
    return describe_repeat(language, repeat) if repeat else None


def listed(
    language: Language, event: CalendarEvent, community: str, when: RichText, going: int
) -> RichText:
    """One line of `event list`."""
    repeat = _repeats(language, event)
    return translate(
        language,
        "calendar-list-line",
        id=str(event.id),
        title=event.title,
        community=community,
        when=when,
        repeat=translate(language, "calendar-list-repeat", repeat=repeat) if repeat else "",
        going=going,
    )


def upcoming_events(language: Language, rows: Sequence[RichText]) -> Reply:
    """`event list`."""
    return Reply(
        translate(language, "calendar-list", rows=joined("\n", list(rows))),
        context=translate(language, "calendar-list-hint"),
    )


def no_upcoming_events(language: Language, community: str | None) -> Reply:
    """`event list` with nothing to list (in one community, or in any)."""
    if community is None:
        return Reply(translate(language, "calendar-list-none"))
    return Reply(translate(language, "calendar-list-none-in", community=community))


def details(
    language: Language,
    event: CalendarEvent,
    community: str,
    dates: Sequence[RichText],
    counts: Mapping[str, int],
    mine: str | None,
    feed: str | None,
    buttons: tuple[Button, ...],
) -> Reply:
    """`event show`: the event, its next dates, and RSVP buttons (`counts`: answers by
    status for the next date; `mine`: the viewer's status)."""
    repeat = _repeats(language, event)
    lines = [
        translate(
            language,
            "calendar-show-title",
            title=event.title,
            id=str(event.id),
            community=community,
        )
    ]
    if event.description:
        lines.append(RichText.of(event.description))
    if repeat:
        lines.append(
            translate(
                language, "calendar-show-repeats", repeat=repeat, zone=zone_label(event.timezone)
            )
        )
    if event.location:
        lines.append(translate(language, "calendar-echo-where", place=event.location))
    if not dates:
        lines.append(translate(language, "calendar-show-no-dates"))
        return Reply(joined("\n", lines))
    between = translate_plain(language, "calendar-date-separator")
    lines.append(translate(language, "calendar-show-next", dates=joined(between, list(dates))))
    waitlist = counts.get(RsvpStatus.WAITLISTED.value, 0)
    lines.append(
        translate(
            language,
            "calendar-show-counts",
            going=counts.get(RsvpStatus.GOING.value, 0),
            capacity=_of(language, event.capacity),
            maybe=counts.get(RsvpStatus.MAYBE.value, 0),
            waitlist=(
                translate(language, "calendar-show-waitlist", n=str(waitlist)) if waitlist else ""
            ),
        )
    )
    if mine:
        lines.append(translate(language, "calendar-show-mine", mine=_status_label(language, mine)))
    lines.append(
        translate(language, "calendar-echo-reminders", reminders=event_reminders(event, language))
    )
    context = translate(language, "calendar-show-buttons")
    if feed:
        context += translate(language, "calendar-show-feed", feed=Link(feed))
    return Reply(joined("\n", lines), buttons=buttons, context=context)


def _of(language: Language, capacity: int | None) -> RichText | str:
    """ " of 20" after a count, when the event has a capacity."""
    return translate(language, "calendar-show-of", n=str(capacity)) if capacity else ""


def _status_label(language: Language, status: str) -> str | RichText:
    """A stored RSVP status as the reader's words ("going" / "j'y serai")."""
    try:
        return translate(language, "calendar-status", status=RsvpStatus(status).value)
    except ValueError:
        return status


def no_upcoming_dates(language: Language, event: CalendarEvent) -> Reply:
    """`event attendees` for an event with no date left."""
    return Reply(translate(language, "calendar-no-upcoming-dates", title=event.title))


def attendees(
    language: Language,
    event: CalendarEvent,
    when: RichText,
    answers: Mapping[RsvpStatus, Sequence[Mention | str]],
) -> Reply:
    """`event attendees`: who answered what, each list in the order they answered."""

    def names(status: RsvpStatus) -> RichText | None:
        people = [RichText.of(name) for name in answers.get(status, ())]
        return joined(", ", people) if people else None

    def or_nobody(status: RsvpStatus) -> RichText:
        return names(status) or translate(language, "calendar-attendees-dash")

    lines = [
        translate(language, "calendar-attendees-title", title=event.title, when=when),
        translate(
            language,
            "calendar-attendees-going",
            count=str(len(answers.get(RsvpStatus.GOING, ()))),
            capacity=_of(language, event.capacity),
            names=names(RsvpStatus.GOING) or translate(language, "calendar-attendees-nobody"),
        ),
        translate(language, "calendar-attendees-maybe", names=or_nobody(RsvpStatus.MAYBE)),
        translate(language, "calendar-attendees-declined", names=or_nobody(RsvpStatus.DECLINED)),
    ]
    waitlisted = names(RsvpStatus.WAITLISTED)
    if waitlisted is not None:
        lines.append(translate(language, "calendar-attendees-waitlist", names=waitlisted))
    return Reply(joined("\n", lines))


# -- cancelling ------------------------------------------------------------------------------


def repeats_pick_a_date(language: Language, event: CalendarEvent) -> RichText:
    """`event cancel ID` for a repeating event: which date, or all?"""
    return translate(language, "calendar-cancel-which", title=event.title, id=str(event.id))


def date_started(language: Language) -> RichText:
    """A date to cancel that has started."""
    return translate(language, "calendar-cancel-started")


def already_cancelled(language: Language) -> Reply:
    """A date cancelled twice."""
    return Reply(translate(language, "calendar-cancel-already"))


def _what(language: Language, event: CalendarEvent, occurrence: Occurrence | None) -> RichText:
    if occurrence is None:
        dates = "every" if event.rrule else "only"
        return translate(language, "calendar-cancel-what-all", title=event.title, dates=dates)
    day = times.day(occurrence.at, event.timezone, language)
    return translate(language, "calendar-cancel-what-day", title=event.title, day=day)


def confirm_cancel(
    language: Language,
    event: CalendarEvent,
    occurrence: Occurrence | None,
    going: int,
    buttons: tuple[Button, ...],
) -> Reply:
    """What cancelling would do and whom it tells, before anything changes (`occurrence`
    None: every date; `going`: how many people said Going)."""
    what = _what(language, event, occurrence)
    return Reply(
        translate(language, "calendar-cancel-confirm", what=what, count=going), buttons=buttons
    )


def cancelled(
    language: Language, event: CalendarEvent, occurrence: Occurrence | None, going: int
) -> Reply:
    """`event cancel` done (`occurrence` None: every date; `going`: how many are told)."""
    if occurrence is None:
        return Reply(translate(language, "calendar-cancelled-all", title=event.title, count=going))
    what = _what(language, event, occurrence)
    return Reply(translate(language, "calendar-cancelled", what=what, count=going))


def members_only(language: Language, name: str, slug: str) -> RichText:
    """A members-only community's events, asked about by someone outside it."""
    return translate(language, "calendar-members-only", name=name, slug=slug)


def community_archived(language: Language, name: str) -> RichText:
    """An event planned for an archived community."""
    return translate(language, "calendar-community-archived", name=name)
