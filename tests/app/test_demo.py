"""The console demo shows the calendar: create an event, RSVP, `advance`, a reminder arrives."""

import subprocess
import sys
from pathlib import Path


def demo(tmp_path: Path, *lines: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guildbot.app.cli", "demo"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )


def test_the_demo_creates_an_event_takes_an_rsvp_and_reminds(tmp_path: Path) -> None:
    result = demo(
        tmp_path,
        "event create Show and tell in 3 days at 15:00 for 1h capacity: 10",
        "1",  # [Create]
        "1",  # [Going], on the post in #accessibility
        "as Rahul Nair",
        "event show 1",
        "advance 2d",
        "advance 2d",  # four days in all: past the event, whatever the time of day now
        "advance banana",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Here's what I understood:\n*Show and tell* — " in out
    assert "Created event 1: *Show and tell*" in out
    assert "guildbot: [#accessibility] 📅 *Show and tell*" in out
    assert "[1] Going   [2] Maybe   [3] Can't go" in out
    assert "You're going to *Show and tell*" in out
    assert "Asia/Kolkata" in out  # Rahul sees it in his own zone
    day_before = "[#accessibility] ⏰ Reminder: *Show and tell* starts in 1 day, at 15:00"
    assert out.count(day_before) == 1
    assert (
        out.count("[direct message to @amara.okafor] ⏰ Reminder: *Show and tell* starts in") == 2
    )
    assert out.count("starts in 15 minutes") == 2  # in the channel, and to Amara
    assert "(it is now " in out
    assert "Usage: `advance DURATION`" in out
    assert result.stderr == ""
