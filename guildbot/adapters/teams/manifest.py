"""The Teams app package: ``manifest.json`` and its two icons, zipped for an administrator.

The manifest declares one bot (the Azure Bot's Microsoft App ID) in the personal, team and
group-chat scopes, with the commands the grammar answers. Icons are drawn here (a plain
color square and a transparent outline) so the repository holds no binary files; Teams
requires a 192×192 color icon and a 32×32 white-on-transparent outline icon.

With channel routing asked for, the manifest requests resource-specific consent to read
channel and group-chat messages: without it Teams delivers a bot only the messages that
@mention it there, so questions asked in a channel would never reach the core.

Every manifest is checked against the published JSON schema of the version it declares
before anything is written (`validate`). The schema ships with Guildbot (``schemas/``, as
Microsoft publishes it, from the MIT-licensed ``@microsoft/app-manifest`` 1.1.2 package):
`guildbot teams package` runs where there may be no internet.

Its words are the catalogues' (`Phrases`, ``adapters-teams-…``; the commands' summaries are
help's): ``manifest.json`` in English, and one localization file per other language
(``fr.json``), named in ``localizationInfo``, which Teams shows a member whose client is in
that language. Command titles stay the grammar's words: they are what is typed.
"""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
import zlib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, Draft6Validator, validators
from jsonschema.exceptions import best_match

from guildbot.contract.commands import CommandCatalogue
from guildbot.contract.phrases import Phrases

MANIFEST_VERSION = "1.17"
MANIFEST_SCHEMA = (
    "https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json"
)
LOCALIZATION_SCHEMA = (
    "https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/"
    "MicrosoftTeams.Localization.schema.json"
)
MAX_FULL_NAME = 100
MAX_SHORT_DESCRIPTION = 80
COLOR_ICON = "color.png"
OUTLINE_ICON = "outline.png"
ACCENT = (0x2E, 0x5E, 0x4E)  # guild green
# What the compose box suggests: the core's commands (every one also works after @Guildbot
# in a channel). Teams shows at most ten, with titles of 32 and descriptions of 128.
MAX_COMMANDS = 10
MAX_COMMAND_TITLE = 32
MAX_COMMAND_DESCRIPTION = 128


_SEMVER = re.compile(r"^\d{1,9}\.\d{1,9}\.\d{1,9}$")
MAX_DEVELOPER = 32  # manifest 1.17: developer.name
MAX_SHORT_NAME = 30
# The schema file of each manifest version Guildbot writes (package data, see the docstring).
SCHEMAS = {"1.17": "MicrosoftTeams.v1.17.schema.json"}
# Resource-specific consent: every message of the channels (of a team) and of the group
# chats the app is installed in, not only those that @mention the bot.
CHANNEL_MESSAGE_PERMISSIONS = ("ChannelMessage.Read.Group", "ChatMessage.Read.Chat")
LINK_OPTIONS = ("--website", "--privacy-url", "--terms-url")


class ManifestError(ValueError):
    """A detail the manifest schema would refuse; `option` is the command-line option."""

    def __init__(self, option: str, reason: str) -> None:
        super().__init__(f"{option}: {reason}")
        self.option = option


def check_details(
    *,
    name: str,
    version: str,
    developer: str,
    website: str | None,
    privacy_url: str | None,
    terms_url: str | None,
) -> None:
    """Refuse what Teams would refuse at upload, naming the option (one clear line).

    The three links have no default: Teams shows them on the app's About page, and an
    example address there would send members to a page that is not the organisation's."""
    links = {"--website": website, "--privacy-url": privacy_url, "--terms-url": terms_url}
    missing = [option for option, url in links.items() if not (url or "").strip()]
    if missing:
        raise ManifestError(
            ", ".join(missing),
            "required: the https:// addresses of your organisation's page about Guildbot, "
            "its privacy statement and its terms of use (Teams shows them on the app's "
            "About page)",
        )
    if not name.strip() or len(name) > MAX_SHORT_NAME:
        raise ManifestError("--name", f"expected 1 to {MAX_SHORT_NAME} characters")
    if not _SEMVER.match(version):
        raise ManifestError("--version", "expected a version such as 1.0.0")
    if not developer.strip() or len(developer) > MAX_DEVELOPER:
        raise ManifestError("--developer", f"expected 1 to {MAX_DEVELOPER} characters")
    for option, url in links.items():
        if not re.match(r"^https://[^\s/]+\.[^\s]*$", url or "") or len(url or "") > 2048:
            raise ManifestError(option, "expected an https:// address")


def manifest(
    bot_id: str,
    commands: CommandCatalogue,
    *,
    phrases: Phrases,
    website: str | None,
    privacy_url: str | None,
    terms_url: str | None,
    name: str = "Guildbot",
    version: str = "1.0.0",
    developer: str = "Guildbot",
    valid_domain: str | None = None,
    channel_messages: bool = False,
) -> dict[str, Any]:
    """The manifest for an app whose bot is the Azure Bot `bot_id` (its Microsoft App ID).

    The app id is the bot id too: Teams accepts that, and it keeps one id to look after.
    `channel_messages` requests resource-specific consent to receive every message of the
    channels and group chats the app is added to (channel routing). Raises `ManifestError`
    for a detail the schema would refuse, and when the result does not match the schema.
    """
    check_details(
        name=name,
        version=version,
        developer=developer,
        website=website,
        privacy_url=privacy_url,
        terms_url=terms_url,
    )
    assert website and privacy_url and terms_url  # checked above
    scopes = ["personal", "team", "groupChat"]
    default, *others = phrases.languages
    words = _words(phrases, default, name, channel_messages)
    data: dict[str, Any] = {
        "$schema": MANIFEST_SCHEMA,
        "manifestVersion": MANIFEST_VERSION,
        "version": version,
        "id": bot_id,
        "developer": {
            "name": developer,
            "websiteUrl": website,
            "privacyUrl": privacy_url,
            "termsOfUseUrl": terms_url,
        },
        "name": {"short": name.strip(), "full": words["name.full"]},
        "description": {"short": words["description.short"], "full": words["description.full"]},
        "localizationInfo": {
            "defaultLanguageTag": default,
            "additionalLanguages": [{"languageTag": tag, "file": f"{tag}.json"} for tag in others],
        },
        "icons": {"color": COLOR_ICON, "outline": OUTLINE_ICON},
        "accentColor": "#{:02X}{:02X}{:02X}".format(*ACCENT),
        "bots": [
            {
                "botId": bot_id,
                "scopes": scopes,
                "isNotificationOnly": False,
                "supportsFiles": False,
                "commandLists": [
                    {
                        "scopes": scopes,
                        "commands": [
                            {"title": title, "description": description}
                            for title, description in _commands(commands)
                        ],
                    }
                ],
            }
        ],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [valid_domain] if valid_domain else [],
    }
    if channel_messages:
        # `resource` has no use for consent, but Teams refuses the block without one.
        data["webApplicationInfo"] = {"id": bot_id, "resource": f"api://{bot_id}"}
        data["authorization"] = {
            "permissions": {
                "resourceSpecific": [
                    {"name": permission, "type": "Application"}
                    for permission in CHANNEL_MESSAGE_PERMISSIONS
                ]
            }
        }
    validate(data)
    return data


def localizations(
    commands: CommandCatalogue,
    *,
    phrases: Phrases,
    name: str = "Guildbot",
    channel_messages: bool = False,
) -> dict[str, dict[str, str]]:
    """The localization file of each language but the default, by file name (``fr.json``):
    the app's name and descriptions, and each command's description, in that language (a
    command not translated keeps its English summary)."""
    files: dict[str, dict[str, str]] = {}
    for tag in phrases.languages[1:]:
        translated = commands.translated(tag) or commands
        data = {"$schema": LOCALIZATION_SCHEMA, "name.short": name.strip()}
        data.update(_words(phrases, tag, name, channel_messages))
        for number, (title, description) in enumerate(_commands(translated)):
            key = f"bots[0].commandLists[0].commands[{number}]"
            data[f"{key}.title"] = title
            data[f"{key}.description"] = description
        files[f"{tag}.json"] = data
    return files


def _words(phrases: Phrases, tag: str, name: str, channel_messages: bool) -> dict[str, str]:
    """The app's full name and descriptions in the language `tag`."""
    description = phrases.translate_plain(tag, "adapters-teams-description-full")
    if channel_messages:
        # Teams asks apps that read messages to say how they use them.
        description += " " + phrases.translate_plain(tag, "adapters-teams-channel-messages")
    return {
        "name.full": phrases.translate_plain(tag, "adapters-teams-name-full", name=name)[
            :MAX_FULL_NAME
        ],
        "description.short": phrases.translate_plain(tag, "adapters-teams-description-short")[
            :MAX_SHORT_DESCRIPTION
        ],
        "description.full": description,
    }


def _commands(commands: CommandCatalogue) -> list[tuple[str, str]]:
    """What the compose box suggests: each command's title and description."""
    return [
        (info.name[:MAX_COMMAND_TITLE], _sentence(info.summary)[:MAX_COMMAND_DESCRIPTION])
        for info in commands.commands[:MAX_COMMANDS]
    ]


def validate(data: Mapping[str, Any]) -> None:
    """Check a manifest against the published schema of the version it declares; raise
    `ManifestError` naming the first place that does not match."""
    version = data.get("manifestVersion")
    schema_file = SCHEMAS.get(version) if isinstance(version, str) else None
    if schema_file is None or str(data.get("$schema", "")).split("/")[-2:-1] != [f"v{version}"]:
        raise ManifestError(
            "manifest.json", f"declares a manifest version Guildbot has no schema for: {version}"
        )
    error = best_match(_validator(schema_file).iter_errors(data))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "the top level"
        raise ManifestError(
            "manifest.json",
            f"does not match the Teams manifest schema {version} at {where}: {error.message}",
        )


@cache
def _validator(schema_file: str) -> Any:
    schema = json.loads(
        resources.files(__package__).joinpath("schemas", schema_file).read_text("utf-8")
    )
    # The schema says draft-04 but uses `const` (draft-06), which Microsoft's own validator
    # honours: without it a wrong manifestVersion would pass.
    # (types-jsonschema leaves `extend` unannotated.)
    checker = validators.extend(  # type: ignore[no-untyped-call]
        Draft4Validator, {"const": Draft6Validator.VALIDATORS["const"]}
    )
    checker.check_schema(schema)
    return checker(schema)


def png(width: int, height: int, pixel: Any) -> bytes:
    """A truecolor-with-alpha PNG; `pixel(x, y)` gives (r, g, b, a)."""
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height)
    )

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def color_icon() -> bytes:
    """192×192: the accent color with a white ring (Teams shows it on a tile)."""

    def pixel(x: int, y: int) -> tuple[int, int, int, int]:
        distance = ((x - 95.5) ** 2 + (y - 95.5) ** 2) ** 0.5
        return (255, 255, 255, 255) if 44 <= distance <= 60 else (*ACCENT, 255)

    return png(192, 192, pixel)


def outline_icon() -> bytes:
    """32×32: a white ring on transparency (Teams requires white and transparent only)."""

    def pixel(x: int, y: int) -> tuple[int, int, int, int]:
        distance = ((x - 15.5) ** 2 + (y - 15.5) ** 2) ** 0.5
        return (255, 255, 255, 255) if 9 <= distance <= 13 else (255, 255, 255, 0)

    return png(32, 32, pixel)


def _sentence(summary: str) -> str:
    return summary[:1].upper() + summary[1:]


def package(
    bot_id: str, destination: Path, commands: CommandCatalogue, *, phrases: Phrases, **details: Any
) -> Path:
    """Write the zip an administrator uploads (Teams admin center -> Manage apps -> Upload)."""
    data = manifest(bot_id, commands, phrases=phrases, **details)
    files = localizations(
        commands,
        phrases=phrases,
        name=details.get("name", "Guildbot"),
        channel_messages=details.get("channel_messages", False),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(data, indent=2, ensure_ascii=False))
        for file_name, strings in files.items():
            archive.writestr(file_name, json.dumps(strings, indent=2, ensure_ascii=False))
        archive.writestr(COLOR_ICON, color_icon())
        archive.writestr(OUTLINE_ICON, outline_icon())
    destination.write_bytes(buffer.getvalue())
    return destination
