"""Presses that explain themselves, through the real HTTP endpoint: a button pressed by
someone it was not sent to says whom it was for, and a helper pressing [I can help] again is
told what is true."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.features.questions.buttons import ACTION_ACCEPT, ACTION_DECLINE
from guildbot.storage.models import Question
from tests.adapters.slack.rig import SlackRig, action_payload, command_body, texts
from tests.fakes import count_rows, tick

FORM = "application/x-www-form-urlencoded"
QUESTION = "How do I check the accessibility of a scanned PDF?"


async def asked(app: Guildbot, slack: SlackRig, clock: ManualClock) -> None:
    """Ana (U1) asks; Bo (U2), who knows PDFs, is invited."""
    await slack.command("/guild", "expertise add pdf accessibility", user="U2")
    await slack.command("/ask", QUESTION, user="U1", channel="C1")
    await tick(app, slack.adapter, clock)


async def test_an_invitation_pressed_by_someone_else_says_whom_it_was_for(
    app: Guildbot, slack: SlackRig, clock: ManualClock
) -> None:
    slack.mock.add_user("U3", "Cy Park")
    await asked(app, slack, clock)
    for action in (ACTION_ACCEPT, ACTION_DECLINE):
        [answer] = await slack.press(action, "1", user="U3", channel="C1")
        assert answer.args["user"] == "U3"
        assert texts([answer]) == ["This was sent to Bo Chen, not to you; nothing was changed."]
    [accepted] = await slack.press(ACTION_ACCEPT, "1", user="U2", channel="DU2")
    assert "I've told <@U1>" in accepted.args["text"]


async def test_a_helper_pressing_i_can_help_again_is_told_they_are_helping(
    app: Guildbot, slack: SlackRig, clock: ManualClock
) -> None:
    await asked(app, slack, clock)
    await slack.press(ACTION_ACCEPT, "1", user="U2", channel="DU2")
    [again] = await slack.press(ACTION_ACCEPT, "1", user="U2", channel="DU2")
    assert texts([again]) == ["You're already helping with question #1 — <@U1> has your name."]


async def test_a_button_for_a_question_that_never_was_expires_politely(slack: SlackRig) -> None:
    [answer] = await slack.press(ACTION_ACCEPT, "99", user="U2", channel="DU2")
    assert "expired" in texts([answer])[0]


async def test_the_same_press_and_question_unsigned_are_refused_and_change_nothing(
    app: Guildbot, slack: SlackRig, clock: ManualClock
) -> None:
    ask = command_body("/ask", QUESTION, user="U1", channel="C1")
    assert await slack.post(ask, FORM, signed={}) == 401
    assert await count_rows(app, Question) == 0
    await asked(app, slack, clock)
    press = urlencode({"payload": json.dumps(action_payload(ACTION_ACCEPT, "1", user="U2"))})
    assert await slack.post(press, FORM, signed={}) == 401
    await slack.adapter.drain()
    [accepted] = await slack.press(ACTION_ACCEPT, "1", user="U2", channel="DU2")
    assert "I've told <@U1>" in accepted.args["text"]  # the unsigned press did not take it
