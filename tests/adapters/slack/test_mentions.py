"""People are real Slack mentions both ways: "<@U2>" typed is a member, and the bot's
"X can help" notices mention the people they name."""

from __future__ import annotations

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.features.questions.buttons import ACTION_ACCEPT
from tests.adapters.slack.rig import SlackRig, texts
from tests.fakes import tick


async def test_a_mention_typed_in_a_command_names_that_member(slack: SlackRig) -> None:
    await slack.command("/guild", "expertise add statistics", user="U2")
    [reply] = await slack.command("/guild", "expertise list <@U2|bo.chen>", user="U1")
    assert "Bo Chen's expertise" in texts([reply])[0]


async def test_x_can_help_notices_mention_the_people_they_name(
    app: Guildbot, slack: SlackRig, clock: ManualClock
) -> None:
    await slack.command("/guild", "expertise add pdf accessibility", user="U2")
    await slack.command(
        "/ask", "How do I check the accessibility of a scanned PDF?", user="U1", channel="C1"
    )
    await tick(app, slack.adapter, clock)
    [invitation] = [c for c in slack.mock.replies() if "has a question" in str(c.args["text"])]
    assert invitation.args["channel"] == "DU2"
    [accepted] = await slack.press(ACTION_ACCEPT, "1", user="U2", channel="DU2")
    assert "I've told <@U1>" in accepted.args["text"]
    before = len(slack.mock.replies())
    await tick(app, slack.adapter, clock)
    notices = {call.args["channel"]: call.args["text"] for call in slack.mock.replies()[before:]}
    assert notices["DU1"].startswith("Good news: <@U2> can help with your question #1")
    assert notices["C1"].startswith("<@U1>, <@U2> can help with this question.")
