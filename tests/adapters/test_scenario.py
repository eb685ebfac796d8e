"""The same script through the console and through each platform gives the same answers,
as a member reads them (rendering aside): one test, played on every platform's rig."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import pytest

from guildbot.app.build import Guildbot, build
from guildbot.bot.clock import ManualClock
from guildbot.bot.config import Settings
from tests.adapters.discord import scenario as on_discord
from tests.adapters.slack import scenario as on_slack
from tests.adapters.teams import scenario as on_teams
from tests.scenario import (
    MEMBER_TIMEZONE,
    SCRIPTS,
    PlayStep,
    Say,
    assert_same_answers,
    play,
    reference_answers,
)

Player = Callable[[Guildbot], AbstractAsyncContextManager[PlayStep]]
PLAYERS: dict[str, Player] = {
    "slack": on_slack.player,
    "discord": on_discord.player,
    "teams": on_teams.player,
}


@pytest.mark.parametrize("language", list(SCRIPTS))
@pytest.mark.parametrize("platform", list(PLAYERS))
async def test_every_platform_answers_the_script_as_the_console_does(
    app: Guildbot, database_url: str, platform: str, language: str
) -> None:
    script = SCRIPTS[language]
    settings = Settings(database_url=database_url, default_timezone=MEMBER_TIMEZONE)
    expected = await reference_answers(settings, app.clock.now(), script)

    platform_app = await build(settings, clock=ManualClock(app.clock.now()))
    try:
        async with PLAYERS[platform](platform_app) as step_through:
            actual = await play(step_through, script)
    finally:
        await platform_app.close()

    assert_same_answers(expected, actual, platform, script)
    # The script exercised buttons and small print.
    flat = [answer for step in expected for answer in step]
    assert any(a.buttons for a in flat) and any(a.context for a in flat)
    if language == "fr":  # and in French where this member reads it
        said = {step.text: answers for step, answers in zip(script, expected, strict=True)
                if isinstance(step, Say)}  # fmt: skip
        assert said["aide"][0].text.startswith("*Guildbot* met en relation")
        assert "Vouliez-vous dire `aide`" in said["aidr"][0].text
        assert said["communauté create Accessibilité"][0].text.startswith("Communauté")
        assert "publie maintenant en français et en anglais" in (
            said["communauté language accessibilite both fr"][0].text
        )
        assert (
            "Il n'y a pas de 31 février."
            in said["événement créer Atelier le 31 février à 14 h"][0].text
        )
        assert said["help"][0].text.startswith("*Guildbot* connects people")
