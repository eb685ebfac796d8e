"""The calendar's buttons: their action ids, and a typed value for each kind of button.

A value is a small frozen dataclass that writes itself into a button (`encode`) and reads a
pressed button back (`decode`: None for anything malformed, never an exception, since a
value comes from outside). The formats are the ones buttons already sent carry, so posts
and replies sent before keep working. A value longer than a button may carry (an event
draft) is kept by the core as a pending action (`bot.pending`) and comes back as it was.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import timedelta

from guildbot.bot.features.calendar import copy
from guildbot.bot.features.calendar.edits import EventEdit
from guildbot.bot.features.calendar.fields import integer, listing, string
from guildbot.bot.features.calendar.phrases import Repeat, When
from guildbot.bot.features.calendar.zones import known_zone
from guildbot.bot.features.directory.buttons import ACTION_CANCEL as ACTION_NEVER_MIND
from guildbot.bot.i18n import Language
from guildbot.bot.scheduler.recurrence import format_local, parse_local
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.storage.models import RsvpStatus

ACTION_CREATE = "event.create"
ACTION_RSVP = "event.rsvp"
ACTION_CANCEL_EVENT = "event.cancel"
ACTION_EDIT_CONFIRMED = "event.edit_confirmed"
NEXT = "next"  # an RSVP for whichever occurrence is next when the button is pressed
ANSWERS = (RsvpStatus.GOING, RsvpStatus.MAYBE, RsvpStatus.DECLINED)
MAX_ID_DIGITS = 18
_ID = re.compile(rf"[0-9]{{1,{MAX_ID_DIGITS}}}")
_LOCAL = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}")


def _event_id(text: str) -> int | None:
    return int(text) if _ID.fullmatch(text) else None


def _local(text: str) -> str | None:
    """An occurrence's id (its local start, as stored), or None."""
    if not _LOCAL.fullmatch(text):
        return None
    try:
        return text if format_local(parse_local(text)) == text else None
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class RsvpValue:
    """[Going] [Maybe] [Can't go] for one occurrence of an event (`NEXT`: the next one)."""

    event_id: int
    occurrence: str
    answer: RsvpStatus

    def encode(self) -> str:
        """``7|2026-12-03T14:00:00|going``."""
        return f"{self.event_id}|{self.occurrence}|{self.answer.value}"

    @classmethod
    def decode(cls, value: str) -> RsvpValue | None:
        """What `encode` wrote, or None."""
        parts = value.split("|")
        if len(parts) != 3:
            return None
        event_id = _event_id(parts[0])
        occurrence = parts[1] if parts[1] == NEXT else _local(parts[1])
        answer = next((a for a in ANSWERS if a.value == parts[2]), None)
        if event_id is None or occurrence is None or answer is None:
            return None
        return cls(event_id, occurrence, answer)


@dataclass(frozen=True, slots=True)
class CancelValue:
    """[Cancel it]: one occurrence of an event, or (`occurrence` None) the whole event."""

    event_id: int
    occurrence: str | None = None

    def encode(self) -> str:
        """``7 all`` or ``7 2026-12-03T14:00:00``."""
        return f"{self.event_id} {self.occurrence or 'all'}"

    @classmethod
    def decode(cls, value: str) -> CancelValue | None:
        """What `encode` wrote (or a bare ``7``, as older buttons carried), or None."""
        first, _, which = value.partition(" ")
        event_id = _event_id(first)
        if event_id is None:
            return None
        if which in ("", "all"):
            return cls(event_id)
        occurrence = _local(which)
        return None if occurrence is None else cls(event_id, occurrence)


@dataclass(frozen=True, slots=True)
class EditValue:
    """[Lower it], as replies sent before [Save] carry it: an edit asked about first — the
    event, the version it was asked about (an edit pressed after another change is not
    applied blindly) and what was typed. [Save] carries an `edits.EventEdit` instead, under
    the same action id."""

    event_id: int
    sequence: int
    typed: str

    def encode(self) -> str:
        """``ID:SEQUENCE:TYPED`` (long ones go through pending actions)."""
        return f"{self.event_id}:{self.sequence}:{self.typed}"

    @classmethod
    def decode(cls, value: str) -> EditValue | None:
        """What `encode` wrote, or None."""
        event_part, _, rest = value.partition(":")
        sequence_part, separator, typed = rest.partition(":")
        if not separator or not (event_part.isascii() and event_part.isdigit()):
            return None
        if not (sequence_part.isascii() and sequence_part.isdigit()):
            return None
        if len(event_part) > 18 or len(sequence_part) > 9 or int(event_part) < 1:
            return None
        return cls(int(event_part), int(sequence_part), typed)


@dataclass(frozen=True, slots=True)
class DraftValue:
    """[Create]: an event as the facilitator described it, checked again when pressed.

    `notify` is one of ``both``, ``channel``, ``going``, ``none``; `offsets` are seconds
    before each occurrence; `nonce` makes the event's iCal UID (and a second press of the
    same button creates nothing)."""

    community_id: int
    channel_id: str
    title: str
    local_start: str
    timezone: str
    duration_minutes: int
    rrule: str | None
    location: str
    description: str
    capacity: int | None
    offsets: tuple[int, ...]
    notify: str
    nonce: str

    def when(self) -> When:
        """The event's time, as the parser read it."""
        return When(
            parse_local(self.local_start),
            self.timezone,
            timedelta(minutes=self.duration_minutes),
            Repeat.from_rrule(self.rrule) if self.rrule else None,
        )

    def encode(self) -> str:
        """Compact JSON, with the keys drafts have always had."""
        data = {
            "c": self.community_id,
            "ch": self.channel_id,
            "t": self.title,
            "s": self.local_start,
            "z": self.timezone,
            "d": self.duration_minutes,
            "r": self.rrule,
            "l": self.location,
            "n": self.description,
            "k": self.capacity,
            "o": list(self.offsets),
            "m": self.notify,
            "x": self.nonce,
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def decode(cls, value: str) -> DraftValue | None:
        """What `encode` wrote, or None (not JSON, a field missing or of the wrong type, a
        time, zone or repeat that does not read)."""
        try:
            data = json.loads(value)
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        try:
            draft = cls(
                community_id=integer(data["c"]),
                channel_id=string(data["ch"]),
                title=string(data["t"]),
                local_start=string(data["s"]),
                timezone=string(data["z"]),
                duration_minutes=integer(data["d"]),
                rrule=None if data["r"] is None else string(data["r"]),
                location=string(data["l"]),
                description=string(data["n"]),
                capacity=None if data["k"] is None else integer(data["k"]),
                offsets=tuple(integer(o) for o in listing(data["o"])),
                notify=string(data["m"]),
                nonce=string(data["x"]),
            )
        except (KeyError, TypeError):
            return None
        readable = (
            _local(draft.local_start) is not None
            and known_zone(draft.timezone) == draft.timezone
            and (draft.rrule is None or Repeat.from_rrule(draft.rrule) is not None)
            and draft.notify in ("both", "channel", "going", "none")
        )
        if not readable:
            return None
        try:
            draft.when().start  # noqa: B018 (a time that cannot be placed on the time line)
        except (ValueError, OverflowError):
            return None
        return draft


def rsvp_buttons(
    event_id: int, occurrence: str, language: Language = Language.EN
) -> tuple[Button, ...]:
    """[Going] [Maybe] [Can't go] for one occurrence (`NEXT`: the next one when pressed),
    labelled in `language` (posts in a channel: English, as today)."""
    return tuple(
        Button(
            copy.rsvp_label(language, answer),
            ACTION_RSVP,
            RsvpValue(event_id, occurrence, answer).encode(),
            ButtonStyle.PRIMARY if answer is RsvpStatus.GOING else ButtonStyle.DEFAULT,
        )
        for answer in ANSWERS
    )


def create_buttons(draft: DraftValue, language: Language = Language.EN) -> tuple[Button, ...]:
    """[Create] [Cancel] under the echo of a draft."""
    return (
        Button(copy.create_label(language), ACTION_CREATE, draft.encode(), ButtonStyle.PRIMARY),
        Button(copy.never_mind_label(language), ACTION_NEVER_MIND),
    )


def cancel_buttons(value: CancelValue, language: Language = Language.EN) -> tuple[Button, ...]:
    """[Cancel it] [Keep it], the first confirmed again where a platform has no dialog."""
    return (
        Button(
            copy.cancel_it_label(language),
            ACTION_CANCEL_EVENT,
            value.encode(),
            ButtonStyle.DANGER,
            copy.cancel_confirmation(language),
        ),
        Button(copy.keep_it_label(language), ACTION_NEVER_MIND),
    )


def save_buttons(edit: EventEdit, language: Language = Language.EN) -> tuple[Button, ...]:
    """[Save] [Cancel] under the echo of an edit."""
    return (
        Button(
            copy.save_label(language), ACTION_EDIT_CONFIRMED, edit.encode(), ButtonStyle.PRIMARY
        ),
        Button(copy.never_mind_label(language), ACTION_NEVER_MIND),
    )
