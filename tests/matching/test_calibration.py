"""Self-calibration: examples on rolling folds inside the history, the fit, the prior for a
short history, the refit schedule, and that no example ever sees its own future."""

from datetime import UTC, datetime, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from guildbot.matching.calibration import (
    Example,
    FitSettings,
    Resolution,
    calibrate,
    describe,
    examples_from_history,
    fit_weights,
    needs_refit,
)
from guildbot.matching.experts import (
    FEATURES,
    PRIOR_MODEL,
    Evidence,
    EvidenceKind,
    ExpertIndex,
    Query,
    RankerConfig,
    RankingModel,
)

START = datetime(2026, 1, 1, tzinfo=UTC)
TOPICS = {
    1: ("pdf accessibility screen readers tagging", "accessibility"),
    2: ("kubernetes helm cron cluster", "kubernetes"),
    3: ("survey weights confidence intervals", "statistics"),
}


def history(
    questions: int, resolver_of=lambda i, expert: expert
) -> tuple[list[Evidence], list[Resolution]]:
    """A community where expert k answers topic k; a busy generalist (9) answers everything
    but resolves nothing. Question i is asked on day i and resolved by `resolver_of(i, k)`."""
    evidence: list[Evidence] = []
    resolutions: list[Resolution] = []
    for i in range(questions):
        expert = 1 + i % 3
        words, tag = TOPICS[expert]
        at = START + timedelta(days=i)
        resolver = resolver_of(i, expert)
        text = f"question {i} on {words}"
        resolutions.append(Resolution(Query(text, (tag,), 50), resolver, at))
        evidence.append(Evidence(resolver, EvidenceKind.ACCEPTED, at, text, (tag,), thread=i))
        evidence.append(Evidence(9, EvidenceKind.ANSWERED, at, "same here", (tag,), thread=i))
    return evidence, resolutions


def test_a_long_enough_history_is_fitted_and_ranks_the_topic_expert_first() -> None:
    evidence, resolutions = history(90)
    calibration = calibrate(evidence, resolutions)
    assert calibration.model.source == "fitted"
    assert calibration.examples >= FitSettings().min_examples
    assert calibration.model.fitted_at == resolutions[-1].at
    index = ExpertIndex(RankerConfig(model=calibration.model))
    index.add_many(evidence)
    now = START + timedelta(days=91)
    for expert, (words, tag) in TOPICS.items():
        assert index.candidates(Query(f"new question on {words}", (tag,)), now)[0].member_id == (
            expert
        )
    assert "fitted on" in describe(calibration.model)


def test_a_short_history_falls_back_to_the_prior() -> None:
    evidence, resolutions = history(12)
    calibration = calibrate(evidence, resolutions)
    assert calibration.model.source == "prior"
    assert calibration.model.vector().tolist() == PRIOR_MODEL.vector().tolist()
    assert calibration.model.history == 12
    assert "needed to fit" in calibration.reason
    assert describe(calibration.model).startswith("ranking model: prior weights")
    empty = calibrate([], [])
    assert empty.model.source == "prior" and empty.examples == 0


def test_examples_never_see_evidence_from_their_own_time_or_later() -> None:
    # Every question is resolved by a newcomer whose only evidence is that very answer.
    # Built honestly, no example can know its resolver: there are none. Were the index built
    # with evidence from the example's own time or later, every question would be one.
    evidence, resolutions = history(60, resolver_of=lambda i, expert: 1000 + i)
    assert examples_from_history(evidence, resolutions) == []
    assert calibrate(evidence, resolutions).model.source == "prior"


def test_a_resolver_known_before_the_cut_is_an_example_and_the_asker_is_not_a_candidate() -> None:
    evidence, resolutions = history(40)
    examples = examples_from_history(evidence, resolutions)
    # Folds start at half the history: the questions after it whose resolver is known.
    assert len(examples) == 20
    for example in examples:
        assert example.matrix.shape[1] == len(FEATURES)
        assert 0 <= example.truth < len(example.matrix)
        assert np.all(np.isfinite(example.matrix))
    # A resolver who asked the question is no example.
    asked_by_resolver = [
        Resolution(Query(r.query.text, r.query.tags, r.resolver), r.resolver, r.at)
        for r in resolutions
    ]
    assert examples_from_history(evidence, asked_by_resolver) == []


def test_the_fit_uses_only_the_most_recent_examples() -> None:
    evidence, resolutions = history(60)
    assert (
        len(examples_from_history(evidence, resolutions, settings=FitSettings(max_examples=7))) == 7
    )


def test_fitting_is_deterministic() -> None:
    evidence, resolutions = history(60)
    first = calibrate(evidence, resolutions).model
    second = calibrate(list(reversed(evidence)), resolutions).model
    assert first == second


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(
                st.lists(
                    st.floats(-5, 5, allow_nan=False),
                    min_size=len(FEATURES),
                    max_size=len(FEATURES),
                ),
                min_size=1,
                max_size=6,
            ),
            st.integers(0, 5),
        ),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from([0.1, 1.0, 10.0]),
)
def test_fitting_arbitrary_examples_gives_finite_weights_that_do_not_lose_likelihood(
    raw, l2
) -> None:
    examples = [
        Example(np.asarray(rows, dtype=np.float64), truth % len(rows)) for rows, truth in raw
    ]
    weights = fit_weights(examples, l2)
    assert weights.shape == (len(FEATURES),) and np.all(np.isfinite(weights))

    def penalised(w: np.ndarray) -> float:
        total = 0.5 * l2 * float(w @ w)
        for e in examples:
            s = e.matrix @ w
            total += float(np.log(np.exp(s - s.max()).sum()) + s.max() - s[e.truth])
        return total

    assert penalised(weights) <= penalised(np.zeros(len(FEATURES))) + 1e-6
    assert np.array_equal(weights, fit_weights(examples, l2))


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 6), st.integers(0, 120), st.sampled_from(list(TOPICS))),
        max_size=40,
    )
)
def test_calibration_accepts_any_history(rows) -> None:
    evidence, resolutions = [], []
    for member, day, topic in rows:
        words, tag = TOPICS[topic]
        at = START + timedelta(days=day)
        evidence.append(Evidence(member, EvidenceKind.ACCEPTED, at, words, (tag,)))
        resolutions.append(Resolution(Query(words, (tag,), 7), member, at))
    calibration = calibrate(evidence, resolutions, settings=FitSettings(min_examples=3))
    assert np.all(np.isfinite(calibration.model.vector()))
    assert calibration.model.source in ("prior", "fitted")
    assert calibration.resolutions == len(rows)


def test_the_refit_schedule() -> None:
    now = START + timedelta(days=30)
    assert needs_refit(PRIOR_MODEL, 5, now, now)  # never looked at the history
    assert not needs_refit(PRIOR_MODEL, 0, None, now)
    prior = RankingModel(PRIOR_MODEL.weights, "prior", examples=4, history=8)
    assert not needs_refit(prior, 20, now, now)
    assert needs_refit(prior, 8 + FitSettings().refit_every, now, now)
    fitted = RankingModel({"record": 1.0}, "fitted", 100, 200, fitted_at=now)
    assert not needs_refit(fitted, 201, now, now + timedelta(hours=2))
    assert needs_refit(fitted, 201, now + timedelta(hours=1), now + timedelta(days=1, hours=1))
    assert not needs_refit(fitted, 200, now, now + timedelta(days=5))  # nothing new
    assert needs_refit(fitted, 200 + FitSettings().refit_every, now, now + timedelta(minutes=1))


def test_a_refit_after_a_batch_of_resolutions_follows_who_resolves_now() -> None:
    # First the topic experts resolve everything; then, for 30 questions, the busy
    # generalist (9) resolves the accessibility questions. The refit is due, and under the
    # refitted model the generalist ranks higher for the next accessibility question than
    # under the old one, on the same evidence.
    evidence, resolutions = history(60)
    old = calibrate(evidence, resolutions).model
    later, batch = history(90, resolver_of=lambda i, expert: 9 if expert == 1 else expert)
    evidence += later[120:]
    resolutions += batch[60:]
    newest = resolutions[-1].at
    assert needs_refit(old, len(resolutions), newest, newest)
    new = calibrate(evidence, resolutions).model
    assert new.history == 90 and new.fitted_at == newest

    def place_of_generalist(model: RankingModel) -> int:
        index = ExpertIndex(RankerConfig(model=model))
        index.add_many(evidence)
        words, tag = TOPICS[1]
        ranked = index.candidates(Query(f"another question on {words}", (tag,)), newest)
        return [c.member_id for c in ranked].index(9)

    assert place_of_generalist(new) < place_of_generalist(old)
    assert place_of_generalist(new) == 0
