"""The same script through the console and through Discord gives the same answers."""

from __future__ import annotations

from typing import Any

from guildbot.app.build import Guildbot, build
from guildbot.bot.clock import ManualClock
from guildbot.bot.config import Settings
from guildbot.bot.features import COMMANDS
from tests.adapters.discord.mock_discord import Call, MockDiscord
from tests.adapters.discord.rig import body_of, content_of, start_rig
from tests.scenario import (
    MEMBER_NAME,
    MEMBER_TIMEZONE,
    Answer,
    Press,
    Say,
    Step,
    assert_same_answers,
    play,
    reference_answers,
)

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


async def test_console_and_discord_give_the_same_answers(
    app: Guildbot, database_url: str, mock_discord: MockDiscord
) -> None:
    settings = Settings(database_url=database_url, default_timezone=MEMBER_TIMEZONE)
    expected = await reference_answers(settings, app.clock.now())

    discord_app = await build(settings, clock=ManualClock(app.clock.now()))
    mock_discord.add_user(ANA, MEMBER_NAME)
    rig = await start_rig(mock_discord, discord_app)
    last_buttons: list[dict[str, Any]] = []

    async def on_discord(step: Step) -> list[Answer]:
        nonlocal last_buttons
        if isinstance(step, Press):
            button = last_buttons[step.choice - 1]
            calls = await rig.press(button["custom_id"], button["label"], user=ANA, channel=DM)
        else:
            assert isinstance(step, Say)
            command, sub, options = slash_form(step.text)
            calls = await rig.command(command, options, sub=sub, user=ANA, channel=DM)
        answers = []
        for call in calls:
            answer, buttons = answer_of(call)
            answers.append(answer)
            if buttons:
                last_buttons = buttons
        return answers

    try:
        actual = await play(on_discord)
    finally:
        await rig.close()
        await discord_app.close()

    assert_same_answers(expected, actual, "discord")
