"""Groups, restarts and instances, on a real Synapse: a coffee intro opens one encrypted
room however often it is opened; a restarted bot is the same device and still reads its
encrypted rooms; of two instances only one answers, and the other takes over."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from mautrix.api import Method
from mautrix.api import Path as ApiPath
from sqlalchemy import select

from guildbot.app.build import Guildbot, build
from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.outbox import Outbox, OutboxKey, Owner
from guildbot.bot.scheduler.payload import Body
from guildbot.contract.refs import MemberRef
from guildbot.contract.richtext import RichText
from guildbot.storage.models import OutboxKind, OutboxMessage
from tests.adapters.matrix.conftest import MemberFactory
from tests.adapters.matrix.members import Member
from tests.adapters.matrix.rig import Bot, answers_to, bot_adapter, direct_room, running_bot
from tests.adapters.matrix.synapse import Synapse


def ref(member: Member) -> MemberRef:
    return MemberRef("matrix", "matrix", member.user_id)


async def queue_intro(app: Guildbot, clock: ManualClock, people: list[Member]) -> None:
    async with app.database.transaction() as session:
        outbox = Outbox(session, clock.now())
        group = await outbox.group("coffee-group:1", [ref(person) for person in people])
        await outbox.queue(
            Body(RichText.of("☕ Meet each other!")),
            group,
            clock.now(),
            OutboxKey("coffee:intro:1", Owner.of("coffee-group", 1), "intro"),
            kind=OutboxKind.INTRO,
        )


async def test_a_coffee_intro_opens_one_encrypted_room_for_the_group(
    app: Guildbot, synapse: Synapse, member: MemberFactory, clock: ManualClock
) -> None:
    ana, bo = await member("ana"), await member("bo")
    await queue_intro(app, clock, [ana, bo])
    async with running_bot(app, synapse) as bot:
        await app.ticker([bot.adapter]).tick()
        intro = await ana.next_message(sender=bot.account.user_id, within=20)
        assert intro.encrypted and intro.body == "☕ Meet each other!"
        seen_by_bo = await bo.next_message(intro.room_id, sender=bot.account.user_id, within=20)
        assert seen_by_bo.event_id == intro.event_id
        async with app.database.transaction() as session:
            row = (await session.scalars(select(OutboxMessage))).one()
        assert row.status == "sent"
        # Opened again (a crash kept the first from being recorded): the same room.
        again = await bot.adapter.open_conversation([ref(ana), ref(bo)], key="coffee-group:1")
        assert again.channel_id == intro.room_id


async def test_a_restarted_bot_is_the_same_device_and_reads_its_encrypted_room(
    app: Guildbot, synapse: Synapse, member: MemberFactory
) -> None:
    ana = await member("ana")
    account = await synapse.register(synapse.fresh_localpart("guildbot"))
    async with running_bot(app, synapse, account=account) as bot:
        room = await direct_room(ana, bot)
        mark = ana.mark()
        await ana.send_text(room, "help")
        assert await answers_to(ana, room, bot, mark)
    # Stopped; what Ana sends meanwhile is read by the bot when it is back.
    await ana.send_text(room, "profile")
    mark = ana.mark()
    async with running_bot(app, synapse, account=account) as again:
        assert again.adapter.device_id_in_use == account.device_id
        first = await answers_to(ana, room, again, mark)
        assert first and first[0].encrypted and "Department" in (first[0].body or "")
        mark = ana.mark()
        await ana.send_text(room, "help")
        later = await answers_to(ana, room, again, mark)
        assert later and later[0].body and later[0].body.startswith("*Guildbot*")


async def test_two_instances_answer_once_and_the_standby_takes_over(
    app: Guildbot, synapse: Synapse, member: MemberFactory, clock: ManualClock
) -> None:
    ana = await member("ana")
    account = await synapse.register(synapse.fresh_localpart("guildbot"))
    first = bot_adapter(app, account, instance="instance-a", lease_seconds=3)
    second = bot_adapter(app, account, instance="instance-b", lease_seconds=3)
    await first.start(app.dispatcher(first))
    await second.start(app.dispatcher(second))
    try:
        assert not first.standing_by and second.standing_by
        bot = Bot(first, account)
        room = await direct_room(ana, bot)
        mark = ana.mark()
        await ana.send_text(room, "help")
        answers = await answers_to(ana, room, bot, mark)
        assert len(answers) == 1
        # The first instance goes away; the second claims the account once it is free.
        await first.stop()
        clock.advance(timedelta(seconds=4))
        for _ in range(50):
            if not second.standing_by:
                break
            await asyncio.sleep(0.2)
        assert not second.standing_by
        mark = ana.mark()
        await ana.send_text(room, "help")
        answers = await answers_to(ana, room, Bot(second, account), mark)
        assert len(answers) == 1 and answers[0].encrypted
    finally:
        await first.stop()
        await second.stop()


async def test_the_bots_device_is_cross_signed_and_a_new_device_signed_again(
    app: Guildbot, synapse: Synapse, member: MemberFactory, tmp_path: Path
) -> None:
    ana = await member("ana")
    account = await synapse.register(synapse.fresh_localpart("guildbot"))
    async with running_bot(app, synapse, account=account):
        assert await signed_by_self_signing_key(ana, account.user_id, account.device_id)
    # Another device of the same account (new database: nothing of the first one's kept)
    # fetches the cross-signing keys back from secret storage and signs itself too.
    other = await synapse.login(account)
    fresh = await build_fresh_app(app, tmp_path / "other.db")
    try:
        async with running_bot(fresh, synapse, account=other):
            assert await signed_by_self_signing_key(ana, other.user_id, other.device_id)
    finally:
        await fresh.close()


async def signed_by_self_signing_key(member: Member, user_id: str, device_id: str) -> bool:
    """What the member's client learns from /keys/query: the device carries a signature
    by the account's published self-signing key."""
    reply = await member.client.api.request(
        Method.POST, ApiPath.v3.keys.query, {"device_keys": {user_id: []}}
    )
    self_signing = reply.get("self_signing_keys", {}).get(user_id)
    if not self_signing:
        return False
    key_ids = set(self_signing["keys"])
    device = reply["device_keys"][user_id][device_id]
    return bool(key_ids & set(device.get("signatures", {}).get(user_id, {})))


async def build_fresh_app(app: Guildbot, database: Path) -> Guildbot:
    """Another deployment's app, on a database of its own."""
    settings = replace(app.settings, database_url=f"sqlite+aiosqlite:///{database}")
    return await build(settings, clock=app.clock)
