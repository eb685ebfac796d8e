"""Outbound content: HTML and plain text, pills, numbered choices kept in the event."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from guildbot.adapters.matrix.choices import choices_in
from guildbot.adapters.matrix.render import (
    CHOICES_KEY,
    keycap,
    message_content,
    number_of_keycap,
    settled_content,
)
from guildbot.contract.outbound import Button, Confirmation, OutboundMessage
from guildbot.contract.refs import ConversationRef, MemberRef
from guildbot.contract.richtext import Bold, Code, Mention, RichText, Text

ROOM = ConversationRef("matrix", "matrix", "!room:guild.test")
ANA = MemberRef("matrix", "matrix", "@ana:guild.test")


def test_a_message_is_a_notice_with_html_and_a_plain_body() -> None:
    text = RichText.of(Bold("Hello"), " <b> ", Mention(ANA, "Ana Lima"), " try ", Code("help"))
    content = message_content(OutboundMessage(ROOM, text, context=RichText.of("small")), None)
    assert content["msgtype"] == "m.notice"
    assert content["body"] == "*Hello* <b> Ana Lima try `help`\nsmall"
    assert content["formatted_body"] == (
        '<strong>Hello</strong> &lt;b&gt; <a href="https://matrix.to/#/@ana:guild.test">'
        "Ana Lima</a> try <code>help</code><br><sub>small</sub>"
    )
    assert content["m.mentions"] == {"user_ids": ["@ana:guild.test"]}
    assert CHOICES_KEY not in content


def test_buttons_become_numbered_choices_kept_in_the_event() -> None:
    buttons = (
        Button("Going", "rsvp", "1"),
        Button("Erase", "erase", "", confirm=Confirmation("Erase?", "Sure?", "Erase", "Keep")),
    )
    message = OutboundMessage(ROOM, RichText.of("Meetup"), buttons=buttons)
    content = message_content(message, "@ana:guild.test")
    assert content["body"] == "Meetup\n\n1\ufe0f\u20e3 Going\n2\ufe0f\u20e3 Erase"
    found = choices_in("$e", content)
    assert found is not None and found.for_user == "@ana:guild.test"
    assert [(c.label, c.action_id, c.value) for c in found.options] == [
        ("Going", "rsvp", "1"),
        ("Erase", "erase", ""),
    ]
    assert found.options[1].confirm == buttons[1].confirm
    assert not found.may_answer("@bo:guild.test") and found.may_answer("@ana:guild.test")
    settled = settled_content(content, RichText.of("Going: Ana"))
    assert settled is not None
    assert settled["body"] == "Meetup\n\nGoing: Ana"
    assert settled["formatted_body"] == "Meetup<br><br>Going: Ana"


def test_a_reply_in_a_thread_stays_in_it() -> None:
    thread = ConversationRef("matrix", "matrix", "!room:guild.test", "$root")
    content = message_content(OutboundMessage(thread, RichText.of("hi")), None)
    assert content["m.relates_to"]["rel_type"] == "m.thread"
    assert content["m.relates_to"]["event_id"] == "$root"


def test_keycaps_read_back_with_or_without_the_variation_selector() -> None:
    assert [number_of_keycap(keycap(n)) for n in range(1, 11)] == list(range(1, 11))
    assert number_of_keycap("3\u20e3") == 3
    assert number_of_keycap("👍") is None


@given(st.text(max_size=200))
def test_any_words_are_escaped_never_read_as_html(words: str) -> None:
    content = message_content(OutboundMessage(ROOM, RichText.of(Text(words))), None)
    assert "<" not in content["formatted_body"].replace("<br>", "")


@given(
    st.dictionaries(
        st.sampled_from([CHOICES_KEY, "body", "formatted_body"]),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.text(max_size=8), inner, max_size=4)
            ),
            max_leaves=12,
        ),
    )
)
def test_choices_of_any_shape_never_crash_the_reader(content: dict[str, object]) -> None:
    found = choices_in("$e", content)
    if found is not None:
        assert all(choice.action_id for choice in found.options)
    settled_content(content, RichText.of("x"))
