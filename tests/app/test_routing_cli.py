"""`guildbot routing status|refit` as an operator runs them, in a fresh process."""

from datetime import timedelta
from pathlib import Path

from guildbot.bot.clock import ManualClock
from tests.bot.features.questions.helpers import experts
from tests.bot.features.questions.test_calibrating import KUBERNETES, resolve
from tests.cli import guildbot
from tests.fakes import Harness


async def test_status_reports_the_prior_then_refit_stores_and_reports_the_fit(
    harness: Harness, clock: ManualClock, database_url: str, tmp_path: Path
) -> None:
    env = {"GUILDBOT_DATABASE_URL": database_url}
    empty = guildbot(tmp_path, "routing", "status", env=env)
    assert empty.returncode == 0, empty.stderr
    assert "prior weights" in empty.stdout
    assert "no model stored yet" in empty.stdout

    await experts(harness)
    for day in range(20):
        await resolve(harness, ("amara", "bob")[day % 2], KUBERNETES[day % 3], "rahul")
        clock.advance(timedelta(days=1))
    due = guildbot(tmp_path, "routing", "status", env=env)
    assert "resolved questions in the history: 20; a refit is due" in due.stdout

    refit = guildbot(tmp_path, "routing", "refit", env=env)
    assert refit.returncode == 0, refit.stderr
    assert "stored a new model: fitted on" in refit.stdout
    assert "ranking model: fitted on" in refit.stdout
    assert "model 1, stored" in refit.stdout
    assert "refit is due" not in refit.stdout
    assert "rahul" not in refit.stdout.lower()  # weights and counts, nobody's name
