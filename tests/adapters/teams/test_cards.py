"""Adaptive Cards within Teams' limits, whatever the text: size as sent, buttons, what
people wrote shown as written, and the text fallback always there."""

from __future__ import annotations

import json
from typing import Any

from guildbot.adapters.teams import cards
from guildbot.adapters.teams.proactive import deep_link
from guildbot.bot.adapter_support.localised import CataloguePhrases
from guildbot.bot.rich import say
from guildbot.contract.outbound import (
    MAX_ACTION_ID,
    Button,
    ButtonStyle,
    Confirmation,
    OutboundMessage,
)
from guildbot.contract.refs import ConversationKind, ConversationRef
from guildbot.contract.richtext import Link, RichText

WORDS = cards.CardWords(CataloguePhrases())
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
        card = cards.message_card(message, WORDS)
        activity = {"summary": cards.summary(message), "attachments": [{"content": card}]}
        assert len(json.dumps(activity)) <= 28_000
        body, small = _texts(card)
        assert body.startswith(text[:100]) and body.endswith("…")
        assert small.startswith("small print")
        assert card["fallbackText"].startswith(text[:100])
        assert len(cards.summary(message)) <= cards.MAX_SUMMARY


def test_many_buttons_all_shown_six_to_a_row_and_the_card_still_fits() -> None:
    # Values as long as the core ever sends (MAX_BUTTON_VALUE), under a text too long to fit.
    buttons = tuple(Button(f"Choice {i}", "pick", "v" * 62 + f"{i:02}") for i in range(14))
    message = OutboundMessage(TO, say("Pick one " * 2_000), buttons)
    [card] = cards.message_cards(message, WORDS)
    shown = _buttons(card)
    assert [b["title"] for b in shown] == [f"Choice {i}" for i in range(14)]
    # Too many buttons for each to carry a copy of the text worth showing: none does.
    assert shown[13]["data"] == {"guildbot": "pick", "value": "v" * 62 + "13", "label": "Choice 13"}
    assert len(json.dumps(card)) <= cards.MAX_CARD_JSON
    assert "Choices: Choice 0 · Choice 1" in card["fallbackText"]


def test_what_people_wrote_cannot_dress_a_link_up() -> None:
    hostile = "Reset your password [here](https://evil.example/login) or ](x) *now*"
    card = cards.message_card(OutboundMessage(TO, say(f"Question: {hostile}")), WORDS)
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


def test_buttons_are_universal_actions_that_fall_back_to_a_submit_of_the_same_data() -> None:
    go = Button("Going", "rsvp", "42:going", ButtonStyle.PRIMARY)
    leave = Button("Leave", "leave", "7", confirm=Confirmation("Leave?", "Sure?", "Leave", "Stay"))
    card = cards.message_card(OutboundMessage(TO, say("Demo day"), (go, leave)), WORDS)
    first, second = card["actions"]
    # Each button carries its words and the card's text, which settle the card when pressed.
    data = {"guildbot": "rsvp", "value": "42:going", "label": "Going", "text": "Demo day"}
    assert first["type"] == "Action.Execute" and first["verb"] == "rsvp"
    assert first["data"] == data and first["style"] == "positive"
    assert first["fallback"] == {
        "type": "Action.Submit",
        "title": "Going",
        "data": data,
        "style": "positive",
    }
    # A confirmation unfolds first; its confirming button is a Universal Action too.
    assert second["type"] == "Action.ShowCard"
    [confirm] = second["card"]["actions"]
    assert confirm["type"] == "Action.Execute" and confirm["title"] == "Leave"
    assert confirm["data"] == {
        "guildbot": "leave",
        "value": "7",
        "label": "Leave",  # the choice it confirms
        "text": "Demo day",
    }
    assert confirm["fallback"]["type"] == "Action.Submit"
    # Universal Actions need a card of version 1.4 in Teams.
    assert card["version"] == "1.4"


def test_the_copy_of_the_text_buttons_carry_shares_a_budget_and_stays_within_it() -> None:
    long = say("A question about accessibility audits " * 200)
    two = cards.message_card(
        OutboundMessage(TO, long, (Button("I can help", "a", "1"), Button("Not now", "d", "1"))),
        WORDS,
    )
    copies = [b["data"]["text"] for b in _buttons(two)]
    assert copies[0] == copies[1] and copies[0].startswith("A question about")
    assert len(json.dumps(copies[0])) <= cards.MAX_COPY_JSON and copies[0].endswith("…")
    six = tuple(Button(f"Pick {i}", "p", str(i)) for i in range(6))
    [copy] = {
        b["data"]["text"]
        for b in _buttons(cards.message_card(OutboundMessage(TO, long, six), WORDS))
    }
    assert len(json.dumps(copy)) <= cards.COPY_BUDGET_JSON // 12


def test_buttons_too_many_for_one_card_continue_in_the_next_and_none_is_lost() -> None:
    # Far more buttons than the core sends today, each as long as it may be.
    buttons = tuple(
        Button(f"Choice {i} " + "x" * 60, "a" * MAX_ACTION_ID, f"{i}:" + "v" * 60)
        for i in range(150)
    )
    message = OutboundMessage(TO, say("Pick one of these"), buttons)
    pages = cards.message_cards(message, WORDS)
    assert len(pages) > 1
    shown = [button for page in pages for button in _buttons(page)]
    assert [b["data"]["value"].split(":")[0] for b in shown] == [str(i) for i in range(150)]
    assert [b["data"]["value"] for b in shown] == [b.value for b in buttons]
    for page in pages:
        assert len(json.dumps(page)) <= cards.MAX_CARD_JSON
        assert len(page.get("actions") or []) <= cards.MAX_TOP_ACTIONS
    assert _texts(pages[0]) == ["Pick one of these"]
    assert _texts(pages[1]) == ["More choices for “Pick one of these”:"]
    assert cards.message_card(message, WORDS) == pages[0]
