"""Neutral messages as Adaptive Cards (Teams renders 1.4 in chats, channels and on mobile).

Every message also carries its plain text: in the card's `fallbackText` (clients that cannot
render it) and the activity's `summary` (notifications). The activity's own `text` stays
empty when there is a card, because Teams would show it above the card a second time.

Buttons are Universal Actions: `Action.Execute` with the action id as its verb and
``{"guildbot": action_id, "value": value, "label": title, "text": copy}`` as its data. A
press brings back only that data, not the card, so each button carries its words and a
compact copy of the card's text: a press that settles its card can then show that text
again, without buttons (`settling`). A press comes back as an ``adaptiveCard/action``
invoke carrying the data, which the bot answers in the invoke response. Each one falls back
to an `Action.Submit` with the same data for a client that cannot run it, whose press —
like a press on a card posted before Universal Actions — comes back as a message activity
whose `value` is the data (see `inbound.action_of`). A button that asks for confirmation
is an `Action.ShowCard` that unfolds the question and the confirming button.

Teams shows at most six actions in a row, so more buttons are set out in rows of six; and
buttons that would take a card past the size Teams accepts continue in the cards that
follow (`message_cards`), so none is ever dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from guildbot.contract.outbound import Button, ButtonStyle, OutboundMessage
from guildbot.contract.phrases import Phrases
from guildbot.contract.richtext import (
    FENCE,
    ChannelLink,
    Instant,
    InstantStyle,
    Link,
    Mention,
    Renderer,
    RichText,
    plain_piece,
)

PLATFORM = "teams"

Card = dict[str, Any]

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_VERSION = "1.4"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
# Teams refuses an activity over about 28 KB, as sent: JSON in which every non-ASCII
# character is a \u escape (an emoji costs 12 bytes). Texts are cut by that measure.
MAX_CARD_JSON = 24_000
MAX_TEXT_JSON = 12_000
MAX_CONTEXT_JSON = 2_000
MAX_FALLBACK_JSON = 4_000
MAX_SUMMARY = 1_000
MAX_TITLE = 80
MAX_VALUE = 2_000
MAX_TOP_ACTIONS = 6  # Teams shows at most six actions in a row; more go in action sets
MIN_TEXT_JSON = 1_000  # what the text keeps, at least, when buttons need the room
# The copy of the text each button carries (twice: in its Action.Execute and its fallback):
# the card's text shares this budget among them, each copy at most `MAX_COPY_JSON`; a card
# with so many buttons that a copy would be shorter than `MIN_COPY_JSON` carries none.
COPY_BUDGET_JSON = 6_000
MAX_COPY_JSON = 1_500
MIN_COPY_JSON = 250

# `{{` opens a card function (a date) in what people wrote: a zero-width space keeps it text.
_FUNCTION = re.compile(r"\{(?=\{)")
# Markdown link syntax in what people wrote ("[Reset your password](https://…)") would
# show a label over any address in a message from the bot: a zero-width space between
# "]" and "(" keeps the characters and drops the link. Bare addresses stay links, as in
# every Teams message.
_MARKDOWN_LINK = re.compile(r"\]\s*\(")
_STYLES = {ButtonStyle.PRIMARY: "positive", ButtonStyle.DANGER: "destructive"}
_GUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_DATE_FUNCTIONS = {
    InstantStyle.DATE_TIME: "{{{{DATE({at}, SHORT)}}}}, {{{{TIME({at})}}}}",
    InstantStyle.DATE: "{{{{DATE({at}, SHORT)}}}}",
    InstantStyle.TIME: "{{{{TIME({at})}}}}",
}
Entities = list[dict[str, Any]]


def markdown(text: RichText, entities: Entities | None = None) -> str:
    """Rich text as card markdown. A mention of a Teams member is ``<at>Name</at>`` with its
    entity added to `entities` (the card's `msteams.entities`); times use the card's date
    functions, which Teams shows in each reader's zone; people's words stay as written."""
    rendered = _CardMarkdown(entities).render(text)
    # A card TextBlock joins single line breaks; two spaces before one keeps it.
    return rendered.replace("\n", "  \n")


class _CardMarkdown(Renderer):
    def __init__(self, entities: Entities | None) -> None:
        # Where mentions are collected; None where a text cannot mention (a fallback).
        self.entities = entities

    def words(self, text: str) -> str:
        text = _MARKDOWN_LINK.sub(lambda m: "]\u200b" + m.group(0)[1:], text)
        return _FUNCTION.sub("{\u200b", text)

    def bold(self, words: str) -> str:
        return f"**{self.words(words)}**"

    # Cards have no code style: backticks, shown as typed, still say "type this".
    def code(self, words: str) -> str:
        return f"`{self.words(words)}`"

    def code_block(self, lines: str) -> str:
        return f"{FENCE}\n{self.words(lines)}\n{FENCE}"

    def mention(self, piece: Mention) -> str:
        ref, entities = piece.member, self.entities
        name = self.words(piece.name).replace("<", "‹").replace(">", "›")
        if entities is None or ref.platform != PLATFORM or not _GUID.match(ref.user_id):
            return name
        tag = f"<at>{name}</at>"
        if not any(e["text"] == tag and e["mentioned"]["id"] == ref.user_id for e in entities):
            entities.append(
                {"type": "mention", "text": tag, "mentioned": {"id": ref.user_id, "name": name}}
            )
        return tag

    def channel(self, piece: ChannelLink) -> str:
        return self.words(piece.name)

    def link(self, piece: Link) -> str:
        url = piece.url.replace("(", "%28").replace(")", "%29")
        label = (piece.label or piece.url).replace("[", "(").replace("]", ")")
        return f"[{label}]({url})"

    def instant(self, piece: Instant) -> str:
        at = piece.at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return _DATE_FUNCTIONS[piece.style].format(at=at)


_WORDS = _CardMarkdown(None)  # people's words, where nothing can mention


def words(text: str) -> str:
    """People's words for a card: as written, no link dressed up, no card function."""
    return _WORDS.words(text)


def plain(text: RichText) -> str:
    """Rich text as plain words (notifications, the fallback): links as their label followed
    by the address."""
    words = []
    for piece in text.pieces:
        if isinstance(piece, Link) and piece.label and piece.label != piece.url:
            words.append(f"{piece.label} ({piece.url})")
        else:
            words.append(plain_piece(piece))
    return "".join(words)


def fallback_text(message: OutboundMessage, budget: int = MAX_FALLBACK_JSON) -> str:
    """What a member sees without the card: the text, the small print, the choices — the
    text cut first when they do not all fit."""
    tail = []
    if message.context:
        tail.append(fit(plain(message.context), budget // 4))
    if message.buttons:
        choices = "Choices: " + " · ".join(b.label for b in message.buttons)
        tail.append(fit(choices, budget // 4))
    ending = "".join("\n" + part for part in tail)
    return fit(plain(message.text), budget - _json_size(ending)) + ending


def summary(message: OutboundMessage) -> str:
    """The notification line of a message (Teams shows the start of it)."""
    return _shorten(fallback_text(message), MAX_SUMMARY)


def fit(text: str, budget: int) -> str:
    """`text`, cut (with "…") so that it takes at most `budget` bytes as JSON."""
    if _json_size(text) <= budget:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with its ellipsis
        middle = (low + high + 1) // 2
        if _json_size(text[:middle] + "…") <= budget:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"


@dataclass(frozen=True, slots=True)
class CardWords:
    """What a card says itself (not the message's words), in its reader's language: the
    locale of the member a direct chat is with; elsewhere None (the default language)."""

    phrases: Phrases
    locale: str | None = None

    def more_choices(self, opening: str) -> str:
        """The head of a card carrying more of a message's buttons."""
        return self.phrases.translate_plain(
            self.locale, "adapters-teams-more-choices", opening=opening
        )

    def press_again(self, label: str, deny: str) -> str:
        """How to step back from a destructive button's confirmation."""
        return self.phrases.translate_plain(
            self.locale, "adapters-teams-press-again", label=label, deny=deny
        )


def message_card(message: OutboundMessage, words: CardWords) -> Card:
    """The first (usually the only) Adaptive Card of a message: see `message_cards`."""
    return message_cards(message, words)[0]


def message_cards(message: OutboundMessage, words: CardWords) -> list[Card]:
    """The Adaptive Cards for a message: its text, its small print, then its buttons —
    within what Teams accepts, however long or foreign the text. The text gives way to the
    buttons down to `MIN_TEXT_JSON`; buttons that still do not fit follow, in order, in
    more cards that say they continue the first."""
    copy = text_copy(message)
    actions = [action(button, words, copy) for button in message.buttons]
    first, rest = _fitting(actions, lambda shown: _first_card(message, shown))
    cards = [first]
    while rest:
        page, rest = _fitting(rest, lambda shown: _more_card(message, words, shown))
        cards.append(page)
    return cards


def _fitting(
    actions: list[dict[str, Any]], build: Callable[[list[dict[str, Any]]], Card]
) -> tuple[Card, list[dict[str, Any]]]:
    """The card `build` makes with as many of `actions` as fit (at least one), and the rest."""
    count = len(actions)
    card = build(actions)
    while count > 1 and _json_size(card) > MAX_CARD_JSON:
        count -= 1
        card = build(actions[:count])
    return card, actions[count:]


def _first_card(message: OutboundMessage, actions: list[dict[str, Any]]) -> Card:
    card = _card(message, MAX_TEXT_JSON, actions)
    excess = _json_size(card) - MAX_CARD_JSON
    if excess > 0:  # many buttons: the text gives way
        card = _card(message, max(MIN_TEXT_JSON, MAX_TEXT_JSON - excess), actions)
    return card


def _more_card(message: OutboundMessage, words: CardWords, actions: list[dict[str, Any]]) -> Card:
    """A card that carries more of a message's buttons, under the start of its text."""
    opening = " ".join(plain(message.text).split())
    more = OutboundMessage(
        message.to, RichText.of(words.more_choices(_shorten(opening, MAX_TITLE)))
    )
    return _card(more, MIN_TEXT_JSON, actions)


def _card(message: OutboundMessage, text_budget: int, actions: list[dict[str, Any]]) -> Card:
    entities: Entities = []
    body: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": fit(markdown(message.text, entities), text_budget),
            "wrap": True,
        }
    ]
    if message.context:
        body.append(
            {
                "type": "TextBlock",
                "text": fit(markdown(message.context, entities), MAX_CONTEXT_JSON),
                "wrap": True,
                "isSubtle": True,
                "size": "Small",
            }
        )
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
    # A mention cut off by `fit` has no tag left: only the mentions still shown are entities.
    shown = "".join(block.get("text", "") for block in body)
    if kept := [e for e in entities if e["text"] in shown]:
        card["msteams"]["entities"] = kept
    return card


def text_copy(message: OutboundMessage) -> str:
    """What each of a message's buttons carries of its text: the card's markdown (mentions
    as names: a copy has no entities), cut to its share of `COPY_BUDGET_JSON`; "" when
    there are too many buttons for a copy worth showing."""
    if not message.buttons:
        return ""
    budget = min(MAX_COPY_JSON, COPY_BUDGET_JSON // (2 * len(message.buttons)))
    if budget < MIN_COPY_JSON:
        return ""
    return fit(markdown(message.text), budget)


def action(button: Button, words: CardWords, copy: str = "") -> dict[str, Any]:
    """One card button (carrying `copy`, its card's text); a destructive one unfolds a
    confirmation first."""
    title = _shorten(button.label, MAX_TITLE)
    execute = _execute(button, title, title, copy)
    if button.confirm is None:
        return execute
    confirm = _execute(button, _shorten(button.confirm.confirm_label, MAX_TITLE), title, copy)
    return {
        "type": "Action.ShowCard",
        "title": _shorten(button.label, MAX_TITLE),
        "card": {
            "type": "AdaptiveCard",
            "version": CARD_VERSION,
            "body": [
                {
                    "type": "TextBlock",
                    "text": fit(_WORDS.words(button.confirm.title), MAX_CONTEXT_JSON),
                    "weight": "Bolder",
                    "wrap": True,
                },
                {
                    "type": "TextBlock",
                    "text": fit(_WORDS.words(button.confirm.text), MAX_CONTEXT_JSON),
                    "wrap": True,
                },
                {
                    "type": "TextBlock",
                    "text": words.press_again(
                        _shorten(button.label, MAX_TITLE), button.confirm.deny_label.lower()
                    ),
                    "isSubtle": True,
                    "size": "Small",
                    "wrap": True,
                },
            ],
            "actions": [confirm],
        },
    }


def _execute(button: Button, title: str, label: str, copy: str) -> dict[str, Any]:
    """An `Action.Execute` (its verb the action id, for Teams' own logs; the data is what
    the bot reads), falling back to an `Action.Submit` of the same data. `label` is the
    choice it makes (a confirming button's is the button it confirms)."""
    data = {"guildbot": button.action_id, "value": button.value[:MAX_VALUE], "label": label}
    if copy:
        data["text"] = copy
    submit: dict[str, Any] = {"type": "Action.Submit", "title": title, "data": data}
    style = _STYLES.get(button.style)
    if style:
        submit["style"] = style
    return dict(submit, type="Action.Execute", verb=button.action_id[:MAX_TITLE], fallback=submit)


def _json_size(value: Any) -> int:
    return len(json.dumps(value))


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
