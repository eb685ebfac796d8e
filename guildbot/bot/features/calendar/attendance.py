"""Who is going to one occurrence, and what an answer changes: pure, over plain values.

An occurrence with a capacity has at most that many people going; anyone else who says Going
is waitlisted, in the order they answered, and promoted as places open. The transitions here
decide; they return effects (`Record`, `Promote`, `Remind`, `CancelReminders`, `Tell`) that
`executor.apply` carries out in the unit of work, so the rules are tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from guildbot.storage.models import RsvpStatus


@dataclass(frozen=True, slots=True)
class Seat:
    """One member's answer."""

    member_id: int
    status: RsvpStatus


@dataclass(frozen=True, slots=True)
class Attendance:
    """One occurrence's answers, earliest first (the waitlist's order), and its capacity
    (None: no limit)."""

    occurrence: str  # the occurrence's local start, its id
    capacity: int | None
    seats: tuple[Seat, ...] = ()

    def status_of(self, member_id: int) -> RsvpStatus | None:
        """The member's answer, if they gave one."""
        return next((s.status for s in self.seats if s.member_id == member_id), None)

    def going(self) -> int:
        """How many are going (the waitlist not counted)."""
        return sum(seat.status is RsvpStatus.GOING for seat in self.seats)

    def is_full(self) -> bool:
        """Whether one more Going would go to the waitlist."""
        return bool(self.capacity) and self.going() >= (self.capacity or 0)

    def answered(self, member_id: int, status: RsvpStatus) -> Attendance:
        """The attendance once the member answered `status`: a new answer is the latest."""
        others = tuple(seat for seat in self.seats if seat.member_id != member_id)
        return Attendance(self.occurrence, self.capacity, (*others, Seat(member_id, status)))


class Notice(StrEnum):
    """What a member is told by direct message."""

    PLACE_OPENED = "place-opened"  # promoted from the waitlist
    MOVED_TO_WAITLIST = "moved-to-waitlist"  # the capacity was lowered below them


@dataclass(frozen=True, slots=True)
class Record:
    """Store the member's answer, as given now."""

    member_id: int
    occurrence: str
    status: RsvpStatus


@dataclass(frozen=True, slots=True)
class Promote:
    """The waitlisted member is going now; their place in the answer order is kept."""

    member_id: int
    occurrence: str


@dataclass(frozen=True, slots=True)
class Demote:
    """The member going is waitlisted (the capacity was lowered); their place in the answer
    order is kept, so they are the first promoted when a place opens."""

    member_id: int
    occurrence: str


@dataclass(frozen=True, slots=True)
class Remind:
    """Queue the member's reminders for the occurrence (if the event reminds people going)."""

    member_id: int
    occurrence: str


@dataclass(frozen=True, slots=True)
class CancelReminders:
    """Withdraw the member's reminders for the occurrence."""

    member_id: int
    occurrence: str


@dataclass(frozen=True, slots=True)
class Tell:
    """Tell the member something about the occurrence, by direct message."""

    member_id: int
    occurrence: str
    notice: Notice


Effect = Record | Promote | Demote | Remind | CancelReminders | Tell


class Outcome(StrEnum):
    """What an answer came to, as the member is told."""

    GOING = "going"
    WAITLISTED = "waitlisted"
    NOTED = "noted"  # maybe, or can't go
    UNCHANGED = "unchanged"  # the same answer again
    ALREADY_GOING = "already-going"
    ALREADY_WAITLISTED = "already-waitlisted"


@dataclass(frozen=True, slots=True)
class Answered:
    """An answer's outcome, the member's status after it, and what must happen."""

    outcome: Outcome
    status: RsvpStatus
    effects: tuple[Effect, ...] = ()


def answer(attendance: Attendance, member_id: int, wanted: RsvpStatus) -> Answered:
    """The member answers `wanted` (Going, Maybe or Can't go). Going beyond capacity joins
    the waitlist; giving up a place hands it to the first people waiting."""
    before = attendance.status_of(member_id)
    if wanted is RsvpStatus.GOING and before is RsvpStatus.GOING:
        return Answered(Outcome.ALREADY_GOING, before)
    if wanted is RsvpStatus.GOING and before is RsvpStatus.WAITLISTED:
        return Answered(Outcome.ALREADY_WAITLISTED, before)
    if wanted is before:
        return Answered(Outcome.UNCHANGED, wanted)
    status = wanted
    if wanted is RsvpStatus.GOING and attendance.is_full():
        status = RsvpStatus.WAITLISTED
    effects: list[Effect] = [Record(member_id, attendance.occurrence, status)]
    if status is RsvpStatus.GOING:
        effects.append(Remind(member_id, attendance.occurrence))
    elif before is RsvpStatus.GOING:
        effects.append(CancelReminders(member_id, attendance.occurrence))
        effects.extend(promote(attendance.answered(member_id, status)))
    outcomes = {RsvpStatus.GOING: Outcome.GOING, RsvpStatus.WAITLISTED: Outcome.WAITLISTED}
    return Answered(outcomes.get(status, Outcome.NOTED), status, tuple(effects))


def promote(attendance: Attendance) -> tuple[Effect, ...]:
    """Free places to the waitlist, first come first served: each promoted member is told
    and reminded. Nothing when there is no limit or no free place."""
    if not attendance.capacity:
        return ()
    free = attendance.capacity - attendance.going()
    effects: list[Effect] = []
    for seat in attendance.seats:
        if free <= 0:
            break
        if seat.status is not RsvpStatus.WAITLISTED:
            continue
        free -= 1
        effects += [
            Promote(seat.member_id, attendance.occurrence),
            Tell(seat.member_id, attendance.occurrence, Notice.PLACE_OPENED),
            Remind(seat.member_id, attendance.occurrence),
        ]
    return tuple(effects)


def over_capacity(attendance: Attendance) -> tuple[Seat, ...]:
    """Who is going beyond the capacity: the latest answers beyond it (none without one)."""
    if not attendance.capacity:
        return ()
    going = [seat for seat in attendance.seats if seat.status is RsvpStatus.GOING]
    return tuple(going[attendance.capacity :])


def overflow(attendance: Attendance) -> tuple[Effect, ...]:
    """After the capacity was lowered: those going beyond it, the latest answers first to
    go, move to the waitlist (kept first in line), lose their reminders and are told."""
    effects: list[Effect] = []
    for seat in over_capacity(attendance):
        effects += [
            Demote(seat.member_id, attendance.occurrence),
            CancelReminders(seat.member_id, attendance.occurrence),
            Tell(seat.member_id, attendance.occurrence, Notice.MOVED_TO_WAITLIST),
        ]
    return tuple(effects)


def remind_everyone_going(attendance: Attendance) -> tuple[Effect, ...]:
    """Reminders for everyone going (queued again after the event changed)."""
    return tuple(
        Remind(seat.member_id, attendance.occurrence)
        for seat in attendance.seats
        if seat.status is RsvpStatus.GOING
    )
