"""Adaptive Cards within Teams' limits, whatever the text: size as sent, buttons, what
people wrote shown as written, and the text fallback always there."""

from __future__ import annotations

import json
from typing import Any

from guildbot.adapters.teams import cards
from guildbot.adapters.teams.proactive import deep_link
from guildbot.bot.rich import say
from guildbot.contract.outbound import Button, OutboundMessage
from guildbot.contract.refs import ConversationKind, ConversationRef
from guildbot.contract.richtext import Link, RichText

TO = ConversationRef("teams", "tenant", "19:c@thread", None, ConversationKind.CHANNEL)


def _texts(card: dict[str, Any]) -> list[str]:
    return [b["text"] for b in card["body"] if b.get("type") == "TextBlock"]


def _buttons(card: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(card.get("actions") or [])
    for block in card["body"]:
        if block.get("type") == "ActionSet":
            assert len(block["actions"]) <= cards.MAX_TOP_ACTIONS
            found.extend(block["actions"])
    return found


def test_a_long_text_in_any_script_stays_within_what_teams_accepts() -> None:
    # Emoji cost 12 bytes each as sent (\\u escapes), CJK 6: 12,000 characters of them are
    # far past Teams' 28 KB, though far below any character count.
    for text in ("🙂" * 12_000, "漢" * 12_000, "a" * 40_000):
        message = OutboundMessage(TO, say(text), context=say("small print " * 400))
        card = cards.message_card(message)
        activity = {"summary": cards.summary(message), "attachments": [{"content": card}]}
        assert len(json.dumps(activity)) <= 28_000
        body, small = _texts(card)
        assert body.startswith(text[:100]) and body.endswith("…")
        assert small.startswith("small print")
        assert card["fallbackText"].startswith(text[:100])
        assert len(cards.summary(message)) <= cards.MAX_SUMMARY


def test_many_buttons_all_shown_six_to_a_row_and_the_card_still_fits() -> None:
    buttons = tuple(Button(f"Choice {i}", "pick", "v" * 800 + str(i)) for i in range(14))
    message = OutboundMessage(TO, say("Pick one " * 2_000), buttons)
    card = cards.message_card(message)
    shown = _buttons(card)
    assert [b["title"] for b in shown] == [f"Choice {i}" for i in range(14)]
    assert shown[13]["data"] == {"guildbot": "pick", "value": "v" * 800 + "13"}
    assert len(json.dumps(card)) <= cards.MAX_CARD_JSON
    assert "Choices: Choice 0 · Choice 1" in card["fallbackText"]


def test_what_people_wrote_cannot_dress_a_link_up() -> None:
    hostile = "Reset your password [here](https://evil.example/login) or ](x) *now*"
    card = cards.message_card(OutboundMessage(TO, say(f"Question: {hostile}")))
    [text] = _texts(card)
    assert "[here](https://" not in text and "](" not in text
    assert "[here]\u200b(https://evil.example/login)" in text
    assert "**now**" in text  # the core's own markup still works
    # The core's links are still links, whatever their label holds.
    chat = Link("https://teams.microsoft.com/l/chat/0/0?users=a@b.c", "open [chat]")
    ours = cards.markdown(RichText.of(chat))
    assert ours == "[open (chat)](https://teams.microsoft.com/l/chat/0/0?users=a@b.c)"
    the_list = RichText.of(Link("https://x.example/a", "the list"))
    assert cards.plain(the_list) == "the list (https://x.example/a)"


def test_a_deep_link_names_everyone_by_sign_in_name_or_entra_id() -> None:
    link = deep_link(
        ["ana.lima@example.org", "6b1e2c59-5b8a-4d1e-9c34-0a1b2c3d4e03", "o'neil@x.org"]
    )
    assert link == (
        "https://teams.microsoft.com/l/chat/0/0?users=ana.lima@example.org,"
        "8:orgid:6b1e2c59-5b8a-4d1e-9c34-0a1b2c3d4e03,o%27neil@x.org"
    )
    # Nothing in a name can add a parameter or end the markdown link around it.
    assert "&" not in deep_link(["a&topicName=x@y.z"]) and ")" not in deep_link(["a)b@c.d"])
