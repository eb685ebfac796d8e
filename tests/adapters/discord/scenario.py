"""How a member plays the shared scenario on Discord: app commands and button presses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from guildbot.app.build import Guildbot
from guildbot.bot.features import COMMANDS
from tests.adapters.discord.mock_discord import Call, MockDiscord
from tests.adapters.discord.rig import body_of, content_of, start_rig
from tests.scenario import MEMBER_NAME, Answer, PlayStep, Press, Say, Step, read

GROUPS = {"coffee", "event", "announce"}
ANA = "100000000000000042"
DM = "800000000000000042"


def answer_of(call: Call) -> tuple[Answer, list[dict[str, Any]]]:
    """What a member sees of a Discord message: the text, the -# small print, the buttons."""
    lines = content_of(call).split("\n")
    small = [line[3:] for line in lines if line.startswith("-# ")]
    text = "\n".join(line for line in lines if not line.startswith("-# "))
    buttons = [c for row in body_of(call).get("components", []) for c in row["components"]]
    answer = Answer(
        text.replace("**", "*"),
        "\n".join(small) if small else None,
        tuple(b["label"] for b in buttons),
    )
    return answer, buttons


def slash_form(line: str) -> tuple[str, str | None, dict[str, str]]:
    """How a member types a line on Discord: the app command, subcommand and options."""
    word, _, rest = line.partition(" ")
    if word == "ask":
        return "ask", None, {"question": rest} if rest else {}
    if word in GROUPS:
        sub, _, details = rest.partition(" ")
        if COMMANDS[word].sub(sub) is not None:
            return word, sub, {"details": details} if details else {}
    return "guild", None, {"command": line}


@asynccontextmanager
async def player(app: Guildbot) -> AsyncIterator[PlayStep]:
    """The real Discord adapter over `app`, against a fresh mock API."""
    mock = MockDiscord()
    mock.add_user(ANA, MEMBER_NAME)
    await mock.start()
    rig = await start_rig(mock, app)
    last_buttons: list[dict[str, Any]] = []

    async def step_through(step: Step) -> list[Answer]:
        if isinstance(step, Press):
            button = last_buttons[step.choice - 1]
            calls = await rig.press(button["custom_id"], button["label"], user=ANA, channel=DM)
        else:
            assert isinstance(step, Say)
            command, sub, options = slash_form(step.text)
            calls = await rig.command(command, options, sub=sub, user=ANA, channel=DM)
        return read(calls, answer_of, last_buttons)

    try:
        yield step_through
    finally:
        await rig.close()
        await mock.stop()
