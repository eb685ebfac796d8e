"""What members' clients may send that the bot must take in its stride, on a real Synapse:
a huge message, events in no shape the bot reads (or another bot's notices), a number no
choice has, an undecryptable message, an invitation, and the homeserver's rate limit."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from mautrix.api import Method, Path
from mautrix.errors import MatrixRequestError
from mautrix.types import Membership, RoomID

from guildbot.adapters.matrix import adapter as matrix_adapter
from guildbot.adapters.matrix.render import PLATFORM
from guildbot.app.build import Guildbot
from guildbot.contract.errors import DeliveryError
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.refs import ConversationKind, ConversationRef
from guildbot.contract.richtext import RichText
from tests.adapters.matrix.conftest import MemberFactory
from tests.adapters.matrix.members import Member, RoomEvent
from tests.adapters.matrix.rig import (
    Bot,
    Watch,
    answer_of,
    bot_adapter,
    choices_message,
    direct_room,
    running_bot,
    said,
    texts,
)
from tests.adapters.matrix.synapse import Account, Synapse

CANNOT_DECRYPT = "I couldn't read a message you sent"
CHOOSE_BETWEEN_THREE = "Please answer with a number from 1 to 3."
TEN = "\U0001f51f"
NOTHING_WAITING = (
    "There's nothing waiting for a number from you just now (choices expire after a while). "
    "Type `help` to see what I can do."
)


def profile_answer(events: list[RoomEvent]) -> None:
    """`events` is the bot's one answer to `profile`, and nothing else."""
    assert len(events) == 1, texts(events)
    assert "• Department:" in texts(events)[0], texts(events)


@pytest.mark.parametrize(
    ("encrypted", "length"), [(False, 60_000), (True, 40_000)], ids=["plain", "encrypted"]
)
async def test_a_huge_message_is_refused_politely_and_the_bot_goes_on(
    app: Guildbot, synapse: Synapse, member: MemberFactory, encrypted: bool, length: int
) -> None:
    """Synapse takes events up to 64 KiB: 60,000 characters in clear, 40,000 once Megolm's
    base64 has grown them by a third."""
    ana = await member("ana", encryption=encrypted)
    async with running_bot(app, synapse, encryption=encrypted) as bot:
        room = await direct_room(ana, bot, encrypted=encrypted)

        refused = texts(await said(ana, room, bot, "expertise add " + "x" * length))

        assert refused == [
            f"That message is {length + 14:,} characters long; I can read up to 4,000. "
            "Please shorten it."
        ]
        profile_answer(await said(ana, room, bot, "profile"))
        assert "x" * 10 not in " ".join(texts(await said(ana, room, bot, "expertise list")))


EARLIER = "$earlier"  # stands for an event of the member's, once there is one
MALFORMED: dict[str, dict[str, Any]] = {
    "text without a body": {"msgtype": "m.text"},
    "a body that is a number": {"msgtype": "m.text", "body": 42},
    "a body that is a list": {"msgtype": "m.text", "body": ["help"]},
    "no msgtype": {"body": "help"},
    "an image": {
        "msgtype": "m.image",
        "body": "help",
        "url": "mxc://guild.test/notthere",
        "info": {"mimetype": "image/png", "w": 1, "h": 1, "size": 1},
    },
    "another bot's notice": {"msgtype": "m.notice", "body": "help"},
    "an edit of an earlier command": {
        "msgtype": "m.text",
        "body": "* help",
        "m.new_content": {"msgtype": "m.text", "body": "help"},
        "m.relates_to": {"rel_type": "m.replace", "event_id": EARLIER},
    },
}
# What no client library sends (mautrix will not even encrypt it), sent as raw JSON in a
# clear room: relations and mentions in no shape are ignored, the words are read.
JUNK_AROUND_PROFILE = {
    "msgtype": "m.text",
    "body": "profile",
    "m.relates_to": "help",
    "m.mentions": {"user_ids": "@x:y"},
}


@pytest.mark.parametrize("encrypted", [True, False], ids=["encrypted", "plain"])
async def test_malformed_events_change_nothing_and_the_next_command_is_answered(
    app: Guildbot, synapse: Synapse, member: MemberFactory, encrypted: bool
) -> None:
    """Every line in a direct room is a command, yet none of these is one: the only answer
    is the one to the good command after them."""
    ana = await member("ana", encryption=encrypted)
    async with running_bot(app, synapse, encryption=encrypted) as bot:
        room = await direct_room(ana, bot, encrypted=encrypted)
        watch = Watch(ana, bot)
        earlier = await ana.send_text(room, "expertise list")
        await watch.answers(room)
        watch = Watch(ana, bot)
        refused = []
        for name, content in MALFORMED.items():
            as_sent = json.loads(json.dumps(content).replace(EARLIER, earlier))
            try:
                await ana.send(room, "m.room.message", as_sent)
            except MatrixRequestError:
                refused.append(name)
        await ana.send_text(room, "profile")

        answers = await watch.answers(None)
        await asyncio.sleep(0.5)  # anything still coming for the bad events would show now

        profile_answer(answers)
        assert len(bot.sent) == watch.sent + 1
        # Synapse checks body and msgtype where it can read them: not in an encrypted room.
        assert refused == ([] if encrypted else list(MALFORMED)[:4])
        if not encrypted:
            watch = Watch(ana, bot)
            path = Path.v3.rooms[RoomID(room)].send["m.room.message"]["junk-relations"]
            await ana.client.api.request(Method.PUT, path, JUNK_AROUND_PROFILE)
            profile_answer(await watch.answers(None))


async def test_odd_html_is_read_for_its_words(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    """Unclosed tags, a stray closing one, a reply fallback quoting a command, a script and
    entities: the command is what is left outside the fallback."""
    ana = await member("ana")
    async with running_bot(app, synapse) as bot:
        room = await direct_room(ana, bot)
        odd = (
            "<mx-reply><blockquote>privacy erase</blockquote></mx-reply></p></mx-reply>"
            "<b><i><p>pro&#102;ile<!-- privacy erase --><br/></td></blockquote>"
        )
        profile_answer(await said(ana, room, bot, "> privacy erase\n\nprofile", html=odd))
        not_a_string: dict[str, Any] = {
            "msgtype": "m.text",
            "body": "profile",
            "format": "org.matrix.custom.html",
            "formatted_body": {"html": "<b>help</b>"},
        }
        watch = Watch(ana, bot)
        await ana.send(room, "m.room.message", not_a_string)
        profile_answer(await watch.answers(room))


async def test_the_adapters_own_notes_are_in_the_language_the_member_chose(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    ana = await member("ana")
    async with running_bot(app, synapse) as bot:
        room = await direct_room(ana, bot)
        await said(ana, room, bot, "profil set langue fr")
        await choices_message(ana, room, bot, "expertise add kubernets")
        assert texts(await said(ana, room, bot, "9")) == [
            "Veuillez répondre par un numéro de 1 à 3."
        ]


async def test_a_number_no_choice_has_asks_for_one_that_is(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    ana = await member("ana")
    async with running_bot(app, synapse) as bot:
        room = await direct_room(ana, bot)
        asked = await choices_message(ana, room, bot, "expertise add kubernets")
        assert len(answer_of(asked)[0].buttons) == 3

        by_number = texts(await said(ana, room, bot, "9"))
        by_zero = texts(await said(ana, room, bot, "0"))
        watch = Watch(ana, bot)
        await ana.react(room, asked.event_id, TEN)
        by_keycap = texts(await watch.answers(None))

        assert by_number == by_zero == by_keycap == [CHOOSE_BETWEEN_THREE]
        # Nothing was pressed: the choices are all still there to answer.
        added = " ".join(texts(await said(ana, room, bot, "1")))
        assert "kubernetes" in added, added
        listed = texts(await said(ana, room, bot, "expertise list"))
        assert listed[0].count("kubernet") == 1, listed
        # A reply with a number to no message of the bot's is a number on its own.
        unknown = texts(await said(ana, room, bot, "2", reply_to="$nosuchevent"))
        assert unknown == [NOTHING_WAITING]


def test_invitations_are_accepted_from_the_bots_server_and_the_allowed_ones(
    app: Guildbot,
) -> None:
    account = Account("@guildbot:guild.test", "token", "DEVICE", "", "http://127.0.0.1:1")
    own = bot_adapter(app, account)
    assert own.accepts_invites_from("guild.test")
    assert not own.accepts_invites_from("elsewhere.test")
    assert not own.accepts_invites_from("")
    listed = bot_adapter(app, account, allowed_servers=("partner.org", "friends.net"))
    assert listed.accepts_invites_from("partner.org") and listed.accepts_invites_from("guild.test")
    assert not listed.accepts_invites_from("elsewhere.test")
    assert not listed.accepts_invites_from("partner.org.evil.test")
    anyone = bot_adapter(app, account, allowed_servers=("*",))
    assert anyone.accepts_invites_from("elsewhere.test")


async def test_an_invitation_from_the_bots_own_server_is_accepted(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    ana = await member("ana")
    async with running_bot(app, synapse) as bot:
        room = await ana.create_room(invite=[bot.account.user_id], encrypted=True, name="Team")
        await ana.wait_for_membership(room, bot.account.user_id)
        watch = Watch(ana, bot)
        await ana.send_text(room, "!guild profile")
        profile_answer(await watch.answers(None))  # privately, in a direct room


async def test_an_invitation_from_a_server_not_allowed_is_declined(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    """One Synapse has no other server's users: the bot is made to take its own for another
    one, so Ana's server is one it was not told to accept."""
    ana = await member("ana")
    async with running_bot(app, synapse) as bot:
        bot.adapter.server_name = "elsewhere.test"
        assert not bot.adapter.accepts_invites_from(synapse.server_name)
        room = await ana.create_room(invite=[bot.account.user_id])
        await ana.wait_for_membership(room, bot.account.user_id, Membership.LEAVE)


async def test_undecryptable_messages_are_answered_once(
    app: Guildbot,
    synapse: Synapse,
    member: MemberFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(matrix_adapter, "ROOM_KEY_WAIT_SECONDS", 1.0)
    ana = await member("ana")
    async with running_bot(app, synapse) as bot:
        room = await direct_room(ana, bot)
        profile_answer(await said(ana, room, bot, "profile"))
        assert ana.machine is not None
        # Ana's client starts a session it shares with no device: the bot cannot read it.
        await ana.crypto_store.remove_outbound_group_session(RoomID(room))
        await ana.machine.share_group_session(RoomID(room), [])
        mark = ana.mark()
        await ana.send_text(room, "profile")
        await ana.send_text(room, "expertise list")
        told = await _bot_message_containing(ana, bot, room, mark, CANNOT_DECRYPT)
        await asyncio.sleep(2 * matrix_adapter.ROOM_KEY_WAIT_SECONDS)  # the second one, too
        # A new session, shared as it should be: read and answered again.
        await ana.crypto_store.remove_outbound_group_session(RoomID(room))
        profile_answer(await said(ana, room, bot, "profile"))

        from_bot = [e for e in ana.messages_since(mark) if e.sender == bot.account.user_id]
        assert [e.body for e in from_bot if CANNOT_DECRYPT in (e.body or "")] == [told.body]
        assert len(from_bot) == 2, [e.body for e in from_bot]


async def _bot_message_containing(
    member: Member, bot: Bot, room: str, mark: int, words: str, within: float = 15.0
) -> RoomEvent:
    for _ in range(int(within * 20)):
        for event in member.messages_since(mark):
            if event.sender == bot.account.user_id and words in (event.body or ""):
                assert event.room_id == room
                return event
        await asyncio.sleep(0.05)
    raise AssertionError(f"no {words!r}: {[e.body for e in member.messages_since(mark)]}")


async def test_the_homeserver_rate_limit_is_a_retryable_delivery_error(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    ana = await member("ana", encryption=False)
    async with running_bot(app, synapse) as bot:
        room = await direct_room(ana, bot, encrypted=False)
        await synapse.limit_messages(bot.account.user_id, per_second=1, burst_count=1)
        to = ConversationRef(PLATFORM, "matrix", room, None, ConversationKind.DIRECT)

        sent = []
        with pytest.raises(DeliveryError) as refused:
            for count in range(5):
                await bot.adapter.send(OutboundMessage(to, RichText.of(f"hello {count}")))
                sent.append(f"hello {count}")

        assert refused.value.retryable
        assert refused.value.code == "M_LIMIT_EXCEEDED"
        assert refused.value.retry_after is not None and 0 < refused.value.retry_after <= 2
        await asyncio.sleep(refused.value.retry_after)
        await bot.adapter.send(OutboundMessage(to, RichText.of("after the wait")))
        seen = [
            (await ana.next_message(room, sender=bot.account.user_id)).body
            for _ in range(len(sent) + 1)
        ]
        assert seen == [*sent, "after the wait"]
