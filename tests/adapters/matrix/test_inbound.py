"""What a member said in a Matrix message: commands, pills, replies and threads."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from guildbot.adapters.matrix.inbound import MAX_TEXT_CHARS, said
from guildbot.contract.inbound import mention_token
from guildbot.contract.refs import MemberRef

BOT = "@guildbot:guild.test"
NAMES = (BOT, "guildbot", "Guildbot")
ANA = MemberRef("matrix", "matrix", "@ana:guild.test")


def text(body: str, **more: Any) -> dict[str, Any]:
    return {"msgtype": "m.text", "body": body, **more}


def html(body: str, formatted: str, **more: Any) -> dict[str, Any]:
    return text(body, format="org.matrix.custom.html", formatted_body=formatted, **more)


def test_a_line_with_the_prefix_is_a_command() -> None:
    heard = said(text("!guild expertise add k8s"), BOT, NAMES, ANA)
    assert heard is not None and heard.command and heard.text == "expertise add k8s"
    bare = said(text("!guild"), BOT, NAMES, ANA)
    assert bare is not None and bare.command and bare.text == ""
    assert not said(text("!guildhall is open"), BOT, NAMES, ANA).command  # type: ignore[union-attr]


def test_a_pill_to_the_bot_addresses_it_and_others_are_mentions() -> None:
    content = html(
        "Guildbot: ask who knows k8s? Bo",
        f'<a href="https://matrix.to/#/{BOT}">Guildbot</a>: ask who knows k8s? '
        '<a href="https://matrix.to/#/@bo:guild.test">Bo</a>',
        **{"m.mentions": {"user_ids": [BOT, "@bo:guild.test"]}},
    )
    heard = said(content, BOT, NAMES, ANA)
    assert heard is not None and heard.addressed and not heard.command
    assert heard.text == f"ask who knows k8s? {mention_token(0)}"
    assert [m.user_id for m in heard.mentions] == ["@bo:guild.test"]


def test_the_bots_name_in_front_addresses_it_without_a_pill() -> None:
    heard = said(text("guildbot, help"), BOT, NAMES, ANA)
    assert heard is not None and heard.addressed and heard.text == "help"


def test_a_reply_fallback_is_not_what_the_member_said() -> None:
    content = html(
        "> <@guildbot:guild.test> Pick one\n\n2",
        "<mx-reply><blockquote>Pick one</blockquote></mx-reply>2",
        **{"m.relates_to": {"m.in_reply_to": {"event_id": "$choices"}}},
    )
    heard = said(content, BOT, NAMES, ANA)
    assert heard is not None and heard.text == "2" and heard.reply_to == "$choices"
    replying = {"m.relates_to": {"m.in_reply_to": {"event_id": "$c"}}}
    plain = said(text("> <@guildbot:guild.test> Pick one\n\n3", **replying), BOT, NAMES, ANA)
    assert plain is not None and plain.text == "3"


def test_a_message_in_a_thread_knows_its_root() -> None:
    relates = {"rel_type": "m.thread", "event_id": "$root", "is_falling_back": True,
               "m.in_reply_to": {"event_id": "$root"}}  # fmt: skip
    heard = said(text("!guild help", **{"m.relates_to": relates}), BOT, NAMES, ANA)
    assert heard is not None and heard.thread_root == "$root" and heard.reply_to is None


def test_notices_edits_and_images_are_not_read() -> None:
    assert said({"msgtype": "m.notice", "body": "help"}, BOT, NAMES, ANA) is None
    assert said({"msgtype": "m.image", "body": "a.png"}, BOT, NAMES, ANA) is None
    edit = text("* help", **{"m.relates_to": {"rel_type": "m.replace", "event_id": "$x"}})
    assert said(edit, BOT, NAMES, ANA) is None
    assert said({"msgtype": "m.text", "body": 3}, BOT, NAMES, ANA) is None
    assert said("nonsense", BOT, NAMES, ANA) is None


def test_a_huge_message_is_cut_not_choked_on() -> None:
    heard = said(text("!guild ask " + "x" * 100_000), BOT, NAMES, ANA)
    assert heard is not None and len(heard.text) <= MAX_TEXT_CHARS


@given(st.text(max_size=300), st.text(max_size=300))
def test_any_html_is_read_without_crashing(body: str, formatted: str) -> None:
    heard = said(html(body, formatted), BOT, NAMES, ANA)
    assert heard is not None
    assert "\ue000" not in heard.text.replace(mention_token(0), "") or heard.mentions
