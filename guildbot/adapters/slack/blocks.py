"""Rendering rich text, messages and home pages as Slack Block Kit, within Slack's limits.

Every message keeps a plain `text` fallback (notifications, screen readers, old clients).
Buttons carry the core's action id and value; several buttons may share an action id (the
three RSVP answers do), which Slack forbids within a block, so each is suffixed with its
position and `action_id_of` removes the suffix when the press comes back.
"""

from __future__ import annotations

import re
from typing import Any

from guildbot.contract.home import HomeView
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

PLATFORM = "slack"

Block = dict[str, Any]

# Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks).
MAX_SECTION_TEXT = 3000
MAX_CONTEXT_TEXT = 2000
MAX_BLOCKS_MESSAGE = 50
MAX_BLOCKS_VIEW = 100
MAX_ACTIONS_PER_BLOCK = 25
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTION_ID = 255
MAX_HEADER_TEXT = 150
MAX_CONFIRM_TITLE = 100
MAX_CONFIRM_TEXT = 300
MAX_CONFIRM_LABEL = 30
MAX_FALLBACK_TEXT = 3900  # Slack truncates `text` past 40,000; notifications show far less

ACTION_SUFFIX = "~"
_SUFFIXED = re.compile(r"^(?P<action>.+)~\d{1,3}$", re.DOTALL)
_DATE_FORMATS = {
    InstantStyle.DATE_TIME: "{date_short_pretty} at {time}",
    InstantStyle.DATE: "{date_short_pretty}",
    InstantStyle.TIME: "{time}",
}


def mrkdwn(text: RichText) -> str:
    """Rich text as Slack mrkdwn: real mentions and channel links, dates in each reader's own
    zone, and people's words shown as written (never as markup or a broadcast)."""
    return _MRKDWN.render(text)


class _Mrkdwn(Renderer):
    def words(self, text: str) -> str:
        # mrkdwn has no escape for emphasis, so only its control characters (and with them
        # any mention or broadcast) are escaped; addresses stay links.
        return _escape(text)

    def bold(self, words: str) -> str:
        return f"*{_escape(words)}*"

    def code(self, words: str) -> str:
        return f"`{_escape(words)}`"

    def code_block(self, lines: str) -> str:
        return f"{FENCE}\n{_escape(lines)}\n{FENCE}"

    def mention(self, piece: Mention) -> str:
        if piece.member.platform == PLATFORM:
            return f"<@{piece.member.user_id}>"
        return _escape(piece.name)

    def channel(self, piece: ChannelLink) -> str:
        if piece.channel.platform == PLATFORM:
            return f"<#{piece.channel.channel_id}>"
        return _escape(f"#{piece.name}")

    def link(self, piece: Link) -> str:
        label = piece.label.replace("|", "/").replace(">", "›") if piece.label else ""
        url = piece.url.replace("|", "%7C").replace(">", "%3E")
        return f"<{url}|{_escape(label)}>" if label else f"<{url}>"

    def instant(self, piece: Instant) -> str:
        fallback = _escape(piece.shown).replace("|", "/")
        return f"<!date^{int(piece.at.timestamp())}^{_DATE_FORMATS[piece.style]}|{fallback}>"


_MRKDWN = _Mrkdwn()


def _escape(text: str) -> str:
    """`&`, `<` and `>` are mrkdwn's control characters; escaping them also defuses `<!here>`."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def action_id_of(slack_action_id: str) -> str:
    """The core's action id for a button we rendered (without its position suffix)."""
    match = _SUFFIXED.match(slack_action_id)
    return match.group("action") if match else slack_action_id


def fallback_text(message: OutboundMessage) -> str:
    """The plain `text` of a message: what notifications and screen readers get (mentions
    and dates still render there)."""
    text = message.text if message.context is None else message.text + "\n" + message.context
    return _shorten(mrkdwn(text), MAX_FALLBACK_TEXT)


def message_blocks(message: OutboundMessage, shortened: str) -> list[Block]:
    """Sections for the text, a context line for the small print, then the buttons;
    `shortened` is what replaces text that does not fit (in the reader's language)."""
    blocks: list[Block] = [_section(chunk) for chunk in _chunks(mrkdwn(message.text))]
    if message.context:
        blocks.append(_context(message.context))
    blocks.extend(_actions(message.buttons))
    return _within(blocks, MAX_BLOCKS_MESSAGE, shortened)


def button(item: Button, position: int) -> Block:
    """One Block Kit button; destructive ones ask for confirmation first."""
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": _shorten(item.label, MAX_BUTTON_TEXT)},
        "action_id": f"{item.action_id[: MAX_ACTION_ID - 4]}{ACTION_SUFFIX}{position}",
    }
    if item.value:
        element["value"] = item.value[:MAX_BUTTON_VALUE]
    if item.style is not ButtonStyle.DEFAULT:
        element["style"] = item.style.value
    if item.confirm is not None:
        confirm: Block = {
            "title": {
                "type": "plain_text",
                "text": _shorten(item.confirm.title, MAX_CONFIRM_TITLE),
            },
            "text": {
                "type": "mrkdwn",
                "text": _shorten(mrkdwn(RichText.of(item.confirm.text)), MAX_CONFIRM_TEXT),
            },
            "confirm": {
                "type": "plain_text",
                "text": _shorten(item.confirm.confirm_label, MAX_CONFIRM_LABEL),
            },
            "deny": {
                "type": "plain_text",
                "text": _shorten(item.confirm.deny_label, MAX_CONFIRM_LABEL),
            },
        }
        if item.style is ButtonStyle.DANGER:
            confirm["style"] = "danger"
        element["confirm"] = confirm
    return element


def home_view(view: HomeView, shortened: str) -> Block:
    """The App Home tab: a header, then each section with its title, lines and hint
    (`shortened`: as for `message_blocks`)."""
    blocks: list[Block] = [
        {
            "type": "header",
            "text": {
                "type": "plain_text",
                "text": _shorten(f"Guildbot · {view.display_name}", MAX_HEADER_TEXT),
            },
        }
    ]
    for section in view.sections:
        blocks.append({"type": "divider"})
        body = (
            "\n".join(f"• {mrkdwn(line)}" for line in section.lines)
            if section.lines
            else f"_{mrkdwn(section.empty)}_"
        )
        text = f"*{_escape(section.title)}*\n" + body
        blocks.extend(_section(chunk) for chunk in _chunks(text))
        if section.hint:
            blocks.append(_context(section.hint))
    blocks.append({"type": "divider"})
    blocks.append(_context(view.footer))
    return {"type": "home", "blocks": _within(blocks, MAX_BLOCKS_VIEW, shortened)}


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: RichText) -> Block:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": _shorten(mrkdwn(text), MAX_CONTEXT_TEXT)}],
    }


def _actions(buttons: tuple[Button, ...]) -> list[Block]:
    blocks: list[Block] = []
    for start in range(0, len(buttons), MAX_ACTIONS_PER_BLOCK):
        chunk = buttons[start : start + MAX_ACTIONS_PER_BLOCK]
        blocks.append(
            {
                "type": "actions",
                "elements": [button(b, start + i) for i, b in enumerate(chunk)],
            }
        )
    return blocks


def _chunks(text: str) -> list[str]:
    """Split text into section-sized pieces, at line breaks where possible."""
    if not text.strip():
        return [" "]
    chunks: list[str] = []
    current = ""
    for whole_line in text.split("\n"):
        line = whole_line
        while len(line) > MAX_SECTION_TEXT:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:MAX_SECTION_TEXT])
            line = line[MAX_SECTION_TEXT:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > MAX_SECTION_TEXT:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current or not chunks:
        chunks.append(current or " ")
    return chunks


def _within(blocks: list[Block], limit: int, shortened: str) -> list[Block]:
    """Keep the last blocks (buttons, small print) when there are too many: drop middle text."""
    if len(blocks) <= limit:
        return blocks
    tail = [b for b in blocks if b["type"] in ("actions", "context")][-(limit // 2) :]
    head = [b for b in blocks if b not in tail][: limit - len(tail) - 1]
    return [*head, _section(f"_{_escape(shortened)}_"), *tail]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def home_unavailable(text: str) -> Block:
    """An App Home tab that only says why there is nothing to show."""
    return {"type": "home", "blocks": [_section(mrkdwn(RichText.of(text)))]}
