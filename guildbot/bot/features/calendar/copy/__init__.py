"""Everything the calendar says to people, as rich text: replies about events (`events`),
what events post and send by themselves (`outgoing`), and replies about announcements
(`announcements`) and feeds (`feeds`); what they share is here.

Replies to the member who acted are in their language (`bot/i18n/locales/*/calendar.ftl`).
What is shared with posts and reminders takes a `language` that defaults to English, as
posts are written today.

Titles, places, descriptions and announcement texts are people's words: they are values,
never read as markup. Times are `Instant` pieces (`calendar.times`), which platforms that
can show in each reader's zone. Members named are mentions (`bot.people.mention`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from guildbot.bot.context import Reply
from guildbot.bot.features.calendar.occurrences import human_offset
from guildbot.bot.features.calendar.phrase_errors import problem_of
from guildbot.bot.features.calendar.phrases import PhraseError
from guildbot.bot.features.calendar.wording import offset_words
from guildbot.bot.i18n import Language, listed, translate, translate_plain
from guildbot.contract.outbound import Confirmation
from guildbot.contract.richtext import RichText
from guildbot.storage.models import CalendarEvent, RsvpStatus


def rsvp_label(language: Language, status: RsvpStatus) -> str:
    """What a button (or a reply) calls an answer: "Going" / "J'y serai"."""
    return translate_plain(language, "calendar-rsvp-label", status=status.value)


def create_label(language: Language) -> str:
    return translate_plain(language, "calendar-button-create")


def never_mind_label(language: Language) -> str:
    return translate_plain(language, "calendar-button-never-mind")


def cancel_it_label(language: Language) -> str:
    return translate_plain(language, "calendar-button-cancel-it")


def keep_it_label(language: Language) -> str:
    return translate_plain(language, "calendar-button-keep-it")


def save_label(language: Language) -> str:
    return translate_plain(language, "calendar-button-save")


def field_name(language: Language, name: str) -> str:
    """An event's field (``title``, ``place``, ``description``) as `text.clean_field` names
    it in a refusal."""
    return translate_plain(language, "calendar-field", field=name)


def cancel_confirmation(language: Language) -> Confirmation:
    """The dialog before [Cancel it] runs, where a platform has one."""
    return Confirmation(
        translate_plain(language, "calendar-cancel-dialog-title"),
        translate_plain(language, "calendar-cancel-dialog-text"),
        cancel_it_label(language),
        keep_it_label(language),
    )


# The registry's dialog for the button, whoever presses it (platforms ask it of the action).
CANCEL_CONFIRMATION = cancel_confirmation(Language.EN)


# Problems the router shows above a command's usage line.
def say_what_to_change(language: Language) -> RichText:
    return translate(language, "calendar-say-what-to-change")


def give_text_or_time(language: Language = Language.EN) -> RichText:
    return translate(language, "calendar-give-text-or-time")


SAY_WHAT_TO_CHANGE = say_what_to_change(Language.EN)
GIVE_TEXT_OR_TIME = give_text_or_time(Language.EN)


def phrase_error(error: PhraseError, language: Language = Language.EN) -> RichText:
    """A time, option or reminder that was not understood, and an example that works."""
    problem, example = problem_of(language, error)
    return translate(language, "calendar-phrase-error", problem=problem, example=example)


def expired(command: str = "", language: Language = Language.EN) -> Reply:
    """A button that stands for nothing any more (`command`: what to run instead)."""
    if command:
        return Reply(translate(language, "calendar-expired-run", command=command))
    return Reply(translate(language, "calendar-expired"))


def where(event: CalendarEvent, language: Language = Language.EN) -> RichText:
    """ " · Room 201" after a time, when the event has a place."""
    if not event.location:
        return RichText()
    return translate(language, "calendar-where-after", place=event.location)


def _offsets(language: Language, offsets: Sequence[timedelta]) -> RichText:
    if language is Language.EN:
        # English joins every offset with "and", as it always has ("1 day and 15 minutes").
        return RichText.of(" and ".join(human_offset(o) for o in offsets))
    return listed(language, [offset_words(language, o) for o in offsets])


def reminders_summary(
    offsets: Sequence[timedelta], channel: bool, going: bool, language: Language = Language.EN
) -> RichText:
    """ "1 day and 15 minutes before, in the channel and to people going"."""
    if not offsets or not (channel or going):
        return translate(language, "calendar-no-reminders")
    places = "both" if channel and going else "channel" if channel else "going"
    when = _offsets(language, offsets)
    return translate(language, "calendar-reminders", when=when, places=places)


def event_reminders(event: CalendarEvent, language: Language = Language.EN) -> RichText:
    """How the event reminds people."""
    offsets = [timedelta(seconds=s) for s in event.reminder_offsets or []]
    return reminders_summary(offsets, event.remind_channel, event.remind_going, language)
