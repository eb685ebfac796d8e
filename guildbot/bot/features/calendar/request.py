"""What a facilitator typed after `event create` (or `event edit ID`), split into fields.

    event create Accessibility CoP monthly, first Thursday of each month 14:00 for 1h
        where: Room 201 capacity: 30 remind: 1d, 15m notify: both -- Bring a laptop

The title runs until the first word that starts a time (quote it if it contains one); labelled
options follow (`where:`, `link:`, `capacity:`, `remind:`, `notify:`, `community:`, and for
edits `title:`), and a description may follow `--`. Pure: no I/O, never raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from guildbot.bot.features.calendar.phrases import (
    PhraseError,
    When,
    other_reading,
    parse_offsets,
    split_title,
)
from guildbot.bot.features.calendar.phrases_fr import parse_offsets_fr, time_starts

DEFAULT_OFFSETS = (timedelta(days=1), timedelta(minutes=15))
NOTIFY_MODES = ("both", "channel", "going", "none")
MAX_CAPACITY = 10_000
MAX_TITLE = 120
MAX_DESCRIPTION = 500
MAX_LOCATION = 200
EXAMPLE_CREATE = "event create Show and tell next Tuesday 15:00 for 1h where: Room 201 capacity: 20"
EXAMPLE_CAPACITY = "capacity: 20"
EXAMPLE_REMIND = "remind: 1d, 15m"
EXAMPLE_NOTIFY = "notify: both"
_OPTION = re.compile(
    r"(?:^|\s)(title|where|location|link|capacity|max|remind|reminders|notify|community):",
    re.IGNORECASE,
)
_ALIASES = {"location": "where", "link": "where", "max": "capacity", "reminders": "remind"}
# French labels, as French writes them (a space before the colon or not): `capacité : 20`.
# Read only for a French line, so an English title may still say "lieu:".
_OPTION_FR = re.compile(
    r"(?:^|\s)(title|where|location|link|capacity|max|remind|reminders|notify|community|titre|"
    r"lieu|endroit|salle|lien|capacit[eé]|places|rappels?|avis|notifier|communaut[eé])\s*:",
    re.IGNORECASE,
)
_ALIASES_FR = _ALIASES | {
    "titre": "title",
    "lieu": "where",
    "endroit": "where",
    "salle": "where",
    "lien": "where",
    "capacite": "capacity",
    "capacité": "capacity",
    "places": "capacity",
    "rappel": "remind",
    "rappels": "remind",
    "avis": "notify",
    "notifier": "notify",
    "communaute": "community",
    "communauté": "community",
}
_NO_CAPACITY_FR = frozenset(["aucune", "aucun", "illimitee", "illimitée", "sans limite"])
_NOTIFY_FR = {
    "les deux": "both",
    "tous": "both",
    "canal": "channel",
    "salon": "channel",
    "participants": "going",
    "inscrits": "going",
    "aucun": "none",
    "personne": "none",
}


@dataclass(frozen=True, slots=True)
class EventRequest:
    """The fields of an event as typed; the time phrase is parsed separately."""

    title: str
    when_text: str
    location: str | None = None
    capacity: int | None = None
    offsets: tuple[timedelta, ...] | None = None
    notify: str | None = None
    community: str | None = None
    description: str | None = None
    given: tuple[str, ...] = field(default=())
    # The title and time it could also mean, asked about in the echo ("Coffee Monday" at
    # 10:00 today, rather than "Coffee" on Monday at 10:00).
    other: tuple[str, When] | None = None


def parse_event_request(
    text: str,
    needs_title: bool = True,
    reads: Callable[[str], When | PhraseError] | None = None,
    french: bool = False,
) -> EventRequest | PhraseError:
    """Split a create (or edit) line into its fields; `reads` (the time parser) lets a
    title contain date words (see `split_title`). A `french` line has French labels and
    values (`capacité : 20`, `rappels : 1 j, 15 min`) and its time starts at French words;
    `reads` is then the French parser."""
    head, separator, description_part = text.partition(" -- ")
    if not separator and text.lstrip().startswith("--"):
        # Only a description (`event edit 12 -- New text`).
        head, separator, description_part = "", "--", text.lstrip()[2:]
    if not separator and head.rstrip().endswith(" --"):
        head = head.rstrip()[:-3]
    description = " ".join(description_part.split()) if separator else None
    labels, aliases = (_OPTION_FR, _ALIASES_FR) if french else (_OPTION, _ALIASES)
    match = labels.search(head)
    main, options_text = (head[: match.start()], head[match.start() :]) if match else (head, "")
    options: dict[str, str] = {}
    parts = labels.split(options_text)
    # parts: ["", name, value, name, value, ...]
    for index in range(1, len(parts) - 1, 2):
        name = aliases.get(parts[index].casefold(), parts[index].casefold())
        value = " ".join(parts[index + 1].split())
        if name in options and name != "remind":
            return PhraseError(
                f"“{name}:” is given twice.",
                EXAMPLE_CREATE,
                code="option-twice",
                values=(("option", parts[index].strip()),),
            )
        options[name] = f"{options[name]}, {value}" if name in options else value
    other = None
    if needs_title:
        title, when_text = split_title(main, reads, time_starts if french else None)
        # The other reading of a title's last day word is asked about in English only, for
        # now: its echo is English copy.
        if not french and reads is not None and (reading := other_reading(main, reads)):
            other = (" ".join(reading[0].split()), reading[2])
        if not title:
            return PhraseError(
                "What is the event called? Put its title first (in quotes if it contains a "
                "date word).",
                EXAMPLE_CREATE,
                code="no-title",
            )
        if not when_text:
            return PhraseError(
                f"When is “{title[:40]}”? I need a day and a time.",
                EXAMPLE_CREATE,
                unread=True,
                code="no-time-for",
                values=(("title", title[:40]),),
            )
    else:
        title, when_text = options.get("title", ""), " ".join(main.split())
    capacity = None
    if "capacity" in options:
        typed = options["capacity"].casefold()
        if typed in ("none", "no", "unlimited", "any") or (french and typed in _NO_CAPACITY_FR):
            capacity = 0
        elif typed.isdigit() and 1 <= int(typed) <= MAX_CAPACITY:
            capacity = int(typed)
        else:
            return PhraseError(
                f"A capacity is a number of people from 1 to {MAX_CAPACITY:,} (or “none”).",
                EXAMPLE_CAPACITY,
                code="capacity",
                values=(("max", MAX_CAPACITY),),
            )
    offsets: tuple[timedelta, ...] | None = None
    if "remind" in options:
        parsed = (parse_offsets_fr if french else parse_offsets)(options["remind"])
        if isinstance(parsed, PhraseError):
            return parsed
        offsets = tuple(parsed)
    notify = None
    if "notify" in options:
        notify = options["notify"].casefold()
        if french:
            notify = _NOTIFY_FR.get(" ".join(notify.split()), notify)
        if notify not in NOTIFY_MODES:
            return PhraseError(
                "Reminders go to the channel, to people who said Going, to both, or nowhere.",
                EXAMPLE_NOTIFY,
                code="notify",
            )
    return EventRequest(
        title=" ".join(title.split()),
        when_text=when_text,
        location=options.get("where"),
        capacity=capacity,
        offsets=offsets,
        notify=notify,
        community=options.get("community"),
        description=description,
        given=tuple(sorted(options)) + (("description",) if description is not None else ()),
        other=other,
    )
