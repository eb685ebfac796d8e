"""Which `ask` form a command line is: a mistyped form is recognised only with the arguments
that form takes; anything else is left to be a question."""

from hypothesis import given
from hypothesis import strategies as st

from guildbot.bot.features.questions.forms import FORMS, mistyped_form


def test_mistyped_forms_with_their_arguments() -> None:
    assert mistyped_form(("clsoe", "1")) == "close"
    assert mistyped_form(("sugest", "#4", "@lea")) == "suggest"
    assert mistyped_form(("mdoe", "off")) == "mode"
    assert mistyped_form(("mnie",)) == "mine"
    assert mistyped_form(("clsoe", "the", "gap")) is None  # words, not an id
    assert mistyped_form(("closing", "reports")) is None
    assert mistyped_form(("how", "do", "I")) is None
    assert mistyped_form(()) is None


@given(st.lists(st.text(max_size=20), max_size=6))
def test_any_words_give_a_form_or_nothing(words: list[str]) -> None:
    found = mistyped_form(tuple(words))
    assert found is None or found in FORMS
