"""Proactive messages through stored conversation references: reminders from another
process, retries, members who never installed the app, fan-out groups."""

from __future__ import annotations

import logging

import pytest

from guildbot.app.build import Guildbot
from guildbot.bot.rich import say
from guildbot.bot.scheduler.outbox import Target
from guildbot.contract.errors import DeliveryError, RecipientUnreachable
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef
from guildbot.storage.models import OutboxKind, OutboxMessage
from guildbot.storage.repositories.members import MemberRepository
from tests.adapters.fake_time import FakeTime
from tests.adapters.teams.mock_connector import DROPPED, MockConnector
from tests.adapters.teams.rig import (
    ANA,
    ANA_TEAMS_ID,
    CY,
    CY_TEAMS_ID,
    TENANT,
    TeamsRig,
    card_text,
    recorded,
    start_rig,
)

CHANNEL = "19:general-accessibility@thread.tacv2"
CHANNEL_REF = ConversationRef("teams", TENANT, CHANNEL, None, ConversationKind.CHANNEL)
PERSONAL_ID = recorded("personal_message", "x")["conversation"]["id"]


async def _member_id(app: Guildbot, user_id: str) -> int:
    async with app.database.transaction() as session:
        member = await MemberRepository(session).by_identity("teams", TENANT, user_id)
    assert member is not None
    return member.id


async def test_a_reminder_reaches_a_channel_through_its_stored_reference_from_another_process(
    app: Guildbot, connector: MockConnector
) -> None:
    first = await start_rig(app, connector)
    try:
        assert await first.say("bot_added_to_team") == []  # learned, nothing said
    finally:
        await first.close()

    later = await start_rig(app, connector, clock=FakeTime())  # nothing cached
    try:
        await app.outbox.enqueue(
            OutboxKind.REMINDER,
            "reminder:1",
            Target.conversation(CHANNEL_REF),
            app.clock.now(),
            say("⏰ *Show and tell* starts in 15 minutes."),
        )
        await app.ticker([later.adapter], sleep=later.clock.sleep).tick()
    finally:
        await later.close()
    [post] = connector.posts
    assert post.conversation_id == CHANNEL
    assert card_text(post) == "⏰ **Show and tell** starts in 15 minutes."
    assert post.activity["summary"] == "⏰ Show and tell starts in 15 minutes."
    async with app.database.transaction() as session:
        row = await session.get(OutboxMessage, 1)
    assert row is not None and row.status == "sent" and row.platform_message_id


@pytest.mark.parametrize(("status", "retry_after"), [(429, 3), (412, None), (502, None)])
async def test_a_transient_status_is_left_to_the_outbox(
    teams: TeamsRig, fake_time: FakeTime, status: int, retry_after: int | None
) -> None:
    """Pacing and retry live in the outbox: the connector's answer fails the send at once."""
    await teams.say("bot_added_to_team")
    teams.mock.fail(status, retry_after=retry_after)
    with pytest.raises(DeliveryError) as failure:
        await teams.adapter.send(OutboundMessage(CHANNEL_REF, say("Hello")))
    assert failure.value.retryable and failure.value.code == f"http_{status}"
    assert failure.value.retry_after == retry_after
    assert fake_time.sleeps == [] and teams.mock.posts == []


async def test_a_dropped_connection_is_retried_with_backoff_then_left_to_the_outbox(
    teams: TeamsRig, fake_time: FakeTime
) -> None:
    await teams.say("bot_added_to_team")
    teams.mock.fail(DROPPED, times=1)
    sent = await teams.adapter.send(OutboundMessage(CHANNEL_REF, say("Hello")))
    assert len(teams.mock.posts) == 1 and sent.message_id
    assert fake_time.sleeps == [0.5]  # jitter 0: half the first 1 s step
    teams.mock.fail(DROPPED, times=10)
    with pytest.raises(DeliveryError) as failure:
        await teams.adapter.send(OutboundMessage(CHANNEL_REF, say("Again")))
    assert failure.value.retryable and failure.value.code == "network"
    assert fake_time.sleeps == [0.5, 0.5, 1.0, 2.0]  # 4 attempts, backoff doubling


async def test_a_400_is_never_retried(teams: TeamsRig, fake_time: FakeTime) -> None:
    await teams.say("bot_added_to_team")
    teams.mock.fail(400, times=10)
    with pytest.raises(DeliveryError) as failure:
        await teams.adapter.send(OutboundMessage(CHANNEL_REF, say("Hello")))
    assert not failure.value.retryable and failure.value.code == "http_400"
    assert fake_time.sleeps == []
    # The card once, then the text alone once (a different request): no retry of either.
    posts = [r for r in teams.mock.requests if r[1].endswith("/activities")]
    assert len(posts) == 2


async def test_a_conversation_never_seen_is_unreachable(teams: TeamsRig) -> None:
    with pytest.raises(RecipientUnreachable):
        await teams.adapter.send(OutboundMessage(CHANNEL_REF, say("Hello")))
    assert teams.mock.requests == []


async def test_a_member_who_never_installed_the_app_is_reported_and_the_facilitator_told(
    teams: TeamsRig, caplog: pytest.LogCaptureFixture
) -> None:
    app = teams.app
    await teams.say("personal_message", "help")  # Ana, the facilitator, has a chat
    await teams.say("bot_added_to_team")
    cy_speaks = recorded(
        "channel_mention",
        teams.mock.service_url,
        text="<at>Guildbot</at> profile",
        entities=recorded("channel_mention", "x")["entities"][:1],
    )
    cy_speaks["from"] = {"id": CY_TEAMS_ID, "name": "Cy Diaz", "aadObjectId": CY}
    teams.mock.not_installed.add(CY_TEAMS_ID)
    before = len(teams.mock.posts)
    await teams.post(cy_speaks)
    # Cy's private answer cannot reach Cy: the channel is told where to find it instead.
    [notice] = teams.mock.posts[before:]
    assert notice.conversation_id == f"{CHANNEL};messageid=1730556300000"
    assert "open a chat with Guildbot" in card_text(notice)

    ana_id, cy_id = await _member_id(app, ANA), await _member_id(app, CY)
    await app.outbox.enqueue(
        OutboxKind.REMINDER,
        "reminder:cy",
        Target.member("teams", TENANT, cy_id),
        app.clock.now(),
        "⏰ Show and tell starts soon.",
        owner_member_id=ana_id,
    )
    ticker = app.ticker([teams.adapter], sleep=teams.clock.sleep)
    before = len(teams.mock.posts)
    with caplog.at_level(logging.WARNING):
        await ticker.tick()
        await ticker.tick()  # delivers the notice to the owner
    assert "has not installed Guildbot" in caplog.text
    assert CY in caplog.text and "Show and tell" not in caplog.text
    posts = teams.mock.posts[before:]
    assert [p.conversation_id for p in posts] == [PERSONAL_ID]
    assert "couldn't deliver a reminder" in card_text(posts[0])
    assert "not_installed" in card_text(posts[0])


async def test_a_group_is_sent_to_each_member_with_a_deep_link_to_a_chat_with_all(
    teams: TeamsRig,
) -> None:
    await teams.say("personal_message", "help")  # Ana's own chat
    await teams.say("bot_added_to_team")
    await teams.say("member_added")  # Cy, seen in the team: a 1:1 chat can be created
    group = await teams.adapter.open_conversation(
        [MemberRef("teams", TENANT, ANA), MemberRef("teams", TENANT, CY)]
    )
    assert group.kind is ConversationKind.GROUP and len(group.channel_id) <= 64
    before = len(teams.mock.posts)
    await teams.adapter.send(OutboundMessage(group, say("☕ *Coffee intro* — meet each other!")))
    posts = teams.mock.posts[before:]
    assert {p.conversation_id for p in posts} == {PERSONAL_ID, f"a:1personal-{CY_TEAMS_ID}"}
    for post in posts:
        text = card_text(post)
        # Their sign-in names were never seen: Teams' ids for them open the chat instead.
        link = f"https://teams.microsoft.com/l/chat/0/0?users=8:orgid:{ANA},8:orgid:{CY}"
        assert f"[open a group chat with all of you]({link})" in text
    # Each is told who else got it (Cy's name was never shown to the bot).
    assert "Also sent to a colleague" in card_text(posts[0])
    assert "Also sent to Ana Lima" in card_text(posts[1])


async def test_a_direct_message_to_a_member_uses_their_personal_chat(teams: TeamsRig) -> None:
    await teams.say("personal_message", "help")
    direct = await teams.adapter.open_conversation([MemberRef("teams", TENANT, ANA)])
    assert direct.kind is ConversationKind.DIRECT
    await teams.adapter.send(OutboundMessage(direct, say("Hi")))
    assert teams.mock.posts[-1].conversation_id == PERSONAL_ID
    assert ("POST", "/teams/v3/conversations") not in teams.mock.requests
    assert teams.mock.posts[-1].activity["recipient"]["id"] == ANA_TEAMS_ID


async def test_a_token_the_bot_cannot_get_now_is_left_to_the_outbox(
    teams: TeamsRig, monkeypatch: pytest.MonkeyPatch
) -> None:
    await teams.say("bot_added_to_team")

    async def no_token(*_args: object, **_kwargs: object) -> None:
        raise ValueError("Failed to acquire token: temporarily_unavailable")

    monkeypatch.setattr(teams.adapter.cloud, "continue_conversation_with_claims", no_token)
    with pytest.raises(DeliveryError) as failure:
        await teams.adapter.send(OutboundMessage(CHANNEL_REF, say("Hello")))
    assert failure.value.retryable and failure.value.code == "token"
