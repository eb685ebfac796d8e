"""A pressed Slack message, settled: its buttons taken away and what was chosen said under it.

Slack tells a block_actions press which message it came from (`container`), and for a
message everyone in the conversation sees, the message itself with its blocks; an ephemeral
message only its presser saw is not sent back, so it can be replaced (through the press's
`response_url`) but not kept: it then shows the settled line alone, which is what it was
asking about.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from guildbot.adapters.slack.blocks import MAX_BLOCKS_MESSAGE, Block, mrkdwn
from guildbot.contract.inbound import PressedMessage
from guildbot.contract.richtext import RichText

MAX_LABEL = 75  # a Block Kit button's text


@dataclass(frozen=True, slots=True)
class Settled:
    """The pressed message as it now reads: its fallback text and its blocks."""

    text: str
    blocks: list[Block]


def pressed_message(body: Mapping[str, Any], action: Mapping[str, Any]) -> PressedMessage | None:
    """The message a block_actions press was on (None for a press on the App Home tab or a
    modal, which have no message to change)."""
    container = body.get("container")
    if not isinstance(container, Mapping) or container.get("type") != "message":
        return None
    message_ts = str(container.get("message_ts") or "")
    if not message_ts:
        return None
    text = action.get("text")
    label = str(text.get("text") or "") if isinstance(text, Mapping) else ""
    return PressedMessage(message_ts, label[:MAX_LABEL], bool(container.get("is_ephemeral")))


def settled(original: Mapping[str, Any] | None, line: RichText) -> Settled:
    """`original` (the message as Slack sent it back, if it did) without its buttons and with
    `line` under it in small print."""
    note: Block = {"type": "context", "elements": [{"type": "mrkdwn", "text": mrkdwn(line)}]}
    kept: list[Block] = []
    text = mrkdwn(line)
    if original is not None:
        blocks = original.get("blocks")
        if isinstance(blocks, list):
            kept = [
                dict(block)
                for block in blocks
                if isinstance(block, Mapping) and block.get("type") != "actions"
            ][: MAX_BLOCKS_MESSAGE - 1]
        text = str(original.get("text") or "") or text
    if not kept:
        kept = [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]
        if text == mrkdwn(line):
            return Settled(text, kept)
    return Settled(text, [*kept, note])
