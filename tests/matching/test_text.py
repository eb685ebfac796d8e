"""The routing tokenizer and the question detector."""

from hypothesis import given
from hypothesis import strategies as st

from guildbot.matching.text import STOP_WORDS, is_detailed_enough, is_question, tokenize


def test_technical_tokens_survive() -> None:
    text = "How do I make a PDF accessible (WCAG-2.1) in C#, C++ and .NET with node.js and CI/CD?"
    tokens = tokenize(text)
    for token in ("wcag-2.1", "c#", "c++", ".net", "node.js", "ci/cd", "pdf", "accessible"):
        assert token in tokens
    assert "how" not in tokens and "and" not in tokens


def test_sentence_punctuation_is_not_part_of_a_token() -> None:
    assert tokenize("I use Python. Then R!") == ["python", "r"]
    assert tokenize("version 2.1, then 3.") == ["version", "2.1", "3"]


def test_case_and_width_are_folded() -> None:
    assert tokenize("ＫＵＢＥＲＮＥＴＥＳ Kubernetes") == ["kubernetes", "kubernetes"]


@given(st.text(max_size=300))
def test_tokenize_is_total_lower_case_and_free_of_stop_words(text: str) -> None:
    tokens = tokenize(text)
    for token in tokens:
        assert token
        assert not any(ch.isspace() for ch in token)
        assert token not in STOP_WORDS
        assert token == token.casefold() or token.casefold() == token.lower()


@given(st.text(max_size=300))
def test_tokenizing_the_tokens_again_changes_nothing(text: str) -> None:
    tokens = tokenize(text)
    assert tokenize(" ".join(tokens)) == tokens


@given(st.text(max_size=500))
def test_the_detector_is_total(text: str) -> None:
    assert is_question(text) in (True, False)
    assert is_detailed_enough(text) in (True, False)


@given(st.lists(st.sampled_from(["lunch", "coffee", "thanks", "hi", "ok", "really"]), max_size=3))
def test_small_talk_with_a_question_mark_is_not_a_question(words: list[str]) -> None:
    assert not is_question(" ".join(words) + "?")


QUESTIONS = (
    "How do I make a scanned PDF accessible?",
    "Does anyone know a good R package for survey weights",
    "What is the best way to write plain language letters for benefits?",
    "Is there a way to run Kubernetes jobs on a schedule?",
    "Can someone review my procurement plan before Friday?",
    "Which WCAG 2.1 criteria apply to PDF forms?",
    "I'm trying to join two tables in Power BI and the totals are wrong, any ideas?",
    "Any tips on user research with people who use screen readers?",
)
CHAT = (
    "Lunch?",
    "thanks!",
    "Good morning everyone!",
    "We shipped the new release today.",
    "anyone up for coffee?",
    "right?",
    "The slides are in the shared drive.",
    "Great talk, Amara!",
)


def test_questions_are_detected() -> None:
    assert [q for q in QUESTIONS if not is_question(q)] == []


def test_ordinary_chat_is_not_a_question() -> None:
    assert [c for c in CHAT if is_question(c)] == []


def test_asking_openings_count_without_a_question_mark() -> None:
    # Titles and quick chat often drop the "?": these openings still ask.
    for line in (
        "best way to share a large dataset with another department",
        "difference between row level and page level locking",
        "cant connect to the vpn from home",
        "whats the quickest way to anonymise a survey export",
    ):
        assert is_question(line), line
    # The same words in statements and exclamations do not.
    for line in (
        "Can't wait for the meetup!",
        "Cannot make it on Friday, sorry.",
        "Best way to end the week: cake in the kitchen.",
        "The difference between the two drafts is small.",
        "What a great turnout at the workshop.",
    ):
        assert not is_question(line), line


def test_mentions_and_links_do_not_make_a_question() -> None:
    assert not is_question("<@U123> https://example.org/how-do-i?x=1")
    assert is_question("<@U123> how do I export the survey data to CSV?")


def test_empty_and_one_word_questions_lack_detail() -> None:
    assert not is_detailed_enough("")
    assert not is_detailed_enough("   ")
    assert not is_detailed_enough("kubernetes?")
    assert not is_detailed_enough("how?")
    assert is_detailed_enough("kubernetes cron jobs?")
