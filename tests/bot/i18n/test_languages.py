"""Which language a member reads, and what they may type to choose it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guildbot.bot.i18n import Language, chosen_locale, language_of, parse_language
from guildbot.bot.i18n.languages import MAX_LOCALE


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("fr", (Language.FR, None)),
        (" FR ", (Language.FR, None)),
        ("français", (Language.FR, None)),
        ("Francais", (Language.FR, None)),
        ("French", (Language.FR, None)),
        ("fr-CA", (Language.FR, "fr-CA")),
        ("fr_ca", (Language.FR, "fr-CA")),
        ("en", (Language.EN, None)),
        ("English", (Language.EN, None)),
        ("anglais", (Language.EN, None)),
        ("en-gb", (Language.EN, "en-GB")),
        ("klingon", None),
        ("de", None),
        ("de-CH", None),
        ("", None),
        ("fr-", None),
        ("fr-CA-x-averyveryverylongtag", None),
    ],
)
def test_what_members_type_for_a_language(typed: str, parsed: object) -> None:
    assert parse_language(typed) == parsed


@given(st.text(max_size=40))
def test_any_text_is_a_language_we_speak_or_refused_never_an_error(typed: str) -> None:
    parsed = parse_language(typed)
    if parsed is None:
        return
    language, tag = parsed
    assert language in Language
    if tag is not None:
        assert len(tag) <= MAX_LOCALE
        assert language_of(tag) is language
        assert parse_language(tag) == parsed  # what is kept reads back the same


@given(st.sampled_from(list(Language)), st.text(max_size=20))
def test_a_chosen_locale_is_of_the_chosen_language_and_fits_its_column(
    language: Language, current: str
) -> None:
    locale = chosen_locale(language, None, current)
    assert language_of(locale) is language
    assert len(locale) <= MAX_LOCALE


def test_a_member_keeps_their_region_when_they_change_language() -> None:
    assert chosen_locale(Language.EN, None, "fr-CA") == "en-CA"
    assert chosen_locale(Language.FR, None, "en") == "fr"
    assert chosen_locale(Language.FR, "fr-BE", "en-CA") == "fr-BE"


def test_the_language_of_a_locale_or_the_default() -> None:
    assert language_of("fr-CA") is Language.FR
    assert language_of("en_GB") is Language.EN
    assert language_of("pt-BR") is Language.EN
    assert language_of("pt-BR", Language.FR) is Language.FR
    assert language_of(None, Language.FR) is Language.FR
