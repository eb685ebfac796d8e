from hypothesis import given
from hypothesis import strategies as st

from guildbot.matching.skills import (
    MAX_SKILL_LENGTH,
    MatchKind,
    SkillVocabulary,
    skill_key,
    split_skill_list,
)
from guildbot.matching.vocabulary import STARTER_SKILLS


def vocabulary() -> SkillVocabulary:
    return SkillVocabulary(STARTER_SKILLS)


def test_aliases_and_case_are_one_skill() -> None:
    v = vocabulary()
    for typed in ("k8s", "Kubernetes", " KUBERNETES ", "kube"):
        match = v.match(typed)
        assert match.kind is MatchKind.KNOWN
        assert match.canonical == "kubernetes"
    assert v.canonical("a11y") == "accessibility"
    assert v.canonical("WCAG 2.1") == "wcag"


def test_typo_gets_a_suggestion_not_a_new_skill() -> None:
    match = vocabulary().match("kubernets")
    assert match.kind is MatchKind.SUGGESTION
    assert match.suggestions[0] == "kubernetes"


def test_short_unknown_words_are_new_not_guessed() -> None:
    # "go" must not become "r" or "js" by a fuzzy accident.
    match = vocabulary().match("go")
    assert match.kind is MatchKind.NEW
    assert match.key == "go"


def test_something_unrelated_is_new() -> None:
    match = vocabulary().match("Basket weaving")
    assert match.kind is MatchKind.NEW
    assert match.key == "basket weaving"


def test_symbols_that_matter_are_kept() -> None:
    assert skill_key("C#") == "c#"
    assert skill_key(".NET") == ".net"
    assert skill_key("C++") == "c++"
    assert skill_key("  wcag-2.1!! ") == "wcag-2.1"
    assert vocabulary().canonical("csharp") == "c#"


def test_invalid_names() -> None:
    v = vocabulary()
    assert v.match("!!!").kind is MatchKind.INVALID
    assert v.match("").kind is MatchKind.INVALID
    assert v.match("x" * (MAX_SKILL_LENGTH + 1)).kind is MatchKind.INVALID


def test_split_skill_list() -> None:
    assert split_skill_list("k8s, plain language;python\n, ") == [
        "k8s",
        "plain language",
        "python",
    ]


def test_adding_extends_the_vocabulary() -> None:
    v = vocabulary()
    v.add("Basket weaving", ["basketry"])
    assert v.canonical("basketry") == "basket weaving"
    assert "basket weaving" in v.canonical_names


@given(st.text(max_size=120))
def test_match_is_total_and_keys_are_stable(text: str) -> None:
    v = vocabulary()
    match = v.match(text)
    assert match.key == skill_key(match.key)  # normalising twice changes nothing
    if match.kind is MatchKind.KNOWN:
        assert match.canonical in v.canonical_names
    if match.kind is MatchKind.SUGGESTION:
        assert match.suggestions
        assert all(s in v.canonical_names for s in match.suggestions)


def test_accents_do_not_tell_skills_apart() -> None:
    v = SkillVocabulary({"sécurité": ("cybersécurité",)})
    for typed in ("securite", "SÉCURITÉ", "Sécurite", "cybersecurite"):
        assert v.canonical(typed) == "sécurité", typed
        assert v.match(typed).kind is MatchKind.KNOWN, typed
    # The stored name keeps its accents.
    assert v.canonical_names == ["sécurité"]


def test_a_french_cognate_finds_its_english_skill_for_routing() -> None:
    v = vocabulary()
    assert v.canonical("accessibilité") == "accessibility"
    assert v.canonical("accessibilite") == "accessibility"
    assert v.canonical("statistiques") == "statistics"
    assert v.canonical("sécurité") == "cybersecurity"  # "security" is its alias
    # Only whole single words with a known cognate; English words are left alone.
    for word in ("suite", "unique", "traduction", "accessibilité numérique"):
        assert v.canonical(word) is None, word
    # Declaring is stricter: a cognate is a suggestion to confirm, not the skill itself.
    match = v.match("accessibilité")
    assert match.kind is MatchKind.SUGGESTION and match.suggestions[0] == "accessibility"


def test_a_french_skill_with_an_elision_is_found_from_a_question_s_words() -> None:
    v = SkillVocabulary({"analyse d'impact": ("étude d’impact",)})
    # find_skills joins the question's tokens: accents folded, elided words dropped.
    assert v.canonical("analyse impact") == "analyse d'impact"
    assert v.canonical("Analyse d’impact") == "analyse d'impact"
    assert v.canonical("etude impact") == "analyse d'impact"
    # A key stored before typographic apostrophes were kept ("d’impact" was "d impact").
    legacy = SkillVocabulary({"analyse d impact": ()})
    assert legacy.canonical("analyse impact") == "analyse d impact"
    assert legacy.canonical("Analyse d’impact") == "analyse d impact"
    assert skill_key("Analyse d’impact") == "analyse d'impact"
