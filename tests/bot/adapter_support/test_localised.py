"""The command catalogue platforms list, with its French translation, and the adapters' own
words: English word for word as the specs say, French from the catalogues."""

from __future__ import annotations

from guildbot.bot import features
from guildbot.bot.adapter_support.localised import CataloguePhrases
from guildbot.bot.grammar import UMBRELLA
from guildbot.bot.i18n import translate_plain


def test_the_english_catalogue_is_the_specs_and_the_adapters_english_says_the_same() -> None:
    english = features.catalogue()
    assert english.umbrella == UMBRELLA
    assert translate_plain("en", "adapters-umbrella-summary") == UMBRELLA.summary
    assert UMBRELLA.line is not None
    assert translate_plain("en", "adapters-umbrella-prompt") == UMBRELLA.line.prompt
    ask = english.get("ask")
    assert ask is not None and ask.line is not None
    assert translate_plain("en", "adapters-ask-prompt") == ask.line.prompt


def test_the_french_catalogue_has_the_same_commands_with_french_words() -> None:
    english = features.catalogue()
    french = english.translated("fr")
    assert french is not None and french.translations == ()
    assert [c.name for c in french.commands] == [c.name for c in english.commands]
    for ours, theirs in zip(english.commands, french.commands, strict=True):
        assert [f.name for f in theirs.forms] == [f.name for f in ours.forms]
        assert [f.usage for f in theirs.forms] == [f.usage for f in ours.forms]
        assert theirs.summary == translate_plain("fr", f"command-{ours.name}")
    profile = french.get("profile")
    assert profile is not None
    assert [f.summary for f in profile.forms] == [
        "afficher votre profil",
        "modifier un champ de votre profil",
    ]
    assert french.umbrella.name == "guild"
    assert french.umbrella.summary.startswith("N'importe quelle commande")
    assert english.translated("de") is None


def test_phrases_answer_in_the_locale_s_language_else_the_default_locale_s() -> None:
    phrases = CataloguePhrases()
    assert phrases.languages == ("en", "fr")
    message = "adapters-discord-option-event"
    assert phrases.translate_plain("fr-CA", message) == "Quel événement (son numéro)"
    assert phrases.translate_plain("pt-BR", message) == "Which event (its number)"
    assert phrases.translate_plain(None, message) == "Which event (its number)"
    assert CataloguePhrases("fr-CA").translate_plain(None, message) == "Quel événement (son numéro)"
