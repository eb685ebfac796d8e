"""Cleaning free text people give us before it is stored."""

from __future__ import annotations

import unicodedata

from guildbot.bot.context import UserError
from guildbot.bot.rich import say


def clean_field(value: str, label: str, max_length: int) -> str:
    """One line of printable text, trimmed; a polite error when empty or too long."""
    normalised = unicodedata.normalize("NFKC", value)
    printable = "".join(ch if ch.isprintable() else " " for ch in normalised)
    single_line = " ".join(printable.split())
    if not single_line:
        raise UserError(say("The {label} can't be empty.", label=label))
    if len(single_line) > max_length:
        raise UserError(
            say(
                "That {label} is {length} characters; the limit is {limit}.",
                label=label,
                length=len(single_line),
                limit=max_length,
            )
        )
    return single_line


def month_year(when: object) -> str:
    """ "Nov 2026" for a datetime-like value."""
    strftime = getattr(when, "strftime", None)
    return str(strftime("%b %Y")) if strftime is not None else ""
