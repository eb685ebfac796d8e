"""Typed rich text: what a message says, as pieces each platform renders natively.

The core never writes a platform's markup. It says "this is bold", "this is Bruno Lima (a
member on this platform)", "this is 14:00 on 3 December"; Slack renders ``*bold*``, ``<@U2>``
and ``<!date^…>``, Discord ``**bold**``, ``<@123>`` and ``<t:…:F>``, Teams ``**bold**``,
``<at>`` mention entities and card date functions, and the console plain text. Text typed by
people is always a `Text` piece: it is shown as written, never read as markup.

Values are plain and frozen, so a message can be stored in the outbox (`to_json`,
`from_json`) and compared in tests.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef


class InstantStyle(StrEnum):
    """How much of an instant to show."""

    DATE_TIME = "date_time"  # Thu 3 Dec 2026, 14:00
    DATE = "date"  # Thu 3 Dec 2026
    TIME = "time"  # 14:00


@dataclass(frozen=True, slots=True)
class Text:
    """Words shown as they are (people's words included: never read as markup)."""

    text: str


@dataclass(frozen=True, slots=True)
class Bold:
    """Words that stand out."""

    text: str


@dataclass(frozen=True, slots=True)
class Code:
    """A command or a value to type, in a fixed-width font where the platform has one;
    `block`: lines of their own (an export, a table), kept as they are."""

    text: str
    block: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """A member as a mention people can click; `name` is shown where a platform cannot
    mention (and in notifications)."""

    member: MemberRef
    name: str


@dataclass(frozen=True, slots=True)
class ChannelLink:
    """A channel people can open; `name` is shown where a platform cannot link it."""

    channel: ConversationRef
    name: str


@dataclass(frozen=True, slots=True)
class Link:
    """An address, with the words to show for it (none: the address itself)."""

    url: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Instant:
    """A moment, shown in each reader's own zone where the platform can (Discord, Slack,
    Teams); elsewhere as `shown`, which the core wrote in the reader's zone and language."""

    at: datetime
    shown: str
    style: InstantStyle = InstantStyle.DATE_TIME


Piece = Text | Bold | Code | Mention | ChannelLink | Link | Instant


@dataclass(frozen=True, slots=True)
class RichText:
    """A sequence of pieces. Line breaks are ``\\n`` inside `Text`."""

    pieces: tuple[Piece, ...] = ()

    @classmethod
    def of(cls, *parts: str | Piece | RichText) -> RichText:
        """Pieces in order: a string is a `Text` piece, as written."""
        pieces: list[Piece] = []
        for part in parts:
            if isinstance(part, RichText):
                pieces.extend(part.pieces)
            elif isinstance(part, str):
                if part:
                    pieces.append(Text(part))
            else:
                pieces.append(part)
        return cls(tuple(_merged(pieces)))

    def __add__(self, other: RichText | str | Piece) -> RichText:
        return RichText.of(self, other)

    def __bool__(self) -> bool:
        return any(not isinstance(p, Text) or p.text for p in self.pieces)

    def __iter__(self) -> Iterator[Piece]:
        return iter(self.pieces)

    def plain(self) -> str:
        """Everything as plain words: notifications, screen readers, logs in tests."""
        return "".join(plain_piece(piece) for piece in self.pieces)

    def lines(self) -> list[RichText]:
        """The text split at its line breaks."""
        lines: list[list[Piece]] = [[]]
        for piece in self.pieces:
            if not isinstance(piece, Text) or "\n" not in piece.text:
                lines[-1].append(piece)
                continue
            first, *rest = piece.text.split("\n")
            if first:
                lines[-1].append(Text(first))
            for part in rest:
                lines.append([Text(part)] if part else [])
        return [RichText(tuple(line)) for line in lines]

    @classmethod
    def joined(cls, separator: str, parts: Iterable[RichText]) -> RichText:
        """`parts` with `separator` between them."""
        pieces: list[str | Piece | RichText] = []
        for index, part in enumerate(parts):
            if index:
                pieces.append(separator)
            pieces.append(part)
        return cls.of(*pieces)


def plain_piece(piece: Piece) -> str:
    """One piece as plain words."""
    if isinstance(piece, Text | Bold | Code):
        return piece.text
    if isinstance(piece, Mention | ChannelLink):
        return piece.name
    if isinstance(piece, Link):
        return piece.url if not piece.label or piece.label == piece.url else piece.label
    return piece.shown


FENCE = "`" * 3  # a code block's fence
SAFE_FENCE = "'" * 3  # what a fence inside a block becomes, so the block never ends early


class Renderer(ABC):
    """Rich text in one platform's markup: a method for each kind of piece, so an adapter
    writes only what its platform does differently. What every platform shares is decided
    here: bold around nothing is just the spaces, inline code loses its backticks, and a
    fence inside a code block cannot close it."""

    def render(self, text: RichText) -> str:
        """The whole text."""
        return "".join(self.piece(piece) for piece in text.pieces)

    def piece(self, piece: Piece) -> str:
        """One piece, by its kind."""
        if isinstance(piece, Text):
            return self.words(piece.text)
        if isinstance(piece, Bold):
            words = piece.text.strip()
            return self.bold(words) if words else piece.text
        if isinstance(piece, Code) and piece.block:
            return self.code_block(piece.text.replace(FENCE, SAFE_FENCE))
        if isinstance(piece, Code):
            words = piece.text.replace("`", "")
            return self.code(words) if words else ""
        if isinstance(piece, Mention):
            return self.mention(piece)
        if isinstance(piece, ChannelLink):
            return self.channel(piece)
        if isinstance(piece, Link):
            return self.link(piece)
        return self.instant(piece)

    @abstractmethod
    def words(self, text: str) -> str:
        """Words shown as written: whatever the platform would read as markup, defused."""

    @abstractmethod
    def bold(self, words: str) -> str:
        """Bold words (never empty)."""

    @abstractmethod
    def code(self, words: str) -> str:
        """Inline code (never empty, no backticks)."""

    @abstractmethod
    def code_block(self, lines: str) -> str:
        """A block of fixed-width lines (no fence inside)."""

    @abstractmethod
    def mention(self, piece: Mention) -> str:
        """A member: a real mention on their own platform, their name elsewhere."""

    @abstractmethod
    def channel(self, piece: ChannelLink) -> str:
        """A channel: a link on its own platform, its name elsewhere."""

    @abstractmethod
    def link(self, piece: Link) -> str:
        """An address, with its label when it has one."""

    @abstractmethod
    def instant(self, piece: Instant) -> str:
        """A moment, ideally in each reader's own zone."""


def _merged(pieces: Iterable[Piece]) -> Iterator[Piece]:
    """Neighbouring `Text` pieces as one."""
    pending = ""
    for piece in pieces:
        if isinstance(piece, Text):
            pending += piece.text
            continue
        if pending:
            yield Text(pending)
            pending = ""
        yield piece
    if pending:
        yield Text(pending)


# -- storage ---------------------------------------------------------------------------------


def to_json(text: RichText) -> list[dict[str, Any]]:
    """`text` as JSON-able values, for the outbox."""
    return [_piece_json(piece) for piece in text.pieces]


def from_json(data: Any) -> RichText:
    """What `to_json` wrote (a piece it does not know is kept as its plain words)."""
    if not isinstance(data, list):
        return RichText()
    return RichText.of(*(_piece_of(item) for item in data if isinstance(item, dict)))


def _piece_json(piece: Piece) -> dict[str, Any]:
    if isinstance(piece, Text):
        return {"t": "text", "text": piece.text}
    if isinstance(piece, Bold):
        return {"t": "bold", "text": piece.text}
    if isinstance(piece, Code):
        return {"t": "code", "text": piece.text, "block": piece.block}
    if isinstance(piece, Mention):
        ref = piece.member
        return {
            "t": "mention",
            "platform": ref.platform,
            "workspace": ref.workspace_id,
            "user": ref.user_id,
            "name": piece.name,
        }
    if isinstance(piece, ChannelLink):
        channel = piece.channel
        return {
            "t": "channel",
            "platform": channel.platform,
            "workspace": channel.workspace_id,
            "channel": channel.channel_id,
            "name": piece.name,
        }
    if isinstance(piece, Link):
        return {"t": "link", "url": piece.url, "label": piece.label}
    return {
        "t": "instant",
        "at": piece.at.astimezone(UTC).isoformat(),
        "shown": piece.shown,
        "style": piece.style.value,
    }


def _piece_of(data: dict[str, Any]) -> Piece | str:
    kind = data.get("t")
    text = str(data.get("text", ""))
    name = str(data.get("name", ""))
    if kind == "bold":
        return Bold(text)
    if kind == "code":
        return Code(text, bool(data.get("block", False)))
    if kind == "mention":
        ref = MemberRef(str(data["platform"]), str(data["workspace"]), str(data["user"]))
        return Mention(ref, name)
    if kind == "channel":
        channel = ConversationRef(
            str(data["platform"]),
            str(data["workspace"]),
            str(data["channel"]),
            None,
            ConversationKind.CHANNEL,
        )
        return ChannelLink(channel, name)
    if kind == "link":
        return Link(str(data.get("url", "")), str(data.get("label", "")))
    if kind == "instant":
        try:
            at = datetime.fromisoformat(str(data["at"]))
            style = InstantStyle(data.get("style", InstantStyle.DATE_TIME.value))
        except (KeyError, ValueError):
            return str(data.get("shown", ""))
        return Instant(at, str(data.get("shown", "")), style)
    return text
