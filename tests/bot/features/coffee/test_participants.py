"""A member's place in a program, decided without a database: join, leave, snooze, wake,
and the streak of ignored intros that snoozes someone after three."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from guildbot.bot.features.coffee import keys, participants
from guildbot.bot.features.coffee.buttons import ACTION_REJOIN, ProgramButton
from guildbot.bot.features.coffee.effects import (
    Enrol,
    Leave,
    Rejoin,
    SetStreak,
    Snooze,
    Tell,
    Wake,
)
from guildbot.bot.features.coffee.participants import Standing, Status

NOW = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=7)
ANA = 1


def test_joining_enrols_a_newcomer_and_brings_back_whoever_left_or_snoozed() -> None:
    assert participants.join(None, ANA) == [Enrol(ANA)]
    assert participants.join(Standing(ANA, Status.ACTIVE), ANA) == []
    assert participants.join(Standing(ANA, Status.LEFT), ANA) == [Rejoin(ANA)]
    assert participants.join(Standing(ANA, Status.SNOOZED, LATER, 2), ANA) == [Rejoin(ANA)]


def test_leaving_and_snoozing_need_someone_taking_part() -> None:
    for standing in (None, Standing(ANA, Status.LEFT)):
        assert participants.leave(standing) == []
        assert participants.snooze(standing, LATER) == []
    for status in (Status.ACTIVE, Status.SNOOZED):
        assert participants.leave(Standing(ANA, status)) == [Leave(ANA)]
        assert participants.snooze(Standing(ANA, status), LATER) == [Snooze(ANA, LATER)]


def test_a_snooze_that_ended_by_the_round_counts_as_over() -> None:
    ended = Standing(ANA, Status.SNOOZED, NOW)
    still = Standing(2, Status.SNOOZED, LATER)
    until_joining = Standing(3, Status.SNOOZED, None)
    active, gone = Standing(4, Status.ACTIVE), Standing(5, Status.LEFT)
    everyone = [ended, still, until_joining, active, gone]
    assert [s.member for s in everyone if participants.in_round_at(s, NOW)] == [ANA, 4]
    assert participants.woken(everyone, NOW) == [Wake(ANA)]
    assert participants.woken(everyone, LATER) == [Wake(ANA), Wake(2)]


def after(standings: list[Standing], answered: dict[int, bool]) -> list[object]:
    return list(
        participants.after_intro(
            standings, answered, community="Data Science", program=ProgramButton(7), round_id=9
        )
    )


def test_an_answer_resets_the_streak_and_silence_adds_to_it() -> None:
    effects = after(
        [Standing(ANA, Status.ACTIVE, None, 2), Standing(2, Status.ACTIVE, None, 1)],
        {ANA: True, 2: False},
    )
    assert effects == [SetStreak(ANA, 0), SetStreak(2, 2)]


def test_members_not_in_the_last_round_keep_their_streak() -> None:
    assert after([Standing(ANA, Status.ACTIVE, None, 2)], {}) == []


def test_a_third_ignored_intro_snoozes_until_they_join_again_with_a_note() -> None:
    effects = after([Standing(ANA, Status.ACTIVE, None, 2)], {ANA: False})
    assert effects[:2] == [SetStreak(ANA, 0), Snooze(ANA, None)]
    [note] = effects[2:]
    assert isinstance(note, Tell)
    assert (note.member, note.round_id, note.purpose) == (ANA, 9, keys.AUTOSNOOZE)
    assert note.body.text.plain().startswith(
        "☕ I haven't heard back after your last three coffee intros in Data Science"
    )
    [rejoin] = note.body.buttons
    assert (rejoin.action_id, rejoin.value) == (ACTION_REJOIN, "7")
    assert participants.snoozing(effects) == {ANA}


def test_someone_already_snoozed_is_not_snoozed_again() -> None:
    effects = after([Standing(ANA, Status.SNOOZED, NOW, 2)], {ANA: False})
    assert effects == [SetStreak(ANA, 3)]
    assert participants.snoozing(effects) == set()


@given(
    st.lists(st.booleans(), min_size=1, max_size=12),
)
def test_only_three_silences_in_a_row_snooze(answers: list[bool]) -> None:
    standing = Standing(ANA, Status.ACTIVE)
    silent_in_a_row = 0
    for answered in answers:
        effects = after([standing], {ANA: answered})
        silent_in_a_row = 0 if answered else silent_in_a_row + 1
        assert (ANA in participants.snoozing(effects)) == (silent_in_a_row == 3)
        if ANA in participants.snoozing(effects):
            return
        [streak] = effects
        assert isinstance(streak, SetStreak)
        standing = Standing(ANA, Status.ACTIVE, None, streak.streak)


@given(
    st.lists(
        st.tuples(st.sampled_from(list(Status)), st.integers(0, 4), st.none() | st.booleans()),
        max_size=12,
    )
)
def test_a_preview_leaves_out_whom_the_round_snoozes(
    rows: list[tuple[Status, int, bool | None]],
) -> None:
    """`ignored_too_often` (what a preview leaves out) is who `after_intro` (the round)
    snoozes, whatever the standings and answers."""
    standings = [Standing(k, status, None, streak) for k, (status, streak, _) in enumerate(rows)]
    answered = {k: said for k, (_, _, said) in enumerate(rows) if said is not None}
    effects = participants.after_intro(
        standings, answered, community="Data Science", program=ProgramButton(7), round_id=9
    )
    snoozed = participants.snoozing(effects)
    assert participants.ignored_too_often(standings, answered) == snoozed
