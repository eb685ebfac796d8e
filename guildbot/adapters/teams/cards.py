"""Neutral messages as Adaptive Cards (Teams renders 1.4 in chats, channels and on mobile).

Every message also carries its plain text: in the card's `fallbackText` (clients that cannot
render it) and the activity's `summary` (notifications). The activity's own `text` stays
empty when there is a card, because Teams would show it above the card a second time.

Buttons are `Action.Submit` with ``{"guildbot": action_id, "value": value}``; a press comes
back as a message activity whose `value` is that data (or, for `Action.Execute` cards, as an
``adaptiveCard/action`` invoke carrying it) — see `inbound.action_of`. A button that asks for
confirmation is an `Action.ShowCard` that unfolds the question and the confirming button.
"""

from __future__ import annotations

import re
from typing import Any

from guildbot.bot.events import Button, ButtonStyle, OutboundMessage

Card = dict[str, Any]

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.4"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
# Teams refuses messages over about 28 KB; text is cut well before that.
MAX_TEXT = 12_000
MAX_CONTEXT = 2_000
MAX_TITLE = 80
MAX_VALUE = 2_000
MAX_TOP_ACTIONS = 6  # Teams shows at most six card-level actions; more go in action sets

_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_LINK = re.compile(r"<((?:https?://|mailto:)[^|>\s]+)(?:\|([^>]*))?>")
_STYLES = {ButtonStyle.PRIMARY: "positive", ButtonStyle.DANGER: "destructive"}


def markdown(text: str) -> str:
    """The neutral markup (``*bold*``, Slack-style ``<url|label>`` links) as card markdown."""
    text = _LINK.sub(lambda m: f"[{m.group(2) or m.group(1)}]({m.group(1)})", text)
    text = _BOLD.sub(r"**\1**", text)
    # A card TextBlock joins single line breaks; two spaces before one keeps it.
    return text.replace("\n", "  \n")


def plain(text: str) -> str:
    """The neutral markup as plain text (for notifications and the fallback)."""
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), text)
    return _BOLD.sub(r"\1", text)


def fallback_text(message: OutboundMessage) -> str:
    """What a member sees without the card: the text, the small print, the choices."""
    parts = [plain(message.text)]
    if message.context:
        parts.append(plain(message.context))
    if message.buttons:
        parts.append("Choices: " + " · ".join(b.label for b in message.buttons))
    return _shorten("\n".join(parts), MAX_TEXT)


def message_card(message: OutboundMessage) -> Card:
    """The Adaptive Card for a message: its text, its small print, then its buttons."""
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": markdown(_shorten(message.text, MAX_TEXT)), "wrap": True}
    ]
    if message.context:
        body.append(
            {
                "type": "TextBlock",
                "text": markdown(_shorten(message.context, MAX_CONTEXT)),
                "wrap": True,
                "isSubtle": True,
                "size": "Small",
            }
        )
    actions = [action(button) for button in message.buttons]
    card: Card = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": CARD_VERSION,
        "fallbackText": fallback_text(message),
        "body": body,
    }
    if len(actions) <= MAX_TOP_ACTIONS:
        if actions:
            card["actions"] = actions
    else:
        for start in range(0, len(actions), MAX_TOP_ACTIONS):
            body.append({"type": "ActionSet", "actions": actions[start : start + MAX_TOP_ACTIONS]})
    # Without this the card is as narrow as a chat bubble in channels.
    card["msteams"] = {"width": "Full"}
    return card


def action(button: Button) -> dict[str, Any]:
    """One card button; a destructive one unfolds a confirmation first."""
    submit: dict[str, Any] = {
        "type": "Action.Submit",
        "title": _shorten(button.label, MAX_TITLE),
        "data": {"guildbot": button.action_id, "value": button.value[:MAX_VALUE]},
    }
    style = _STYLES.get(button.style)
    if style:
        submit["style"] = style
    if button.confirm is None:
        return submit
    confirm = dict(submit, title=_shorten(button.confirm.confirm_label, MAX_TITLE))
    return {
        "type": "Action.ShowCard",
        "title": _shorten(button.label, MAX_TITLE),
        "card": {
            "type": "AdaptiveCard",
            "version": CARD_VERSION,
            "body": [
                {
                    "type": "TextBlock",
                    "text": markdown(button.confirm.title),
                    "weight": "Bolder",
                    "wrap": True,
                },
                {"type": "TextBlock", "text": markdown(button.confirm.text), "wrap": True},
                {
                    "type": "TextBlock",
                    "text": f"(Press “{_shorten(button.label, MAX_TITLE)}” again to "
                    f"{button.confirm.deny_label.lower()}.)",
                    "isSubtle": True,
                    "size": "Small",
                    "wrap": True,
                },
            ],
            "actions": [confirm],
        },
    }


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
