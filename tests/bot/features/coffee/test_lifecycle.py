"""A round's decisions, without a database: introduce what was formed, miss what is too
late, skip quietly while paused, skip (and tell facilitators) with fewer than two people, and
store the groups with a proposer each."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from guildbot.bot.features.coffee import keys, lifecycle
from guildbot.bot.features.coffee.buttons import ACTION_IN, ACTION_OUT
from guildbot.bot.features.coffee.effects import FormGroups, Miss, NewGroup, Skip, Tell
from guildbot.bot.features.coffee.lifecycle import Next, RoundFacts
from guildbot.contract.richtext import Instant
from guildbot.matching.pairing import Alone, Group, Pairing, ReasonPart, Unmatched, Why

AT = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
GRACE = timedelta(days=1)
FACTS = RoundFacts(
    id=4,
    occurrence_at=AT,
    seed=11,
    formed=False,
    paused=False,
    community="Data Science",
    zone="America/Toronto",
    facilitators=(1, 2),
)


def facts(**changes: bool) -> RoundFacts:
    return replace(FACTS, **changes)


def test_a_claimed_round_forms_then_introduces() -> None:
    assert lifecycle.on_claim(FACTS, AT, GRACE) is Next.FORM
    assert lifecycle.on_claim(facts(formed=True), AT + 2 * GRACE, GRACE) is Next.INTRODUCE


def test_a_round_past_its_grace_is_missed_and_facilitators_are_told() -> None:
    step = lifecycle.on_claim(FACTS, AT + GRACE + timedelta(seconds=1), GRACE)
    assert isinstance(step, Miss)
    assert step.round_id == 4
    assert [(t.member, t.purpose) for t in step.then] == [(1, keys.MISSED), (2, keys.MISSED)]
    text = step.then[0].body.text
    assert (
        "☕ The Data Science coffee round of Monday 2 November at 10:00 America/Toronto was missed"
        in (text.plain())
    )
    assert Instant(AT, "Monday 2 November at 10:00 America/Toronto") in text.pieces


def test_a_paused_round_is_skipped_quietly() -> None:
    assert lifecycle.on_claim(facts(paused=True), AT, GRACE) == Skip(4, lifecycle.PAUSED)


def test_too_few_people_skip_the_round_and_facilitators_hear_why() -> None:
    [skip] = lifecycle.after_solving(FACTS, 1, None, {}, {})
    assert isinstance(skip, Skip)
    assert skip.why == "only 1 person taking part"
    assert [t.member for t in skip.then] == [1, 2]
    assert skip.then[0].body.text.plain().endswith("was skipped: only 1 person taking part.")


def test_groups_are_stored_and_the_unplaced_are_told() -> None:
    pairing = Pairing(
        groups=(
            Group(("5", "6"), 2.5, "2 departments", (ReasonPart(Why.NEVER_MET, 2),)),
            Group(("7", "8"), 1.0, "new"),
        ),
        total=3.5,
        unmatched=(Unmatched("9", Alone.NEVER_PAIR),),
    )
    # 5 proposed before, so 6 proposes; between 7 and 8 the round's seed decides.
    effects = lifecycle.after_solving(FACTS, 5, pairing, {9: "Ed"}, {5: 1})
    form, told = effects
    assert form == FormGroups(
        4,
        (
            NewGroup(0, 2.5, "2 departments", 6, (5, 6), (ReasonPart(Why.NEVER_MET, 2),)),
            NewGroup(1, 1.0, "new", lifecycle.proposer((7, 8), {}, 11), (7, 8)),
        ),
        3.5,
        "Ed: no group could take them without breaking a never-pair",
    )
    assert isinstance(told, Tell)
    assert (told.member, told.purpose) == (9, keys.UNMATCHED)


def test_the_proposer_is_who_proposed_least_and_the_seed_breaks_ties() -> None:
    assert lifecycle.proposer((1, 2, 3), {1: 2, 2: 0, 3: 1}, 0) == 2
    picks = {lifecycle.proposer((1, 2), {}, seed) for seed in range(20)}
    assert picks == {1, 2}


def test_a_per_round_program_asks_each_member_once_when_due() -> None:
    due = AT - timedelta(days=1)
    asked = lifecycle.asked(FACTS, [5, 6], due)
    assert [(t.member, t.round_id, t.purpose, t.due) for t in asked] == [
        (5, 4, keys.ASK, due),
        (6, 4, keys.ASK, due),
    ]
    body = asked[0].body
    assert body.text.plain() == (
        "☕ Data Science coffee round on Monday 2 November at 10:00 America/Toronto: "
        "are you in this time?"
    )
    assert [(b.action_id, b.value) for b in body.buttons] == [(ACTION_IN, "4"), (ACTION_OUT, "4")]
