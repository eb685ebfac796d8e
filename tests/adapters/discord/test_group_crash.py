"""A group's conversation is opened once: killed between opening the intro thread and
recording it, the next process finds that thread again instead of opening a second one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import pytest
from sqlalchemy import select

from guildbot.adapters.discord import DiscordAdapter
from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.outbox import Outbox, OutboxKey, Owner
from guildbot.bot.scheduler.payload import Body
from guildbot.contract.refs import ConversationRef, MemberRef
from guildbot.contract.richtext import RichText
from guildbot.storage.models import OutboxKind, OutboxMessage
from tests.adapters.discord.conftest import ANA, BO
from tests.adapters.discord.mock_discord import GUILD, MockDiscord
from tests.adapters.discord.rig import start_rig


class Killed(BaseException):
    """The process dies here: nothing after this point runs, nothing more is committed."""


def kill_after_opening(adapter: DiscordAdapter) -> None:
    opened = adapter.open_conversation

    async def open_then_die(
        members: Sequence[MemberRef], key: str | None = None
    ) -> ConversationRef:
        await opened(members, key)
        raise Killed

    adapter.open_conversation = open_then_die  # type: ignore[method-assign]


async def _queue_intro(app: Guildbot, clock: ManualClock) -> int:
    people = [MemberRef("discord", "discord", ANA), MemberRef("discord", "discord", BO)]
    async with app.database.transaction() as session:
        outbox = Outbox(session, clock.now())
        group = await outbox.group("coffee-group:1", people)
        for purpose, kind in (("intro", OutboxKind.INTRO), ("follow-up", OutboxKind.FOLLOW_UP)):
            await outbox.queue(
                Body(RichText.of(f"☕ {purpose}")),
                group,
                clock.now(),
                OutboxKey(f"coffee:{purpose}:1", Owner.of("coffee-group", 1), purpose),
                kind=kind,
            )
    assert group.group_id is not None
    return group.group_id


async def test_a_crash_between_opening_and_recording_leaves_one_thread(
    app: Guildbot, mock_discord: MockDiscord, clock: ManualClock
) -> None:
    mock_discord.guild_members[GUILD] = {ANA, BO}
    await _queue_intro(app, clock)

    first = await start_rig(mock_discord, app)
    kill_after_opening(first.adapter)
    with pytest.raises(Killed):
        await app.ticker([first.adapter]).tick()
    assert len(mock_discord.threads) == 1
    await first.close()

    # The next process, once the dead one's claims have expired: what it sends goes to the
    # thread already opened, found again by the group's key.
    clock.advance(timedelta(seconds=app.settings.lease_seconds + 1))
    second = await start_rig(mock_discord, app)
    try:
        ticker = app.ticker([second.adapter])
        await ticker.tick()  # recovers the dead claims (the intro: its owner is asked)
        async with app.database.transaction() as session:
            rows = {row.purpose: row for row in (await session.scalars(select(OutboxMessage)))}
        await app.outbox.retry(rows["intro"].id)  # the owner: "post it again"
        await ticker.tick()
    finally:
        await second.close()
    [thread] = mock_discord.threads
    posts = mock_discord.requests("POST", rf"/channels/{thread['id']}/messages")
    assert sorted(p.body["content"] for p in posts) == ["☕ follow-up", "☕ intro"]
    assert len(mock_discord.requests("POST", r"/channels/\d+/threads")) == 1
