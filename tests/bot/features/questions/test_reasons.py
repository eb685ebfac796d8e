"""Why a colleague is asked, in the reader's language: the ranker's reason parts worded by
the catalogue — in English word for word the ranker's own line, in French by French rules."""

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from guildbot.bot.features.questions.copy import reason
from guildbot.bot.i18n import Language
from guildbot.matching.experts import ReasonPart, Why, reason_words

NOVEMBER = datetime(2026, 11, 3, tzinfo=UTC)
WORDS = st.text(st.characters(categories=("L", "Zs", "P")), min_size=1, max_size=20)
PARTS = st.builds(
    ReasonPart,
    why=st.sampled_from(list(Why)),
    names=st.lists(WORDS, max_size=3).map(tuple),
    count=st.integers(0, 5000),
    resolved=st.integers(0, 5000),
    latest=st.sampled_from([NOVEMBER, datetime(2025, 2, 1, tzinfo=UTC)]),
)


@given(st.lists(PARTS, min_size=1, max_size=4))
def test_the_english_reason_is_the_rankers_own_words(parts: list[ReasonPart]) -> None:
    english = reason_words(parts)
    assert reason(Language.EN, parts, english) == english


def test_a_reason_in_french() -> None:
    parts = [
        ReasonPart(Why.DECLARED, ("pdf accessibility", "wcag", "contrast")),
        ReasonPart(Why.ANSWERED, ("PDF numérisé",), 3, 1, NOVEMBER),
        ReasonPart(Why.THANKED, (), 1),
    ]
    assert reason(Language.FR, parts, reason_words(parts)) == (
        "a déclaré pdf accessibility, wcag et contrast\u202f; a répondu à 3 questions "
        "(1 résolue) sur PDF numérisé, la dernière fois en novembre 2026\u202f; "
        "a reçu 1 remerciement"
    )
    resolved = [ReasonPart(Why.RESOLVED, ("RGAA",), 1, latest=NOVEMBER)]
    assert reason(Language.FR, resolved, "") == (
        "a résolu 1 question sur RGAA, la dernière fois en novembre 2026"
    )
    active = [ReasonPart(Why.ACTIVE_RECENTLY, count=2)]
    assert reason(Language.FR, active, "") == (
        "aide activement\u00a0: 2 contributions ces 30 derniers jours"
    )
    assert reason(Language.FR, [ReasonPart(Why.NOTHING)], "") == (
        "aucune expertise enregistrée pour l'instant"
    )


def test_a_reason_without_parts_is_shown_as_written() -> None:
    # A colleague's suggestion, or an invitation stored before reasons had parts.
    assert reason(Language.FR, [], "Lea suggested you") == "Lea suggested you"
