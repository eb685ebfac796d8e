"""The catalogue check of `make test`: both languages whole, the same variables, every id
the code names present and every message used; and the check fails on planted mistakes."""

from pathlib import Path

from guildbot.bot import features
from guildbot.bot.features.help.copy import summary_id
from guildbot.bot.i18n import Language, catalogue
from guildbot.bot.i18n.catalogue import Catalogue
from guildbot.bot.i18n.checks import (
    catalogue_problems,
    ids_in_code,
    literals_in,
    usage_problems,
)
from guildbot.bot.registry import merged

PACKAGE = Path(__file__).parents[3] / "guildbot"
# Ids the code builds rather than names: help's summaries (`help.copy.summary_id`), and the
# coffee reasons' parts, looked up by kind (their own test checks every kind has one).
BUILT = ("command-", "form-", "coffee-reason-", "coffee-alone-")


def test_every_message_is_in_english_and_french_with_the_same_variables() -> None:
    assert catalogue_problems(catalogue()) == []


def test_every_id_the_code_names_exists_and_every_message_is_used() -> None:
    used = ids_in_code(PACKAGE.rglob("*.py"))
    assert len(used) >= 30  # the scan sees the calls (a scan that finds none proves nothing)
    assert usage_problems(catalogue(), used, BUILT) == []


def test_every_command_has_its_summary_in_both_languages_as_its_spec_says() -> None:
    commands = merged(features.SPECS)
    english = {name: catalogue().translate("en", summary_id(name)).plain() for name in commands}
    assert english == {name: spec.summary for name, spec in commands.items()}
    for name in commands:
        for language in Language:
            assert catalogue().has(language, summary_id(name)), (name, language)
    for name, spec in commands.items():  # and every form of every command
        for sub in spec.subcommands:
            message_id = summary_id(name, sub.name)
            assert catalogue().translate("en", message_id).plain() == sub.summary, message_id
            assert catalogue().has(Language.FR, message_id), message_id


def _catalogue(root: Path, english: str, french: str) -> Catalogue:
    (root / "en").mkdir(parents=True)
    (root / "fr").mkdir()
    (root / "en" / "test.ftl").write_text(english, encoding="utf-8")
    (root / "fr" / "test.ftl").write_text(french, encoding="utf-8")
    return Catalogue.load(root)


def test_the_check_fails_on_planted_mismatches(tmp_path: Path) -> None:
    planted = _catalogue(
        tmp_path,
        "greeting = Hello { $name }\n"
        "only-english = Hi\n"
        "people = { $count ->\n  [one] one person\n *[other] { $count } people\n}\n"
        "bold = *Bold { $name }\n",
        "greeting = Bonjour { $nom }\n"
        "only-french = Salut\n"
        "people = { $count ->\n  [one] { $count } personne\n *[other] { $count } personnes\n}\n"
        "bold = *Gras* { $name }\n",
    )
    assert catalogue_problems(planted) == [
        "bold in en: unbalanced * or `",
        "bold in en: unbalanced * or `",
        "greeting: variables ['nom'] in fr, ['name'] in en",
        "only-english: missing in fr",
        "only-french: missing in en",
    ]


def test_the_check_finds_ids_the_code_names_that_no_catalogue_has(tmp_path: Path) -> None:
    planted = _catalogue(tmp_path / "locales", "used = Used\nunused = Unused\n", "used = Utilisé\n")
    source = tmp_path / "copy.py"
    source.write_text(
        "def f(language):\n"
        "    return translate(language, 'used'), catalogue.translate_plain(language, 'typo')\n",
        encoding="utf-8",
    )
    used = ids_in_code([source])
    assert set(used) == {"used", "typo"}
    assert usage_problems(planted, used, ()) == [
        f"typo: used at {source}:2 but in no catalogue",
        "unused: in the catalogue but never used",
    ]


# What is translated so far: its copy writes no English of its own (each later slice adds
# its modules or functions here).
TRANSLATED: dict[str, tuple[str, ...] | None] = {
    "bot/features/help/copy.py": None,
    "bot/features/directory/copy.py": (
        "profile",
        "profile_hint",
        "timezone_set",
        "title_set",
        "department_set",
        "language_set",
        "unknown_language",
        "no_such_department",
        "use_department",
        "create_department",
        "cancel",
        "nothing_changed",
    ),
    "bot/features/directory/profile.py": ("set", "set_language", "_did_you_mean"),
}


def test_translated_copy_writes_no_english_of_its_own() -> None:
    found = [
        literal
        for path, functions in TRANSLATED.items()
        for literal in literals_in(PACKAGE / path, functions)
    ]
    assert found == []


def test_the_literal_check_finds_a_sentence_written_in_code(tmp_path: Path) -> None:
    source = tmp_path / "copy.py"
    source.write_text(
        '"""A module docstring is not chat."""\n'
        "def hello(name):\n"
        '    """Nor a docstring."""\n'
        "    return say('Hello there, {name}', name=name)\n"
        "def fine(language):\n"
        "    return translate(language, 'profile-hint'), f'{language} x'\n",
        encoding="utf-8",
    )
    assert literals_in(source) == [f"{source}:4: Hello there, {{name}}"]
    assert literals_in(source, ["fine"]) == []
