"""The console demo shows the calendar: create an event, RSVP, `advance`, a reminder arrives."""

import contextlib
import sqlite3
import subprocess
from pathlib import Path

from tests.cli import guildbot


def demo(tmp_path: Path, *lines: str) -> subprocess.CompletedProcess[str]:
    """`guildbot demo` in `tmp_path`, typing `lines`."""
    return demo_with_input(tmp_path, "\n".join(lines) + "\n")


def demo_with_input(tmp_path: Path, typed: str) -> subprocess.CompletedProcess[str]:
    return guildbot(tmp_path, "demo", typed=typed)


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


def test_demo_through_a_pipe(tmp_path: Path) -> None:
    """The foundation's acceptance line: help, a did-you-mean, the list, exit 0."""
    result = demo_with_input(tmp_path, "help\nexpertise add kubernets\nexpertise list\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[Amara Okafor · Digital Services] > help" in out
    assert "`expertise` — the skills you can help others with" in out
    assert "did you mean *kubernetes*?" in out
    assert "*Your expertise*" in out
    assert "• plain language" in out
    assert result.stderr == ""
    assert (tmp_path / "guildbot-demo.db").exists()


def test_demo_shows_a_refusal_and_an_admin_at_work(tmp_path: Path) -> None:
    script = "\n".join(
        [
            "community list",
            "as Grace Kim",
            "role grant @rahul.nair facilitator accessibility",
            "as Priya",
            "role grant @rahul.nair facilitator accessibility",
            "community info accessibility",
        ]
    )
    result = demo_with_input(tmp_path, script + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "• Accessibility CoP (accessibility): 8 members" in out
    assert "Only Accessibility CoP's facilitators and admins can do that." in out
    assert "Rahul Nair is now facilitator of Accessibility CoP." in out
    assert "Facilitators: Amara Okafor, Lea Schmidt, Priya Raman, Rahul Nair" in out


def test_the_demo_never_replaces_a_database_it_did_not_make(tmp_path: Path) -> None:
    real = tmp_path / "guildbot.db"
    with contextlib.closing(sqlite3.connect(real)) as database:
        database.execute("CREATE TABLE members (id INTEGER PRIMARY KEY, name TEXT)")
        database.execute("INSERT INTO members (name) VALUES ('Real Person')")
        database.commit()
    refused = guildbot(tmp_path, "demo", "--db", str(real), typed="quit\n")
    assert refused.returncode == 2
    [line] = refused.stderr.strip().splitlines()
    assert "is not a Guildbot demo database and may hold real data" in line
    assert "--reset" in line
    with contextlib.closing(sqlite3.connect(real)) as database:
        assert database.execute("SELECT name FROM members").fetchall() == [("Real Person",)]
    not_sqlite = tmp_path / "notes.txt"
    not_sqlite.write_text("my notes", encoding="utf-8")
    assert guildbot(tmp_path, "demo", "--db", str(not_sqlite), typed="quit\n").returncode == 2
    assert not_sqlite.read_text(encoding="utf-8") == "my notes"

    # A demo database is replaced each time, and --reset replaces anything.
    first = guildbot(tmp_path, "demo", typed="quit\n")
    assert first.returncode == 0, first.stderr
    assert guildbot(tmp_path, "demo", typed="quit\n").returncode == 0
    replaced = guildbot(tmp_path, "demo", "--db", str(real), "--reset", typed="quit\n")
    assert replaced.returncode == 0, replaced.stderr
    assert "Guildbot demo:" in replaced.stdout
