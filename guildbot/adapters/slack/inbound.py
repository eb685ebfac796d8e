"""Slack payloads to neutral values: command text, conversations, and which messages count.

Pure functions over the JSON Slack sends, so the rules can be read and tested on their own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from guildbot.contract.commands import CommandCatalogue
from guildbot.contract.inbound import with_mention_tokens
from guildbot.contract.refs import ConversationKind, MemberRef

PLATFORM = "slack"


def slash_commands(catalogue: CommandCatalogue) -> dict[str, str]:
    """Slash command -> the command it stands for ("": any command line, as ``/guild``): one
    for each command with an entry of its own, and the umbrella."""
    commands = {f"/{info.name}": info.name for info in catalogue.own_entries}
    commands[f"/{catalogue.umbrella.name}"] = ""
    return commands


# Message subtypes written by a person; everything else (edits, deletions, joins, bots,
# channel topic changes…) is not something a member said.
HUMAN_SUBTYPES = frozenset({None, "thread_broadcast", "file_share", "me_message"})

_LINK = re.compile(r"<((?:https?://|mailto:)[^|>\s]+)(?:\|([^>]*))?>")
_USER = re.compile(r"<@([A-Z0-9]{1,20})(?:\|[^>]*)?>")

Line = tuple[str, tuple[MemberRef, ...]]
"""A command line (or message) for the core, and the members it mentions."""


def clean_text(text: str) -> str:
    """Slack's message markup as plain text for the grammar.

    Links become their address (``<https://x|x>`` -> ``https://x``; ``mailto:`` -> the
    address); channel mentions (``<#C1|general>``) are kept, since the core resolves them;
    the HTML entities Slack escapes are undone. (Member mentions are tokens by now: see
    `with_mentions`.)
    """

    def link(match: re.Match[str]) -> str:
        target = match.group(1)
        return target.removeprefix("mailto:") if target.startswith("mailto:") else target

    text = _LINK.sub(link, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def with_mentions(text: str, workspace_id: str) -> Line:
    """`text` with each member mention (``<@U2>``, ``<@U2|ana>``) as a mention token, then
    cleaned for the grammar; and the members mentioned."""
    spans = [
        (m.start(), m.end(), MemberRef(PLATFORM, workspace_id, m.group(1)))
        for m in _USER.finditer(text)
    ]
    tokenised, members = with_mention_tokens(text, spans)
    return clean_text(tokenised), members


def command_text(
    command: str, text: str, workspace_id: str, slash: Mapping[str, str] | None = None
) -> Line:
    """The neutral command line for a slash command: ``/coffee join`` -> ``coffee join``
    (`slash`: what each slash command stands for; by default it is the command's name)."""
    prefix = (slash or {}).get(command, command.lstrip("/"))
    body, members = with_mentions(text, workspace_id)
    return (f"{prefix} {body}".strip() if prefix else body), members


def strip_mention(text: str, bot_user_id: str | None, workspace_id: str) -> Line:
    """Remove the mention of the bot that addressed it: ``<@UBOT> help`` -> ``help``."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text, count=1)
    return with_mentions(text, workspace_id)


def mentions(text: str, user_id: str | None) -> bool:
    """True when `text` mentions this user (e.g. the bot)."""
    return bool(user_id) and f"<@{user_id}" in text


def conversation_kind(channel_id: str, channel_type: str | None = None) -> ConversationKind:
    """Channel, 1:1 DM or group DM, from an event's `channel_type` or a command's channel."""
    if channel_type in ("im", "directmessage") or channel_id.startswith("D"):
        return ConversationKind.DIRECT
    if channel_type == "mpim" or (channel_type or "").startswith("mpdm-"):
        return ConversationKind.GROUP
    return ConversationKind.CHANNEL


def is_human_message(event: Mapping[str, Any], bot_user_id: str | None) -> bool:
    """A new message a person wrote (not the bot's own, not a bot's, an edit or a join)."""
    if event.get("subtype") not in HUMAN_SUBTYPES or event.get("hidden"):
        return False
    if event.get("bot_id") or event.get("bot_profile"):
        return False
    user = event.get("user")
    return isinstance(user, str) and bool(user) and user != bot_user_id
