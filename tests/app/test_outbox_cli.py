"""The operator's view of the outbox: list, retry, cancel, and the schedules."""

import subprocess
from datetime import datetime, timedelta
from pathlib import Path

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.outbox import Target
from guildbot.storage.models import OutboxKind
from tests.cli import guildbot

CHANNEL = Target("fake", "T1", "C-general", None, "channel")


def run(database_url: str, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return guildbot(cwd, *args, env={"GUILDBOT_DATABASE_URL": database_url})


async def test_outbox_list_retry_cancel_and_schedule_list(
    app: Guildbot, database_url: str, clock: ManualClock, tmp_path: Path
) -> None:
    await app.outbox.enqueue(
        OutboxKind.REMINDER, "r1", CHANNEL, clock.now() + timedelta(hours=1), "Later"
    )
    await app.outbox.add_schedule(
        "event",
        "42",
        OutboxKind.ANNOUNCEMENT,
        "FREQ=WEEKLY;BYDAY=TH",
        "America/Toronto",
        datetime(2027, 1, 7, 14, 0),
        CHANNEL,
        "Meetup",
    )
    listing = run(database_url, tmp_path, "outbox", "list")
    assert listing.returncode == 0, listing.stderr
    assert "pending    reminder" in listing.stdout
    assert "fake:C-general" in listing.stdout
    assert listing.stdout.rstrip().endswith("1 row(s)")
    [row] = await app.outbox.listing()
    cancelled = run(database_url, tmp_path, "outbox", "cancel", str(row.id))
    assert cancelled.stdout.strip() == f"row {row.id} cancelled"
    assert (
        "cancelled" in run(database_url, tmp_path, "outbox", "list", "--status", "cancelled").stdout
    )
    retried = run(database_url, tmp_path, "outbox", "retry", str(row.id))
    assert retried.stdout.strip() == f"row {row.id} will be sent at the next tick"
    again = run(database_url, tmp_path, "outbox", "retry", str(row.id))  # pending now
    assert again.returncode == 1 and "nothing changed" in again.stdout
    missing = run(database_url, tmp_path, "outbox", "retry", "999999")
    assert missing.returncode == 2
    assert missing.stderr.strip() == "guildbot: there is no outbox row 999999 (see `outbox list`)"
    for limit in ("0", "-1", "1001", "many"):
        refused = run(database_url, tmp_path, "outbox", "list", "--limit", limit)
        assert (
            refused.returncode == 2 and "expected a whole number from 1 to 1000" in refused.stderr
        )
    assert run(database_url, tmp_path, "outbox", "list", "--limit", "1").returncode == 0
    schedules = run(database_url, tmp_path, "schedule", "list")
    assert "event:42" in schedules.stdout
    assert "2027-01-07 19:00" in schedules.stdout  # 14:00 Toronto in winter
    assert "FREQ=WEEKLY;BYDAY=TH (America/Toronto, from 2027-01-07T14:00:00)" in schedules.stdout


def test_bad_status_is_a_usage_error(tmp_path: Path) -> None:
    result = run("sqlite:///x.db", tmp_path, "outbox", "list", "--status", "lost")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


async def test_read_only_commands_change_nothing_and_refuse_a_schema_behind(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    for args in (
        ("outbox", "list"),
        ("schedule", "list"),
        ("routing", "status"),
        ("admin", "list"),
        ("calendar", "export", "x"),
    ):
        result = run(url, tmp_path, *args)
        assert result.returncode == 2, (args, result.stderr)
        [line] = result.stderr.strip().splitlines()
        assert "run `guildbot db upgrade` first" in line, line
    behind = run(url, tmp_path, "db", "current")
    assert "schema revision none" in behind.stdout  # still nothing applied
    assert run(url, tmp_path, "db", "upgrade").returncode == 0
    listed = run(url, tmp_path, "outbox", "list")
    assert listed.returncode == 0 and listed.stderr == ""  # no INFO lines for a one-off command
