"""Everything the calendar says to people, as rich text from `say` templates: replies about
events (`events`), what events post and send by themselves (`outgoing`), and replies about
announcements (`announcements`) and feeds (`feeds`); what they share is here.

Titles, places, descriptions and announcement texts are people's words: they are values,
never read as markup. Times are `Instant` pieces (`calendar.times`), which platforms that
can show in each reader's zone. Members named are mentions (`bot.people.mention`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from guildbot.bot.context import Reply
from guildbot.bot.features.calendar.occurrences import human_offset
from guildbot.bot.features.calendar.phrases import PhraseError
from guildbot.bot.rich import say
from guildbot.contract.outbound import Confirmation
from guildbot.contract.richtext import RichText
from guildbot.storage.models import CalendarEvent, RsvpStatus

RSVP_LABELS = {
    RsvpStatus.GOING: "Going",
    RsvpStatus.MAYBE: "Maybe",
    RsvpStatus.DECLINED: "Can't go",
}
CREATE = "Create"
NEVER_MIND = "Cancel"
CANCEL_IT = "Cancel it"
KEEP_IT = "Keep it"
SAVE = "Save"
CANCEL_CONFIRMATION = Confirmation(
    "Cancel this event?", "People are told at once; this can't be undone.", CANCEL_IT, KEEP_IT
)
# Problems the router shows above a command's usage line (`UsageError` takes plain words).
SAY_WHAT_TO_CHANGE = say("Say what to change.")
GIVE_TEXT_OR_TIME = say("Give the new text, the new time, or both.")


def phrase_error(error: PhraseError) -> RichText:
    """A time, option or reminder that was not understood, and an example that works."""
    return say("{problem} For example: `{example}`.", problem=error.problem, example=error.example)


def expired(command: str = "") -> Reply:
    """A button that stands for nothing any more (`command`: what to run instead)."""
    if command:
        return Reply(say("That button has expired. Please run `{c}` again.", c=command))
    return Reply(say("That button has expired. Please run the command again."))


def where(event: CalendarEvent) -> RichText:
    """ " · Room 201" after a time, when the event has a place."""
    return say(" · {place}", place=event.location) if event.location else RichText()


def reminders_summary(offsets: Sequence[timedelta], channel: bool, going: bool) -> RichText:
    """ "1 day and 15 minutes before, in the channel and to people going"."""
    if not offsets or not (channel or going):
        return say("no reminders")
    places = {
        (True, True): "in the channel and to people going",
        (True, False): "in the channel",
        (False, True): "to people going",
    }[(channel, going)]
    when = " and ".join(human_offset(o) for o in offsets)
    return say("{when} before, {places}", when=when, places=places)


def event_reminders(event: CalendarEvent) -> RichText:
    """How the event reminds people."""
    offsets = [timedelta(seconds=s) for s in event.reminder_offsets or []]
    return reminders_summary(offsets, event.remind_channel, event.remind_going)
