"""Similar questions: a near-duplicate is found, an unlike one is not, and the likeness is a
cosine whatever is typed."""

from hypothesis import given
from hypothesis import strategies as st

from guildbot.matching.similar import SimilarQuestions

PDF = "How do I check the accessibility of a scanned PDF for screen readers?"
HELM = "How do I roll back a failed Helm release on our Kubernetes cluster?"
BUDGET = "Which template do we use for the annual budget forecast in Excel?"


def collection() -> SimilarQuestions:
    index = SimilarQuestions()
    index.add(1, PDF, ("pdf accessibility",))
    index.add(2, HELM, ("kubernetes",))
    index.add(3, BUDGET, ("excel",))
    return index


def test_a_rephrased_question_finds_the_earlier_one_and_only_it() -> None:
    found = collection().similar(
        "How can I check a scanned PDF for screen reader accessibility?", ("pdf accessibility",)
    )
    assert [m.key for m in found] == [1]
    assert 0.45 <= found[0].similarity <= 1.0


def test_the_same_question_is_as_alike_as_can_be() -> None:
    [match] = collection().similar(HELM, ("kubernetes",))
    assert match.key == 2
    assert abs(match.similarity - 1.0) < 1e-9


def test_an_unlike_question_finds_nothing() -> None:
    assert collection().similar("Where is the best coffee near the Ottawa office?") == []
    assert collection().similar("PDF?") == []  # too short to judge


def test_threshold_limit_exclude_and_remove() -> None:
    index = collection()
    index.add(4, "How do I roll back a Helm release on Kubernetes?", ("kubernetes",))
    assert [m.key for m in index.similar(HELM, ("kubernetes",))] == [2, 4]
    assert [m.key for m in index.similar(HELM, ("kubernetes",), limit=1)] == [2]
    assert [m.key for m in index.similar(HELM, ("kubernetes",), exclude=[2])] == [4]
    assert index.similar(HELM, ("kubernetes",), threshold=1.01) == []
    index.remove(2)
    index.remove(99)  # nothing to forget: no error
    assert [m.key for m in index.similar(HELM, ("kubernetes",))] == [4]
    assert 2 not in index and len(index) == 3


words = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2FFF), max_size=300)


@given(st.lists(words, max_size=8), words, st.lists(st.text(max_size=20), max_size=4))
def test_any_text_gives_likenesses_between_zero_and_one_best_first(
    earlier: list[str], text: str, tags: list[str]
) -> None:
    index = SimilarQuestions()
    for key, body in enumerate(earlier, start=1):
        index.add(key, body)
    found = index.similar(text, tags, threshold=0.0, limit=10)
    assert all(0.0 < m.similarity <= 1.0 for m in found)
    assert [m.similarity for m in found] == sorted((m.similarity for m in found), reverse=True)
    assert len({m.key for m in found}) == len(found)


def test_a_french_question_typed_without_accents_finds_the_earlier_one() -> None:
    index = collection()
    index.add(4, "Comment vérifier l'accessibilité d'un PDF numérisé pour les lecteurs d'écran ?")
    index.add(5, "Comment annuler une mise à jour Helm ratée sur notre cluster Kubernetes ?")
    found = index.similar("Est-ce qu'on peut verifier l'accessibilite des PDF numerises ?")
    assert [m.key for m in found] == [4]
    # French function words alone make no likeness.
    assert index.similar("Est-ce que quelqu'un pourrait nous aider avec ça pour demain ?") == []
