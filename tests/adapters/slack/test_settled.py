"""A pressed Slack message changes: the buttons of a message that has been answered go, and
what was chosen and by whom is said in their place, so nobody presses [I can help] on a
question that is already taken; a channel post whose buttons everyone answers stays."""

from __future__ import annotations

from typing import Any

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.features.questions.buttons import ACTION_ACCEPT
from tests.adapters.slack.mock_slack import Call
from tests.adapters.slack.rig import SlackRig
from tests.adapters.slack.test_presses import asked
from tests.fakes import tick


def _buttons(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


def _invitation(slack: SlackRig) -> dict[str, Any]:
    [message] = [m for m in slack.mock.posted("DU2") if _buttons(m.get("blocks", []))]
    return message


async def test_i_can_help_in_the_experts_chat_takes_the_buttons_off_the_invitation(
    app: Guildbot, slack: SlackRig, clock: ManualClock
) -> None:
    await asked(app, slack, clock)
    invitation = _invitation(slack)
    accept = next(b for b in _buttons(invitation["blocks"]) if "accept" in b["action_id"])
    await slack.press(
        accept["action_id"],
        accept["value"],
        user="U2",
        channel="DU2",
        ephemeral=False,
        message=invitation,
        label=accept["text"]["text"],
    )
    [update] = slack.mock.calls_to("chat.update")
    assert (update.args["channel"], update.args["ts"]) == ("DU2", invitation["ts"])
    after = _invitation_after(slack, invitation["ts"])
    assert _buttons(after["blocks"]) == []
    assert after["blocks"][0] == invitation["blocks"][0]  # the question is still there
    assert after["blocks"][-1]["elements"][0]["text"] == "✓ *I can help* — Bo Chen"


async def test_an_ephemeral_prompt_is_replaced_through_the_response_url(
    app: Guildbot, slack: SlackRig, clock: ManualClock
) -> None:
    await asked(app, slack, clock)
    hook = slack.mock.hook_url("press")
    await slack.press(
        ACTION_ACCEPT, "1", user="U2", channel="DU2", response_url=hook, label="I can help"
    )
    [replaced] = [c for c in slack.mock.calls_to("response_url") if c.args.get("replace_original")]
    assert replaced.args["blocks"] == [
        {"type": "section", "text": {"type": "mrkdwn", "text": "✓ *I can help* — Bo Chen"}}
    ]
    assert slack.mock.calls_to("chat.update") == []


async def test_a_press_that_changes_nothing_leaves_the_message_for_whoever_it_was_for(
    app: Guildbot, slack: SlackRig, clock: ManualClock
) -> None:
    slack.mock.add_user("U3", "Cy Park")
    await asked(app, slack, clock)
    invitation = _invitation(slack)
    await slack.press(
        ACTION_ACCEPT, "1", user="U3", channel="DU2", ephemeral=False, message=invitation
    )
    assert slack.mock.calls_to("chat.update") == []


async def test_rsvp_buttons_on_a_channel_announcement_stay_for_everyone(
    app: Guildbot, slack: SlackRig, clock: ManualClock
) -> None:
    await slack.command("/guild", "community create Accessibility", user="U1", channel="C1")
    await slack.command("/guild", "event create Lunch and learn tomorrow 12:00", channel="C1")
    [echo] = [c for c in slack.mock.calls_to("chat.postEphemeral") if _buttons(_blocks(c))]
    create = _buttons(_blocks(echo))[0]
    await slack.press(create["action_id"], create["value"], user="U1", channel="C1")
    await tick(app, slack.adapter, clock)
    [post] = [m for m in slack.mock.posted("C1") if _buttons(m.get("blocks", []))]
    going = _buttons(post["blocks"])[0]
    replies = await slack.press(
        going["action_id"],
        going["value"],
        user="U1",
        channel="C1",
        ephemeral=False,
        message=post,
        label=going["text"]["text"],
    )
    assert replies, "the RSVP is answered"
    assert slack.mock.calls_to("chat.update") == []


def _invitation_after(slack: SlackRig, ts: str) -> dict[str, Any]:
    return next(m for m in slack.mock.posted("DU2") if m["ts"] == ts)


def _blocks(call: Call) -> list[dict[str, Any]]:
    blocks = call.args.get("blocks")
    return blocks if isinstance(blocks, list) else []
