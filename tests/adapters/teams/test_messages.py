"""Recorded activities posted to /api/messages (auth off) and what the bot sent back."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.contract.inbound import (
    ActionInvoked,
    InboundEvent,
    MessageReceived,
    mention_token,
)
from guildbot.contract.refs import ConversationKind, MemberRef
from guildbot.storage.models import PlatformContact, StoredConversation
from tests.adapters.teams.mock_connector import MockConnector
from tests.adapters.teams.rig import (
    ANA,
    BO,
    TENANT,
    TeamsRig,
    card_buttons,
    card_text,
    recorded,
    start_rig,
    submit_data,
)
from tests.replies import Heard

PERSONAL_ID = recorded("personal_message", "x")["conversation"]["id"]


async def test_a_command_in_a_personal_chat_is_answered_there_as_a_card(teams: TeamsRig) -> None:
    posts = await teams.say("personal_message", "help")
    assert len(posts) == 1
    post = posts[0]
    assert post.conversation_id == PERSONAL_ID
    assert post.reply_to is None  # a new message, not a reply to the continuation event
    assert "connects people who share a craft" in card_text(post)
    # Text fallback: notifications get the summary, old clients the card's fallbackText.
    assert "connects people who share a craft" in post.activity["summary"]
    assert post.card is not None and post.card["fallbackText"].startswith("Guildbot")
    assert post.activity["from"]["id"].startswith("28:")
    assert post.token == ""  # anonymous mode: no credentials, no token


async def test_a_member_whose_teams_is_in_french_is_answered_in_french(teams: TeamsRig) -> None:
    posts = await teams.say("personal_message", "aide", locale="fr-CA")
    assert "met en relation les personnes d'un même métier" in card_text(posts[0])
    # Kept when they first write: the next message, without a locale, is French too.
    again = await teams.say("personal_message", "help")
    assert "met en relation" in card_text(again[0])


async def test_a_mention_in_a_channel_reaches_the_grammar_without_the_mention(
    app: Guildbot, connector: MockConnector
) -> None:
    record = Heard()
    seen = record.events

    rig = await start_rig(app, connector, dispatch=record)
    try:
        await rig.say("channel_mention")
    finally:
        await rig.close()
    [event] = seen
    assert isinstance(event, MessageReceived) and event.addressed
    assert event.text == f"expertise add {mention_token(0)} kubernetes"
    assert event.mentions == (MemberRef("teams", TENANT, BO),)
    assert event.actor.user_id == ANA and event.actor.workspace_id == TENANT
    assert event.conversation.kind is ConversationKind.CHANNEL
    assert event.conversation.channel_id == "19:general-accessibility@thread.tacv2"
    assert event.conversation.thread_id == "1730556300000"


async def test_a_private_answer_to_a_channel_mention_goes_to_a_new_personal_chat(
    teams: TeamsRig,
) -> None:
    posts = await teams.say("channel_mention", "<at>Guildbot</at> help")
    assert ("POST", "/teams/v3/conversations") in teams.mock.requests
    assert [p.conversation_id for p in posts] == ["a:1personal-29:1AnaLimaTeamsUserId" + "X" * 62]
    assert "connects people" in card_text(posts[0])


async def test_a_card_button_is_a_neutral_action(teams: TeamsRig) -> None:
    posts = await teams.say("personal_message", "expertise add kubernets")
    buttons = card_buttons(posts[-1])
    assert buttons, card_text(posts[-1])
    assert buttons[0]["type"] == "Action.Execute"
    data = submit_data(buttons[0])
    answer = await teams.press(data["guildbot"], data["value"])
    assert answer and "Added **kubernetes**" in card_text(answer[0])


async def test_a_press_on_a_card_posted_with_action_submit_still_works(teams: TeamsRig) -> None:
    """Cards posted before Universal Actions (and clients that fall back to Action.Submit)
    send the data as a message activity."""
    posts = await teams.say("personal_message", "expertise add kubernets")
    data = submit_data(card_buttons(posts[-1])[0])
    fallback = card_buttons(posts[-1])[0]["fallback"]
    assert fallback["type"] == "Action.Submit" and fallback["data"] == data
    answer = await teams.submit(data["guildbot"], data["value"])
    assert answer and "Added **kubernetes**" in card_text(answer[0])


async def test_an_automatic_refresh_presses_nothing(
    app: Guildbot, connector: MockConnector
) -> None:
    record = Heard()
    rig = await start_rig(app, connector, dispatch=record)
    try:
        refresh = recorded(
            "card_submit",
            connector.service_url,
            type="invoke",
            name="adaptiveCard/action",
            value={
                "action": {
                    "type": "Action.Execute",
                    "verb": "rsvp",
                    "data": {"guildbot": "rsvp", "value": "42:going"},
                },
                "trigger": "automatic",
            },
        )
        status, body = await rig.post(refresh)
    finally:
        await rig.close()
    assert status == 200 and body["statusCode"] == 200
    assert record.events == []
    assert connector.posts == []


async def test_action_execute_is_answered_in_the_invoke_and_dispatched(
    app: Guildbot, connector: MockConnector
) -> None:
    record = Heard()
    seen = record.events

    rig = await start_rig(app, connector, dispatch=record)
    try:
        invoke = recorded(
            "card_submit",
            connector.service_url,
            type="invoke",
            name="adaptiveCard/action",
            value={
                "action": {
                    "type": "Action.Execute",
                    "verb": "rsvp",
                    "data": {"guildbot": "rsvp", "value": "42:going"},
                }
            },
        )
        status, body = await rig.post(invoke)
        not_ours = dict(
            invoke,
            id="other",
            value={"action": {"type": "Action.Execute", "verb": "x", "data": {"y": 1}}},
        )
        not_ours_status, not_ours_body = await rig.post(not_ours)
        no_verb = dict(invoke, id="third", value={"action": {"type": "Action.Execute"}})
        no_verb_status, _ = await rig.post(no_verb)
    finally:
        await rig.close()
    assert status == 200, body
    assert body["statusCode"] == 200 and body["value"] == "Got it."
    [event] = seen
    assert isinstance(event, ActionInvoked)
    assert (event.action_id, event.value) == ("rsvp", "42:going")
    assert not_ours_status == 200 and not_ours_body["statusCode"] == 400
    assert no_verb_status == 501  # not an Action.Execute we could answer; nothing happened


async def test_the_same_activity_twice_is_handled_once(teams: TeamsRig) -> None:
    activity = recorded("personal_message", teams.mock.service_url, text="help")
    await teams.post(activity)
    await teams.post(activity)  # Teams retried
    assert len(teams.mock.posts) == 1


async def test_bad_input_is_refused_politely_and_changes_nothing(teams: TeamsRig) -> None:
    for body in ("not json", json.dumps([1, 2]), json.dumps({"type": "message"})):
        status, answer = await teams.post(body)
        assert status == 400 and "error" in answer
    malformed: dict[str, Any] = recorded("personal_message", teams.mock.service_url)
    malformed["from"] = "nobody"
    status, _ = await teams.post(malformed)
    assert status == 400
    assert teams.mock.posts == []


async def test_a_reference_is_written_again_only_when_it_changes(teams: TeamsRig) -> None:
    clock = teams.app.clock
    assert isinstance(clock, ManualClock)

    async def stored() -> tuple[datetime, str]:
        async with teams.app.database.transaction() as session:
            conversation = await session.scalar(select(StoredConversation))
            contact = await session.scalar(select(PlatformContact))
        assert conversation is not None and contact is not None
        return conversation.updated_at, contact.display_name

    await teams.say("personal_message", "help")
    first = await stored()
    clock.advance(timedelta(minutes=1))
    await teams.say("personal_message", "help")
    assert await stored() == first  # the same reference and sender: nothing written
    ana = dict(recorded("personal_message", "x")["from"], name="Ana Lima-Souza")
    clock.advance(timedelta(minutes=1))
    await teams.say("personal_message", "help", **{"from": ana})
    assert await stored() == (first[0] + timedelta(minutes=2), "Ana Lima-Souza")


async def test_teams_gets_its_202_before_the_core_has_finished(
    app: Guildbot, connector: MockConnector
) -> None:
    release = asyncio.Event()
    seen: list[InboundEvent] = []

    async def slow(event: InboundEvent) -> None:
        await release.wait()  # the core taking longer than Teams' 15 seconds
        seen.append(event)

    rig = await start_rig(app, connector, dispatch=slow)
    try:
        activity = recorded("personal_message", connector.service_url, text="help")
        async with rig.session.post(rig.url, json=activity) as response:
            assert response.status == 202
        assert seen == []
        release.set()
        await rig.adapter.drain(5.0)
        assert len(seen) == 1
    finally:
        await rig.close()
