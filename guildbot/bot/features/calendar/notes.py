"""What the time parser tells a facilitator before saving, as data rather than words, so each
language's copy can word it: `When.said` holds the English, `When.readings` the same notes in
the same order as these values (a French echo writes "J'ai lu 3/12 comme le 3 décembre 2026…"
from a `NumericDateRead`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

NumericOrder = Literal["day first", "month first", "the only way it reads"]


@dataclass(frozen=True, slots=True)
class NumericDateRead:
    """A numeric date ("3/12") read one way, and the day the other way when there is one."""

    typed: str
    day: date
    order: NumericOrder
    other: date | None = None


@dataclass(frozen=True, slots=True)
class AbbreviationRead:
    """A zone abbreviation ("EST") read as its region's zone ("America/Toronto")."""

    typed: str
    zone: str


@dataclass(frozen=True, slots=True)
class TimeSkipped:
    """A local time the clocks skip on that day (02:30 when they go forward), and the time it
    starts at instead; both naive, in `zone`."""

    typed: datetime
    actual: datetime
    zone: str


Note = NumericDateRead | AbbreviationRead | TimeSkipped
