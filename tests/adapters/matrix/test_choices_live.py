"""Numbered choices on a real Synapse, beyond the shared scenario: a keycap reaction presses
a choice as the number does, a reply presses the choice of the message it answers (an older
one too), choices sent to one member are not another's, and choices everyone may answer
(an event's RSVP in a community's room) count for whoever answers."""

from __future__ import annotations

import asyncio

from guildbot.app.build import Guildbot
from tests.adapters.matrix.conftest import MemberFactory
from tests.adapters.matrix.rig import (
    Watch,
    answer_of,
    choices_message,
    direct_room,
    is_edit,
    reacted,
    running_bot,
    said,
    texts,
)
from tests.adapters.matrix.synapse import Synapse

KEYCAP_ONE, KEYCAP_TWO = "1\ufe0f\u20e3", "2\ufe0f\u20e3"
NOT_YOURS = "Those choices were for someone else; yours come in a message of your own."


async def test_a_keycap_reaction_presses_the_choice_a_number_would(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    ana, bo = await member("ana"), await member("bo")
    async with running_bot(app, synapse) as bot:
        ana_room, bo_room = await direct_room(ana, bot), await direct_room(bo, bot)
        asked_ana = await choices_message(ana, ana_room, bot, "expertise add kubernets")
        await choices_message(bo, bo_room, bot, "expertise add kubernets")
        assert answer_of(asked_ana)[0].buttons[0] == "Add kubernetes"

        by_reaction = await reacted(ana, ana_room, bot, asked_ana.event_id, KEYCAP_ONE)
        by_number = await said(bo, bo_room, bot, "1")

        assert texts(by_reaction) == texts(by_number)
        assert any("kubernetes" in text for text in texts(by_reaction)), texts(by_reaction)
        # The pressed message was settled: edited, its choices replaced by what was chosen.
        settled = [
            event
            for event in ana.events
            if is_edit(event)
            and event.relates_to == {"rel_type": "m.replace", "event_id": asked_ana.event_id}
        ]
        assert settled and "Add kubernetes" in settled[-1].content["m.new_content"]["body"]
        assert "org.guildbot.choices" not in settled[-1].content["m.new_content"]


async def test_a_settled_choice_is_not_pressed_again(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    """Once pressed, a message's choices are gone (the member's client shows the edit): a
    second keycap on it, or a reply with another number, presses nothing."""
    ana = await member("ana")
    async with running_bot(app, synapse) as bot:
        room = await direct_room(ana, bot)
        asked = await choices_message(ana, room, bot, "expertise add kubernets")
        await reacted(ana, room, bot, asked.event_id, KEYCAP_ONE)

        watch = Watch(ana, bot)
        await ana.react(room, asked.event_id, KEYCAP_TWO)
        await ana.send_text(room, "expertise list")
        listed = texts(await watch.answers(None))

        assert len(listed) == 1 and "kubernetes" in listed[0], listed
        assert "kubernets" not in listed[0], listed


async def test_a_reply_with_a_number_presses_the_older_message_it_answers(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    ana = await member("ana")
    async with running_bot(app, synapse) as bot:
        room = await direct_room(ana, bot)
        older = await choices_message(ana, room, bot, "expertise add kubernets")
        newer = await choices_message(ana, room, bot, "expertise add terrafrom")
        assert answer_of(newer)[0].buttons[0] == "Add terraform"

        answered = texts(await said(ana, room, bot, "1", reply_to=older.event_id))

        assert any("kubernetes" in text for text in answered), answered
        assert not any("terraform" in text for text in answered), answered
        listed = " ".join(texts(await said(ana, room, bot, "expertise list")))
        assert "kubernetes" in listed and "terraform" not in listed, listed


async def test_choices_sent_to_one_member_are_not_anothers_to_press(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    """Bo, invited into Ana's room with the bot after her choices came, cannot press them:
    neither by a keycap nor by a reply with the number; Ana still can."""
    ana, bo = await member("ana"), await member("bo")
    async with running_bot(app, synapse) as bot:
        room = await direct_room(ana, bot)
        asked = await choices_message(ana, room, bot, "expertise add kubernets")
        await ana.invite(room, bo.user_id)
        await ana.wait_for_membership(room, bo.user_id)
        await bo.wait_for_membership(room, bot.account.user_id)

        by_reaction = texts(await reacted(bo, room, bot, asked.event_id, KEYCAP_ONE))
        by_reply = texts(await said(bo, room, bot, "1", reply_to=asked.event_id))

        assert by_reaction == [NOT_YOURS]
        assert by_reply == [NOT_YOURS]
        pressed = texts(await said(ana, room, bot, "1", reply_to=asked.event_id))
        assert any("kubernetes" in text for text in pressed), pressed


async def test_an_rsvp_reaction_in_a_shared_room_is_the_reacting_members_own(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    """An event's post in its community's room carries choices for anyone: Bo's 1️⃣ makes
    Bo going and Ana's 2️⃣ makes Ana a maybe, each told privately."""
    ana, bo = await member("ana"), await member("bo")
    await ana.client.set_displayname("Ana Lima")
    await bo.client.set_displayname("Bo Chen")
    async with running_bot(app, synapse) as bot:
        ana_direct = await direct_room(ana, bot)
        await said(ana, ana_direct, bot, "profile")  # the bot knows her direct room
        shared = await ana.create_room(invite=[bo.user_id, bot.account.user_id], encrypted=True)
        for person in (bo.user_id, bot.account.user_id):
            await ana.wait_for_membership(shared, person)
        created = texts(await said(ana, shared, bot, "!guild community create Accessibility"))
        assert "This channel is now its channel" in " ".join(created), created
        watch = Watch(ana, bot)
        await ana.send_text(shared, "!guild event create Show and tell in 3 days at 15:00 for 1h")
        echo = await watch.answers(ana_direct)
        assert answer_of(echo[-1])[0].buttons == ("Create", "Cancel"), texts(echo)
        await said(ana, ana_direct, bot, "1")
        watch = Watch(ana, bot)
        await app.ticker([bot.adapter]).tick()  # the post goes out through the outbox
        posted = await watch.answers(shared, handled=0)
        assert answer_of(posted[-1])[0].buttons == ("Going", "Maybe", "Can't go"), texts(posted)
        post = posted[-1].event_id
        assert posted[-1].content["org.guildbot.choices"]["for"] is None

        told_bo = await reacted(bo, shared, bot, post, KEYCAP_ONE)
        told_ana = await reacted(ana, shared, bot, post, KEYCAP_TWO)

        assert [e.room_id for e in told_bo] != [shared]
        assert texts(told_bo)[0].startswith("You're going to *Show and tell*"), texts(told_bo)
        assert [e.room_id for e in told_ana] == [ana_direct]
        assert texts(told_ana) == [
            "Noted: Maybe for *Show and tell*, Thu 5 Nov 2026, 15:00-16:00 UTC."
        ]
        attendees = " ".join(texts(await said(ana, ana_direct, bot, "event attendees 1")))
        assert "Going (1): Bo Chen" in attendees and "Maybe: Ana Lima" in attendees, attendees


async def test_two_quick_presses_on_one_message_press_it_once(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    """A second keycap sent before the first press is settled still finds the choice made."""
    ana = await member("ana")
    async with running_bot(app, synapse) as bot:
        room = await direct_room(ana, bot)
        asked = await choices_message(ana, room, bot, "expertise add kubernets")

        watch = Watch(ana, bot)
        await ana.react(room, asked.event_id, KEYCAP_ONE)
        await ana.react(room, asked.event_id, KEYCAP_TWO)
        await watch.answers(None)
        await asyncio.sleep(1.0)  # a second press, had there been one, is answered by now

        listed = texts(await said(ana, room, bot, "expertise list"))
        assert listed[0].count("kubernet") == 1, listed
