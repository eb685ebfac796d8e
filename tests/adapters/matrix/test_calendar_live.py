"""A community's calendar in an encrypted Matrix room: the event is posted with numbered
RSVP choices anyone may answer, a member RSVPs with a keycap reaction, and the reminders
come at their time, in the room and to the member going."""

from __future__ import annotations

from datetime import timedelta

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from tests.adapters.matrix.conftest import MemberFactory
from tests.adapters.matrix.members import Member, RoomEvent
from tests.adapters.matrix.rig import Bot, answers_to, direct_room, first_since, running_bot
from tests.adapters.matrix.synapse import Synapse

KEYCAP_ONE = "1\ufe0f\u20e3"


async def say(member: Member, room: str, bot: Bot, text: str) -> list[RoomEvent]:
    mark = member.mark()
    await member.send_text(room, text)
    return await answers_to(member, room, bot, mark)


async def test_an_event_post_is_rsvpd_by_reaction_and_reminded_at_its_time(
    app: Guildbot, synapse: Synapse, member: MemberFactory, clock: ManualClock
) -> None:
    ana, bo = await member("ana"), await member("bo")
    async with running_bot(app, synapse) as bot:
        dm = await direct_room(ana, bot)
        room = await ana.create_room(invite=[bot.account.user_id, bo.user_id], encrypted=True)
        await ana.wait_for_membership(room, bot.account.user_id)
        await ana.wait_for_membership(room, bo.user_id)
        [created] = await say(ana, room, bot, "!guild community create Accessibility")
        assert "This channel is now its channel" in (created.body or "")

        mark = ana.mark()
        await ana.send_text(room, "!guild event create Show and tell in 3 days at 15:00 for 1h")
        preview = await first_since(ana, mark, lambda e: e.room_id == dm)
        assert preview.content["org.guildbot.choices"]["for"] == ana.user_id
        bo_mark = bo.mark()
        await say(ana, dm, bot, "1")  # Create
        ticker = app.ticker([bot.adapter])
        await ticker.tick()
        post = await first_since(bo, bo_mark, lambda e: "Show and tell" in (e.body or ""))
        assert post.room_id == room and post.encrypted
        assert post.content["org.guildbot.choices"]["for"] is None  # anyone may answer

        bo_mark = bo.mark()
        await bo.react(room, post.event_id, KEYCAP_ONE)  # Going
        going = await first_since(bo, bo_mark, lambda e: e.room_id != room)
        assert "going" in (going.body or "").casefold()

        # Two days later, a day before it: the room's reminder, and Bo's own.
        clock.advance(timedelta(days=2, hours=1, minutes=1))  # Wed 15:01: a day before
        room_mark, bo_mark = ana.mark(), bo.mark()
        await ticker.tick()
        reminder = await first_since(
            ana, room_mark, lambda e: e.room_id == room and "Show and tell" in (e.body or "")
        )
        assert reminder.sender == bot.account.user_id
        own = await first_since(
            bo, bo_mark, lambda e: e.room_id != room and "Show and tell" in (e.body or "")
        )
        assert own.encrypted and own.sender == bot.account.user_id
