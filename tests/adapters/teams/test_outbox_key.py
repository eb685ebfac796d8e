"""Outbox messages to Teams carry their row in the activity's channelData; Teams cannot be
asked afterwards what it has, so a row whose sender stopped follows the outbox's policy."""

from __future__ import annotations

from datetime import timedelta

import pytest

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.rich import say
from guildbot.bot.scheduler.outbox import Target
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.reconciling import Reconciling, SendKey
from guildbot.contract.refs import ConversationKind, ConversationRef
from guildbot.storage.models import OutboxKind, OutboxMessage
from tests.adapters.teams.rig import TENANT, TeamsRig

CHANNEL = "19:general-accessibility@thread.tacv2"
CHANNEL_REF = ConversationRef("teams", TENANT, CHANNEL, None, ConversationKind.CHANNEL)


async def test_an_outbox_message_carries_its_row_and_attempt_in_channel_data(
    app: Guildbot, teams: TeamsRig
) -> None:
    await teams.say("bot_added_to_team")
    await app.outbox.enqueue(
        OutboxKind.REMINDER,
        "reminder:1",
        Target.conversation(CHANNEL_REF),
        app.clock.now(),
        say("⏰ Show and tell starts in 15 minutes."),
    )
    await app.ticker([teams.adapter], sleep=teams.clock.sleep).tick()
    [post] = teams.mock.posts
    async with app.database.transaction() as session:
        row = await session.get(OutboxMessage, 1)
    assert row is not None and row.status == "sent"
    assert post.activity["channelData"]["guildbot"] == {"outboxRow": row.id, "attempt": 1}


async def test_a_message_that_is_not_an_outbox_row_carries_no_key(teams: TeamsRig) -> None:
    await teams.say("bot_added_to_team")
    await teams.adapter.send(OutboundMessage(CHANNEL_REF, say("Hello")))
    [post] = teams.mock.posts
    assert "guildbot" not in (post.activity.get("channelData") or {})


@pytest.mark.parametrize(
    ("kind", "posts", "status"), [("reminder", 2, "sent"), ("announcement", 1, "uncertain")]
)
async def test_after_its_sender_stopped_a_teams_row_follows_the_policy(
    app: Guildbot, teams: TeamsRig, clock: ManualClock, kind: str, posts: int, status: str
) -> None:
    """Teams cannot say what it has: a reminder the stopped sender had posted is posted
    again (the policy prefers a rare duplicate to a missed reminder); an announcement is
    not, and is left uncertain, for its owner to be asked."""
    await teams.say("bot_added_to_team")
    assert isinstance(teams.adapter, Reconciling)
    assert teams.adapter.resend_is_idempotent_for == timedelta(0)
    await app.outbox.enqueue(
        OutboxKind(kind), "row", Target.conversation(CHANNEL_REF), clock.now(), say("Soon")
    )
    [row] = await app.ticker([teams.adapter], sleep=teams.clock.sleep).claim()
    # The sender posts it, and stops before recording it.
    await teams.adapter.send_keyed(
        OutboundMessage(CHANNEL_REF, say("Soon")), SendKey(row.id, row.attempts)
    )
    assert await teams.adapter.find_sent(CHANNEL_REF, [SendKey(row.id, 1)], clock.now()) is None
    clock.advance(app.policy().lease + timedelta(seconds=1))
    report = await app.ticker([teams.adapter], sleep=teams.clock.sleep).tick()
    assert report.found == 0
    keys = [post.activity["channelData"]["guildbot"] for post in teams.mock.posts]
    assert [key["outboxRow"] for key in keys] == [row.id] * posts
    assert [key["attempt"] for key in keys] == [1, 2][:posts]
    async with app.database.transaction() as session:
        settled = await session.get(OutboxMessage, row.id)
    assert settled is not None and settled.status == status
