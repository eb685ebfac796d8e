"""What the calendar answers about editing an event: the echo before [Save], and after, in
the reader's language (`calendar.ftl`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from guildbot.bot.context import Reply
from guildbot.bot.features.calendar import times
from guildbot.bot.features.calendar.carrying import Dropped
from guildbot.bot.features.calendar.copy import event_reminders
from guildbot.bot.features.calendar.copy.events import notes
from guildbot.bot.features.calendar.occurrences import Occurrence, when_of
from guildbot.bot.features.calendar.phrases import When
from guildbot.bot.i18n import Language, translate
from guildbot.bot.rich import Value, joined
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


def _or_none(language: Language, text: str) -> str | RichText:
    return text or translate(language, "calendar-edit-none")


def _capacity(language: Language, capacity: int | None) -> str | RichText:
    return str(capacity) if capacity else translate(language, "calendar-echo-no-limit")


def _lines(language: Language, preview: Preview, zone: str) -> list[RichText]:
    before, after = preview.before, preview.after
    lines: list[RichText] = []
    if preview.old_when is not None and preview.new_when is not None:
        lines.append(
            translate(
                language,
                "calendar-edit-when",
                old=times.first_time(preview.old_when, language),
                new=times.first_time(preview.new_when, language),
            )
        )
        lines += notes(language, preview.new_when)
    if before.title != after.title:
        lines.append(translate(language, "calendar-edit-title", old=before.title, new=after.title))
    if before.location != after.location:
        lines.append(
            translate(
                language,
                "calendar-edit-where",
                old=_or_none(language, before.location),
                new=_or_none(language, after.location),
            )
        )
    if before.capacity != after.capacity:
        lines.append(
            translate(
                language,
                "calendar-edit-capacity",
                old=_capacity(language, before.capacity),
                new=_capacity(language, after.capacity),
            )
        )
        lines += _overflow(language, preview.overflowing, after.capacity or 0, zone)
    if _reminders(before) != _reminders(after):
        lines.append(
            translate(
                language,
                "calendar-edit-reminders",
                old=event_reminders(before, language),
                new=event_reminders(after, language),
            )
        )
    if before.description != after.description:
        lines.append(
            translate(language, "calendar-edit-description", new=after.description)
            if after.description
            else translate(language, "calendar-edit-description-removed")
        )
    return lines


def _reminders(event: CalendarEvent) -> tuple[object, ...]:
    return (list(event.reminder_offsets or []), event.remind_channel, event.remind_going)


def _overflow(
    language: Language, overflowing: Sequence[tuple[Occurrence, int]], capacity: int, zone: str
) -> list[RichText]:
    lines = [
        translate(
            language,
            "calendar-edit-overflow",
            day=times.day(occurrence.at, zone, language),
            going=str(going),
            over=going - capacity,
        )
        for occurrence, going in overflowing[:5]
    ]
    if len(overflowing) > 5:
        lines.append(translate(language, "calendar-edit-overflow-more", count=len(overflowing) - 5))
    return lines


def _carried(language: Language, preview: Preview, zone: str) -> list[RichText]:
    lines: list[RichText] = []
    if preview.carried:
        lines.append(translate(language, "calendar-edit-carried"))
    for gone in preview.dropped[:5]:
        day = times.day(gone.occurrence.at, zone, language)
        if gone.told:
            told = translate(language, "calendar-edit-dropped-told", count=len(gone.told))
        else:
            told = translate(language, "calendar-edit-dropped-answers", count=gone.answers)
        lines.append(
            translate(language, "calendar-edit-dropped", day=day, period=preview.period, told=told)
        )
    if len(preview.dropped) > 5:
        lines.append(
            translate(language, "calendar-edit-dropped-more", count=len(preview.dropped) - 5)
        )
    return lines


def confirm_edit(
    language: Language, preview: Preview, zone: str, buttons: tuple[Button, ...]
) -> Reply:
    """What an edit would change (old → new) and whom it tells, before anything changes."""
    lines = [
        translate(
            language,
            "calendar-edit-confirm",
            title=preview.before.title,
            id=str(preview.before.id),
        ),
        *_lines(language, preview, zone),
        *_carried(language, preview, zone),
    ]
    if preview.told and preview.going:
        lines.append(translate(language, "calendar-edit-will-tell", count=preview.going))
    return Reply(
        joined("\n", lines),
        buttons=buttons,
        context=translate(language, "calendar-edit-nothing-yet"),
    )


def unchanged(language: Language, event: CalendarEvent) -> Reply:
    """An edit that asks for what the event already is."""
    return Reply(translate(language, "calendar-edit-unchanged", id=str(event.id)))


def updated(language: Language, event: CalendarEvent, changes: Sequence[str], told: bool) -> Reply:
    """`event edit` saved (`told`: the people going are told)."""
    named = [translate(language, "calendar-edit-change", change=change) for change in changes]
    values: dict[str, Value] = {
        "id": str(event.id),
        "changes": joined(", ", named),
        "title": event.title,
        "when": times.first_time(when_of(event), language),
    }
    if told:
        return Reply(translate(language, "calendar-edit-updated-told", **values))
    return Reply(translate(language, "calendar-edit-updated", **values))


def changed_since(language: Language, event_id: int) -> Reply:
    """A [Save] pressed after the event changed again."""
    return Reply(translate(language, "calendar-edit-changed-since", id=str(event_id)))


def not_the_editor(language: Language, event_id: int) -> Reply:
    """[Save] pressed by someone other than who asked for the edit."""
    return Reply(translate(language, "calendar-edit-not-the-editor", id=str(event_id)))


def time_passed(language: Language) -> Reply:
    """[Save] pressed after the new time."""
    return Reply(translate(language, "calendar-edit-time-passed"))
