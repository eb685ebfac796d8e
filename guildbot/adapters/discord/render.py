"""Neutral messages as Discord messages: markdown content, and buttons as persistent items.

Rich text becomes Discord markdown (``**bold**``, ``<@id>``, ``<t:…:F>``); small print
becomes ``-#`` subtext. A message longer than Discord's 2,000 characters, or with more than
its 25 buttons, becomes several (`parts`): the text cut where `limits.split` says, and the
buttons, 25 a message, with the last of the text and in messages after it.

Buttons carry the core's action id and value in their custom id (``gb:ACTION:VALUE``) — the
contract keeps both short enough — so a press is understood by any process, even one started
after the message was sent. A button whose action asks for confirmation gets the prefix
``gb?`` and is confirmed in a second, private step (Discord has no confirmation dialogs), in
the core's words for that action (see `DiscordAdapter`'s `confirmations`): nothing is
remembered in a process.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import discord

from guildbot.adapters.discord.limits import MAX_CONTENT, split
from guildbot.contract.outbound import Button, ButtonStyle, OutboundMessage
from guildbot.contract.richtext import (
    FENCE,
    ChannelLink,
    Instant,
    InstantStyle,
    Link,
    Mention,
    Renderer,
    RichText,
)

MAX_CUSTOM_ID = 100
MAX_BUTTON_LABEL = 80
MAX_BUTTONS = 25  # five rows of five
CUSTOM_ID = re.compile(r"gb(?P<kind>[:?x])(?P<action>[^:]{0,32}):(?P<value>.*)", re.DOTALL)
# A heading, subtext or quote at the start of a line of people's words.
_LINE_MARKUP = re.compile(r"(?m)^(#{1,3} |-# |> )")
_TIMESTAMP_STYLES = {InstantStyle.DATE_TIME: "F", InstantStyle.DATE: "D", InstantStyle.TIME: "t"}
PLATFORM = "discord"


@dataclass(frozen=True, slots=True)
class Press:
    """What a pressed button's custom id says."""

    action_id: str
    value: str
    confirm_first: bool = False
    declined: bool = False


def markdown(text: RichText) -> str:
    """Rich text as Discord markdown: real mentions, times as timestamps each reader sees in
    their own zone, and people's words as written (never markup, headings or pings)."""
    return _MARKDOWN.render(text)


class _Markdown(Renderer):
    def words(self, text: str) -> str:
        # Markdown escaped, no heading or subtext at a line's start, no mention that pings.
        escaped = discord.utils.escape_mentions(discord.utils.escape_markdown(text))
        return _LINE_MARKUP.sub(r"\\\1", escaped)

    def bold(self, words: str) -> str:
        return f"**{self.words(words)}**"

    def code(self, words: str) -> str:
        return f"`{words}`"

    def code_block(self, lines: str) -> str:
        return f"{FENCE}\n{lines}\n{FENCE}"

    def mention(self, piece: Mention) -> str:
        if piece.member.platform == PLATFORM and piece.member.user_id.isdigit():
            return f"<@{piece.member.user_id}>"
        return self.words(piece.name)

    def channel(self, piece: ChannelLink) -> str:
        if piece.channel.platform == PLATFORM and piece.channel.channel_id.isdigit():
            return f"<#{piece.channel.channel_id}>"
        return self.words(f"#{piece.name}")

    def link(self, piece: Link) -> str:
        if not piece.label or piece.label == piece.url:
            return f"<{piece.url}>"
        label = piece.label.replace("[", "(").replace("]", ")")
        return f"[{self.words(label)}](<{piece.url}>)"

    def instant(self, piece: Instant) -> str:
        return discord_timestamp(piece.at, _TIMESTAMP_STYLES[piece.style])


_MARKDOWN = _Markdown()


def discord_timestamp(instant: datetime, style: str = "F") -> str:
    """``<t:1764759600:F>``: Discord shows it in the viewer's zone (F: full date and time)."""
    return f"<t:{int(instant.timestamp())}:{style}>"


def content(message: OutboundMessage) -> str:
    """The message's text and small print, whatever its length (`parts` cuts it)."""
    body = markdown(message.text)
    small = ""
    if message.context:
        small = "\n" + "\n".join(f"-# {markdown(line)}" for line in message.context.lines())
    return body + small


# Discord refuses a message with no content and no buttons; a zero-width space is neither
# seen nor read out.
NOTHING = "\u200b"


@dataclass(frozen=True, slots=True)
class Part:
    """One Discord message of a neutral message: content within 2,000 characters, and at
    most 25 buttons."""

    content: str
    buttons: tuple[Button, ...] = ()


def parts(message: OutboundMessage) -> list[Part]:
    """The messages Discord shows for `message`, in order: its text cut at line breaks where
    it is too long, the buttons with the last of the text — after what they answer, at the
    bottom, where the reader ends — and more than 25 in further messages right after."""
    texts = [text if text.strip() else NOTHING for text in split(content(message)) or [""]]
    pages = button_pages(message.buttons)
    if not pages:
        return [Part(text) for text in texts]
    *before, last = texts
    return [
        *(Part(text) for text in before),
        Part(last, pages[0]),
        *(Part(NOTHING, page) for page in pages[1:]),
    ]


def settled(original: str, line: RichText) -> str:
    """A pressed message as it reads once settled: its own text, then `line` in small print
    (as a message's context is shown). The text gives way at its end when both would not fit
    in one message; a part that was only buttons (`NOTHING`) keeps just the line."""
    note = "\n".join(f"-# {markdown(piece)}" for piece in line.lines())[:MAX_CONTENT]
    text = original.rstrip()
    if not text.strip(NOTHING + " \n"):
        return note
    room = MAX_CONTENT - len(note) - 1
    if len(text) > room:
        # Cut where a long message would be cut, so no markup is left open.
        text = split(text, room - 1)[0].rstrip() + "…"
    return f"{text}\n{note}"


def custom_id(button: Button) -> str:
    """``gb:ACTION:VALUE`` (``gb?`` when it must be confirmed first); at most 100 characters,
    as the contract's limits on action ids and values promise."""
    kind = "?" if button.confirm is not None else ":"
    whole = f"gb{kind}{button.action_id}:{button.value}"
    if len(whole) > MAX_CUSTOM_ID or ":" in button.action_id:
        raise ValueError(f"not a button Discord can carry: {whole[:40]!r}…")
    return whole


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
    return Press(action, value, confirm_first=kind == "?")


def label(button: Button) -> str:
    """A button label within Discord's limit."""
    text = button.label.strip() or "…"
    return text if len(text) <= MAX_BUTTON_LABEL else text[: MAX_BUTTON_LABEL - 1] + "…"


def button_pages(buttons: Sequence[Button]) -> list[tuple[Button, ...]]:
    """`buttons` in order, at most 25 a message (five rows of five), never two with the same
    custom id in one message: Discord refuses such a message whole. None is left out.

    Following messages rather than a "More…" button: a button carries only its own action and
    value, and nothing is remembered in a process, so a "More…" press could not know which
    choices came next."""
    pages: list[list[Button]] = []
    ids: set[str] = set()
    for button in buttons:
        custom = custom_id(button)
        if not pages or len(pages[-1]) == MAX_BUTTONS or custom in ids:
            pages.append([])
            ids = set()
        pages[-1].append(button)
        ids.add(custom)
    return [tuple(page) for page in pages]


STYLES = {
    ButtonStyle.DEFAULT: "secondary",
    ButtonStyle.PRIMARY: "primary",
    ButtonStyle.DANGER: "danger",
}
