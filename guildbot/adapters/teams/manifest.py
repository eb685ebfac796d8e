"""The Teams app package: ``manifest.json`` and its two icons, zipped for an administrator.

The manifest declares one bot (the Azure Bot's Microsoft App ID) in the personal, team and
group-chat scopes, with the commands the grammar answers. Icons are drawn here (a plain
color square and a transparent outline) so the repository holds no binary files; Teams
requires a 192×192 color icon and a 32×32 white-on-transparent outline icon.
"""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

from guildbot.contract.commands import CommandCatalogue

MANIFEST_VERSION = "1.17"
MANIFEST_SCHEMA = (
    "https://developer.microsoft.com/en-us/json-schemas/teams/v1.17/MicrosoftTeams.schema.json"
)
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


class ManifestError(ValueError):
    """A detail the manifest schema would refuse; `option` is the command-line option."""

    def __init__(self, option: str, reason: str) -> None:
        super().__init__(f"{option}: {reason}")
        self.option = option


def check_details(
    *, name: str, version: str, developer: str, website: str, privacy_url: str, terms_url: str
) -> None:
    """Refuse what Teams would refuse at upload, naming the option (one clear line)."""
    if not name.strip() or len(name) > MAX_SHORT_NAME:
        raise ManifestError("--name", f"expected 1 to {MAX_SHORT_NAME} characters")
    if not _SEMVER.match(version):
        raise ManifestError("--version", "expected a version such as 1.0.0")
    if not developer.strip() or len(developer) > MAX_DEVELOPER:
        raise ManifestError("--developer", f"expected 1 to {MAX_DEVELOPER} characters")
    for option, url in (
        ("--website", website),
        ("--privacy-url", privacy_url),
        ("--terms-url", terms_url),
    ):
        if not re.match(r"^https://[^\s/]+\.[^\s]*$", url) or len(url) > 2048:
            raise ManifestError(option, "expected an https:// address")


def manifest(
    bot_id: str,
    commands: CommandCatalogue,
    *,
    name: str = "Guildbot",
    version: str = "1.0.0",
    developer: str = "Guildbot",
    website: str = "https://example.org/guildbot",
    privacy_url: str = "https://example.org/guildbot/privacy",
    terms_url: str = "https://example.org/guildbot/terms",
    valid_domain: str | None = None,
) -> dict[str, Any]:
    """The manifest for an app whose bot is the Azure Bot `bot_id` (its Microsoft App ID).

    The app id is the bot id too: Teams accepts that, and it keeps one id to look after.
    Raises `ManifestError` for a detail the schema would refuse.
    """
    check_details(
        name=name,
        version=version,
        developer=developer,
        website=website,
        privacy_url=privacy_url,
        terms_url=terms_url,
    )
    scopes = ["personal", "team", "groupchat"]
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
        "name": {"short": name.strip(), "full": f"{name} for communities of practice"[:100]},
        "description": {
            "short": "Find colleagues who know, coffee intros, community calendars."[:80],
            "full": (
                "Guildbot connects people who share a craft across departments: it routes "
                "questions to colleagues with the right expertise, pairs members for coffee "
                "intros across departments, and keeps each community's calendar with "
                "reminders."
            ),
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
                            {
                                "title": info.name[:MAX_COMMAND_TITLE],
                                "description": _sentence(info.summary)[:MAX_COMMAND_DESCRIPTION],
                            }
                            for info in commands.commands[:MAX_COMMANDS]
                        ],
                    }
                ],
            }
        ],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [valid_domain] if valid_domain else [],
    }
    return data


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


def package(bot_id: str, destination: Path, commands: CommandCatalogue, **details: Any) -> Path:
    """Write the zip an administrator uploads (Teams admin center -> Manage apps -> Upload)."""
    data = manifest(bot_id, commands, **details)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(data, indent=2, ensure_ascii=False))
        archive.writestr(COLOR_ICON, color_icon())
        archive.writestr(OUTLINE_ICON, outline_icon())
    destination.write_bytes(buffer.getvalue())
    return destination
