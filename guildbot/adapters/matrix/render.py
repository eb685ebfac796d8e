"""Outbound messages as Matrix event content: HTML for clients that show it, plain text for
the rest, mentions as pills with `m.mentions`, buttons as numbered choices.

Matrix has no buttons. A message's buttons become numbered lines (1️⃣ Going, 2️⃣ Maybe): the
member answers by replying with the number or by reacting with its keycap, as in the
console. What each number does is kept in the event itself (`CHOICES_KEY`, encrypted with
the message in an encrypted room), so a choice survives a restart and any instance can read
it back from the homeserver; only events the bot sent are ever read for choices.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from guildbot.adapters.common import PlainRenderer
from guildbot.contract.outbound import Button, OutboundMessage
from guildbot.contract.richtext import (
    ChannelLink,
    Instant,
    Link,
    Mention,
    Renderer,
    RichText,
)

PLATFORM = "matrix"
HTML_FORMAT = "org.matrix.custom.html"
# Where the bot keeps a message's choices in the message's own content.
CHOICES_KEY = "org.guildbot.choices"
MATRIX_TO = "https://matrix.to/#/"
# Keycaps for the first ten choices; further ones are numbered in digits.
KEYCAPS = (*(f"{n}\ufe0f\u20e3" for n in range(1, 10)), "\U0001f51f")


def keycap(number: int) -> str:
    """The reaction that stands for choice `number` (from 1), or the number itself."""
    return KEYCAPS[number - 1] if 1 <= number <= len(KEYCAPS) else f"{number}."


def number_of_keycap(key: str) -> int | None:
    """The choice a reaction stands for (clients differ on the variation selector)."""
    bare = key.replace("\ufe0f", "").strip()
    for number, cap in enumerate(KEYCAPS, 1):
        if bare == cap.replace("\ufe0f", ""):
            return number
    return None


@dataclass(frozen=True, slots=True)
class Rendered:
    """A message's text in both forms, and whom it mentions."""

    plain: str
    html: str
    mentioned: tuple[str, ...]


class _Html(Renderer):
    def __init__(self) -> None:
        self.mentioned: list[str] = []

    def words(self, text: str) -> str:
        return html.escape(text, quote=False).replace("\n", "<br>")

    def bold(self, words: str) -> str:
        return f"<strong>{self.words(words)}</strong>"

    def code(self, words: str) -> str:
        return f"<code>{html.escape(words, quote=False)}</code>"

    def code_block(self, lines: str) -> str:
        return f"<pre><code>{html.escape(lines, quote=False)}</code></pre>"

    def mention(self, piece: Mention) -> str:
        if piece.member.platform != PLATFORM:
            return self.words(piece.name)
        if piece.member.user_id not in self.mentioned:
            self.mentioned.append(piece.member.user_id)
        href = html.escape(MATRIX_TO + piece.member.user_id)
        return f'<a href="{href}">{self.words(piece.name or piece.member.user_id)}</a>'

    def channel(self, piece: ChannelLink) -> str:
        if piece.channel.platform != PLATFORM:
            return self.words(f"#{piece.name}")
        href = html.escape(MATRIX_TO + piece.channel.channel_id)
        return f'<a href="{href}">#{self.words(piece.name)}</a>'

    def link(self, piece: Link) -> str:
        label = piece.label or piece.url
        return f'<a href="{html.escape(piece.url)}">{self.words(label)}</a>'

    def instant(self, piece: Instant) -> str:
        return self.words(piece.shown)


def rendered(text: RichText, context: RichText | None = None) -> Rendered:
    """The text, with its small print under it (`<sub>` in HTML, as Matrix bridges show
    small print; a line of its own in plain text)."""
    as_html = _Html()
    plain = PlainRenderer().render(text)
    body = as_html.render(text)
    if context:
        plain += "\n" + PlainRenderer().render(context)
        body += f"<br><sub>{as_html.render(context)}</sub>"
    return Rendered(plain, body, tuple(as_html.mentioned))


def choice_lines(buttons: Sequence[Button]) -> tuple[str, str]:
    """The buttons as numbered lines: (plain, HTML)."""
    lines = [f"{keycap(n)} {button.label}" for n, button in enumerate(buttons, 1)]
    return "\n".join(lines), "<br>".join(html.escape(line, quote=False) for line in lines)


def message_content(message: OutboundMessage, choices_for: str | None) -> dict[str, Any]:
    """The `m.room.message` content of a message: an `m.notice` (what bots send, so other
    bots never answer it), HTML and plain text, pills in `m.mentions`, the thread it
    belongs to, and its choices (only `choices_for` may answer them; None: anyone)."""
    shown = rendered(message.text, message.context)
    content: dict[str, Any] = {
        "msgtype": "m.notice",
        "body": shown.plain,
        "format": HTML_FORMAT,
        "formatted_body": shown.html,
        "m.mentions": {"user_ids": list(shown.mentioned)} if shown.mentioned else {},
    }
    if message.buttons:
        plain, as_html = choice_lines(message.buttons)
        content[CHOICES_KEY] = {
            "for": choices_for,
            "body_length": len(shown.plain),
            "html_length": len(shown.html),
            "options": [_option(button) for button in message.buttons],
        }
        content["body"] += "\n\n" + plain
        content["formatted_body"] += "<br><br>" + as_html
    thread = message.thread_id or message.to.thread_id
    if thread:
        content["m.relates_to"] = {
            "rel_type": "m.thread",
            "event_id": thread,
            "is_falling_back": True,
            "m.in_reply_to": {"event_id": thread},
        }
    return content


def _option(button: Button) -> dict[str, Any]:
    option: dict[str, Any] = {
        "label": button.label,
        "action": button.action_id,
        "value": button.value,
    }
    if button.confirm is not None:
        option["confirm"] = {
            "title": button.confirm.title,
            "text": button.confirm.text,
            "yes": button.confirm.confirm_label,
            "no": button.confirm.deny_label,
        }
    return option


def settled_content(original: dict[str, Any], line: RichText) -> dict[str, Any] | None:
    """An edit (`m.replace`) of a message the bot sent with choices: its text kept, the
    choices replaced by what was chosen (`line`). None when the event carries no choices."""
    choices = original.get(CHOICES_KEY)
    if not isinstance(choices, dict):
        return None
    body = str(original.get("body", ""))[: int(choices.get("body_length", 0))]
    formatted = str(original.get("formatted_body", ""))[: int(choices.get("html_length", 0))]
    said = rendered(line)
    return {
        "msgtype": "m.notice",
        "body": f"{body}\n\n{said.plain}",
        "format": HTML_FORMAT,
        "formatted_body": f"{formatted}<br><br>{said.html}",
        "m.mentions": {},
    }
