"""`guildbot teams package`: a zip with a manifest valid for its declared version and two icons."""

from __future__ import annotations

import json
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from guildbot.adapters.teams.manifest import (
    MANIFEST_VERSION,
    SCHEMAS,
    ManifestError,
    _validator,
    manifest,
    package,
    validate,
)
from guildbot.app.cli import main
from guildbot.bot.adapter_support.localised import CataloguePhrases
from guildbot.bot.features import catalogue

PHRASES = CataloguePhrases()
APP_ID = "0d3e5f7a-1111-4222-8333-944455566677"
LINKS = {
    "website": "https://guild.example.gc.ca/about",
    "privacy_url": "https://guild.example.gc.ca/privacy",
    "terms_url": "https://guild.example.gc.ca/terms",
}
OPTIONS = [
    "--website",
    LINKS["website"],
    "--privacy-url",
    LINKS["privacy_url"],
    "--terms-url",
    LINKS["terms_url"],
]
GUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
SEMVER = re.compile(r"^\d+\.\d+\.\d+$")
# What manifest schema 1.17 requires at the top level, and its length limits.
REQUIRED = {
    "manifestVersion",
    "version",
    "id",
    "developer",
    "name",
    "description",
    "icons",
    "accentColor",
}


def _pixels(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height, depth, color_type = struct.unpack(">IIBB", data[16:26])
    assert (depth, color_type) == (8, 6)
    raw = b""
    offset = 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            raw += data[offset + 8 : offset + 8 + length]
        offset += 12 + length
    rows = zlib.decompress(raw)
    stride = 1 + width * 4
    pixels = [
        tuple(rows[y * stride + 1 + x * 4 : y * stride + 5 + x * 4])
        for y in range(height)
        for x in range(width)
    ]
    return width, height, pixels


def test_the_package_holds_a_manifest_valid_for_its_version_and_both_icons(
    tmp_path: Path,
) -> None:
    written = package(APP_ID, tmp_path / "app.zip", catalogue(), phrases=PHRASES, **LINKS)
    with zipfile.ZipFile(written) as archive:
        assert sorted(archive.namelist()) == [
            "color.png",
            "fr.json",
            "manifest.json",
            "outline.png",
        ]
        manifest = json.loads(archive.read("manifest.json"))
        color = _pixels(archive.read("color.png"))
        outline = _pixels(archive.read("outline.png"))

    assert manifest["manifestVersion"] == MANIFEST_VERSION == "1.17"
    assert MANIFEST_VERSION in manifest["$schema"]
    assert manifest.keys() >= REQUIRED
    assert GUID.match(manifest["id"]) and SEMVER.match(manifest["version"])
    developer = manifest["developer"]
    assert {"name", "websiteUrl", "privacyUrl", "termsOfUseUrl"} <= developer.keys()
    assert all(developer[k].startswith("https://") for k in developer if k.endswith("Url"))
    assert 0 < len(manifest["name"]["short"]) <= 30 and len(manifest["name"]["full"]) <= 100
    assert 0 < len(manifest["description"]["short"]) <= 80
    assert 0 < len(manifest["description"]["full"]) <= 4000
    assert re.match(r"^#[0-9A-F]{6}$", manifest["accentColor"])
    # One bot, and it is the app registration the adapter authenticates as.
    [bot] = manifest["bots"]
    assert bot["botId"] == manifest["id"] == APP_ID
    assert set(bot["scopes"]) == {"personal", "team", "groupChat"}
    [commands] = bot["commandLists"]
    # The compose box lists the core's commands: derived from the specs, never a list here.
    assert [c["title"] for c in commands["commands"]] == [
        info.name for info in catalogue().commands
    ][:10]
    for command in commands["commands"]:
        assert len(command["title"]) <= 32 and len(command["description"]) <= 128
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}
    # Teams: color 192x192; outline 32x32, white or transparent only.
    assert color[:2] == (192, 192)
    assert outline[:2] == (32, 32)
    assert all(p[3] == 0 or p[:3] == (255, 255, 255) for p in outline[2])
    assert any(p[3] == 255 for p in outline[2])


def test_guildbot_teams_package_needs_the_app_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("TEAMS_CLIENT_ID", "TEAMS_CLIENT_SECRET", "TEAMS_TENANT_ID", "TEAMS_ANONYMOUS"):
        monkeypatch.delenv(name, raising=False)
    assert main(["teams", "package"]) == 2
    assert capsys.readouterr().err.strip() == (
        "guildbot: TEAMS_CLIENT_ID: required to build the Teams app package (the Microsoft App ID)"
    )
    monkeypatch.setenv("TEAMS_CLIENT_ID", APP_ID)
    # The package names the app; the secret, which only the running bot uses, is not needed.
    assert main(["teams", "package", "--output", "out.zip", "--name", "Guild", *OPTIONS]) == 0
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["bots"][0]["botId"] == APP_ID and manifest["name"]["short"] == "Guild"


@pytest.mark.parametrize(
    ("options", "line"),
    [
        (["--name", " "], "--name: expected 1 to 30 characters"),
        (["--name", "G" * 31], "--name: expected 1 to 30 characters"),
        (["--version", "1.0"], "--version: expected a version such as 1.0.0"),
        (["--developer", "Ministry of " + "x" * 30], "--developer: expected 1 to 32 characters"),
        (["--website", "http://example.org"], "--website: expected an https:// address"),
        (["--terms-url", "https://"], "--terms-url: expected an https:// address"),
    ],
)
def test_details_teams_would_refuse_are_refused_in_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    line: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TEAMS_CLIENT_ID", APP_ID)
    monkeypatch.setenv("TEAMS_CLIENT_SECRET", "a-secret-value")
    assert main(["teams", "package", *OPTIONS, *options]) == 2
    assert capsys.readouterr().err.strip() == f"guildbot: teams package {line}"
    assert list(tmp_path.iterdir()) == []


def test_the_default_manifest_matches_the_published_schema_of_its_version() -> None:
    data = manifest(APP_ID, catalogue(), phrases=PHRASES, **LINKS)
    validate(data)  # raises on the first mismatch
    # No resource-specific consent unless channel routing is asked for.
    assert "authorization" not in data and "webApplicationInfo" not in data


@pytest.mark.parametrize(
    ("change", "where"),
    [
        pytest.param(lambda m: m["bots"][0].update(scopes=["groupchat"]), "bots/0/scopes/0",
                     id="a scope in the wrong case"),
        pytest.param(lambda m: m.pop("id"), "the top level", id="no id"),
        pytest.param(lambda m: m.update(accentColor="green"), "accentColor", id="a bad color"),
        pytest.param(lambda m: m.update(unknown=True), "the top level", id="an unknown key"),
    ],
)  # fmt: skip
def test_a_manifest_that_does_not_match_its_schema_is_refused(change: Any, where: str) -> None:
    data = manifest(APP_ID, catalogue(), phrases=PHRASES, **LINKS)
    change(data)
    with pytest.raises(ManifestError) as refused:
        validate(data)
    message = str(refused.value)
    assert message.startswith("manifest.json: does not match the Teams manifest schema 1.17")
    assert f" at {where}: " in message, message


def test_a_manifest_of_a_version_without_a_shipped_schema_is_refused() -> None:
    data = manifest(APP_ID, catalogue(), phrases=PHRASES, **LINKS)
    for version, schema in (("1.16", data["$schema"]), ("1.17", "https://x.example/v1.99/s.json")):
        with pytest.raises(ManifestError, match="no schema for"):
            validate({**data, "manifestVersion": version, "$schema": schema})
    # The schema's own `const` (a draft-06 keyword in a draft-04 schema) is honoured.
    assert not _validator(SCHEMAS["1.17"]).is_valid({**data, "manifestVersion": "1.16"})


def test_the_links_are_required_and_the_refusal_names_the_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TEAMS_CLIENT_ID", APP_ID)
    assert main(["teams", "package"]) == 2
    line = capsys.readouterr().err.strip()
    assert line.startswith("guildbot: teams package --website, --privacy-url, --terms-url: ")
    assert "example.org" not in line
    assert main(["teams", "package", "--website", LINKS["website"]]) == 2
    assert capsys.readouterr().err.startswith("guildbot: teams package --privacy-url, --terms-url:")
    assert list(tmp_path.iterdir()) == []


def test_channel_routing_asks_for_consent_to_read_channel_and_group_chat_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TEAMS_CLIENT_ID", APP_ID)
    assert main(["teams", "package", *OPTIONS, "--channel-routing"]) == 0
    with zipfile.ZipFile(tmp_path / "guildbot-teams.zip") as archive:
        data = json.loads(archive.read("manifest.json"))
    validate(data)
    assert data["authorization"]["permissions"]["resourceSpecific"] == [
        {"name": "ChannelMessage.Read.Group", "type": "Application"},
        {"name": "ChatMessage.Read.Chat", "type": "Application"},
    ]
    # Teams requires webApplicationInfo (the app registration) for resource-specific consent.
    assert data["webApplicationInfo"]["id"] == APP_ID and data["webApplicationInfo"]["resource"]
    # ... and says what the bot does with what it reads.
    assert "reads the messages" in data["description"]["full"]
