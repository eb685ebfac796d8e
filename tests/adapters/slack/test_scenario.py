"""The same script through the console and through Slack gives the same answers."""

from __future__ import annotations

from typing import Any

from guildbot.app.build import Guildbot, build
from guildbot.bot.clock import ManualClock
from guildbot.bot.config import Settings
from tests.adapters.slack.mock_slack import Call, MockSlack
from tests.adapters.slack.rig import FakeTime, start_rig
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

SLASH = {"ask", "coffee", "event", "announce"}


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def answer_of(call: Call) -> tuple[Answer, list[dict[str, Any]]]:
    """What a member sees of a Slack message: sections, context line, button labels."""
    blocks = call.args["blocks"]
    sections = [_unescape(b["text"]["text"]) for b in blocks if b["type"] == "section"]
    contexts = [_unescape(b["elements"][0]["text"]) for b in blocks if b["type"] == "context"]
    elements = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    answer = Answer(
        "\n".join(sections),
        contexts[0] if contexts else None,
        tuple(e["text"]["text"] for e in elements),
    )
    return answer, elements


async def test_console_and_slack_give_the_same_answers(
    app: Guildbot, database_url: str, mock_slack: MockSlack
) -> None:
    settings = Settings(database_url=database_url, default_timezone=MEMBER_TIMEZONE)
    expected = await reference_answers(settings, app.clock.now())

    slack_app = await build(settings, clock=ManualClock(app.clock.now()))
    mock_slack.add_user("UANA", MEMBER_NAME, tz=MEMBER_TIMEZONE)
    rig = await start_rig(slack_app, mock_slack, clock=FakeTime())
    last_buttons: list[dict[str, Any]] = []

    async def on_slack(step: Step) -> list[Answer]:
        nonlocal last_buttons
        if isinstance(step, Press):
            button = last_buttons[step.choice - 1]
            calls = await rig.press(
                button["action_id"], button.get("value", ""), user="UANA", channel="DANA"
            )
        else:
            assert isinstance(step, Say)
            word, _, rest = step.text.partition(" ")
            command, line = (f"/{word}", rest) if word in SLASH else ("/guild", step.text)
            calls = await rig.command(
                command, line, user="UANA", channel="DANA", channel_name="directmessage"
            )
        answers = []
        for call in calls:
            answer, elements = answer_of(call)
            answers.append(answer)
            if elements:
                last_buttons = elements
        return answers

    try:
        actual = await play(on_slack)
    finally:
        await rig.close()
        await slack_app.close()

    assert_same_answers(expected, actual, "slack")
    # The script exercised buttons, small print and every slash command.
    flat = [a for step in expected for a in step]
    assert any(a.buttons for a in flat) and any(a.context for a in flat)
