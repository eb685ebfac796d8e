"""The real CommandTree dispatches constructed interaction payloads; replies reach the mock
as follow-ups of the interaction, deferred at once."""

from __future__ import annotations

from guildbot.app.build import Guildbot
from tests.adapters.discord.conftest import ANA
from tests.adapters.discord.mock_discord import MockDiscord
from tests.adapters.discord.rig import content_of, start_rig


async def test_guild_help_through_the_real_tree(app: Guildbot, mock_discord: MockDiscord) -> None:
    rig = await start_rig(mock_discord, app)
    try:
        [reply] = await rig.command("guild", {"command": "help"}, user=ANA)
    finally:
        await rig.close()
    [defer] = mock_discord.requests("POST", r"/interactions/\d+/[^/]+/callback")
    assert defer.body["type"] == 5 and reply.path.startswith("/webhooks/")
    assert "Commands:" in content_of(reply)
