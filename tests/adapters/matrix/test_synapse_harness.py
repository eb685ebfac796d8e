"""The harness itself, against the real Synapse: people register, make rooms, join what they
are invited to, and read each other, in clear and end-to-end encrypted."""

from __future__ import annotations

from pathlib import Path

import pytest
from mautrix.errors import MLimitExceeded
from mautrix.types import Membership, RoomID

from tests.adapters.matrix.conftest import MemberFactory
from tests.adapters.matrix.members import Member
from tests.adapters.matrix.synapse import Synapse, start_synapse


async def test_registration_gives_a_device(synapse: Synapse) -> None:
    account = await synapse.register(synapse.fresh_localpart("carol"))
    assert account.user_id == f"@{account.localpart}:{synapse.server_name}"
    assert account.device_id
    again = await synapse.login(account)
    assert again.user_id == account.user_id
    assert again.device_id != account.device_id


async def test_encrypted_room_is_read_after_decryption(member: MemberFactory) -> None:
    alice = await member("alice")
    bob = await member("bob")
    room = await alice.create_room(invite=[bob.user_id], encrypted=True)
    await alice.wait_for_membership(room, bob.user_id)

    sent = await alice.send_text(room, "Coffee at three?", html="<b>Coffee</b> at three?")

    seen = await bob.next_message(room, sender=alice.user_id)
    assert seen.encrypted
    assert (seen.event_id, seen.body) == (sent, "Coffee at three?")
    assert (seen.format, seen.formatted_body) == (
        "org.matrix.custom.html",
        "<b>Coffee</b> at three?",
    )
    assert bob.undecryptable == []


async def test_unencrypted_room(member: MemberFactory) -> None:
    alice = await member("alice", encryption=False)
    bob = await member("bob", encryption=False)
    room = await alice.create_room(invite=[bob.user_id])
    await alice.wait_for_membership(room, bob.user_id)

    await alice.send_text(room, "Hello in clear")

    seen = await bob.next_message(room, sender=alice.user_id)
    assert (seen.encrypted, seen.body) == (False, "Hello in clear")


async def test_encrypted_direct_chat_both_ways(member: MemberFactory) -> None:
    alice = await member("alice")
    bob = await member("bob")
    room = await alice.create_room(invite=[bob.user_id], encrypted=True, direct=True)
    await alice.wait_for_membership(room, bob.user_id)

    first = await alice.send_text(room, "Are you free tomorrow?")
    question = await bob.next_message(room, sender=alice.user_id)
    await bob.send_text(room, "Yes, after ten", reply_to=first)
    answer = await alice.next_message(room, sender=bob.user_id)

    assert (question.encrypted, question.body) == (True, "Are you free tomorrow?")
    assert (answer.encrypted, answer.body, answer.reply_to) == (True, "Yes, after ten", first)
    assert (await alice.direct_rooms()) == {bob.user_id: [room]}
    assert (await bob.direct_rooms()) == {alice.user_id: [room]}


async def test_threads_mentions_and_reactions_are_kept(member: MemberFactory) -> None:
    alice = await member("alice")
    bob = await member("bob")
    room = await alice.create_room(invite=[bob.user_id], encrypted=True)
    await alice.wait_for_membership(room, bob.user_id)

    root = await alice.send_text(room, "Who knows Rust?")
    await alice.send_text(room, "Bob might", thread_root=root, mentions=[bob.user_id])
    await alice.react(room, root, "👍")

    assert (await bob.next_message(room)).event_id == root
    in_thread = await bob.next_message(room)
    reaction = await bob.next_event("m.reaction", room_id=room)
    assert (in_thread.thread_root, in_thread.reply_to) == (root, root)
    assert in_thread.mentions == {"user_ids": [bob.user_id]}
    assert reaction.encrypted
    assert reaction.relates_to == {"rel_type": "m.annotation", "event_id": root, "key": "👍"}


async def test_a_newcomer_reads_what_is_sent_after_joining(member: MemberFactory) -> None:
    """Someone invited later gets the next session; the ones already there read both."""
    alice = await member("alice")
    bob = await member("bob")
    room = await alice.create_room(invite=[bob.user_id], encrypted=True)
    await alice.wait_for_membership(room, bob.user_id)
    await alice.send_text(room, "before carol")
    carol = await member("carol")
    await alice.invite(room, carol.user_id)
    await alice.wait_for_membership(room, carol.user_id)

    await alice.send_text(room, "welcome carol")

    assert (await carol.next_message(room, sender=alice.user_id)).body == "welcome carol"
    assert (await bob.next_message(room, sender=alice.user_id)).body == "before carol"
    assert (await bob.next_message(room, sender=alice.user_id)).body == "welcome carol"


async def test_a_member_without_the_key_sees_it_undecryptable(member: MemberFactory) -> None:
    """The harness fails to read what was not shared with it (no key requests to paper over)."""
    alice = await member("alice")
    bob = await member("bob")
    room = await alice.create_room(invite=[bob.user_id], encrypted=True)
    await alice.wait_for_membership(room, bob.user_id)
    assert alice.machine is not None
    # Alice encrypts for nobody: her session goes to no device.
    await alice.machine.share_group_session(RoomID(room), [])
    bob.key_wait = 1.0
    await alice.send_text(room, "for no one")

    with pytest.raises(TimeoutError, match="could not decrypt"):
        await bob.next_message(room, sender=alice.user_id, within=3)
    assert [event.sender for event in bob.undecryptable] == [alice.user_id]


async def test_a_low_message_limit_answers_limit_exceeded(synapse: Synapse) -> None:
    person = Member(await synapse.register(synapse.fresh_localpart("hasty")), encryption=False)
    async with person:
        room = await person.create_room()
        await synapse.limit_messages(person.user_id, per_second=1, burst_count=1)
        with pytest.raises(MLimitExceeded):
            for count in range(5):
                await person.send_text(room, f"message {count}")


async def test_a_second_synapse_with_its_own_message_rate(tmp_path: Path) -> None:
    async with start_synapse(tmp_path, message_rate=0.1, message_burst=2) as slow:
        person = Member(await slow.register("hasty"), encryption=False)
        async with person:
            room = await person.create_room()
            with pytest.raises(MLimitExceeded):
                for count in range(5):
                    await person.send_text(room, f"message {count}")


async def test_what_is_sent_while_offline_is_read_whole_and_in_order(
    member: MemberFactory,
) -> None:
    """More than Synapse's default ten timeline events in one sync: none is lost."""
    alice = await member("alice")
    bob = await member("bob")
    room = await alice.create_room(invite=[bob.user_id], encrypted=True)
    await alice.wait_for_membership(room, bob.user_id)
    mark = bob.mark()

    await bob.go_offline()
    bodies = [f"line {number}" for number in range(25)]
    for body in bodies:
        await alice.send_text(room, body)
    await bob.come_online()

    last = None
    while last is None or last.body != bodies[-1]:
        last = await bob.next_message(room, sender=alice.user_id)
    assert [message.body for message in bob.messages_since(mark)] == bodies


async def test_a_member_who_left_accepts_a_new_invitation(member: MemberFactory) -> None:
    alice = await member("alice")
    bob = await member("bob")
    room = await alice.create_room(invite=[bob.user_id], encrypted=True)
    await alice.wait_for_membership(room, bob.user_id)
    await bob.leave(room)
    await alice.wait_for_membership(room, bob.user_id, Membership.LEAVE)

    await alice.invite(room, bob.user_id)
    await alice.wait_for_membership(room, bob.user_id)
    await alice.send_text(room, "welcome back")

    assert (await bob.next_message(room, sender=alice.user_id)).body == "welcome back"
