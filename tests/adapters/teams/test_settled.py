"""A pressed Teams card changes: a press that settles its card (in the presser's own chat)
replaces it with the same text, what was chosen and by whom under it, and no buttons — in
the invoke's answer at once and by an update of the card's activity; RSVP buttons on a
channel announcement stay for everyone."""

from __future__ import annotations

from typing import Any

from guildbot.adapters.teams import cards
from guildbot.adapters.teams.settling import settled_card
from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.rich import say
from tests.adapters.teams.mock_connector import MockConnector, Post
from tests.adapters.teams.rig import (
    TeamsRig,
    card_buttons,
    card_text,
    recorded,
    start_rig,
    submit_data,
)
from tests.fakes import tick

PERSONAL_ID = recorded("personal_message", "x")["conversation"]["id"]
CHANNEL = recorded("channel_mention", "x")["conversation"]
CHANNEL_ID = CHANNEL["id"].split(";")[0]


def _texts(card: dict[str, Any]) -> list[str]:
    return [b["text"] for b in card["body"] if b.get("type") == "TextBlock"]


def _has_buttons(card: dict[str, Any]) -> bool:
    return bool(card.get("actions")) or any(b.get("type") == "ActionSet" for b in card["body"])


async def _suggestion(teams: TeamsRig) -> Post:
    """A card with buttons in Ana's chat: Guildbot asks which skill she meant."""
    posts = await teams.say("personal_message", "expertise add kubernets")
    assert card_buttons(posts[-1]), card_text(posts[-1])
    return posts[-1]


async def test_a_press_in_a_personal_chat_settles_the_card_in_the_answer_and_in_place(
    teams: TeamsRig,
) -> None:
    card = await _suggestion(teams)
    asked = _texts(card.card or {})[0]
    button = card_buttons(card)[0]
    data = submit_data(button)
    answer = await teams.press(data["guildbot"], data["value"], data=data, replyToId=card.id)
    line = f"✓ **{button['title']}** — Ana Lima"
    # The presser sees the settled card at once: the invoke is answered with it.
    assert teams.answered["type"] == cards.CARD_CONTENT_TYPE
    shown = teams.answered["value"]
    assert _texts(shown) == [asked, line] and not _has_buttons(shown)
    # And the card's own activity is replaced (every device, and after a reload).
    [update] = teams.mock.updates
    assert (update.conversation_id, update.reply_to) == (PERSONAL_ID, card.id)
    assert update.card == shown
    # The core's answer still comes, as a message of its own.
    assert answer and "Added **kubernetes**" in card_text(answer[0])


async def test_an_action_submit_press_settles_its_card_by_an_update(teams: TeamsRig) -> None:
    card = await _suggestion(teams)
    data = submit_data(card_buttons(card)[0])
    answer = await teams.submit(data["guildbot"], data["value"], data=data, replyToId=card.id)
    [update] = teams.mock.updates
    assert update.reply_to == card.id and update.card is not None
    assert _texts(update.card)[0] == _texts(card.card or {})[0]
    assert _texts(update.card)[1].startswith("✓ **") and not _has_buttons(update.card)
    assert answer and "Added **kubernetes**" in card_text(answer[0])


async def test_a_card_posted_before_buttons_carried_its_text_settles_to_the_line(
    teams: TeamsRig,
) -> None:
    await _suggestion(teams)
    card = teams.mock.posts[-1]
    old = {
        k: v for k, v in submit_data(card_buttons(card)[0]).items() if k in {"guildbot", "value"}
    }
    await teams.press(old["guildbot"], old["value"], data=old, replyToId=card.id)
    [update] = teams.mock.updates
    assert update.card is not None and _texts(update.card) == ["✓ Answered by Ana Lima"]


async def test_a_core_slower_than_the_invoke_still_settles_the_card(
    app: Guildbot, connector: MockConnector
) -> None:
    rig = await start_rig(app, connector, invoke_wait=0.0)
    try:
        card = await _suggestion(rig)
        data = submit_data(card_buttons(card)[0])
        await rig.press(data["guildbot"], data["value"], data=data, replyToId=card.id)
        assert rig.answered["type"] == "application/vnd.microsoft.activity.message"
        [update] = connector.updates
        assert update.reply_to == card.id and not _has_buttons(update.card or {})
    finally:
        await rig.close()


async def test_rsvp_buttons_on_a_channel_announcement_stay_for_everyone(
    app: Guildbot, teams: TeamsRig, clock: ManualClock
) -> None:
    await teams.say("channel_mention", "<at>Guildbot</at> community create Accessibility")
    echo = await teams.say("channel_mention", "<at>Guildbot</at> event create Lunch tomorrow 12:00")
    [confirm] = [p for p in echo if card_buttons(p)]
    assert not confirm.conversation_id.startswith("19:")  # no ephemerals: in her own chat
    create = submit_data(card_buttons(confirm)[0])
    her_chat = dict(recorded("card_submit", "x")["conversation"], id=confirm.conversation_id)
    await teams.press(
        create["guildbot"],
        create["value"],
        data=create,
        replyToId=confirm.id,
        conversation=her_chat,
    )
    settled = [(u.conversation_id, u.reply_to) for u in teams.mock.updates]
    assert settled == [(confirm.conversation_id, confirm.id)]  # that one settles
    await tick(app, teams.adapter, clock)
    [announcement] = [
        p for p in teams.mock.posts if p.conversation_id == CHANNEL_ID and card_buttons(p)
    ]
    going = submit_data(card_buttons(announcement)[0])
    replies = await teams.press(
        going["guildbot"],
        going["value"],
        data=going,
        replyToId=announcement.id,
        conversation=dict(CHANNEL, id=CHANNEL_ID),
    )
    assert replies, "the RSVP is answered"
    assert teams.answered["type"] == "application/vnd.microsoft.activity.message"
    assert [(u.conversation_id, u.reply_to) for u in teams.mock.updates] == settled  # no more


def test_a_copy_from_a_shared_conversation_cannot_dress_a_link_up() -> None:
    data = {"guildbot": "x", "value": "", "text": "Reset [here](https://evil.example) now"}
    line = say("✓ *Done* — Ana")
    shared = settled_card(data, line, private=False)
    assert "[here](" not in _texts(shared)[0]
    own = settled_card(data, line, private=True)
    assert _texts(own)[0] == "Reset [here](https://evil.example) now"
