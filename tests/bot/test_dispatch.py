"""A reply the adapter cannot deliver is queued in the outbox, never logged and lost."""

import dataclasses
from datetime import timedelta

from sqlalchemy import select

from guildbot.bot.clock import ManualClock
from guildbot.contract.errors import DeliveryError, RecipientUnreachable
from guildbot.storage.models import OutboxMessage, OutboxStatus
from tests.fakes import Harness


async def _queued(harness: Harness) -> list[OutboxMessage]:
    async with harness.app.database.transaction() as session:
        return list((await session.scalars(select(OutboxMessage))).all())


async def _tick(harness: Harness) -> None:
    await harness.app.ticker([harness.adapter]).tick()


async def test_a_private_reply_that_fails_reaches_the_member_directly_later(
    harness: Harness, clock: ManualClock
) -> None:
    await harness.text("ana", "profile")  # Ana is a member now
    harness.adapter.failures.append(DeliveryError("busy", retryable=True, retry_after=5))
    assert await harness.say("ana", "expertise add k8s", harness.channel) == []
    [row] = await _queued(harness)
    assert row.target_member_id is not None and row.channel_id is None
    assert row.not_before == clock.now() + timedelta(seconds=5)
    await _tick(harness)
    assert harness.adapter.sent[-1].text != "Added *kubernetes*."  # not due yet
    clock.advance(timedelta(seconds=5))
    await _tick(harness)
    await _tick(harness)
    delivered = [m for m in harness.adapter.sent if "kubernetes" in m.text]
    assert len(delivered) == 1
    assert delivered[0].to.channel_id == "Gana"  # Ana's own conversation with the bot
    assert (await _queued(harness))[0].status == OutboxStatus.SENT.value


async def test_a_public_reply_goes_back_to_its_conversation_unless_refused_for_good(
    harness: Harness,
) -> None:
    await harness.text("ana", "profile")
    replies = await harness.dispatch(harness.command("ana", "help", harness.channel))
    public = dataclasses.replace(replies.messages[0], ephemeral_to=None, thread_id="T-1")
    await replies.undelivered(public, RecipientUnreachable("gone", code="channel_not_found"))
    assert await _queued(harness) == []
    await replies.undelivered(public, DeliveryError("busy", retryable=True))
    [row] = await _queued(harness)
    assert (row.channel_id, row.thread_id, row.target_member_id) == ("C-general", "T-1", None)


async def test_a_reply_handed_back_twice_is_queued_once(harness: Harness) -> None:
    await harness.text("ana", "profile")
    event_replies = await harness.dispatch(
        harness.command("ana", "expertise add sql", harness.channel)
    )
    [message] = event_replies.messages
    failure = DeliveryError("busy", retryable=True)
    await event_replies.undelivered(message, failure)
    await event_replies.undelivered(message, failure)
    assert len(await _queued(harness)) == 1
