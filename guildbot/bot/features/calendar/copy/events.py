"""What the calendar answers about events: creating, answering, finding, listing, editing
and cancelling them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from guildbot.bot.context import Reply, quoted
from guildbot.bot.features.calendar import times
from guildbot.bot.features.calendar.attendance import Outcome
from guildbot.bot.features.calendar.copy import RSVP_LABELS, event_reminders
from guildbot.bot.features.calendar.dates import format_date
from guildbot.bot.features.calendar.occurrences import Occurrence, when_of
from guildbot.bot.features.calendar.phrases import When
from guildbot.bot.features.calendar.zones import zone_label
from guildbot.bot.rich import Value, joined, say
from guildbot.contract.outbound import Button
from guildbot.contract.richtext import Link, Mention, RichText
from guildbot.storage.models import CalendarEvent, RsvpStatus

# -- creating --------------------------------------------------------------------------------


def echo(
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
        say("Here's what I understood:"),
        say("*{title}* — {when}", title=title, when=times.first_time(when)),
        *(RichText.of(note) for note in when.notes()),
    ]
    if other is not None:
        lines.append(
            say(
                "Or did you mean *{title}* — {when}? Then put that title in quotes: "
                "“{title}” and the time.",
                title=other[0],
                when=times.first_time(other[1]),
            )
        )
    if place:
        lines.append(say("• Where: {place}", place=place))
    if description:
        lines.append(say("• {description}", description=description))
    lines.append(say("• Capacity: {n}", n=capacity or "no limit"))
    lines.append(say("• Reminders: {reminders}", reminders=reminders))
    lines.append(
        say(
            "• Posted in {community}'s channel, with [Going] [Maybe] [Can't go]",
            community=community,
        )
    )
    return Reply(
        joined("\n", lines),
        buttons=buttons,
        context=say("Nothing is saved until you press Create."),
    )


def created(event: CalendarEvent, when: When, viewer_zone: str, community: str) -> Reply:
    """The event is saved; its post is on its way."""
    return Reply(
        say(
            "Created event {id}: *{title}*, {when}. I'm posting it in {community}'s channel now.",
            id=event.id,
            title=event.title,
            when=times.moment(when.start, viewer_zone, when.duration),
            community=community,
        ),
        context=say("`event show {id}` · `event edit {id} …` · `event cancel {id}`", id=event.id),
    )


TIME_PASSED = Reply(
    say("That time has passed meanwhile, so nothing was created. Please run `event create` again.")
)
COMMUNITY_GONE = Reply(say("That community no longer exists; nothing was created."))
ALREADY_CREATED = Reply(say("That event was already created."))
WHICH_COMMUNITY = say(
    "Which community is it for? Add `community: SLUG`, or run the command in the community's "
    "channel."
)


def nowhere_to_post(community: str, slug: str) -> RichText:
    """The community has no channel on this platform."""
    return say(
        "{community} has no channel here yet, so I have nowhere to post it. "
        "Run `community link {slug}` in its channel first.",
        community=community,
        slug=slug,
    )


# -- answering -------------------------------------------------------------------------------


def answered(event: CalendarEvent, when: RichText, outcome: Outcome, status: RsvpStatus) -> Reply:
    """What an answer came to."""
    values: dict[str, Value] = {"title": event.title, "when": when}
    if outcome is Outcome.ALREADY_GOING:
        return Reply(say("You're already going for *{title}*, {when}.", **values))
    if outcome is Outcome.ALREADY_WAITLISTED:
        return Reply(say("You're already on the waitlist for *{title}*, {when}.", **values))
    if outcome is Outcome.UNCHANGED:
        return Reply(
            say("Noted already: {a} for *{title}*, {when}.", a=RSVP_LABELS[status], **values)
        )
    if outcome is Outcome.WAITLISTED:
        return Reply(
            say(
                "*{title}* is full ({n} places), so you're on the waitlist for {when}. "
                "I'll tell you as soon as a place opens.",
                n=event.capacity or 0,
                **values,
            )
        )
    if outcome is Outcome.GOING:
        extra = " I'll remind you before it starts." if event.remind_going else ""
        return Reply(say("You're going to *{title}*, {when}.{extra}", extra=extra, **values))
    return Reply(say("Noted: {a} for *{title}*, {when}.", a=RSVP_LABELS[status], **values))


def date_is_cancelled(event: CalendarEvent) -> Reply:
    """An answer for a cancelled date."""
    return Reply(say("*{title}* on that day is cancelled.", title=event.title))


def no_more_dates(event: CalendarEvent) -> Reply:
    """An answer for an event that has no date left."""
    return Reply(say("*{title}* has no more occurrences to answer for.", title=event.title))


def answers_closed(event: CalendarEvent) -> Reply:
    """An answer once the occurrence has started."""
    return Reply(say("*{title}* has already started; answers are closed.", title=event.title))


# -- finding ---------------------------------------------------------------------------------


def no_such_event(event_id: int) -> RichText:
    """An event id that names no event (or a cancelled one)."""
    return say("There's no event {id}. See `event list`.", id=event_id)


def unreadable_day(typed: str, event_id: int) -> RichText:
    """A date that could not be read."""
    return say(
        "I couldn't read {typed} as a day. For example: `event cancel {id} Dec 3` or "
        "`event cancel {id} all`.",
        typed=quoted(typed, 30),
        id=event_id,
    )


def not_on(event: CalendarEvent, day: date) -> RichText:
    """A date the event does not happen on."""
    return say("*{title}* doesn't happen on {day}.", title=event.title, day=format_date(day))


# -- listing ---------------------------------------------------------------------------------


def listed(event: CalendarEvent, community: str, when: RichText, going: int) -> RichText:
    """One line of `event list`."""
    repeat = when_of(event).repeat
    return say(
        "• {id} *{title}* ({community}) — {when}{repeat} · {going} going",
        id=event.id,
        title=event.title,
        community=community,
        when=when,
        repeat=say(", {r}", r=repeat.describe()) if repeat else "",
        going=going,
    )


def upcoming_events(rows: Sequence[RichText]) -> Reply:
    """`event list`."""
    return Reply(
        say("*Upcoming events* (your time zone)\n{rows}", rows=joined("\n", list(rows))),
        context=say("`event show ID` for details and to RSVP."),
    )


def no_upcoming_events(community: str | None) -> Reply:
    """`event list` with nothing to list (in one community, or in any)."""
    if community is None:
        return Reply(say("No upcoming events."))
    return Reply(say("No upcoming events in {community}.", community=community))


def details(
    event: CalendarEvent,
    community: str,
    dates: Sequence[RichText],
    counts: Mapping[str, int],
    mine: str | None,
    feed: str | None,
    buttons: tuple[Button, ...],
) -> Reply:
    """`event show`: the event, its next dates, and RSVP buttons (`counts`: answers by
    status for the next date; `mine`: the viewer's)."""
    repeat = when_of(event).repeat
    lines = [
        say(
            "*{title}* (event {id}, {community})",
            title=event.title,
            id=event.id,
            community=community,
        )
    ]
    if event.description:
        lines.append(RichText.of(event.description))
    if repeat:
        lines.append(
            say(
                "• Repeats {repeat} ({zone})",
                repeat=repeat.describe(),
                zone=zone_label(event.timezone),
            )
        )
    if event.location:
        lines.append(say("• Where: {place}", place=event.location))
    if not dates:
        lines.append(say("• No upcoming dates."))
        return Reply(joined("\n", lines))
    lines.append(say("• Next: {dates}", dates=joined("; ", list(dates))))
    waitlist = counts.get(RsvpStatus.WAITLISTED.value, 0)
    lines.append(
        say(
            "• Going: {going}{capacity} · Maybe: {maybe}{waitlist}",
            going=counts.get(RsvpStatus.GOING.value, 0),
            capacity=say(" of {n}", n=event.capacity) if event.capacity else "",
            maybe=counts.get(RsvpStatus.MAYBE.value, 0),
            waitlist=say(" · Waitlist: {n}", n=waitlist) if waitlist else "",
        )
    )
    if mine:
        lines.append(say("• You: {mine}", mine=mine))
    lines.append(say("• Reminders: {reminders}", reminders=event_reminders(event)))
    context = say("Buttons answer for the next date.")
    if feed:
        context += say(" Add to calendar: {feed}", feed=Link(feed))
    return Reply(joined("\n", lines), buttons=buttons, context=context)


def no_upcoming_dates(event: CalendarEvent) -> Reply:
    """`event attendees` for an event with no date left."""
    return Reply(say("*{title}* has no upcoming dates.", title=event.title))


def attendees(
    event: CalendarEvent, when: RichText, answers: Mapping[RsvpStatus, Sequence[Mention | str]]
) -> Reply:
    """`event attendees`: who answered what, each list in the order they answered."""

    def names(status: RsvpStatus, nobody: str) -> RichText:
        people = [RichText.of(name) for name in answers.get(status, ())]
        return joined(", ", people) if people else RichText.of(nobody)

    lines = [
        say("*{title}*, {when}", title=event.title, when=when),
        say(
            "• Going ({n}{capacity}): {names}",
            n=len(answers.get(RsvpStatus.GOING, ())),
            capacity=say(" of {n}", n=event.capacity) if event.capacity else "",
            names=names(RsvpStatus.GOING, "nobody yet"),
        ),
        say("• Maybe: {names}", names=names(RsvpStatus.MAYBE, "—")),
        say("• Can't go: {names}", names=names(RsvpStatus.DECLINED, "—")),
    ]
    if answers.get(RsvpStatus.WAITLISTED):
        lines.append(say("• Waitlist, in order: {names}", names=names(RsvpStatus.WAITLISTED, "")))
    return Reply(joined("\n", lines))


# -- cancelling ------------------------------------------------------------------------------


def repeats_pick_a_date(event: CalendarEvent) -> RichText:
    """`event cancel ID` for a repeating event: which date, or all?"""
    return say(
        "*{title}* repeats: cancel one date (`event cancel {id} DATE`) or all of them "
        "(`event cancel {id} all`).",
        title=event.title,
        id=event.id,
    )


DATE_STARTED = say("That date has already started; only future dates can be cancelled.")
ALREADY_CANCELLED = Reply(say("That date was already cancelled."))


def _what(event: CalendarEvent, occurrence: Occurrence | None) -> RichText:
    if occurrence is None:
        dates = "every date" if event.rrule else "its only date"
        return say("*{title}* ({dates})", title=event.title, dates=dates)
    day = times.day(occurrence.at, event.timezone)
    return say("*{title}* on {day}", title=event.title, day=day)


def _going_people(going: int, start: bool = True) -> str:
    """ "The 1 person who said Going" / "the 3 people who said Going"."""
    the = "The" if start else "the"
    if going == 1:
        return f"{the} 1 person who said Going"
    return f"{the} {going} people who said Going"


def confirm_cancel(
    event: CalendarEvent, occurrence: Occurrence | None, going: int, buttons: tuple[Button, ...]
) -> Reply:
    """What cancelling would do and whom it tells, before anything changes (`occurrence`
    None: every date; `going`: how many people said Going)."""
    told = (
        say(" {people} will be told, and the channel too.", people=_going_people(going))
        if going
        else say(" The channel will be told.")
    )
    what = _what(event, occurrence)
    return Reply(say("Cancel {what}?{told}", what=what, told=told), buttons=buttons)


def cancelled(event: CalendarEvent, occurrence: Occurrence | None, going: int) -> Reply:
    """`event cancel` done (`occurrence` None: every date; `going`: how many are told)."""
    told = (
        say(" I'm telling {people}.", people=_going_people(going, start=False))
        if going
        else RichText()
    )
    if occurrence is None:
        return Reply(say("Cancelled *{title}* (every date).{told}", title=event.title, told=told))
    return Reply(say("Cancelled {what}.{told}", what=_what(event, occurrence), told=told))


def members_only(name: str, slug: str) -> RichText:
    """A members-only community's events, asked about by someone outside it."""
    return say(
        "{name}'s events are for its members. `community join {slug}` to see them and answer.",
        name=name,
        slug=slug,
    )


def community_archived(name: str) -> RichText:
    """An event planned for an archived community."""
    return say(
        "{name} is archived, so no new events can be planned for it. Its admins can bring it "
        "back with `community unarchive`.",
        name=name,
    )
