"""Messages in the reader's language, with values that are never read as markup."""

import logging
from pathlib import Path

import pytest

from guildbot.bot.i18n import Language, translate
from guildbot.bot.i18n.catalogue import Catalogue, CatalogueError
from guildbot.contract.refs import MemberRef
from guildbot.contract.richtext import Bold, Code, Mention, RichText, Text


def test_a_value_is_shown_as_written_never_as_markup() -> None:
    typed = "*not bold* `not code` {not a value} \ue000typed\ue001"
    text = translate("fr", "router-unknown-command-suggest", typed=typed, suggestion="aide")
    assert text.pieces == (
        Text(f"Je ne connais pas la commande «\u00a0{typed}\u00a0». Vouliez-vous dire "),
        Code("aide"),
        Text("\u202f?"),
    )


def test_a_piece_given_as_a_value_stays_that_piece() -> None:
    ana = Mention(MemberRef("slack", "T1", "U1"), "Ana")
    text = translate("en", "profile-department", value=RichText.of(ana))
    assert text.pieces == (Text("• Department: "), ana)


@pytest.mark.parametrize(
    ("language", "count", "shown"),
    [
        ("fr", 0, "• Expertise\u00a0: aucune compétence déclarée"),
        ("fr", 1, "• Expertise\u00a0: k8s (1 compétence)"),
        ("fr", 2, "• Expertise\u00a0: k8s (2 compétences)"),
        ("fr", 1500, "• Expertise\u00a0: k8s (1\u202f500 compétences)"),
        ("en", 0, "• Expertise: none declared yet"),
        ("en", 1, "• Expertise: k8s (1 skill)"),
        ("en", 2, "• Expertise: k8s (2 skills)"),
        ("en", 1500, "• Expertise: k8s (1,500 skills)"),
    ],
)
def test_plurals_and_numbers_follow_each_language(language: str, count: int, shown: str) -> None:
    assert translate(language, "profile-expertise", count=count, skills="k8s").plain() == shown


@pytest.mark.parametrize("language", list(Language))
def test_an_id_is_written_without_separators_a_count_with_them(language: Language) -> None:
    # An id is typed back in commands (`event show 12345`); a count is read.
    assert "event show 12345 " in translate(language, "calendar-post-context", id=12345).plain()
    places = translate(language, "calendar-post-places", n=12345).plain()
    assert places == {Language.EN: "• 12,345 places", Language.FR: "• 12\u202f345 places"}[language]


def test_a_word_selects_a_variant() -> None:
    assert translate("en", "profile-language", language="fr").plain() == "• Language: French"
    assert translate("fr", "profile-language", language="en").plain() == "• Langue\u00a0: anglais"
    # Anything but a variant's key is the default variant.
    assert translate("fr", "profile-language", language="de").plain() == "• Langue\u00a0: français"


def test_a_regional_or_unknown_locale_reads_its_language_or_english() -> None:
    assert translate("fr-CA", "directory-cancel").plain() == "Annuler"
    assert translate("de-DE", "directory-cancel").plain() == "Cancel"
    assert translate("", "directory-cancel").plain() == "Cancel"


def _catalogue(root: Path, english: str, french: str) -> Catalogue:
    for language, text in (("en", english), ("fr", french)):
        (root / language).mkdir(parents=True)
        (root / language / "test.ftl").write_text(text, encoding="utf-8")
    return Catalogue.load(root)


def test_a_message_not_yet_in_french_falls_back_to_english_and_says_so_at_debug(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    catalogue = _catalogue(tmp_path, "hello = Hello *{ $name }*\n", "")
    with caplog.at_level(logging.DEBUG, logger="guildbot.bot.i18n.catalogue"):
        text = catalogue.translate("fr", "hello", name="Zoé")
    assert text.pieces == (Text("Hello "), Bold("Zoé"))
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.DEBUG, "message hello not in fr yet; English used")
    ]


def test_what_cannot_be_formatted_is_shown_as_best_it_can_never_raised(tmp_path: Path) -> None:
    catalogue = _catalogue(
        tmp_path, "hello = Hello { $name }\nodd = *half bold { $name }\n", "hello = Salut\n"
    )
    assert catalogue.translate("en", "nowhere").plain() == "nowhere"
    assert catalogue.translate("en", "hello").plain() == "Hello name"  # a value nobody gave
    odd = catalogue.translate("en", "odd", name="*x y*")
    assert odd.pieces == (Text("*half bold *x y*"),)
    assert catalogue.translate(Language.FR, "hello", name="x").plain() == "Salut"


def test_a_catalogue_fluent_cannot_read_stops_loading_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"fr/test\.ftl"):
        _catalogue(tmp_path, "hello = Hello\n", "hello = { unclosed\n")
