"""The buttons of expert routing: their action ids, and the values they carry as typed codecs.

A button's value is what comes back when it is pressed — possibly long after it was sent,
from a message sent by an older version — so each kind of value is a small frozen dataclass
with `encode` and `decode`. `decode` reads what `encode` wrote (and what earlier versions
wrote: ``12``, ``#12``, ``12:34``) and answers None for anything else; it never raises, since
a value can be anything a platform hands back.
"""

from __future__ import annotations

from dataclasses import dataclass

ACTION_ACCEPT = "question.accept"
ACTION_DECLINE = "question.decline"
ACTION_REFER = "question.refer"
ACTION_RESOLVED_BY = "question.resolved_by"
ACTION_CLOSE = "question.close"
ACTION_FIND_EXPERT = "question.find"
ACTION_POST_TO_COMMUNITY = "question.post"
ACTION_ANSWERED_BY_EARLIER = "question.answered_by_earlier"

# Database ids fit in 64 bits; longer digit strings are nobody's id.
MAX_ID_DIGITS = 18


@dataclass(frozen=True, slots=True)
class QuestionValue:
    """A button about one question ([I can help], [Not me], [Close]…): the question's id."""

    question_id: int

    def __post_init__(self) -> None:
        _check(self.question_id)

    def encode(self) -> str:
        """The value as a button carries it: ``12``."""
        return str(self.question_id)

    @classmethod
    def decode(cls, value: str) -> QuestionValue | None:
        """The question a pressed button names; None when the value names none."""
        question_id = _id(value)
        return None if question_id is None else cls(question_id)


@dataclass(frozen=True, slots=True)
class ResolvedByValue:
    """[Resolved by X]: the question, and the member who answered it."""

    question_id: int
    member_id: int

    def __post_init__(self) -> None:
        _check(self.question_id)
        _check(self.member_id)

    def encode(self) -> str:
        """The value as a button carries it: ``12:34``."""
        return f"{self.question_id}:{self.member_id}"

    @classmethod
    def decode(cls, value: str) -> ResolvedByValue | None:
        """The question and the member a pressed button names; None unless it names both."""
        pair = _pair(value)
        return None if pair is None else cls(*pair)


@dataclass(frozen=True, slots=True)
class EarlierAnswerValue:
    """[This answers it] under a similar resolved question: the new question, and the
    earlier one whose answer answers it."""

    question_id: int
    earlier_id: int

    def __post_init__(self) -> None:
        _check(self.question_id)
        _check(self.earlier_id)

    def encode(self) -> str:
        """The value as a button carries it: ``12:7``."""
        return f"{self.question_id}:{self.earlier_id}"

    @classmethod
    def decode(cls, value: str) -> EarlierAnswerValue | None:
        """The two questions a pressed button names; None unless it names both."""
        pair = _pair(value)
        return None if pair is None else cls(*pair)


def _pair(value: str) -> tuple[int, int] | None:
    """Two ids written ``A:B``; None unless both are ids."""
    first_part, separator, second_part = value.partition(":")
    first, second = _id(first_part), _id(second_part)
    if not separator or first is None or second is None:
        return None
    return first, second


def _check(identifier: int) -> None:
    """Only ids a button can carry and read back are made into values."""
    if not 0 < identifier < 10**MAX_ID_DIGITS:
        raise ValueError(f"not an id: {identifier}")


def _id(text: str) -> int | None:
    """A positive id written in ASCII digits (``#`` before it allowed); None otherwise."""
    digits = text.strip().removeprefix("#")
    if not digits or len(digits) > MAX_ID_DIGITS or not (digits.isascii() and digits.isdigit()):
        return None
    number = int(digits)
    return number if number > 0 else None
