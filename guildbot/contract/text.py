"""What every edge does to text people typed before the core sees it."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # not tab or newline
_CONTROL_AND_BREAKS = re.compile(r"[\x00-\x1f\x7f]")


def without_control_characters(text: str, *, keep_line_breaks: bool = True) -> str:
    """`text` with control characters as spaces: PostgreSQL refuses a NUL in text, and no
    command, question, name or button value means anything by an escape sequence."""
    return (_CONTROL if keep_line_breaks else _CONTROL_AND_BREAKS).sub(" ", text)
