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

DEFAULT_OFFSETS = (timedelta(days=1), timedelta(minutes=15))
NOTIFY_MODES = ("both", "channel", "going", "none")
MAX_CAPACITY = 10_000
MAX_TITLE = 120
MAX_DESCRIPTION = 500
MAX_LOCATION = 200
EXAMPLE_CREATE = "event create Show and tell next Tuesday 15:00 for 1h where: Room 201 capacity: 20"
_OPTION = re.compile(
    r"(?:^|\s)(title|where|location|link|capacity|max|remind|reminders|notify|community):",
    re.IGNORECASE,
)
_ALIASES = {"location": "where", "link": "where", "max": "capacity", "reminders": "remind"}


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
) -> EventRequest | PhraseError:
    """Split a create (or edit) line into its fields; `reads` (the time parser) lets a
    title contain date words (see `split_title`)."""
    head, separator, description_part = text.partition(" -- ")
    if not separator and text.lstrip().startswith("--"):
        # Only a description (`event edit 12 -- New text`).
        head, separator, description_part = "", "--", text.lstrip()[2:]
    if not separator and head.rstrip().endswith(" --"):
        head = head.rstrip()[:-3]
    description = " ".join(description_part.split()) if separator else None
    match = _OPTION.search(head)
    main, options_text = (head[: match.start()], head[match.start() :]) if match else (head, "")
    options: dict[str, str] = {}
    parts = _OPTION.split(options_text)
    # parts: ["", name, value, name, value, ...]
    for index in range(1, len(parts) - 1, 2):
        name = _ALIASES.get(parts[index].casefold(), parts[index].casefold())
        value = " ".join(parts[index + 1].split())
        if name in options and name != "remind":
            return PhraseError(f"“{name}:” is given twice.", EXAMPLE_CREATE)
        options[name] = f"{options[name]}, {value}" if name in options else value
    other = None
    if needs_title:
        title, when_text = split_title(main, reads)
        if reads is not None and (reading := other_reading(main, reads)) is not None:
            other = (" ".join(reading[0].split()), reading[2])
        if not title:
            return PhraseError(
                "What is the event called? Put its title first (in quotes if it contains a "
                "date word).",
                EXAMPLE_CREATE,
            )
        if not when_text:
            return PhraseError(f"When is “{title[:40]}”? I need a day and a time.", EXAMPLE_CREATE)
    else:
        title, when_text = options.get("title", ""), " ".join(main.split())
    capacity = None
    if "capacity" in options:
        typed = options["capacity"].casefold()
        if typed in ("none", "no", "unlimited", "any"):
            capacity = 0
        elif typed.isdigit() and 1 <= int(typed) <= MAX_CAPACITY:
            capacity = int(typed)
        else:
            return PhraseError(
                f"A capacity is a number of people from 1 to {MAX_CAPACITY:,} (or “none”).",
                "capacity: 20",
            )
    offsets: tuple[timedelta, ...] | None = None
    if "remind" in options:
        parsed = parse_offsets(options["remind"])
        if isinstance(parsed, PhraseError):
            return parsed
        offsets = tuple(parsed)
    notify = None
    if "notify" in options:
        notify = options["notify"].casefold()
        if notify not in NOTIFY_MODES:
            return PhraseError(
                "Reminders go to the channel, to people who said Going, to both, or nowhere.",
                "notify: both",
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
