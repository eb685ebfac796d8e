"""The RSVP rules on plain values: capacity, the waitlist in answer order, promotion when a
place opens, and the effects each answer asks for. No database."""

from hypothesis import given
from hypothesis import strategies as st

from guildbot.bot.features.calendar.attendance import (
    Attendance,
    CancelReminders,
    Demote,
    Notice,
    Outcome,
    Promote,
    Record,
    Remind,
    Seat,
    Tell,
    answer,
    overflow,
    promote,
    remind_everyone_going,
)
from guildbot.storage.models import RsvpStatus

GOING, MAYBE, DECLINED, WAITLISTED = (
    RsvpStatus.GOING,
    RsvpStatus.MAYBE,
    RsvpStatus.DECLINED,
    RsvpStatus.WAITLISTED,
)
DAY = "2026-11-10T15:00:00"
BEN, CLEO, DEE, ELI = 2, 3, 4, 5


def full_workshop() -> Attendance:
    """Two places, both taken; Dee then Eli waiting."""
    seats = (Seat(BEN, GOING), Seat(CLEO, GOING), Seat(DEE, WAITLISTED), Seat(ELI, WAITLISTED))
    return Attendance(DAY, 2, seats)


def promoted(attendance: Attendance) -> list[int]:
    return [e.member_id for e in promote(attendance) if isinstance(e, Promote)]


def test_going_with_a_place_free_is_going_and_reminded() -> None:
    result = answer(Attendance(DAY, 2, (Seat(BEN, GOING),)), CLEO, GOING)
    assert (result.outcome, result.status) == (Outcome.GOING, GOING)
    assert result.effects == (Record(CLEO, DAY, GOING), Remind(CLEO, DAY))


def test_going_to_a_full_occurrence_joins_the_waitlist_without_reminders() -> None:
    result = answer(full_workshop(), 9, GOING)
    assert (result.outcome, result.status) == (Outcome.WAITLISTED, WAITLISTED)
    assert result.effects == (Record(9, DAY, WAITLISTED),)


def test_giving_up_a_place_promotes_the_first_waiting() -> None:
    result = answer(full_workshop(), BEN, DECLINED)
    assert (result.outcome, result.status) == (Outcome.NOTED, DECLINED)
    assert result.effects == (
        Record(BEN, DAY, DECLINED),
        CancelReminders(BEN, DAY),
        Promote(DEE, DAY),
        Tell(DEE, DAY, Notice.PLACE_OPENED),
        Remind(DEE, DAY),
    )


def test_leaving_the_waitlist_promotes_nobody() -> None:
    result = answer(full_workshop(), DEE, MAYBE)
    assert result.effects == (Record(DEE, DAY, MAYBE),)


def test_the_same_answer_again_changes_nothing() -> None:
    workshop = full_workshop()
    assert answer(workshop, BEN, GOING).outcome is Outcome.ALREADY_GOING
    assert answer(workshop, DEE, GOING).outcome is Outcome.ALREADY_WAITLISTED
    maybe = Attendance(DAY, None, (Seat(BEN, MAYBE),))
    assert answer(maybe, BEN, MAYBE).outcome is Outcome.UNCHANGED
    for result in (answer(workshop, BEN, GOING), answer(maybe, BEN, MAYBE)):
        assert result.effects == ()


def test_without_a_capacity_everyone_goes() -> None:
    crowd = Attendance(DAY, None, tuple(Seat(m, GOING) for m in range(100)))
    assert answer(crowd, 100, GOING).outcome is Outcome.GOING
    assert promote(crowd) == ()


def test_a_larger_capacity_promotes_in_answer_order() -> None:
    larger = Attendance(DAY, 3, full_workshop().seats)
    assert promote(larger) == (
        Promote(DEE, DAY),
        Tell(DEE, DAY, Notice.PLACE_OPENED),
        Remind(DEE, DAY),
    )
    assert promoted(Attendance(DAY, 10, larger.seats)) == [DEE, ELI]


def test_a_changed_answer_goes_to_the_back_of_the_order() -> None:
    workshop = full_workshop().answered(DEE, MAYBE).answered(DEE, WAITLISTED)
    assert [seat.member_id for seat in workshop.seats] == [BEN, CLEO, ELI, DEE]
    assert promoted(Attendance(DAY, 3, workshop.seats)) == [ELI]


def test_everyone_going_is_reminded_again() -> None:
    assert remind_everyone_going(full_workshop()) == (Remind(BEN, DAY), Remind(CLEO, DAY))


SEATS = st.lists(
    st.tuples(st.integers(0, 20), st.sampled_from([GOING, MAYBE, DECLINED, WAITLISTED])),
    max_size=15,
    unique_by=lambda seat: seat[0],
).map(lambda seats: tuple(Seat(member, status) for member, status in seats))


def _reachable(attendance: Attendance) -> bool:
    """A state the rules themselves reach: no more going than places, and nobody waiting
    while a place is free."""
    waiting = any(seat.status is WAITLISTED for seat in attendance.seats)
    capacity = attendance.capacity or 0
    return attendance.going() <= capacity and (not waiting or attendance.going() == capacity)


def _after(attendance: Attendance, effects: tuple[object, ...]) -> Attendance:
    """The attendance once the effects are stored."""
    for effect in effects:
        if isinstance(effect, Record):
            attendance = attendance.answered(effect.member_id, effect.status)
        elif isinstance(effect, Promote):
            seats = tuple(
                Seat(s.member_id, GOING) if s.member_id == effect.member_id else s
                for s in attendance.seats
            )
            attendance = Attendance(attendance.occurrence, attendance.capacity, seats)
    return attendance


@given(
    st.integers(1, 5),
    SEATS,
    st.integers(0, 20),
    st.sampled_from([GOING, MAYBE, DECLINED]),
)
def test_an_answer_never_overfills_and_never_leaves_a_place_to_someone_waiting(
    capacity: int, seats: tuple[Seat, ...], member: int, wanted: RsvpStatus
) -> None:
    before = Attendance(DAY, capacity, seats)
    if not _reachable(before):
        return
    result = answer(before, member, wanted)
    after = _after(before, result.effects)
    assert after.going() <= capacity
    assert _reachable(after)
    assert after.status_of(member) == result.status
    reminded = {e.member_id for e in result.effects if isinstance(e, Remind)}
    moved_up = {e.member_id for e in result.effects if isinstance(e, Promote)}
    told = {e.member_id for e in result.effects if isinstance(e, Tell)}
    assert moved_up == told
    assert reminded == moved_up | ({member} if result.outcome is Outcome.GOING else set())


def test_a_lower_capacity_waitlists_the_latest_answers_and_tells_them() -> None:
    seats = (
        Seat(1, RsvpStatus.GOING),
        Seat(2, RsvpStatus.MAYBE),
        Seat(3, RsvpStatus.GOING),
        Seat(4, RsvpStatus.GOING),
        Seat(5, RsvpStatus.WAITLISTED),
    )
    assert overflow(Attendance("d", 1, seats)) == (
        Demote(3, "d"),
        CancelReminders(3, "d"),
        Tell(3, "d", Notice.MOVED_TO_WAITLIST),
        Demote(4, "d"),
        CancelReminders(4, "d"),
        Tell(4, "d", Notice.MOVED_TO_WAITLIST),
    )
    assert overflow(Attendance("d", 3, seats)) == ()
    assert overflow(Attendance("d", None, seats)) == ()
