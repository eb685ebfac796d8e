"""How a member plays the shared scenario on Slack: slash commands and button presses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from guildbot.app.build import Guildbot
from tests.adapters.fake_time import FakeTime
from tests.adapters.slack.mock_slack import Call, MockSlack
from tests.adapters.slack.rig import start_rig
from tests.scenario import MEMBER_NAME, MEMBER_TIMEZONE, Answer, PlayStep, Press, Say, Step, read

SLASH = {"ask", "coffee", "event", "announce"}
ANA = "UANA"
DM = "DANA"


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


@asynccontextmanager
async def player(app: Guildbot) -> AsyncIterator[PlayStep]:
    """The real Slack adapter over `app`, against a fresh mock Web API."""
    mock = MockSlack()
    mock.add_user(ANA, MEMBER_NAME, tz=MEMBER_TIMEZONE)
    await mock.start()
    rig = await start_rig(app, mock, clock=FakeTime())
    last_buttons: list[dict[str, Any]] = []

    async def step_through(step: Step) -> list[Answer]:
        if isinstance(step, Press):
            button = last_buttons[step.choice - 1]
            calls = await rig.press(
                button["action_id"], button.get("value", ""), user=ANA, channel=DM
            )
        else:
            assert isinstance(step, Say)
            word, _, rest = step.text.partition(" ")
            command, line = (f"/{word}", rest) if word in SLASH else ("/guild", step.text)
            calls = await rig.command(
                command, line, user=ANA, channel=DM, channel_name="directmessage"
            )
        return read(calls, answer_of, last_buttons)

    try:
        yield step_through
    finally:
        await rig.close()
        await mock.stop()
