"""Cutting Discord markdown into messages (`limits.split`), as properties over any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from guildbot.adapters.discord import limits

SPACE = " \t\r\n\f\v"
FENCE_LINE = re.compile(r"```[^\n`]*\n")
CLOSE = "\n```"

# Characters that mean something to Discord, often enough that texts are full of markup.
MARKUP = st.sampled_from([*"`*_|\\<>@#[]()-:\n \t", "```", "<@1>", "**", "\ud83d\ude00"])


def any_text(min_size: int = 0, max_size: int | None = None) -> st.SearchStrategy[str]:
    """Any text, with Discord's markup (and surrogate pairs) mixed in often."""
    pieces = st.lists(st.one_of(st.characters(), MARKUP), min_size=min_size, max_size=max_size)
    return pieces.map("".join)


def assert_covers(text: str, limit: int) -> list[str]:
    """The parts are all within `limit`, and are `text` in order with only whitespace left
    out between them (plus the fences that close and reopen a code block cut in two)."""
    cuts = limits.chunks(text, limit)
    parts = limits.split(text, limit)
    assert parts == [cut.of(text) for cut in cuts]
    assert all(len(part) <= limit for part in parts)
    if len(text) <= limit:
        assert parts == [text]
        return parts
    position = 0
    for cut in cuts:
        assert position <= cut.start < cut.end
        assert not text[position : cut.start].strip(SPACE)  # only whitespace left out
        assert cut.reopen == "" or FENCE_LINE.fullmatch(cut.reopen)
        assert cut.close in ("", CLOSE)
        position = cut.end
    assert not text[position:].strip(SPACE)
    # A block closed at the end of one part is reopened at the start of the next.
    assert [bool(cut.close) for cut in cuts[:-1]] == [bool(cut.reopen) for cut in cuts[1:]]
    assert not cuts or (not cuts[0].reopen and not cuts[-1].close)
    return parts


@given(any_text(), st.integers(min_value=20, max_value=200))
@settings(max_examples=300, deadline=None)
def test_any_text_is_cut_into_parts_within_the_limit_losing_only_whitespace(
    text: str, limit: int
) -> None:
    parts = assert_covers(text, limit)
    if len(text) > limit:
        assert all(part.strip(SPACE) for part in parts)  # no message of nothing


# Long texts, generated as runs of short ones repeated (so that hypothesis can shrink them).
LONG_TEXTS = st.lists(
    st.tuples(any_text(min_size=1, max_size=40), st.integers(min_value=1, max_value=300)),
    min_size=1,
    max_size=12,
).map(lambda runs: "".join(text * times for text, times in runs))


@given(LONG_TEXTS)
@settings(max_examples=60, deadline=None)
def test_any_long_text_fits_discords_2000_characters(text: str) -> None:
    assert_covers(text, limits.MAX_CONTENT)


# -- what is never cut, when a cut elsewhere is possible -----------------------------------

TOKENS_LIST = [
    "<@123456789012345678>",  # a mention
    "<#223456789012345678>",  # a channel
    "<t:1764759600:F>",  # a timestamp
    "`guildbot ask --now`",  # inline code, with spaces inside
    "**bold words here**",
    "[the agenda](<https://example.org/a b>)",  # a link whose label has spaces
    "\\*",  # an escaped character
    "\ud83d\ude00",  # a surrogate pair (as an encoding bug might leave one)
    "👩\u200d💻",  # one emoji of three code points
    "🇫🇷",  # a flag: two regional indicators
    "e\u0301",  # e and a combining accent
]
TOKENS = st.sampled_from(TOKENS_LIST)
WORDS = st.text(alphabet="abcdefghij", min_size=1, max_size=12)
SEPARATORS = st.sampled_from([" ", " ", " ", "\n", "  ", "\n\n"])


@st.composite
def texts_with_tokens(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """Words and tokens (each under 40 characters) between whitespace; where the tokens are."""
    text, spans = "", []
    for _ in range(draw(st.integers(min_value=1, max_value=120))):
        piece = draw(st.one_of(WORDS, TOKENS))
        if piece in TOKENS_LIST:
            spans.append((len(text), len(text) + len(piece)))
        text += piece + draw(SEPARATORS)
    return text, spans


@given(texts_with_tokens(), st.integers(min_value=45, max_value=300))
@settings(max_examples=120, deadline=None)
def test_tokens_are_never_cut_when_whitespace_is_near(
    sample: tuple[str, list[tuple[int, int]]], limit: int
) -> None:
    text, spans = sample
    assert_covers(text, limit)
    boundaries = {b for cut in limits.chunks(text, limit) for b in (cut.start, cut.end)}
    for start, end in spans:
        assert not any(start < b < end for b in boundaries), text[start:end]


@given(st.integers(min_value=20, max_value=300))
def test_a_line_longer_than_a_message_is_cut_between_words(limit: int) -> None:
    line = " ".join(f"w{i}" for i in range(limit))
    parts = assert_covers(line, limit)
    assert " ".join(parts) == line  # every cut at a space, no word broken


def test_lines_are_kept_whole_when_they_fit() -> None:
    text = "\n".join(f"line {i}: some words" for i in range(300))
    parts = assert_covers(text, 2000)
    assert "\n".join(parts) == text


def test_a_word_cut_never_starts_a_message_with_a_heading() -> None:
    # "# 3" in the middle of a line is words; at the start of a message it is a heading.
    text = "a" * 17 + " b # 3 items"
    assert assert_covers(text, 20) == ["a" * 17, "b # 3 items"]


@given(st.integers(min_value=20, max_value=200))
def test_a_word_longer_than_a_message_is_cut_between_whole_emoji(limit: int) -> None:
    coder = "👩\u200d💻"  # three code points that show as one emoji
    parts = assert_covers(coder * limit, limit)
    assert all(len(part) % 3 == 0 and part.startswith("👩") for part in parts)


def test_a_run_of_surrogate_pairs_is_cut_between_pairs() -> None:
    pair = "\ud83d\ude00"
    parts = assert_covers(pair * 50, 25)
    assert all(len(part) % 2 == 0 and part.startswith("\ud83d") for part in parts)


@given(st.integers(min_value=40, max_value=400), st.sampled_from(["", "py", "csv"]))
def test_a_code_block_cut_in_two_is_closed_and_reopened(limit: int, language: str) -> None:
    rows = [f"row {i} | {i * i}" for i in range(60)]
    text = f"Export:\n```{language}\n" + "\n".join(rows) + "\n```\nDone."
    parts = assert_covers(text, limit)
    for part in parts:
        assert part.count("```") % 2 == 0  # each part's block is closed within it
    shown = [line for part in parts for line in part.split("\n")]
    assert [line for line in shown if line.startswith("row ")] == rows


def test_a_text_that_fits_is_left_exactly_as_it_is() -> None:
    for text in ("", "   ", "x" * 2000, "a\n\n```\n"):
        assert limits.split(text) == [text]


def test_whitespace_alone_is_no_message() -> None:
    assert limits.split(" \n" * 2000) == []
