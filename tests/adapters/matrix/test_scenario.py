"""The shared scenario, on Matrix: the same answers as the console's, in an encrypted direct
room and in a plain one, in English and in French."""

from __future__ import annotations

import pytest

from guildbot.app.build import Guildbot, build
from guildbot.bot.clock import ManualClock
from guildbot.bot.config import Settings
from tests.adapters.matrix import scenario as on_matrix
from tests.adapters.matrix.synapse import Synapse
from tests.scenario import MEMBER_TIMEZONE, SCRIPTS, assert_same_answers, play, reference_answers


@pytest.mark.parametrize("encrypted", [True, False], ids=["encrypted", "plain"])
@pytest.mark.parametrize("language", list(SCRIPTS))
async def test_matrix_answers_the_script_as_the_console_does(
    app: Guildbot, database_url: str, synapse: Synapse, language: str, encrypted: bool
) -> None:
    script = SCRIPTS[language]
    settings = Settings(database_url=database_url, default_timezone=MEMBER_TIMEZONE)
    expected = await reference_answers(settings, app.clock.now(), script)
    matrix_app = await build(settings, clock=ManualClock(app.clock.now()))
    try:
        async with on_matrix.player(matrix_app, synapse, encrypted=encrypted) as step_through:
            actual = await play(step_through, script)
    finally:
        await matrix_app.close()
    assert_same_answers(expected, actual, "matrix", script)
