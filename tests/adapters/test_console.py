"""The console adapter and the demo, driven through a pipe like a person would."""

import io
import subprocess
import sys
from pathlib import Path

from guildbot.adapters.console import ConsoleAdapter, render
from guildbot.app.build import Guildbot
from guildbot.bot.rich import say
from guildbot.contract.adapter import PlatformProfile
from guildbot.contract.outbound import Button, OutboundMessage
from guildbot.contract.refs import ConversationRef


def test_render_shows_buttons_as_numbered_choices() -> None:
    message = OutboundMessage(
        to=ConversationRef("console", "local", "console"),
        text=say("Did you mean *kubernetes*?"),
        buttons=(Button("Add kubernetes", "expertise.add", "kubernetes"), Button("Cancel", "x")),
        context=say("small print"),
    )
    assert render(message) == (
        "guildbot: Did you mean *kubernetes*?\n  (small print)\n  [1] Add kubernetes   [2] Cancel"
    )


async def run_console(app: Guildbot, script: str) -> str:
    stdout = io.StringIO()
    known = {"ana": "Ana Lima", "ben": "Ben Okoro"}

    async def switch(name: str) -> tuple[str, str] | str:
        for user_id, display in known.items():
            if display.casefold().startswith(name.casefold()):
                return user_id, display
        return f"No one called {name}."

    async def profiles(user_id: str) -> PlatformProfile | None:
        return PlatformProfile(known[user_id])

    async def describe(user_id: str) -> str:
        return known[user_id]

    adapter = ConsoleAdapter(
        "ana",
        "Ana Lima",
        switch,
        profiles,
        stdin=io.StringIO(script),
        stdout=stdout,
        describe_actor=describe,
    )
    await adapter.start(app.dispatcher(adapter))
    return stdout.getvalue()


async def test_numbers_press_buttons_and_as_switches_member(app: Guildbot) -> None:
    output = await run_console(
        app,
        "expertise add kubernets\n1\nas ben\nexpertise list @Ana Lima\nas nobody\n",
    )
    assert "[Ana Lima] > expertise add kubernets" in output
    assert "[1] Add kubernetes" in output
    assert "guildbot: Added *kubernetes*." in output
    assert "(you are now Ben Okoro)" in output
    assert "[Ben Okoro] > expertise list @Ana Lima" in output
    assert "• kubernetes" in output
    assert "No one called nobody." in output


async def test_a_number_without_choices_is_a_command(app: Guildbot) -> None:
    output = await run_console(app, "7\n")
    assert "I don't know the command “7”" in output


async def test_out_of_range_choice_is_explained(app: Guildbot) -> None:
    output = await run_console(app, "expertise add kubernets\n9\n")
    assert "(choose 1 to 3)" in output


async def test_quit_and_end_of_input_end_cleanly(app: Guildbot) -> None:
    assert "help" not in (await run_console(app, "quit\nhelp\n")).split("quit")[1]
    await run_console(app, "")  # returns at end of input


def test_demo_through_a_pipe(tmp_path: Path) -> None:
    """The foundation's acceptance line: help, a did-you-mean, the list, exit 0."""
    result = subprocess.run(
        [sys.executable, "-m", "guildbot.app.cli", "demo"],
        input="help\nexpertise add kubernets\nexpertise list\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )
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
    result = subprocess.run(
        [sys.executable, "-m", "guildbot.app.cli", "demo"],
        input=script + "\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "• Accessibility CoP (accessibility): 8 members" in out
    assert "Only Accessibility CoP's facilitators and admins can do that." in out
    assert "Rahul Nair is now facilitator of Accessibility CoP." in out
    assert "Facilitators: Amara Okafor, Lea Schmidt, Priya Raman, Rahul Nair" in out
