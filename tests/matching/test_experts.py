"""The expertise index and ranker: relevance, decay, incremental updates, the organisation's
rules and the reasons people read."""

import json
import math
import re
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guildbot.matching.experts import (
    FEATURES,
    PRIOR_MODEL,
    Candidate,
    Evidence,
    EvidenceKind,
    ExpertIndex,
    MemberState,
    Query,
    RankerConfig,
    RankingModel,
    adjust,
)

NOW = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)
PDF = "How do I make a scanned PDF accessible for screen readers?"


def answered(member: int, text: str, days_ago: float = 10, accepted: bool = False, tags=()):
    return Evidence(
        member,
        EvidenceKind.ACCEPTED if accepted else EvidenceKind.ANSWERED,
        NOW - timedelta(days=days_ago),
        text,
        tuple(tags),
    )


def sample_index() -> ExpertIndex:
    index = ExpertIndex()
    index.add_many(
        [
            answered(1, "Tagging a PDF so screen readers announce headings", accepted=True),
            answered(1, "Accessible PDF forms with Acrobat", tags=("pdf accessibility",)),
            answered(2, "Kubernetes cron jobs that run every night", accepted=True),
            answered(2, "Helm charts for a Postgres cluster"),
            answered(3, "Survey weights in R with the survey package", accepted=True),
            answered(3, "Plotting confidence intervals in ggplot"),
        ]
    )
    return index


def test_the_member_who_answered_similar_questions_comes_first() -> None:
    index = sample_index()
    ranked = index.candidates(Query(PDF), NOW)
    assert ranked[0].member_id == 1
    assert ranked[0].score == 1.0
    assert index.candidates(Query("cron job in kubernetes"), NOW)[0].member_id == 2


def test_tags_count_as_evidence() -> None:
    index = sample_index()
    ranked = index.candidates(Query("help with forms", tags=("pdf accessibility",)), NOW)
    assert ranked[0].member_id == 1


def test_never_the_asker() -> None:
    index = sample_index()
    ranked = index.candidates(Query(PDF, asker_id=1), NOW)
    assert 1 not in [c.member_id for c in ranked]
    assert all(s.member_id != 1 for s in index.rank(Query(PDF, asker_id=1), NOW))


def test_old_evidence_decays() -> None:
    config = RankerConfig(half_life_days=30)
    index = ExpertIndex(config)
    index.add(answered(1, "PDF accessibility tagging", days_ago=400))
    index.add(answered(2, "PDF accessibility tagging", days_ago=5))
    assert index.candidates(Query("pdf tagging"), NOW)[0].member_id == 2


def without(model: RankingModel, *names: str) -> RankingModel:
    return RankingModel({k: v for k, v in model.weights.items() if k not in names})


def test_recent_activity_decides_between_equal_records() -> None:
    # Equal evidence on the topic; one has also helped with something else last week, the
    # other last helped two years ago. Expertise barely decays here (a long half-life), so
    # only the activity features separate them.
    def build(model: RankingModel) -> dict[int, float]:
        index = ExpertIndex(RankerConfig(half_life_days=100_000, model=model))
        index.add(answered(1, "PDF accessibility tagging", days_ago=200))
        index.add(answered(2, "PDF accessibility tagging", days_ago=200))
        index.add(answered(1, "Gardening tips", days_ago=700))
        index.add(answered(2, "Gardening tips", days_ago=7))
        return index.scores(Query("pdf tagging"), NOW)

    with_activity = build(PRIOR_MODEL)
    assert with_activity[2] - with_activity[1] > 0.5
    quiet = build(without(PRIOR_MODEL, "active 30d", "since last"))
    assert abs(quiet[2] - quiet[1]) < 0.01


def test_focus_is_a_feature_the_model_weighs() -> None:
    # The generalist answered two PDF questions among thirty others; the specialist one
    # PDF question and nothing else. Counting volume, the generalist wins; weighing the
    # share of their record that is on the topic (focus), the specialist does.
    index = ExpertIndex()
    for _ in range(2):
        index.add(answered(1, "Tagging a scanned PDF for screen readers", tags=("pdf",)))
    for i in range(30):
        index.add(answered(1, f"Topic {i} on spreadsheets and budgets", tags=(f"t{i}",)))
    index.add(answered(2, "Tagging a scanned PDF for screen readers", tags=("pdf",)))
    query = Query("How do I tag a scanned PDF?", tags=("pdf",))

    def first(weights: dict[str, float]) -> int:
        index.use(RankingModel(weights))
        return index.candidates(query, NOW)[0].member_id

    assert first({"neighbours focus": 1.0}) == 2
    assert first({"skills focus": 1.0}) == 2
    assert first({"neighbours": 1.0}) == 1
    assert first({"skills": 1.0}) == 1


def test_more_evidence_in_the_question_tag_counts() -> None:
    def scores(model: RankingModel) -> dict[int, float]:
        index = ExpertIndex(RankerConfig(model=model))
        for _ in range(3):
            index.add(answered(1, "windowing and partitions", tags=("sql-server",)))
        index.add(answered(2, "windowing and partitions", tags=("sql-server",)))
        index.add(answered(2, "windowing and partitions", tags=("postgres",)))
        return index.scores(Query("a window over partitions", tags=("sql-server",)), NOW)

    # The skills signal alone: three items in the tag beat one.
    alone = scores(RankingModel({"skills": 1.0}))
    assert alone[1] > alone[2]
    # And in the prior it widens member 1's lead over what the other features give.
    with_skills, fewer = scores(PRIOR_MODEL), scores(without(PRIOR_MODEL, "log skills"))
    assert with_skills[1] - with_skills[2] > fewer[1] - fewer[2] + 0.1


def test_an_update_is_incremental_and_changes_the_next_ranking() -> None:
    index = sample_index()
    query = Query("Survey weights for a PDF questionnaire in R")
    before = index.candidates(query, NOW)[0].member_id
    assert before == 3
    for _ in range(3):
        index.add(answered(4, "Survey weights for a questionnaire in R", days_ago=1, accepted=True))
    assert index.candidates(query, NOW)[0].member_id == 4
    assert len(index) == 9


def test_removed_members_are_never_suggested() -> None:
    index = sample_index()
    index.remove_member(1)
    assert 1 not in [c.member_id for c in index.candidates(Query(PDF), NOW)]
    assert index.evidence_count(1) == 0
    assert 1 not in index.members()


def test_an_empty_index_suggests_nobody() -> None:
    assert ExpertIndex().rank(Query(PDF), NOW) == []
    assert ExpertIndex().candidates(Query(PDF), NOW) == []


def test_reason_names_the_topic_count_and_month() -> None:
    index = sample_index()
    [first, *_] = index.rank(Query(PDF), NOW)
    assert first.member_id == 1
    assert "2 questions" in first.reason or "resolved" in first.reason
    assert "PDF" in first.reason
    assert (NOW - timedelta(days=10)).strftime("%B %Y") in first.reason


def topic_of(reason: str) -> str:
    found = re.search(r" on (.+?), most recently", reason)
    assert found, reason
    return found.group(1)


def test_a_reason_speaks_in_the_question_s_own_phrases() -> None:
    index = ExpertIndex()
    for text in (
        "Screen readers skip the headings of my PDF",
        "Which screen readers handle tagged tables well",
        "Are screen readers able to read scanned documents",
    ):
        index.add(answered(1, text, accepted=True))
    index.add(answered(1, "Users of readers prefer large fonts"))
    question = "Do screen readers announce the alt text of charts?"
    [first] = index.rank(Query(question), NOW)
    assert topic_of(first.reason) == "screen readers"
    assert first.reason.startswith("answered 3 questions (3 resolved)") or first.reason.startswith(
        "resolved 3 questions"
    )


def test_a_reason_names_the_question_s_skills_first() -> None:
    index = ExpertIndex()
    index.add(answered(1, "Tagging headings", tags=("pdf-accessibility",), accepted=True))
    index.add(answered(1, "Alt text for charts", tags=("pdf-accessibility",), accepted=True))
    index.add(answered(1, "Spreadsheets", tags=("excel",), accepted=True))
    [first] = index.rank(Query("charts with alt text", tags=("pdf-accessibility",)), NOW)
    assert first.reason.startswith("resolved 2 questions on pdf-accessibility")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(alphabet="abc xyz", min_size=1, max_size=30), min_size=1, max_size=6),
    st.text(alphabet="abc xyz,.?", max_size=40),
)
def test_a_reason_s_topic_is_words_of_the_question(texts, question) -> None:
    index = ExpertIndex()
    for text in texts:
        index.add(answered(1, text))
    for suggestion in index.rank(Query(question), NOW):
        if ", most recently" in suggestion.reason and " on " in suggestion.reason:
            words = re.split(r", | and | ", topic_of(suggestion.reason))
            asked = question.casefold().split()
            assert all(any(w.casefold() in a for a in asked) for w in words if w)


def test_declared_skills_are_a_reason() -> None:
    index = ExpertIndex()
    index.add(Evidence(7, EvidenceKind.DECLARED, NOW, "kubernetes", ("kubernetes",)))
    [suggestion] = index.rank(Query("kubernetes cron jobs"), NOW)
    assert suggestion.member_id == 7
    assert suggestion.reason.startswith("declared kubernetes")


def states(**overrides: MemberState) -> dict[int, MemberState]:
    base = {m: MemberState(m, department_id=10) for m in (1, 2, 3, 4)}
    base.update({int(k[1:]): v for k, v in overrides.items()})
    return base


def test_consent_away_and_cap_remove_candidates() -> None:
    config = RankerConfig(weekly_cap=2)
    candidates = [Candidate(m, 1.0 - m / 10) for m in (1, 2, 3, 4)]
    kept = adjust(
        candidates,
        states(
            m1=MemberState(1, consented=False),
            m2=MemberState(2, away=True),
            m3=MemberState(3, open_requests=2),
        ),
        None,
        config,
    )
    assert [c.member_id for c in kept] == [4]
    missing = adjust(candidates, {4: MemberState(4)}, None, config)
    assert [c.member_id for c in missing] == [4]


def test_load_spreads_among_near_equals_but_not_over_clear_experts() -> None:
    config = RankerConfig()
    near = [Candidate(1, 1.0), Candidate(2, 0.99)]
    busy = states(m1=MemberState(1, department_id=10, open_requests=1))
    assert [c.member_id for c in adjust(near, busy, None, config)] == [2, 1]
    clear = [Candidate(1, 1.0), Candidate(2, 0.6)]
    assert [c.member_id for c in adjust(clear, busy, None, config)] == [1, 2]


def test_another_department_wins_a_near_tie_only() -> None:
    config = RankerConfig()
    org = states(m2=MemberState(2, department_id=20))
    near = [Candidate(1, 1.0), Candidate(2, 0.99)]
    assert [c.member_id for c in adjust(near, org, 10, config)] == [2, 1]
    clear = [Candidate(1, 1.0), Candidate(2, 0.7)]
    assert [c.member_id for c in adjust(clear, org, 10, config)] == [1, 2]


def test_rank_applies_the_rules_and_gives_reasons() -> None:
    index = sample_index()
    org = {m: MemberState(m) for m in (2, 3)}  # 1 has not consented
    suggestions = index.rank(Query(PDF), NOW, states=org, limit=2)
    assert 1 not in [s.member_id for s in suggestions]
    assert all(s.reason for s in suggestions)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 6),
            st.sampled_from(list(EvidenceKind)),
            st.floats(0, 2000),
            st.text(max_size=40),
        ),
        max_size=25,
    ),
    st.text(max_size=60),
)
def test_ranking_is_total_deterministic_and_bounded(items, question) -> None:
    index = ExpertIndex()
    for member, kind, days, text in items:
        index.add(Evidence(member, kind, NOW - timedelta(days=days), text))
    first = index.candidates(Query(question, asker_id=1), NOW)
    assert first == index.candidates(Query(question, asker_id=1), NOW)
    assert all(0.0 <= c.score <= 1.0 for c in first)
    assert 1 not in [c.member_id for c in first]
    assert [c.score for c in first] == sorted((c.score for c in first), reverse=True)


def test_features_weighted_by_the_model_are_the_score() -> None:
    index = sample_index()
    index.remove_member(3)
    query = Query(PDF, tags=("pdf accessibility",), asker_id=2)
    rows = index.features(query, NOW)
    assert sorted(rows.members) == [1, 2]  # removed members are left out
    assert rows.matrix.shape == (2, len(FEATURES))
    assert np.all(np.isfinite(rows.matrix))
    weights = PRIOR_MODEL.vector()
    scores = index.scores(query, NOW)
    for position, member in enumerate(rows.members):
        assert abs(rows.matrix[position] @ weights - scores[member]) < 1e-9
    # Member 1's evidence is the one on PDFs: every topical signal prefers them.
    first = rows.members.index(1)
    for name in ("neighbours", "profile", "standard bm25", "skills"):
        column = FEATURES.index(name)
        assert rows.matrix[first, column] == 1.0 > rows.matrix[1 - first, column]


def test_co_answerers_of_similar_questions_count() -> None:
    index = ExpertIndex()
    # Member 2 answered the same PDF question as member 1, with an answer that says little.
    index.add(
        Evidence(1, EvidenceKind.ACCEPTED, NOW, "Tagging a PDF for screen readers", (), thread=7)
    )
    index.add(Evidence(2, EvidenceKind.ANSWERED, NOW, "me too", (), thread=7))
    index.add(Evidence(3, EvidenceKind.ANSWERED, NOW, "kubernetes helm charts", (), thread=8))
    rows = index.features(Query("screen readers and PDF tags"), NOW)
    column = rows.matrix[:, FEATURES.index("co-answerers")]
    by_member = dict(zip(rows.members, column, strict=True))
    assert by_member[1] == by_member[2] == 1.0 and by_member[3] == 0.0


def test_related_tags_reach_members_of_neighbouring_tags() -> None:
    index = ExpertIndex()
    index.add(answered(1, "first", tags=("pdf", "accessibility")))
    index.add(answered(2, "second", tags=("accessibility",)))
    index.add(answered(3, "third", tags=("kubernetes",)))
    rows = index.features(Query("a question", tags=("pdf",)), NOW)
    walk = dict(zip(rows.members, rows.matrix[:, FEATURES.index("related tags")], strict=True))
    assert walk[1] > walk[2] > walk[3] == 0.0


def test_a_new_model_takes_effect_without_a_rebuild() -> None:
    index = sample_index()
    query = Query("Survey weights for a PDF questionnaire in R")
    index.use(RankingModel({"neighbours": 1.0}))
    assert index.candidates(query, NOW)[0].member_id == 3
    assert index.model.weights == {"neighbours": 1.0}


@settings(max_examples=50, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(FEATURES), st.floats(-50, 50, allow_nan=False), max_size=len(FEATURES)
    ),
    st.sampled_from(["prior", "fitted"]),
    st.integers(0, 10_000),
)
def test_a_model_survives_json(weights, source, examples) -> None:
    model = RankingModel(
        weights, source, examples, examples * 2, NOW if source == "fitted" else None
    )
    again = RankingModel.from_json(json.loads(json.dumps(model.as_json())))
    assert again.source == model.source and again.examples == examples
    assert again.fitted_at == model.fitted_at
    assert np.array_equal(again.vector(), model.vector())


def test_a_model_with_unusable_weights_is_refused() -> None:
    with pytest.raises(ValueError):
        RankingModel.from_json({"weights": {"record": math.inf}})
    with pytest.raises(ValueError):
        RankingModel.from_json({"weights": [1, 2]})
    assert RankingModel.from_json({"weights": {"not a feature": 1.0}}).weights == {}


def test_an_empty_index_has_no_features() -> None:
    rows = ExpertIndex().features(Query(PDF), NOW)
    assert rows.members == [] and rows.matrix.shape == (0, len(FEATURES))
