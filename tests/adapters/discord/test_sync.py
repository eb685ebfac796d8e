"""App commands are registered only when Discord's differ from ours: Discord limits command
creations (200 a day), and every instance used to re-register the whole tree on each start."""

from __future__ import annotations

import logging

import pytest

from guildbot.adapters.discord.commands import same_commands
from guildbot.app.build import Guildbot
from tests.adapters.discord.mock_discord import MockDiscord
from tests.adapters.discord.rig import start_rig

COMMANDS = r"/applications/\d+/commands"


async def restart(mock: MockDiscord, app: Guildbot) -> None:
    rig = await start_rig(mock, app)
    await rig.close()


async def test_a_restart_with_the_same_commands_registers_nothing(
    app: Guildbot, mock_discord: MockDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    await restart(mock_discord, app)
    assert len(mock_discord.requests("PUT", COMMANDS)) == 1
    caplog.set_level(logging.INFO, "guildbot")
    await restart(mock_discord, app)
    await restart(mock_discord, app)
    assert len(mock_discord.requests("GET", COMMANDS)) == 3
    assert len(mock_discord.requests("PUT", COMMANDS)) == 1
    assert caplog.text.count("discord app commands unchanged count=5") == 2


async def test_changed_or_missing_commands_are_registered_again(
    app: Guildbot, mock_discord: MockDiscord
) -> None:
    await restart(mock_discord, app)
    coffee = next(c for c in mock_discord.commands if c["name"] == "coffee")
    coffee["options"][0]["description"] = "an older description"
    await restart(mock_discord, app)
    assert len(mock_discord.requests("PUT", COMMANDS)) == 2
    mock_discord.commands = mock_discord.commands[:-1]  # one was deleted by hand
    await restart(mock_discord, app)
    assert len(mock_discord.requests("PUT", COMMANDS)) == 3


async def test_when_discord_cannot_list_them_nothing_is_registered_and_start_goes_on(
    app: Guildbot, mock_discord: MockDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    # The bot was invited without the applications.commands scope.
    missing_access = {"code": 50001, "message": "Missing Access"}
    mock_discord.fail(r"GET /applications/\d+/commands", 403, missing_access)
    await restart(mock_discord, app)
    assert mock_discord.requests("PUT", COMMANDS) == []
    assert "sync commands" in caplog.text


LOCAL = {
    "name": "event",
    "description": "Community events",
    "type": 1,
    "options": [
        {
            "type": 1,
            "name": "rsvp",
            "description": "Answer an invitation",
            "required": False,
            "options": [
                {"type": 3, "name": "event", "description": "which", "required": True},
                {"type": 3, "name": "details", "description": "going|maybe|no"},
            ],
        }
    ],
    "nsfw": False,
    "dm_permission": True,
    "default_member_permissions": None,
}


def registered(**changes: object) -> dict[str, object]:
    """How Discord spells the same command back: ids, versions and every default filled in."""
    sub = {
        "type": 1,
        "name": "rsvp",
        "description": "Answer an invitation",
        "options": [
            {"type": 3, "name": "details", "description": "going|maybe|no", "required": False},
            {"type": 3, "name": "event", "description": "which", "required": True},
        ],
    }
    return {
        "id": "1",
        "application_id": "2",
        "version": "3",
        "type": 1,
        "name": "event",
        "description": "Community events",
        "options": [sub],
        "name_localizations": {},
        "contexts": None,
        **changes,
    }


def test_the_same_commands_spelled_differently_are_the_same() -> None:
    assert same_commands([LOCAL], [registered()])
    assert not same_commands([LOCAL], [registered(description="Events")])
    assert not same_commands([LOCAL], [registered(options=[])])
    assert not same_commands([LOCAL], [])
    assert not same_commands([LOCAL, {**LOCAL, "name": "ask"}], [registered()])
