"""The console adapter and the demo, driven through a pipe like a person would."""

import io

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


async def test_a_number_without_choices_says_nothing_is_waiting(app: Guildbot) -> None:
    output = await run_console(app, "7\n")
    assert "There's nothing waiting for a number from you just now" in output
    assert "Commands:" not in output


async def test_out_of_range_choice_is_explained(app: Guildbot) -> None:
    output = await run_console(app, "expertise add kubernets\n9\n")
    assert "(choose 1 to 3)" in output


async def test_quit_and_end_of_input_end_cleanly(app: Guildbot) -> None:
    assert "help" not in (await run_console(app, "quit\nhelp\n")).split("quit")[1]
    await run_console(app, "")  # returns at end of input
