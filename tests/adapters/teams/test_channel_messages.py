"""Channel messages Teams delivers under resource-specific consent (`guildbot teams package
--channel-routing`): one without an @mention is something said in the channel, which the
core routes as a question where routing is on; one with the bot's mention stays a command."""

from __future__ import annotations

from guildbot.app.build import Guildbot
from guildbot.contract.inbound import MessageReceived
from guildbot.contract.refs import ConversationKind
from tests.adapters.teams.mock_connector import MockConnector
from tests.adapters.teams.rig import ANA, TeamsRig, card_text, start_rig
from tests.replies import Heard

GENERAL = "19:general-accessibility@thread.tacv2"
QUESTION = "How do I tag a PDF so that screen readers read it in order?"


async def test_a_channel_message_without_a_mention_is_something_said_in_the_channel(
    app: Guildbot, connector: MockConnector
) -> None:
    record = Heard()
    rig = await start_rig(app, connector, dispatch=record)
    try:
        await rig.say("channel_message")
        await rig.say("channel_mention", "<at>Guildbot</at> help")
    finally:
        await rig.close()
    said, command = record.events
    assert isinstance(said, MessageReceived) and not said.addressed
    assert said.text == QUESTION  # the HTML Teams sends undone
    assert said.actor.user_id == ANA
    assert said.conversation.kind is ConversationKind.CHANNEL
    assert said.conversation.channel_id == GENERAL
    assert said.conversation.thread_id == "1730556400000"  # answered in its own thread
    assert isinstance(command, MessageReceived) and command.addressed
    assert command.text == "help"


async def test_a_question_in_a_routed_channel_is_routed_without_an_at_mention(
    teams: TeamsRig,
) -> None:
    await teams.say("channel_mention", "<at>Guildbot</at> community create Accessibility")
    await teams.say("channel_mention", "<at>Guildbot</at> ask mode suggest")
    # Routing off for ordinary talk: nothing said back.
    assert (
        await teams.say("channel_message", "<p>Slides from today are in the Files tab.</p>") == []
    )
    posts = await teams.say("channel_message")
    assert posts, "the question got no answer"
    offer = posts[-1]
    assert "Find an expert" in [b["title"] for b in (offer.card or {}).get("actions", [])], (
        card_text(offer)
    )
