"""People are real Discord mentions both ways: "<@id>" typed is a member, and the bot's
"X can help" notices mention the people they name."""

from __future__ import annotations

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.features.questions.buttons import ACTION_ACCEPT
from tests.adapters.discord.conftest import ANA, BO
from tests.adapters.discord.mock_discord import MockDiscord
from tests.adapters.discord.rig import content_of, start_rig
from tests.fakes import tick

QUESTION = "How do I check the accessibility of a scanned PDF?"


async def test_a_mention_typed_in_a_command_names_that_member(
    app: Guildbot, mock_discord: MockDiscord
) -> None:
    rig = await start_rig(mock_discord, app)
    try:
        await rig.command("guild", {"command": "expertise add statistics"}, user=BO)
        [reply] = await rig.command("guild", {"command": f"expertise list <@{BO}>"}, user=ANA)
    finally:
        await rig.close()
    assert "Bo Chen's expertise" in content_of(reply)


async def test_x_can_help_notices_mention_the_people_they_name(
    app: Guildbot, mock_discord: MockDiscord, clock: ManualClock
) -> None:
    rig = await start_rig(mock_discord, app)
    try:
        await rig.command("guild", {"command": "expertise add pdf accessibility"}, user=BO)
        await rig.command("ask", {"question": QUESTION}, user=ANA)
        await tick(app, rig.adapter, clock)
        [accepted] = await rig.press(f"gb:{ACTION_ACCEPT}:1", "I can help", user=BO)
        before = len(mock_discord.replies())
        await tick(app, rig.adapter, clock)
        notices = [content_of(call) for call in mock_discord.replies()[before:]]
    finally:
        await rig.close()
    assert f"I've told <@{ANA}>" in content_of(accepted)
    [news] = [text for text in notices if text.startswith("Good news")]
    assert news.startswith(f"Good news: <@{BO}> can help with your question #1")
