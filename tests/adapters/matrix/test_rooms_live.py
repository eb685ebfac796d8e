"""Commands typed in a room, on a real Synapse: an answer for the member alone goes to their
direct chat, and the room (the thread, when the command was in one) says where, naming them."""

from __future__ import annotations

import asyncio

import aiohttp

from guildbot.app.build import Guildbot
from tests.adapters.matrix.conftest import MemberFactory
from tests.adapters.matrix.rig import answers_to, direct_room, first_since, running_bot
from tests.adapters.matrix.synapse import Synapse


async def test_a_private_answer_to_a_command_in_a_thread_is_pointed_to_from_the_thread(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    ana, bo = await member("ana"), await member("bo")
    async with running_bot(app, synapse) as bot:
        dm = await direct_room(ana, bot)
        room = await ana.create_room(invite=[bot.account.user_id, bo.user_id], encrypted=True)
        await ana.wait_for_membership(room, bot.account.user_id)
        root = await ana.send_text(room, "Who organises the next meetup?")
        mark = ana.mark()
        await ana.send_text(room, "!guild help", thread_root=root)
        help_text = await first_since(ana, mark, lambda e: e.room_id == dm)
        assert (help_text.body or "").startswith("*Guildbot*")
        pointer = await first_since(
            ana, mark, lambda e: e.room_id == room and e.sender == bot.account.user_id
        )
        assert pointer.thread_root == root
        assert "I answered you in our direct chat." in (pointer.body or "")
        assert pointer.mentions == {"user_ids": [ana.user_id]}
        # Bo, in the room, sees the pointer and nothing of Ana's answer.
        seen = await first_since(bo, 0, lambda e: e.event_id == pointer.event_id)
        assert "Commands" not in (seen.body or "")


async def test_a_direct_chat_a_member_opens_is_noted_in_the_bots_m_direct(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    ana = await member("ana")
    async with running_bot(app, synapse) as bot:
        dm = await direct_room(ana, bot)
        url = f"{synapse.url}/_matrix/client/v3/user/{bot.account.user_id}/account_data/m.direct"
        headers = {"Authorization": f"Bearer {bot.account.access_token}"}
        async with aiohttp.ClientSession() as session:
            for _ in range(50):
                async with session.get(url, headers=headers) as reply:
                    noted = await reply.json() if reply.status == 200 else {}
                if dm in noted.get(ana.user_id, []):
                    break
                await asyncio.sleep(0.1)
        assert noted == {ana.user_id: [dm]}


async def test_an_invitation_sent_before_the_bot_first_synced_is_accepted(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    # A new device's first sync is the past and is not answered; invitations in it are.
    ana = await member("ana")
    account = await synapse.register(synapse.fresh_localpart("guildbot"))
    room = await ana.create_room(invite=[account.user_id], encrypted=True, direct=True)
    async with running_bot(app, synapse, account=account) as bot:
        await ana.wait_for_membership(room, account.user_id, within=30)
        mark = ana.mark()
        await ana.send_text(room, "help")
        [answer] = await answers_to(ana, room, bot, mark)
        assert (answer.body or "").startswith("*Guildbot*")
