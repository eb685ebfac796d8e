"""The coffee buttons: their action ids, and what each kind of button carries as its value.

A value comes back from a platform as text anyone could have written (a Discord custom id, a
replayed Slack payload), so each kind of value is a small frozen dataclass that writes itself
(`encode`) and reads itself back (`decode`): None for anything that is not one of its own,
never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

ACTION_MET = "coffee.met"
ACTION_NOT_YET = "coffee.not_yet"
ACTION_SKIP = "coffee.skip"
ACTION_IN = "coffee.in"
ACTION_OUT = "coffee.out"
ACTION_SNOOZE = "coffee.snooze"
ACTION_LEAVE = "coffee.leave"
ACTION_NEVER_GROUP = "coffee.never_group"
ACTION_REJOIN = "coffee.rejoin"
ACTION_REROLL = "coffee.reroll"

# Row ids as buttons write them: fits a signed 64-bit column, and any platform's value.
MAX_ID = 10**18 - 1


@dataclass(frozen=True, slots=True)
class RowButton:
    """A button that names one row by its id (each kind of row is a subclass)."""

    id: int

    def __post_init__(self) -> None:
        if not 1 <= self.id <= MAX_ID:
            raise ValueError(f"a button names a row id from 1 to {MAX_ID}, not {self.id}")

    def encode(self) -> str:
        """The button's value."""
        return str(self.id)

    @classmethod
    def decode(cls, value: str) -> Self | None:
        """The row a value names (None: not a value this button writes)."""
        if not value or len(value) > len(str(MAX_ID)) or value[0] == "0":
            return None
        # `isdigit` alone takes "²" and other digits `int` refuses; ASCII is what we write.
        if not (value.isascii() and value.isdigit()):
            return None
        return cls(int(value))


@dataclass(frozen=True, slots=True)
class ProgramButton(RowButton):
    """A member's place in a program: [Snooze me 2 weeks], [Leave coffee intros], [Count me
    in again]; and a facilitator's [Re-roll] of its next round."""


@dataclass(frozen=True, slots=True)
class GroupButton(RowButton):
    """One group: [We met] [Not yet] [Skip] on its follow-up, [Never pair me with them] on
    its intro."""


@dataclass(frozen=True, slots=True)
class RoundButton(RowButton):
    """[I'm in] [Not this time]: a member's answer for one round of a per-round program."""
