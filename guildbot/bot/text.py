"""Cleaning free text people give us before it is stored."""

from __future__ import annotations

import unicodedata

from guildbot.bot.context import UserError


def clean_field(value: str, label: str, max_length: int) -> str:
    """One line of printable text, trimmed; a polite error when empty or too long."""
    normalised = unicodedata.normalize("NFKC", value)
    printable = "".join(ch if ch.isprintable() else " " for ch in normalised)
    single_line = " ".join(printable.split())
    if not single_line:
        raise UserError(f"The {label} can't be empty.")
    if len(single_line) > max_length:
        raise UserError(
            f"That {label} is {len(single_line)} characters; the limit is {max_length}."
        )
    return single_line


def month_year(when: object) -> str:
    """ "Nov 2026" for a datetime-like value."""
    strftime = getattr(when, "strftime", None)
    return str(strftime("%b %Y")) if strftime is not None else ""
