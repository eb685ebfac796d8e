"""Neutral messages as Discord messages: markdown content, and buttons as persistent items.

Discord's markdown differs from the core's small markup in one way that matters: ``*x*`` is
italics there, so the core's bold becomes ``**x**``. Small print becomes ``-#`` subtext.
Buttons carry the core's action id and value in their custom id (``gb:ACTION:VALUE``), so
a press is understood by any process, even one started after the message was sent; a button
whose action asks for confirmation gets the prefix ``gb?`` and is confirmed in a second,
private step (Discord has no confirmation dialogs).
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import discord

from guildbot.contract.outbound import Button, ButtonStyle, Confirmation, OutboundMessage
from guildbot.contract.richtext import (
    Bold,
    ChannelLink,
    Code,
    InstantStyle,
    Link,
    Mention,
    Piece,
    RichText,
    Text,
)

MAX_CONTENT = 2000
MAX_CUSTOM_ID = 100
MAX_BUTTON_LABEL = 80
MAX_BUTTONS = 25  # five rows of five
CUSTOM_ID = re.compile(r"gb(?P<kind>[:?#x])(?P<action>[^:]{0,60}):(?P<value>.*)", re.DOTALL)
# A heading, subtext or quote at the start of a line of people's words.
_LINE_MARKUP = re.compile(r"(?m)^(#{1,3} |-# |> )")
_TIMESTAMP_STYLES = {InstantStyle.DATE_TIME: "F", InstantStyle.DATE: "D", InstantStyle.TIME: "t"}
PLATFORM = "discord"
TRIPLE = "`" * 3  # a code block's fence
SAFE_TRIPLE = "'" * 3  # what a fence inside the block becomes
# Values too long for a custom id are kept here, in this process only (see `custom_id`).
_LONG_VALUES: OrderedDict[str, tuple[str, str]] = OrderedDict()
_LONG_VALUES_SIZE = 5_000
# The core's wording for confirmations, by custom id; after a restart a generic one is used.
_CONFIRMATIONS: OrderedDict[str, Confirmation] = OrderedDict()


@dataclass(frozen=True, slots=True)
class Press:
    """What a pressed button's custom id says."""

    action_id: str
    value: str
    confirm_first: bool = False
    declined: bool = False
    expired: bool = False


def markdown(text: RichText) -> str:
    """Rich text as Discord markdown: real mentions, times as timestamps each reader sees in
    their own zone, and people's words as written (never markup, headings or pings)."""
    return "".join(_piece(piece) for piece in text.pieces)


def _piece(piece: Piece) -> str:
    if isinstance(piece, Text):
        return _words(piece.text)
    if isinstance(piece, Bold):
        words = piece.text.strip()
        return f"**{_words(words)}**" if words else piece.text
    if isinstance(piece, Code) and piece.block:
        return f"{TRIPLE}\n{piece.text.replace(TRIPLE, SAFE_TRIPLE)}\n{TRIPLE}"
    if isinstance(piece, Code):
        return f"`{piece.text.replace('`', '')}`" if piece.text else ""
    if isinstance(piece, Mention):
        if piece.member.platform == PLATFORM and piece.member.user_id.isdigit():
            return f"<@{piece.member.user_id}>"
        return _words(piece.name)
    if isinstance(piece, ChannelLink):
        if piece.channel.platform == PLATFORM and piece.channel.channel_id.isdigit():
            return f"<#{piece.channel.channel_id}>"
        return _words(f"#{piece.name}")
    if isinstance(piece, Link):
        if not piece.label or piece.label == piece.url:
            return f"<{piece.url}>"
        label = piece.label.replace("[", "(").replace("]", ")")
        return f"[{_words(label)}](<{piece.url}>)"
    return discord_timestamp(piece.at, _TIMESTAMP_STYLES[piece.style])


def _words(text: str) -> str:
    """People's words shown as written: markdown escaped, no heading or subtext at a line's
    start, and no mention that pings."""
    escaped = discord.utils.escape_mentions(discord.utils.escape_markdown(text))
    return _LINE_MARKUP.sub(r"\\\1", escaped)


def discord_timestamp(instant: datetime, style: str = "F") -> str:
    """``<t:1764759600:F>``: Discord shows it in the viewer's zone (F: full date and time)."""
    return f"<t:{int(instant.timestamp())}:{style}>"


def content(message: OutboundMessage) -> str:
    """The message's text and small print, within Discord's 2,000 characters."""
    body = markdown(message.text)
    small = ""
    if message.context:
        small = "\n" + "\n".join(f"-# {markdown(line)}" for line in message.context.lines())
    room = MAX_CONTENT - len(small)
    if len(body) > room:
        body = body[: room - 1] + "…"
    return (body + small)[:MAX_CONTENT] or "\u200b"


def custom_id(button: Button) -> str:
    """``gb:ACTION:VALUE`` (``gb?`` when it must be confirmed first).

    Ids that would pass Discord's 100 characters are shortened to a digest kept in this
    process (``gb#…``): such a button works until a restart, then asks to run the command
    again. The core's object ids (events, rounds, questions) always fit.
    """
    kind = "?" if button.confirm is not None else ":"
    whole = f"gb{kind}{button.action_id}:{button.value}"
    if len(whole) > MAX_CUSTOM_ID or ":" in button.action_id:
        digest = hashlib.sha256(whole.encode()).hexdigest()[:32]
        _remember(_LONG_VALUES, digest, (button.action_id, button.value))
        whole = f"gb#{'confirm' if button.confirm else ''}:{digest}"
    if button.confirm is not None:
        _remember(_CONFIRMATIONS, whole, button.confirm)
    return whole


def confirmation_for(custom: str, label: str) -> Confirmation:
    """The confirmation to show for a pressed ``gb?`` button."""
    return _CONFIRMATIONS.get(custom) or Confirmation(
        f"{label or 'Do this'}?", "Please confirm.", label or "Yes"
    )


def _remember(store: OrderedDict[str, Any], key: str, value: Any) -> None:
    store[key] = value
    store.move_to_end(key)
    while len(store) > _LONG_VALUES_SIZE:
        store.popitem(last=False)


def confirmed_id(action_id: str, value: str) -> str:
    """The custom id of the "yes" button in a confirmation step."""
    return custom_id(Button("", action_id, value))


DECLINE_ID = "gbx:"


def parse(custom: str) -> Press | None:
    """A custom id we rendered, read back; None when it is not ours."""
    match = CUSTOM_ID.fullmatch(custom)
    if match is None:
        return None
    kind, action, value = match["kind"], match["action"], match["value"]
    if kind == "x":
        return Press("", "", declined=True)
    if kind == "#":
        stored = _LONG_VALUES.get(value)
        if stored is None:
            return Press("", "", expired=True)
        return Press(stored[0], stored[1], confirm_first=action == "confirm")
    return Press(action, value, confirm_first=kind == "?")


def label(button: Button) -> str:
    """A button label within Discord's limit."""
    text = button.label.strip() or "…"
    return text if len(text) <= MAX_BUTTON_LABEL else text[: MAX_BUTTON_LABEL - 1] + "…"


def buttons_of(message: OutboundMessage) -> tuple[Button, ...]:
    """The buttons Discord can show (25 at most: five rows of five)."""
    return message.buttons[:MAX_BUTTONS]


STYLES = {
    ButtonStyle.DEFAULT: "secondary",
    ButtonStyle.PRIMARY: "primary",
    ButtonStyle.DANGER: "danger",
}
