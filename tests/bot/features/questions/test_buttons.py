"""The values expert routing's buttons carry read back as what was written, whatever comes
back from a platform is read without an error, and values written by earlier versions still
work."""

from hypothesis import given
from hypothesis import strategies as st

from guildbot.bot.features.questions.buttons import (
    EarlierAnswerValue,
    QuestionValue,
    ResolvedByValue,
)
from guildbot.contract.outbound import MAX_BUTTON_VALUE

ids = st.integers(min_value=1, max_value=10**18 - 1)


@given(ids)
def test_a_question_value_reads_back_as_written(question_id: int) -> None:
    value = QuestionValue(question_id)
    assert QuestionValue.decode(value.encode()) == value
    assert len(value.encode()) <= MAX_BUTTON_VALUE


@given(ids, ids)
def test_a_resolved_by_value_reads_back_as_written(question_id: int, member_id: int) -> None:
    value = ResolvedByValue(question_id, member_id)
    assert ResolvedByValue.decode(value.encode()) == value
    assert len(value.encode()) <= MAX_BUTTON_VALUE


@given(ids, ids)
def test_an_earlier_answer_value_reads_back_as_written(question_id: int, earlier_id: int) -> None:
    value = EarlierAnswerValue(question_id, earlier_id)
    assert EarlierAnswerValue.decode(value.encode()) == value
    assert len(value.encode()) <= MAX_BUTTON_VALUE


@given(st.text())
def test_decoding_anything_never_raises(text: str) -> None:
    for decoded in (
        QuestionValue.decode(text),
        ResolvedByValue.decode(text),
        EarlierAnswerValue.decode(text),
    ):
        assert decoded is None or decoded.encode().isascii()


@given(ids, ids)
def test_one_kind_of_value_is_not_read_as_the_other(question_id: int, member_id: int) -> None:
    assert QuestionValue.decode(ResolvedByValue(question_id, member_id).encode()) is None
    assert ResolvedByValue.decode(QuestionValue(question_id).encode()) is None


def test_values_as_earlier_versions_wrote_them() -> None:
    assert QuestionValue.decode("12") == QuestionValue(12)
    assert QuestionValue.decode(" #12 ") == QuestionValue(12)
    assert ResolvedByValue.decode("12:34") == ResolvedByValue(12, 34)


def test_values_that_name_nothing() -> None:
    for value in ("", "0", "-3", "12.5", "１２", "1e3", "~abc", "9" * 19):
        assert QuestionValue.decode(value) is None, value
    for value in ("12", "12:", ":34", "12:0", "12:34:56", "a:b"):
        assert ResolvedByValue.decode(value) is None, value
        assert EarlierAnswerValue.decode(value) is None, value
