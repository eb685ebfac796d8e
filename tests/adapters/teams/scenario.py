"""How a member plays the shared scenario on Teams: personal messages and card submits."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from guildbot.app.build import Guildbot
from tests.adapters.fake_time import FakeTime
from tests.adapters.teams.mock_connector import MockConnector, Post
from tests.adapters.teams.rig import ANA, ANA_TEAMS_ID, card_buttons, start_rig, submit_data
from tests.scenario import MEMBER_NAME, MEMBER_TIMEZONE, Answer, PlayStep, Press, Say, Step, read

_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")


def answer_of(post: Post) -> tuple[Answer, list[dict[str, Any]]]:
    """What a member sees of a Teams card: its text, its small print, its button labels."""
    card = post.card
    assert card is not None
    blocks = [b for b in card["body"] if b.get("type") == "TextBlock"]
    text = _BOLD.sub(r"*\1*", blocks[0]["text"]).replace("  \n", "\n")
    context = _BOLD.sub(r"*\1*", blocks[1]["text"]).replace("  \n", "\n") if blocks[1:] else None
    buttons = card_buttons(post)
    return Answer(text, context, tuple(b["title"] for b in buttons)), buttons


@asynccontextmanager
async def player(app: Guildbot) -> AsyncIterator[PlayStep]:
    """The real Teams adapter over `app`, against a fresh mock connector service."""
    connector = MockConnector()
    await connector.start()
    rig = await start_rig(app, connector, clock=FakeTime())
    last_buttons: list[dict[str, Any]] = []
    ana = {"id": ANA_TEAMS_ID, "name": MEMBER_NAME, "aadObjectId": ANA}

    async def step_through(step: Step) -> list[Answer]:
        if isinstance(step, Press):
            data = submit_data(last_buttons[step.choice - 1])
            posts = await rig.press(data["guildbot"], data["value"])
        else:
            assert isinstance(step, Say)
            posts = await rig.say(
                "personal_message", step.text, localTimezone=MEMBER_TIMEZONE, **{"from": ana}
            )
        return read(posts, answer_of, last_buttons)

    try:
        yield step_through
    finally:
        await rig.close()
        await connector.stop()
