"""Cleaning free text people give us before it is stored."""

from __future__ import annotations

import re
import unicodedata

from guildbot.bot.services.base import UserError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # not tab or newline
_CONTROL_AND_BREAKS = re.compile(r"[\x00-\x1f\x7f]")


def without_control_characters(text: str, *, keep_line_breaks: bool = True) -> str:
    """`text` with control characters as spaces: PostgreSQL refuses a NUL in text, and no
    command, question, name or button value means anything by an escape sequence."""
    return (_CONTROL if keep_line_breaks else _CONTROL_AND_BREAKS).sub(" ", text)


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
