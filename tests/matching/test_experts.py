"""The expertise index and ranker: relevance, decay, incremental updates, the organisation's
rules and the reasons people read."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from guildbot.matching.experts import (
    SIGNALS,
    Candidate,
    Evidence,
    EvidenceKind,
    ExpertIndex,
    MemberState,
    Query,
    RankerConfig,
    adjust,
    signal_weights,
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


def test_recent_activity_decides_between_equal_records() -> None:
    # Equal evidence on the topic; one has also helped with something else last week, the
    # other last helped two years ago. Expertise barely decays here (a long half-life), so
    # only the activity prior (30-day half-life) separates them.
    def build(activity_weight: float) -> dict[int, float]:
        index = ExpertIndex(RankerConfig(half_life_days=100_000, activity_weight=activity_weight))
        index.add(answered(1, "PDF accessibility tagging", days_ago=200))
        index.add(answered(2, "PDF accessibility tagging", days_ago=200))
        index.add(answered(1, "Gardening tips", days_ago=700))
        index.add(answered(2, "Gardening tips", days_ago=7))
        return index.scores(Query("pdf tagging"), NOW)

    with_activity = build(RankerConfig().activity_weight)
    assert with_activity[2] - with_activity[1] > 0.5
    without = build(0.0)
    assert abs(without[2] - without[1]) < 0.01


def test_a_specialist_beats_a_busy_generalist_on_their_topic() -> None:
    # The generalist answered two PDF questions among thirty others; the specialist one
    # PDF question and nothing else. Counting volume only (focus 0), the generalist wins.
    def build(**config: float) -> ExpertIndex:
        index = ExpertIndex(RankerConfig(activity_weight=0.0, **config))  # type: ignore[arg-type]
        for _ in range(2):
            index.add(answered(1, "Tagging a scanned PDF for screen readers", tags=("pdf",)))
        for i in range(30):
            index.add(answered(1, f"Topic {i} on spreadsheets and budgets", tags=(f"t{i}",)))
        index.add(answered(2, "Tagging a scanned PDF for screen readers", tags=("pdf",)))
        return index

    query = Query("How do I tag a scanned PDF?", tags=("pdf",))
    assert build().candidates(query, NOW)[0].member_id == 2
    assert build(profile_weight=0.0).candidates(query, NOW)[0].member_id == 2
    assert build(profile_weight=0.0, focus=0.0).candidates(query, NOW)[0].member_id == 1


def test_more_evidence_in_the_question_tag_counts() -> None:
    def scores(**config: float) -> dict[int, float]:
        index = ExpertIndex(RankerConfig(**config))  # type: ignore[arg-type]
        for _ in range(3):
            index.add(answered(1, "windowing and partitions", tags=("sql-server",)))
        index.add(answered(2, "windowing and partitions", tags=("sql-server",)))
        index.add(answered(2, "windowing and partitions", tags=("postgres",)))
        return index.scores(Query("a window over partitions", tags=("sql-server",)), NOW)

    # The skills signal alone: three items in the tag beat one.
    alone = scores(neighbour_weight=0, profile_weight=0, activity_weight=0, focus=0)
    assert alone[1] > alone[2]
    # And by default it widens member 1's lead over what the other signals give.
    with_skills, without = scores(), scores(skill_weight=0)
    assert with_skills[1] - with_skills[2] > without[1] - without[2] + 0.1


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
    assert "pdf" in first.reason
    assert (NOW - timedelta(days=10)).strftime("%B %Y") in first.reason


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


def test_signals_weighted_by_the_config_are_the_score() -> None:
    index = sample_index()
    index.remove_member(3)
    query = Query(PDF, tags=("pdf accessibility",), asker_id=2)
    members, signals = index.signals(query, NOW)
    assert sorted(members) == [1, 2]  # removed members are left out
    assert set(signals) == set(SIGNALS)
    weights = signal_weights(index.config)
    scores = index.scores(query, NOW)
    for position, member in enumerate(members):
        weighted = sum(weights[name] * signals[name][position] for name in SIGNALS)
        assert abs(weighted - scores[member]) < 1e-9
    # Member 1's evidence is the one on PDFs: every topical signal prefers them.
    first = members.index(1)
    for name in ("neighbours", "profile", "skills"):
        assert signals[name][first] == 1.0 > signals[name][1 - first]


def test_an_empty_index_has_no_signals() -> None:
    members, signals = ExpertIndex().signals(Query(PDF), NOW)
    assert members == [] and all(len(v) == 0 for v in signals.values())
