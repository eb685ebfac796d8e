"""A pressed Teams card, settled: its buttons taken away and what was chosen said under it.

A press brings back the pressed button's data and the id of the card's activity
(`replyToId`), never the card. So every button carries what settling needs (`cards`): its
words (`label`) and a compact copy of the card's text (`text`) — the one way that works from
any process and days later, with no record kept of sent cards. The settled card is that copy
with the core's line under it, and no actions. A card posted before buttons carried a copy
(or one with too many buttons to carry one) settles to the line alone.

The data is sent by the presser's client, so it is only the presser's word: the copy is
shown as written only in their personal chat, where nobody else reads it; anywhere else it
is shown as people's words (no link can be dressed up in it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from guildbot.adapters.teams import cards
from guildbot.contract.inbound import PressedMessage
from guildbot.contract.richtext import RichText

MAX_LABEL = cards.MAX_TITLE


def pressed_message(activity: Mapping[str, Any], data: Any) -> PressedMessage | None:
    """The card a press (an invoke, or an Action.Submit message) was on; None when Teams
    did not say which activity that was."""
    message_id = str(activity.get("replyToId") or "")
    if not message_id:
        return None
    label = data.get("label") if isinstance(data, Mapping) else None
    conversation = activity.get("conversation") or {}
    private = isinstance(conversation, Mapping) and (
        conversation.get("conversationType") == "personal"
    )
    return PressedMessage(
        message_id, label[:MAX_LABEL] if isinstance(label, str) else "", bool(private)
    )


def settled_card(data: Any, line: RichText, *, private: bool) -> cards.Card:
    """The pressed card as it now reads: the text its button carried, `line` under it in
    small print, no actions."""
    raw = data.get("text") if isinstance(data, Mapping) else None
    copy = cards.fit(raw, cards.MAX_TEXT_JSON) if isinstance(raw, str) else ""
    if copy and not private:
        copy = cards.words(copy)
    said = cards.markdown(line)
    body: list[dict[str, Any]] = []
    if copy:
        body.append({"type": "TextBlock", "text": copy, "wrap": True})
    body.append(
        {"type": "TextBlock", "text": said, "wrap": True, "isSubtle": True, "size": "Small"}
    )
    fallback = cards.plain(line)
    return {
        "type": "AdaptiveCard",
        "$schema": cards.SCHEMA,
        "version": cards.CARD_VERSION,
        "fallbackText": cards.fit(
            f"{copy}\n{fallback}" if copy else fallback, cards.MAX_FALLBACK_JSON
        ),
        "body": body,
        "msteams": {"width": "Full"},
    }
