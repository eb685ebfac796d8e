"""Checked fields of a button value read back from JSON: a value comes from outside, so a
field of the wrong type or out of range raises `TypeError`, which each decoder turns into
"not one of ours"."""

from __future__ import annotations

from typing import Any


def integer(value: Any, lowest: int | None = None, highest: int | None = None) -> int:
    """An int (not a bool), within the bounds given."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(value)
    if (lowest is not None and value < lowest) or (highest is not None and value > highest):
        raise TypeError(value)
    return value


def string(value: Any, longest: int | None = None) -> str:
    """A str, at most `longest` characters when given."""
    if not isinstance(value, str) or (longest is not None and len(value) > longest):
        raise TypeError(value)
    return value


def listing(value: Any) -> list[Any]:
    """A JSON array."""
    if not isinstance(value, list):
        raise TypeError(value)
    return value
