"""What the coffee state machines decide, as plain values: the effects.

`participants` (a member's place in a program) and `lifecycle` (a round) are pure functions
that return these; `executor.Executor` applies them inside a unit of work. Keeping the
decision apart from the writing is what lets the rules be tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from guildbot.bot.scheduler.payload import Body
from guildbot.matching.pairing import ReasonPart


@dataclass(frozen=True, slots=True)
class Enrol:
    """A member takes part in a program for the first time."""

    member: int


@dataclass(frozen=True, slots=True)
class Rejoin:
    """A member who left or snoozed is in again, with a clean slate (no snooze, no streak)."""

    member: int


@dataclass(frozen=True, slots=True)
class Wake:
    """A snooze that has ended: the member is in again (their streak stays)."""

    member: int


@dataclass(frozen=True, slots=True)
class Leave:
    """A member stops taking part."""

    member: int


@dataclass(frozen=True, slots=True)
class Snooze:
    """No intros for a member until `until` (None: until they join again)."""

    member: int
    until: datetime | None


@dataclass(frozen=True, slots=True)
class SetStreak:
    """How many intros in a row a member has not answered."""

    member: int
    streak: int


@dataclass(frozen=True, slots=True)
class Tell:
    """A note to one member about one round (once per member, round and purpose), due now
    unless `due` says when."""

    member: int
    round_id: int
    purpose: str
    body: Body
    due: datetime | None = None


@dataclass(frozen=True, slots=True)
class NewGroup:
    """A group the solver formed, and who proposes a time."""

    position: int
    score: float
    reason: str  # in English
    proposer: int
    members: tuple[int, ...]
    parts: tuple[ReasonPart, ...] = ()  # the reason, for each reader's language


@dataclass(frozen=True, slots=True)
class FormGroups:
    """Store a round's groups, its total score, and (when someone was left out) why."""

    round_id: int
    groups: tuple[NewGroup, ...]
    total: float
    note: str | None


@dataclass(frozen=True, slots=True)
class Skip:
    """End a round without groups, saying why; `then` applies only if it ends it."""

    round_id: int
    why: str
    then: tuple[Tell, ...] = ()


@dataclass(frozen=True, slots=True)
class Miss:
    """End a round that is too late to run; `then` applies only if it ends it."""

    round_id: int
    then: tuple[Tell, ...] = ()


@dataclass(frozen=True, slots=True)
class Introduced:
    """A round's intros and follow-ups are queued: it is done."""

    round_id: int


Effect = (
    Enrol
    | Rejoin
    | Wake
    | Leave
    | Snooze
    | SetStreak
    | Tell
    | FormGroups
    | Skip
    | Miss
    | Introduced
)
