"""What a member typed in a Matrix message: the text with mention tokens, whom it mentions,
whether it addressed the bot, and which message it replied to.

Clients send a plain `body` and, when it has formatting or pills, an HTML `formatted_body`.
Mentions are pills (``<a href="https://matrix.to/#/@ana:example.org">Ana</a>``) in the HTML
and user ids in `m.mentions`; the body has only display names. So the HTML is read when
there is one (tags dropped, pills to mention tokens), the body otherwise. A reply's quoted
fallback (``<mx-reply>`` in HTML, ``> `` lines in the body) is not what the member said.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from guildbot.adapters.matrix.render import MATRIX_TO
from guildbot.contract.inbound import with_mention_tokens
from guildbot.contract.refs import MemberRef
from guildbot.contract.text import without_control_characters

# Past this, text is cut before parsing. The homeserver caps an event at 64 KiB, so no real
# message is cut: the core sees its true length when it says a message is too long.
MAX_TEXT_CHARS = 65_536
COMMAND_PREFIX = "!guild"
_USER_ID = re.compile(r"@[^:\s]+:[A-Za-z0-9.\-\[\]:]+")
_BLOCKS = {"p", "div", "li", "tr", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass(frozen=True, slots=True)
class Said:
    """A member's message, read."""

    text: str  # with a mention token where each mention was
    mentions: tuple[MemberRef, ...]
    addressed: bool  # it mentioned the bot, or began with the command prefix
    command: bool  # it began with `!guild`: a command line wherever it was said
    reply_to: str | None  # the event it answered
    thread_root: str | None  # the thread it was said in


def user_of_pill(href: str) -> str | None:
    """The user id a matrix.to link names, or None."""
    if not href.startswith(MATRIX_TO):
        return None
    target = urllib.parse.unquote(href[len(MATRIX_TO) :]).split("?")[0]
    return target if _USER_ID.fullmatch(target) else None


class _Reader(HTMLParser):
    """HTML to text, with the span of each pill, skipping reply fallbacks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pills: list[tuple[int, int, str]] = []
        self._in_reply = 0
        self._pill: tuple[int, str] | None = None

    @property
    def length(self) -> int:
        return sum(len(part) for part in self.parts)

    def length_ends_line(self) -> bool:
        return self.parts[-1].endswith("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mx-reply":
            self._in_reply += 1
        elif self._in_reply:
            return
        elif tag == "br" or (tag in _BLOCKS and self.parts and not self.length_ends_line()):
            self.parts.append("\n")
        elif tag == "a":
            user = user_of_pill(dict(attrs).get("href") or "")
            if user is not None:
                self._pill = (self.length, user)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mx-reply":
            self._in_reply = max(0, self._in_reply - 1)
        elif not self._in_reply and tag == "a" and self._pill is not None:
            start, user = self._pill
            self.pills.append((start, self.length, user))
            self._pill = None
        elif not self._in_reply and tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._in_reply:
            self.parts.append(data)


def _without_reply_fallback(body: str) -> str:
    lines = body.split("\n")
    if not lines or not lines[0].startswith("> "):
        return body
    while lines and lines[0].startswith(">"):
        lines.pop(0)
    return "\n".join(lines).lstrip("\n")


def _relation(content: dict[str, Any]) -> tuple[str | None, str | None]:
    relates = content.get("m.relates_to")
    if not isinstance(relates, dict):
        return None, None
    thread = relates.get("event_id") if relates.get("rel_type") == "m.thread" else None
    reply = relates.get("m.in_reply_to")
    reply_to = reply.get("event_id") if isinstance(reply, dict) else None
    if relates.get("is_falling_back") and reply_to == thread:
        reply_to = None  # a plain message in a thread, not an answer to its root
    return (
        reply_to if isinstance(reply_to, str) else None,
        thread if isinstance(thread, str) else None,
    )


def said(
    content: Any, bot_user_id: str, bot_names: Sequence[str], member: MemberRef
) -> Said | None:
    """What a member said in `content` (an `m.room.message`), or None when it is not a
    text message (images, the bot's own notices, edits, events in no shape we know)."""
    if not isinstance(content, dict) or content.get("msgtype") != "m.text":
        return None
    relates = content.get("m.relates_to")
    if isinstance(relates, dict) and relates.get("rel_type") == "m.replace":
        return None  # an edit: the command was answered as first sent
    body = content.get("body")
    formatted = content.get("formatted_body")
    if not isinstance(body, str) or (not body.strip() and not isinstance(formatted, str)):
        # Nothing was said (mautrix reads a missing body as an empty one).
        return None
    reply_to, thread_root = _relation(content)
    spans: list[tuple[int, int, MemberRef]] = []
    if content.get("format") == "org.matrix.custom.html" and isinstance(formatted, str):
        reader = _Reader()
        reader.feed(formatted[: MAX_TEXT_CHARS * 4])
        reader.close()
        text = "".join(reader.parts)
        spans = [
            (s, e, MemberRef(member.platform, member.workspace_id, u)) for s, e, u in reader.pills
        ]
    else:
        text = _without_reply_fallback(body)
    text = text[:MAX_TEXT_CHARS]
    spans = [span for span in spans if span[1] <= len(text)]
    to_bot = any(member.user_id == bot_user_id for _, _, member in spans)
    # The bot's own pill is how it was addressed, not part of the command.
    tokened, others = with_mention_tokens(
        _drop_pills(text, spans, bot_user_id), _shifted(spans, bot_user_id)
    )
    addressed = to_bot or bot_user_id in _mentioned_ids(content)
    line = without_control_characters(tokened).strip()
    if to_bot:
        line = line.removeprefix(":").removeprefix(",").strip()  # "@Guildbot: help"
    line, named = _without_name(line, bot_names)
    addressed = addressed or named
    command = line.casefold().startswith(COMMAND_PREFIX) and (
        len(line) == len(COMMAND_PREFIX) or line[len(COMMAND_PREFIX)].isspace()
    )
    if command:
        line = line[len(COMMAND_PREFIX) :].strip()
    return Said(line, others, addressed or command, command, reply_to, thread_root)


def _mentioned_ids(content: dict[str, Any]) -> list[str]:
    mentions = content.get("m.mentions")
    if not isinstance(mentions, dict) or not isinstance(mentions.get("user_ids"), list):
        return []
    return [user for user in mentions["user_ids"] if isinstance(user, str)]


def _drop_pills(text: str, spans: list[tuple[int, int, MemberRef]], user_id: str) -> str:
    kept, last = [], 0
    for start, end, member in sorted(spans, key=lambda span: span[0]):
        if member.user_id == user_id and start >= last:
            kept.append(text[last:start])
            last = end
    kept.append(text[last:])
    return "".join(kept)


def _shifted(
    spans: list[tuple[int, int, MemberRef]], user_id: str
) -> list[tuple[int, int, MemberRef]]:
    """The other pills' spans once the bot's pills are dropped from `text`."""
    removed = sorted((s, e) for s, e, m in spans if m.user_id == user_id)
    shifted = []
    for start, end, member in spans:
        if member.user_id == user_id:
            continue
        before = sum(e - s for s, e in removed if e <= start)
        shifted.append((start - before, end - before, member))
    return shifted


def _without_name(line: str, names: Sequence[str]) -> tuple[str, bool]:
    """`line` without the bot's name in front ("Guildbot: help", "guildbot, help"), as
    clients without pills write a mention; and whether it was there."""
    folded = line.casefold()
    for name in names:
        if name and folded.startswith(name.casefold()):
            rest = line[len(name) :]
            if rest[:1] in (":", ",") or (rest[:1].isspace() and not name.startswith("@")):
                return rest[1:].strip(), True
            if not rest:
                return "", True
    return line, False
