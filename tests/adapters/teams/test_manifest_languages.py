"""The Teams app package in English and French: manifest.json in English (word for word as
before), and fr.json, named in localizationInfo, with the app's and the commands' French
descriptions, which Teams shows a member whose client is in French."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from guildbot.adapters.teams.manifest import LOCALIZATION_SCHEMA, localizations, manifest, package
from guildbot.bot.features import catalogue
from guildbot.bot.i18n import translate_plain
from tests.adapters.teams.test_manifest import APP_ID, LINKS, PHRASES


def _manifest(channel_messages: bool = False) -> dict[str, Any]:
    return manifest(
        APP_ID,
        catalogue(),
        phrases=PHRASES,
        website=LINKS["website"],
        privacy_url=LINKS["privacy_url"],
        terms_url=LINKS["terms_url"],
        channel_messages=channel_messages,
    )


def test_the_manifest_is_in_english_and_names_the_french_file() -> None:
    data = _manifest()
    assert data["localizationInfo"] == {
        "defaultLanguageTag": "en",
        "additionalLanguages": [{"languageTag": "fr", "file": "fr.json"}],
    }
    assert data["name"]["full"] == "Guildbot for communities of practice"
    assert data["description"]["short"] == (
        "Find colleagues who know, coffee intros, community calendars."
    )
    assert data["description"]["full"].startswith("Guildbot connects people who share a craft")
    [commands] = data["bots"][0]["commandLists"]
    ask = next(c for c in commands["commands"] if c["title"] == "ask")
    assert ask["description"] == "Ask a question; I find colleagues who know and connect you"


def test_the_french_file_has_every_string_teams_localises_and_the_same_command_titles(
    tmp_path: Path,
) -> None:
    written = package(APP_ID, tmp_path / "app.zip", catalogue(), phrases=PHRASES, **LINKS)
    with zipfile.ZipFile(written) as archive:
        english = json.loads(archive.read("manifest.json"))
        french = json.loads(archive.read("fr.json"))
    assert french["$schema"] == LOCALIZATION_SCHEMA and "v1.17" in LOCALIZATION_SCHEMA
    assert french["name.short"] == "Guildbot"
    assert french["name.full"] == "Guildbot pour les communautés de pratique"
    assert french["description.short"].startswith("Collègues qui savent")
    assert len(french["description.short"]) <= 80 and len(french["name.full"]) <= 100
    assert french["description.full"].startswith("Guildbot met en relation")
    listed = english["bots"][0]["commandLists"][0]["commands"]
    for number, command in enumerate(listed):
        key = f"bots[0].commandLists[0].commands[{number}]"
        assert french[f"{key}.title"] == command["title"]  # what is typed stays the same
        summary = translate_plain("fr", f"command-{command['title']}")
        assert french[f"{key}.description"] == summary[:1].upper() + summary[1:]
        assert len(french[f"{key}.description"]) <= 128
    assert f"bots[0].commandLists[0].commands[{len(listed)}].title" not in french


def test_with_channel_routing_the_french_file_says_what_is_read_too() -> None:
    [french] = localizations(catalogue(), phrases=PHRASES, channel_messages=True).values()
    assert "il lit les messages" in french["description.full"]
    data = _manifest(channel_messages=True)
    assert data["description"]["full"].endswith("it keeps only the questions it routes.")
