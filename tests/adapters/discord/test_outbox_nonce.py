"""Discord outbox messages carry a nonce made from their row, which Discord enforces: a row
whose sender stopped after posting it, sent again by another instance, gets the message
already posted back (recorded as sent) and nothing is posted twice — an announcement too,
without asking its owner. Real discord.py against the mock API; time is the bot's clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from sqlalchemy import select

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.outbox import Target
from guildbot.bot.scheduler.tick import Ticker
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.reconciling import SendKey
from guildbot.contract.refs import ConversationKind, ConversationRef
from guildbot.contract.richtext import RichText
from guildbot.storage.models import OutboxKind, OutboxMessage
from tests.adapters.discord.mock_discord import MockDiscord
from tests.adapters.discord.rig import DiscordRig, start_rig

Sleep = Callable[[float], Awaitable[None]]
CHANNEL = "800000000000000001"
TARGET = Target("discord", "discord", CHANNEL, None, "channel")


def ticker(app: Guildbot, rig: DiscordRig, sleep: Sleep, name: str) -> Ticker:
    return Ticker(
        app.database, app.clock, {"discord": rig.adapter}, app.policy(), name, sleep=sleep
    )


async def only_row(app: Guildbot) -> OutboxMessage:
    async with app.database.transaction() as session:
        return (await session.scalars(select(OutboxMessage))).one()


async def test_a_resend_of_a_posted_row_gets_the_posted_message_back(
    app: Guildbot, mock_discord: MockDiscord, clock: ManualClock, sleep: Sleep
) -> None:
    mock_discord.now = lambda: clock.now().timestamp()
    rig = await start_rig(mock_discord, app)
    try:
        await app.outbox.enqueue(OutboxKind.ANNOUNCEMENT, "a1", TARGET, clock.now(), "Big news")
        [claimed] = await ticker(app, rig, sleep, "dying").claim()
        to = ConversationRef("discord", "discord", CHANNEL, None, ConversationKind.CHANNEL)
        first = await rig.adapter.send_keyed(
            OutboundMessage(to=to, text=RichText.of("Big news")),
            SendKey(claimed.id, claimed.attempts),
        )  # ...and the process freezes before recording it
        clock.advance(app.policy().lease + timedelta(seconds=1))
        report = await ticker(app, rig, sleep, "survivor").tick()
        await ticker(app, rig, sleep, "survivor").tick()
    finally:
        await rig.close()
    posts = mock_discord.requests("POST", rf"/channels/{CHANNEL}/messages")
    assert len(posts) == 2  # sent twice...
    assert {p.body["nonce"] for p in posts} == {f"gb{claimed.id}.0"}
    assert all(p.body["enforce_nonce"] is True for p in posts)
    assert [m["content"] for m in mock_discord.created()] == ["Big news"]  # ...posted once
    assert report.uncertain == 0  # nobody asked
    row = await only_row(app)
    assert (row.status, row.platform_message_id) == ("sent", first.message_id)


async def test_a_row_claimed_too_long_ago_for_the_nonce_is_not_resent_on_its_word(
    app: Guildbot, mock_discord: MockDiscord, clock: ManualClock, sleep: Sleep
) -> None:
    rig = await start_rig(mock_discord, app)
    try:
        await app.outbox.enqueue(OutboxKind.ANNOUNCEMENT, "a1", TARGET, clock.now(), "Big news")
        await ticker(app, rig, sleep, "dying").claim()
        clock.advance(timedelta(minutes=10))  # the survivor only started now
        report = await ticker(app, rig, sleep, "survivor").tick()
    finally:
        await rig.close()
    assert report.uncertain == 1
    assert mock_discord.requests("POST", rf"/channels/{CHANNEL}/messages") == []


async def test_read_back_a_message_has_no_nonce(mock_discord: MockDiscord, app: Guildbot) -> None:
    # Why Discord cannot be searched by nonce: messages read back do not carry it.
    rig = await start_rig(mock_discord, app)
    try:
        to = ConversationRef("discord", "discord", CHANNEL, None, ConversationKind.CHANNEL)
        await rig.adapter.send_keyed(OutboundMessage(to=to, text=RichText.of("Hi")), SendKey(7, 1))
        history = await rig.adapter.client.http.logs_from(CHANNEL, 50)
    finally:
        await rig.close()
    assert [m["content"] for m in history] == ["Hi"]
    assert "nonce" not in history[0]
