"""Discord shows a member whose client is in French the commands' descriptions in French:
the commands registered carry ``description_localizations`` (``fr``) from the catalogues,
for commands, subcommands and options; English stays the default, word for word."""

from __future__ import annotations

from typing import Any

from guildbot.adapters.discord.commands import same_commands
from guildbot.app.build import Guildbot
from guildbot.bot.features import catalogue
from guildbot.bot.i18n import translate_plain
from tests.adapters.discord.mock_discord import MockDiscord
from tests.adapters.discord.test_sync import COMMANDS, restart


def _named(items: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(item for item in items if item["name"] == name)


async def test_the_commands_registered_carry_their_french_descriptions(
    app: Guildbot, mock_discord: MockDiscord
) -> None:
    await restart(mock_discord, app)
    assert len(mock_discord.requests("PUT", COMMANDS)) == 1
    sent = mock_discord.commands  # what the PUT registered
    ask = _named(sent, "ask")
    assert ask["description"] == "ask a question; I find colleagues who know and connect you"
    assert ask["description_localizations"] == {"fr": translate_plain("fr", "command-ask")}
    [question] = ask["options"]
    assert question["description_localizations"]["fr"].startswith("Votre question — ou")
    guild = _named(sent, "guild")
    assert guild["description"] == "Any Guildbot command (try: help)"
    assert guild["description_localizations"] == {
        "fr": "N'importe quelle commande de Guildbot (essayez\u00a0: aide)"
    }
    coffee = _named(sent, "coffee")
    assert coffee["description_localizations"]["fr"].startswith("cafés-rencontres")
    join = _named(coffee["options"], "join")
    community = _named(join["options"], "community")
    assert community["description"] == "Which community (its name or slug)"
    assert community["description_localizations"] == {
        "fr": "Quelle communauté (son nom ou son identifiant)"
    }
    # Only French is translated; Discord's other locales read the English default.
    locales = {tag for command in sent for tag in command.get("description_localizations", {})}
    assert locales == {"fr"}


async def test_a_form_without_french_yet_keeps_its_english_alone(
    app: Guildbot, mock_discord: MockDiscord
) -> None:
    await restart(mock_discord, app)
    sent = mock_discord.commands
    guild = _named(sent, "guild")
    assert guild["options"][0]["description_localizations"] == {
        "fr": "Une ligne de commande, p. ex. aide · profil · expertise add k8s"
    }
    french = catalogue().translated("fr")
    assert french is not None
    untranslated = [
        (info.name, form.name)
        for info, french_info in zip(catalogue().commands, french.commands, strict=True)
        for form, french_form in zip(info.forms, french_info.forms, strict=True)
        if form.summary == french_form.summary
    ]
    for command, form in untranslated:
        if command in {"coffee", "event", "announce"}:  # groups of their own on Discord
            option = _named(_named(sent, command)["options"], form)
            assert option.get("description_localizations", {}) == {}


async def test_commands_registered_before_the_translations_are_registered_again(
    app: Guildbot, mock_discord: MockDiscord
) -> None:
    await restart(mock_discord, app)
    for command in mock_discord.commands:  # as an English-only Guildbot left them
        command.pop("description_localizations", None)
    await restart(mock_discord, app)
    assert len(mock_discord.requests("PUT", COMMANDS)) == 2
    await restart(mock_discord, app)
    assert len(mock_discord.requests("PUT", COMMANDS)) == 2  # and then left alone


def test_a_changed_translation_counts_as_a_change() -> None:
    local = [{"name": "x", "description": "d", "description_localizations": {"fr": "a"}}]
    registered = [{"name": "x", "description": "d", "description_localizations": {"fr": "b"}}]
    assert not same_commands(local, registered)
    assert same_commands(local, [dict(local[0])])
