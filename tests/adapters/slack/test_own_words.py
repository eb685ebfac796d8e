"""What the Slack adapter says itself comes from the catalogues: the Home tab when Slack
cannot say who is looking is in the default language (GUILDBOT_DEFAULT_LOCALE), since
without the member's profile their language is not known either."""

from __future__ import annotations

import json

from guildbot.adapters.slack import blocks
from guildbot.bot.adapter_support.localised import CataloguePhrases
from guildbot.bot.rich import say
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.refs import ConversationKind, ConversationRef
from tests.adapters.slack.rig import SlackRig

SHORTENED = "adapters-slack-shortened"
OPENED = {"type": "app_home_opened", "user": "U9", "channel": "D9", "tab": "home"}


async def _home_text(slack: SlackRig) -> str:
    slack.mock.fail("users.info", status=500, times=20)
    assert await slack.event(OPENED) == 200
    await slack.mock.wait_for(lambda: bool(slack.mock.calls_to("views.publish")))
    [publish] = slack.mock.calls_to("views.publish")
    return json.dumps(publish.args["view"], ensure_ascii=False)


async def test_the_home_slack_could_not_look_up_reads_as_before_in_english(
    slack: SlackRig,
) -> None:
    assert "I couldn't look up your Slack profile just now" in await _home_text(slack)


async def test_with_a_french_default_locale_it_is_in_french(slack: SlackRig) -> None:
    slack.adapter.phrases = CataloguePhrases("fr-CA")
    text = await _home_text(slack)
    assert "Je n'ai pas pu consulter votre profil Slack pour le moment" in text


def test_text_too_long_for_one_message_says_so_in_the_reader_s_language() -> None:
    to = ConversationRef("slack", "T1", "D1", None, ConversationKind.DIRECT)
    many_lines = "\n".join(f"ligne {n} " + "x" * 2900 for n in range(60))
    message = OutboundMessage(to, say(many_lines))
    phrases = CataloguePhrases()
    french = blocks.message_blocks(message, phrases.translate_plain("fr-CA", SHORTENED))
    english = blocks.message_blocks(message, phrases.translate_plain(None, SHORTENED))
    assert len(french) == blocks.MAX_BLOCKS_MESSAGE
    assert french[-1]["text"]["text"] == (
        "_(raccourci\u00a0: la suite ne tenait pas dans un seul message Slack)_"
    )
    assert english[-1]["text"]["text"] == (
        "_(shortened: the rest did not fit in one Slack message)_"
    )
