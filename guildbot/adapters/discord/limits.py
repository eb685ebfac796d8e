"""Discord markdown cut into messages of at most 2,000 characters.

Discord refuses longer content (it counts code points, as Python's ``len`` does), so a long
answer is sent as several messages. Where to cut, best first:

1. at a line break (inside a code block too: the block is closed at the end of one message
   and reopened, with its language, at the start of the next);
2. between words — a line longer than a message — but not where the next message would start
   with what Discord reads as line markup ("# ", "> ", "- "…) unless nothing else is near;
3. between words inside a markup span (a bold phrase or link label too long to keep whole);
4. anywhere outside markup: never between the code points of one emoji, accent or
   surrogate pair, nor after the backslash of an escape;
5. anywhere else that keeps characters whole, and as a last resort anywhere.

Markup spans — mentions, channels, timestamps and custom emoji (``<…>``), inline code, bold,
spoilers, links, escapes — are cut only when no better place lies within the message. The
whitespace at a cut is left out (Discord trims it from a message anyway), and nothing else:
the parts, in order, are the text. Plain strings in, plain strings out: no SDK here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import IntEnum

MAX_CONTENT = 2000
FENCE = "```"
CLOSE = "\n" + FENCE  # what ends a code block cut in two; it reopens with its own first line

SPACE = " \t\r\n\f\v"
_RUN = re.compile(r"[ \t\r\n\f\v]+")
# Spans of markup to keep whole. Inline ones never cross a line break, so a stray ``**`` or
# backtick cannot make a whole answer uncuttable at its lines.
_MARKUP = re.compile(
    r"(?P<block>```[^\n`]*\n[\s\S]*?```)"  # a code block with its first line (the language)
    r"|\\[\s\S]"  # an escaped character
    r"|```[\s\S]*?```"  # a code block written on one line
    r"|`[^`\n]+`"  # inline code
    r"|\*\*(?:\\.|[^\\\n])+?\*\*"  # bold
    r"|\|\|(?:\\.|[^\\\n])+?\|\|"  # a spoiler
    r"|\[[^\[\]\n]*\]\((?:<[^<>\n]*>|[^()\s]*)\)"  # a link with a label
    r"|<[^<>\s]+>"  # a mention, channel, timestamp, custom emoji or bracketed address
)
# What Discord reads as markup at the start of a message (so, of its first line).
_LINE_MARKUP = re.compile(r"#{1,3} |-# |>>> |> |[-*+] |\d+\. ")
_ZWJ = "\u200d"


class _Where(IntEnum):
    """What a boundary between two characters lies in."""

    FREE = 0
    SPAN = 1  # inline markup
    CODE = 2  # a code block's lines: may be cut, with the block closed and reopened
    FENCE_LINE = 3  # a code block's fences or first line


class _Rank(IntEnum):
    """How good a cut is (lower is better); the latest cut of the best rank wins."""

    LINE = 0
    WORD = 1
    WORD_BEFORE_MARKUP = 2
    WORD_IN_SPAN = 3
    CHARACTER = 4
    CHARACTER_IN_SPAN = 5
    ANYWHERE = 6


@dataclass(frozen=True, slots=True)
class Chunk:
    """One message's share of a text: ``text[start:end]``, with the fence that reopens a code
    block cut before it and the one that closes a block cut after it."""

    start: int
    end: int
    reopen: str = ""
    close: str = ""

    def of(self, text: str) -> str:
        """This message's content."""
        return self.reopen + text[self.start : self.end] + self.close


@dataclass(frozen=True, slots=True)
class _Cut:
    rank: _Rank
    end: int  # where this message ends
    resume: int  # where the next one starts (after the whitespace left out)
    in_code: bool = False


def split(text: str, limit: int = MAX_CONTENT) -> list[str]:
    """`text` as messages of at most `limit` characters, in order (see the module's notes).
    A text that fits is returned as it is; a longer one yields no blank message (and none at
    all when it is only whitespace)."""
    return [chunk.of(text) for chunk in chunks(text, limit)]


def chunks(text: str, limit: int = MAX_CONTENT) -> list[Chunk]:
    """Where `split` cuts `text`."""
    if len(text) <= limit:
        return [Chunk(0, len(text))]
    layout = _Layout(text, limit)
    end = len(text.rstrip(SPACE))
    start, reopen = _skip_space(text, 0), ""
    found: list[Chunk] = []
    while start < end:
        if len(reopen) + end - start <= limit:
            found.append(Chunk(start, end, reopen))
            break
        cut = layout.best_cut(start, limit - len(reopen))
        found.append(Chunk(start, cut.end, reopen, CLOSE if cut.in_code else ""))
        if cut.in_code:
            start, reopen = cut.resume, layout.fence_of(cut.end)
        else:
            start, reopen = _skip_space(text, cut.resume), ""
    return found


class _Layout:
    """What each boundary of a text lies in (boundary i is just before ``text[i]``)."""

    def __init__(self, text: str, limit: int) -> None:
        self.text = text
        self.where = [_Where.FREE] * (len(text) + 1)
        self._fences: list[str] = []
        self._block = [-1] * (len(text) + 1)  # the code block (index into _fences) at a boundary
        for match in _MARKUP.finditer(text):
            start, end = match.span()
            fence = text[start : text.find("\n", start) + 1] if match["block"] else ""
            # A fence that would crowd out the code it reopens is not worth reopening.
            if fence and len(fence) + len(CLOSE) <= limit // 2:
                self._code_block(start, start + len(fence), end - len(FENCE), fence)
            else:
                self._mark(start + 1, end, _Where.SPAN)

    def _code_block(self, start: int, lines: int, closing: int, fence: str) -> None:
        """A block whose lines run from `lines` to `closing` (its closing fence)."""
        self._fences.append(fence)
        self._mark(start + 1, lines + 1, _Where.FENCE_LINE)
        self._mark(lines + 1, closing, _Where.CODE)
        self._mark(closing, closing + len(FENCE), _Where.FENCE_LINE)
        self._block[lines + 1 : closing] = [len(self._fences) - 1] * (closing - lines - 1)

    def _mark(self, first: int, stop: int, where: _Where) -> None:
        self.where[first:stop] = [where] * max(0, stop - first)

    def fence_of(self, boundary: int) -> str:
        """The first line of the code block `boundary` lies in."""
        return self._fences[self._block[boundary]]

    def best_cut(self, start: int, room: int) -> _Cut:
        """The best place to end a message that starts at `start` and holds `room`
        characters (including the fence closing a code block cut there)."""
        best: _Cut | None = None
        for cut in self._word_cuts(start, start + room):
            if best is None or (cut.rank, -cut.end) < (best.rank, -best.end):
                best = cut
        return best or self._character_cut(start, start + room)

    def _word_cuts(self, start: int, stop: int) -> Iterator[_Cut]:
        """Cuts at whitespace, ending a message at or before `stop`."""
        for run in _RUN.finditer(self.text, start + 1):
            first, after = run.span()
            if first > stop:
                return
            kinds = set(self.where[first : after + 1])
            if _Where.CODE in kinds:
                yield from self._code_line_cuts(first, after, stop)
            elif kinds == {_Where.FREE}:
                yield _Cut(self._word_rank(run.group(), after), first, after)
            elif _Where.FENCE_LINE not in kinds:
                yield _Cut(_Rank.WORD_IN_SPAN, first, after)

    def _word_rank(self, space: str, after: int) -> _Rank:
        if "\n" in space:
            return _Rank.LINE
        if _LINE_MARKUP.match(self.text, after):
            return _Rank.WORD_BEFORE_MARKUP
        return _Rank.WORD

    def _code_line_cuts(self, first: int, after: int, stop: int) -> Iterator[_Cut]:
        """The line breaks of a code block in this run of whitespace: the break itself is
        left out, the next line's indentation kept."""
        for end in range(first, after):
            inside = self.where[end] is _Where.CODE and self.where[end + 1] is _Where.CODE
            if self.text[end] == "\n" and inside and end + len(CLOSE) <= stop:
                yield _Cut(_Rank.LINE, end, end + 1, in_code=True)

    def _character_cut(self, start: int, stop: int) -> _Cut:
        """No whitespace to cut at: the last boundary that keeps characters whole, outside
        markup if there is one (there is always some cut: a message holds at least one
        character and a closing fence)."""
        fallback: dict[_Rank, _Cut] = {}
        for end in range(stop, start, -1):
            where = self.where[end]
            in_code = where is _Where.CODE
            if in_code and end + len(CLOSE) > stop:
                continue
            if _inside_character(self.text, end):
                rank = _Rank.ANYWHERE
            elif where in (_Where.FREE, _Where.CODE):
                return _Cut(_Rank.CHARACTER, end, end, in_code)
            else:
                rank = _Rank.CHARACTER_IN_SPAN
            fallback.setdefault(rank, _Cut(rank, end, end, in_code))
        return fallback[min(fallback)]


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in SPACE:
        index += 1
    return index


def _inside_character(text: str, boundary: int) -> bool:
    """True when `boundary` falls inside what a reader sees as one character: a surrogate
    pair, CR LF, a letter and its accents, an emoji and its modifiers, ZWJ sequences and
    flags (pairs of regional indicators)."""
    before, after = text[boundary - 1], text[boundary]
    if "\ud800" <= before <= "\udbff" and "\udc00" <= after <= "\udfff":
        return True
    if (before, after) == ("\r", "\n") or _ZWJ in (before, after):
        return True
    if unicodedata.category(after) in ("Mn", "Me", "Mc"):  # accents, variation selectors
        return True
    if "\U0001f3fb" <= after <= "\U0001f3ff" or "\U000e0020" <= after <= "\U000e007f":
        return True  # skin tones; the tags of subdivision flags
    return _regional(before) and _regional(after)


def _regional(character: str) -> bool:
    return "\U0001f1e6" <= character <= "\U0001f1ff"
