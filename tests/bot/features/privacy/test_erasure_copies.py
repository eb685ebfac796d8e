"""Erasure removes every copy: a coffee intro already sent names the member (name, title,
department) in the outbox; after `privacy erase` no message body holds any of it, messages
not sent yet that name them are never sent, and the groups the bot writes to forget them.
Sent messages also go after the retention period on their own."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.outbox import Target
from guildbot.storage.models import GroupConversation, OutboxKind, OutboxMessage
from tests.bot.features.coffee.test_coffee import (
    FIRST_ROUND,
    SETUP,
    community_with,
    intros,
    join_all,
)
from tests.fakes import Harness


async def bodies(harness: Harness) -> list[tuple[str, str]]:
    async with harness.app.database.transaction() as session:
        rows = await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(row.status, json.dumps(row.payload, ensure_ascii=False)) for row in rows]


async def test_an_erased_member_is_in_no_message_sent_or_waiting(
    harness: Harness, clock: ManualClock
) -> None:
    await community_with(harness)
    await harness.text("ben", "profile set title Senior Epidemiologist")
    await harness.text("ana", SETUP)
    await join_all(harness)
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    [ben_intro] = [m for m in intros(sent) if "ben" in m.to.channel_id]
    assert "Senior Epidemiologist" in ben_intro.text
    # Something about Ben still waiting to go out to a channel (an announcement naming him).
    await harness.app.outbox.enqueue(
        OutboxKind.ANNOUNCEMENT,
        "later-ben",
        Target("fake", "T1", "C-general", None, "channel"),
        clock.now() + timedelta(days=1),
        "Welcome Ben (Health), our new Senior Epidemiologist!",
    )
    before = await bodies(harness)
    assert any("Senior Epidemiologist" in body for _, body in before)

    [erase] = await harness.say("ben", "privacy erase")
    [done] = await harness.press("ben", erase.buttons[0])
    assert done.text.startswith("Done: your data is erased.")

    after = await bodies(harness)
    for _status, body in after:
        assert "Senior Epidemiologist" not in body
        assert '"ben"' not in body  # his platform user id, in mentions
        assert "Ben" not in body
    assert ("cancelled", '{"redacted": true}') in after  # the waiting one is never sent
    async with harness.app.database.transaction() as session:
        for group in await session.scalars(select(GroupConversation)):
            assert "ben" not in group.members
    # Nothing named him is sent later.
    later = await harness.run_until(clock, clock.now() + timedelta(days=2))
    assert all("Ben" not in m.text for m in later)


async def test_sent_messages_go_after_the_retention_period(
    harness: Harness, clock: ManualClock
) -> None:
    await community_with(harness)
    await harness.text("ana", SETUP)
    await join_all(harness)
    await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    sent_before = [s for s, _ in await bodies(harness) if s == "sent"]
    assert sent_before
    clock.advance(harness.app.settings.retention_messages - timedelta(hours=2))
    await harness.app.housekeeping()
    assert [s for s, _ in await bodies(harness) if s == "sent"] == sent_before
    clock.advance(timedelta(hours=3))
    await harness.app.housekeeping()
    assert "sent" not in [s for s, _ in await bodies(harness)]
    assert all(
        body == '{"redacted": true}'
        for status, body in await bodies(harness)
        if status in ("cancelled", "failed", "missed", "uncertain")
    )
