"""Long answers and many choices through the real discord.py path, against the mock API.

Discord refuses (or, through some clients, cuts) content over 2,000 characters and shows at
most 25 buttons (five rows of five) a message: a longer answer arrives as several messages,
split at line breaks, in order, every one sent the way a single message is — and the buttons
come after the text they answer, none left out."""

from __future__ import annotations

from typing import Any

import pytest

from guildbot.adapters.discord import render
from guildbot.contract.adapter import Replies
from guildbot.contract.errors import DeliveryError
from guildbot.contract.inbound import InboundEvent
from guildbot.contract.outbound import Button, OutboundMessage
from guildbot.contract.refs import ConversationRef, MemberRef
from guildbot.contract.richtext import Code, Mention, RichText
from tests.adapters.discord.conftest import ANA
from tests.adapters.discord.mock_discord import Call, MockDiscord
from tests.adapters.discord.rig import DiscordRig, body_of, content_of, start_rig
from tests.replies import answer

CHANNEL = ConversationRef("discord", "discord", "810000000000000001")
POSTS = r"/channels/810000000000000001/messages"
LIMIT = 2000
LONG_RATE_LIMIT = {"message": "slow down", "retry_after": 120.0, "global": False}


def lines_of(count: int) -> str:
    """Plain words (nothing Discord would escape), numbered so every line is unique."""
    return "\n".join(
        f"line {i:03d}: the quick brown fox jumps over the lazy dog" for i in range(count)
    )


LONG = lines_of(95)  # a little over 5,000 characters


def buttons(count: int) -> tuple[Button, ...]:
    return tuple(Button(f"Choice {i}", "pick", str(i)) for i in range(count))


def custom_ids(call: Call) -> list[list[str]]:
    """The custom ids of a message's buttons, row by row."""
    rows = body_of(call).get("components", [])
    return [[button["custom_id"] for button in row["components"]] for row in rows]


async def rig_for(mock: MockDiscord, reply: OutboundMessage | None = None) -> DiscordRig:
    """The adapter against the mock; the core answers every event with `reply` (privately,
    in the event's conversation)."""

    async def core(event: InboundEvent) -> Replies:
        assert reply is not None
        return answer(
            OutboundMessage(event.conversation, reply.text, reply.buttons, ephemeral_to=event.actor)
        )

    return await start_rig(mock, dispatch=core)


async def post(mock: MockDiscord, message: OutboundMessage) -> list[Call]:
    rig = await rig_for(mock)
    try:
        await rig.adapter.send(message)
    finally:
        await rig.close()
    return mock.requests("POST", POSTS)


async def test_a_long_answer_arrives_in_order_as_messages_cut_at_line_breaks(
    mock_discord: MockDiscord,
) -> None:
    assert len(LONG) > 5000
    posts = await post(mock_discord, OutboundMessage(CHANNEL, RichText.of(LONG)))
    contents = [content_of(call) for call in posts]
    assert len(contents) == 3
    assert all(len(content) <= LIMIT for content in contents)
    assert "\n".join(contents) == LONG  # nothing lost, nothing reordered, cut at line breaks


async def test_a_line_longer_than_a_message_is_cut_between_words(
    mock_discord: MockDiscord,
) -> None:
    words = " ".join(f"word{i}" for i in range(700))  # one line of ~5,500 characters
    posts = await post(mock_discord, OutboundMessage(CHANNEL, RichText.of(words)))
    contents = [content_of(call) for call in posts]
    assert len(contents) == 3 and all(len(content) <= LIMIT for content in contents)
    assert " ".join(contents) == words


async def test_mentions_and_code_are_never_cut(mock_discord: MockDiscord) -> None:
    ana = Mention(MemberRef("discord", "discord", ANA), "Ana")
    pieces: list[str | Mention | Code] = []
    for i in range(400):
        pieces += [f"item {i} for ", ana, " run ", Code(f"guildbot ask {i} --now"), " ok "]
    posts = await post(mock_discord, OutboundMessage(CHANNEL, RichText.of(*pieces)))
    contents = [content_of(call) for call in posts]
    assert len(contents) > 1 and all(len(content) <= LIMIT for content in contents)
    for content in contents:
        assert content.count("`") % 2 == 0  # every code span opened is closed in the message
        assert content.count("<@") == content.count(f"<@{ANA}>")
    assert sum(content.count(f"<@{ANA}>") for content in contents) == 400


async def test_a_long_code_block_is_reopened_in_each_message(mock_discord: MockDiscord) -> None:
    rows = [f"row {i:04d} | value {i * i}" for i in range(200)]
    text = RichText.of("Export:\n", Code("\n".join(rows), block=True), "\nDone.")
    posts = await post(mock_discord, OutboundMessage(CHANNEL, text))
    contents = [content_of(call) for call in posts]
    assert len(contents) > 1 and all(len(content) <= LIMIT for content in contents)
    for content in contents:
        assert content.count("```") % 2 == 0  # a block of its own in every message
    shown = [line for content in contents for line in content.split("\n")]
    assert [line for line in shown if line.startswith("row ")] == rows  # whole rows, in order


async def test_thirty_buttons_all_arrive_at_most_twenty_five_a_message(
    mock_discord: MockDiscord,
) -> None:
    posts = await post(
        mock_discord, OutboundMessage(CHANNEL, RichText.of("Pick one:"), buttons(30))
    )
    assert content_of(posts[0]) == "Pick one:"
    per_message = [custom_ids(call) for call in posts]
    for rows in per_message:
        assert len(rows) <= 5 and all(len(row) <= 5 for row in rows)
        assert sum(len(row) for row in rows) <= 25
    shown = [custom for rows in per_message for row in rows for custom in row]
    assert shown == [f"gb:pick:{i}" for i in range(30)]


async def test_the_buttons_come_with_the_last_part_of_a_long_answer(
    mock_discord: MockDiscord,
) -> None:
    posts = await post(mock_discord, OutboundMessage(CHANNEL, RichText.of(LONG), buttons(3)))
    assert [custom_ids(call) for call in posts] == [
        [],
        [],
        [["gb:pick:0", "gb:pick:1", "gb:pick:2"]],
    ]


async def test_the_same_button_twice_is_never_in_one_message(mock_discord: MockDiscord) -> None:
    # Discord refuses a whole message whose components share a custom id.
    twice = (Button("Yes", "rsvp", "1"), Button("Yes, really", "rsvp", "1"))
    posts = await post(mock_discord, OutboundMessage(CHANNEL, RichText.of("Sure?"), twice))
    assert [custom_ids(call) for call in posts] == [[["gb:rsvp:1"]], [["gb:rsvp:1"]]]


async def test_a_label_longer_than_discord_allows_is_shortened(mock_discord: MockDiscord) -> None:
    wordy = (Button("A very long choice " * 10, "pick", "1"),)
    [call] = await post(mock_discord, OutboundMessage(CHANNEL, RichText.of("Pick:"), wordy))
    [row] = body_of(call)["components"]
    [button] = row["components"]
    assert len(button["label"]) == 80 and button["label"].endswith("…")


async def test_only_the_first_part_replies_to_the_thread(mock_discord: MockDiscord) -> None:
    posts = await post(
        mock_discord, OutboundMessage(CHANNEL, RichText.of(LONG), thread_id="940000000000000007")
    )
    references = [call.body.get("message_reference") for call in posts]
    assert references[0] is not None and references[0]["message_id"] == 940000000000000007
    assert references[1:] == [None, None]


async def test_a_rate_limited_part_is_waited_out_and_every_part_sent_once(
    mock_discord: MockDiscord,
) -> None:
    mock_discord.fail(
        r"POST /channels/\d+/messages",
        429,
        {"message": "You are being rate limited.", "retry_after": 0.01, "global": False},
        {"Retry-After": "0.01", "Via": "1.1 google"},
        skip=1,  # the second part
    )
    posts = await post(mock_discord, OutboundMessage(CHANNEL, RichText.of(LONG)))
    contents = [content_of(call) for call in posts]
    assert len(contents) == 4  # the second part twice: refused, then sent
    assert contents[1] == contents[2]
    assert "\n".join(contents[:1] + contents[2:]) == LONG


async def test_a_part_that_cannot_be_sent_fails_the_send_and_stops_there(
    mock_discord: MockDiscord,
) -> None:
    mock_discord.fail(
        r"POST /channels/\d+/messages", 429, LONG_RATE_LIMIT, {"Via": "1.1 google"}, skip=1
    )
    rig = await rig_for(mock_discord)
    try:
        with pytest.raises(DeliveryError) as caught:
            await rig.adapter.send(OutboundMessage(CHANNEL, RichText.of(LONG)))
    finally:
        await rig.close()
    assert caught.value.retryable  # the outbox tries again later: nothing is dropped
    assert len(mock_discord.requests("POST", POSTS)) == 2  # never the third before the second


async def test_a_long_reply_to_a_command_arrives_whole_through_the_interaction(
    mock_discord: MockDiscord,
) -> None:
    rig = await rig_for(mock_discord, OutboundMessage(CHANNEL, RichText.of(LONG), buttons(30)))
    try:
        replies = await rig.command(
            "ask", {"question": "why?"}, user=ANA, guild="910000000000000001"
        )
    finally:
        await rig.close()
    texts = [content_of(call) for call in replies]
    assert all(len(text) <= LIMIT for text in texts)
    assert "\n".join(text for text in texts if text.strip("\u200b")) == LONG
    assert all(_private(call) for call in replies)
    shown = [custom for call in replies for row in custom_ids(call) for custom in row]
    assert shown == [f"gb:pick:{i}" for i in range(30)]


def _private(call: Call) -> bool:
    flags: Any = body_of(call).get("flags", 0)
    return bool(int(flags) & 64)


def test_buttons_are_paged_twenty_five_at_a_time_in_order() -> None:
    assert [len(page) for page in render.button_pages(buttons(60))] == [25, 25, 10]
    assert [b for page in render.button_pages(buttons(60)) for b in page] == list(buttons(60))
    assert render.button_pages(()) == []


def test_a_page_never_holds_the_same_custom_id_twice() -> None:
    yes, again, no = Button("Yes", "a", "1"), Button("Yes!", "a", "1"), Button("No", "a", "2")
    assert render.button_pages((yes, no, again)) == [(yes, no), (again,)]
