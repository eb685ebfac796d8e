"""What every platform's renderer shares: the contract decides empty bold, inline code
without backticks, and fences that cannot close a code block early."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guildbot.contract.richtext import (
    FENCE,
    SAFE_FENCE,
    Bold,
    ChannelLink,
    Code,
    Instant,
    Link,
    Mention,
    Renderer,
    RichText,
)


class Tags(Renderer):
    """A renderer that names each piece, to see what the shared rules hand it."""

    def words(self, text: str) -> str:
        return text

    def bold(self, words: str) -> str:
        return f"<b>{words}</b>"

    def code(self, words: str) -> str:
        return f"<c>{words}</c>"

    def code_block(self, lines: str) -> str:
        return f"<pre>{lines}</pre>"

    def mention(self, piece: Mention) -> str:
        return f"<m>{piece.name}</m>"

    def channel(self, piece: ChannelLink) -> str:
        return f"<ch>{piece.name}</ch>"

    def link(self, piece: Link) -> str:
        return f"<a>{piece.url}</a>"

    def instant(self, piece: Instant) -> str:
        return f"<t>{piece.shown}</t>"


def test_every_renderer_shares_the_rules_for_empty_bold_code_and_fences() -> None:
    text = RichText.of(
        Bold("  "), Bold(" x "), Code("a`b"), Code("``"), Code(f"one\n{FENCE}\ntwo", block=True)
    )
    assert Tags().render(text) == f"  <b>x</b><c>ab</c><pre>one\n{SAFE_FENCE}\ntwo</pre>"


@given(st.text(max_size=200))
def test_no_fence_survives_inside_a_code_block(lines: str) -> None:
    rendered = Tags().render(RichText.of(Code(lines, block=True)))
    assert FENCE not in rendered.removeprefix("<pre>").removesuffix("</pre>")
