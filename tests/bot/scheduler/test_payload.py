"""What the outbox stores of a message comes back as it went, and rows queued by older
versions (plain text with the bot's ``*bold*``) still read."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guildbot.bot.rich import say
from guildbot.bot.scheduler.payload import Body
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.contract.richtext import Bold, Code, RichText


def test_a_body_comes_back_as_it_went() -> None:
    body = Body(
        say("Meet *{name}* with `coffee join {slug}`", name="Ana", slug="data"),
        (Button("Join", "coffee.join", "7", ButtonStyle.PRIMARY),),
        say("small print"),
    )
    assert Body.of(body.payload()) == body


def test_a_row_queued_before_rich_text_keeps_its_bold_and_code() -> None:
    body = Body.of({"text": "Meet *Ana*: `coffee join`", "context": "see `help`"})
    assert body.text == RichText.of("Meet ", Bold("Ana"), ": ", Code("coffee join"))
    assert body.context == RichText.of("see ", Code("help"))


@given(st.text(max_size=200))
def test_any_old_row_reads_without_raising(text: str) -> None:
    body = Body.of({"text": text})
    assert body.text.plain().replace("*", "").replace("`", "") == text.replace("*", "").replace(
        "`", ""
    )
