"""The command catalogue platforms list, with its French translation, and the adapters' own
words: English word for word as the specs say, French from the catalogues."""

from __future__ import annotations

import pytest

from guildbot.bot import features
from guildbot.bot.adapter_support.localised import CataloguePhrases, MemberLocales
from guildbot.bot.grammar import UMBRELLA
from guildbot.bot.i18n import Language, translate_plain
from guildbot.contract.refs import MemberRef
from guildbot.storage.engine import DatabaseUnavailable
from tests.fakes import Harness


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


async def test_member_locales_are_the_language_each_member_chose(harness: Harness) -> None:
    locales = MemberLocales(harness.app.identities)
    await harness.text("zoe", "profile set language fr")
    await harness.text("ana", "profile")
    assert await locales.locale_of(harness.ref("zoe")) == "fr"
    assert await locales.locale_of(harness.ref("ana")) == "en"
    # Someone Guildbot has never met reads the default language; nobody is created.
    assert await locales.locale_of(harness.ref("stranger")) == "en"


async def test_member_locales_that_cannot_be_read_are_none(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def unavailable(ref: MemberRef) -> Language:
        raise DatabaseUnavailable("the database is not answering")

    monkeypatch.setattr(harness.app.identities, "language_of", unavailable)
    assert await MemberLocales(harness.app.identities).locale_of(harness.ref("zoe")) is None
