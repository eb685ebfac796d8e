"""A pressed message changes: a press that answers for the presser settles the message it was
on (its buttons go, what was chosen and by whom is said under it); a shared post whose
buttons everyone answers, and a press that was refused, leave the message as it was."""

from guildbot.bot.features.calendar.buttons import ACTION_RSVP
from guildbot.bot.features.directory.buttons import ACTION_CANCEL
from guildbot.contract.adapter import Replies
from guildbot.contract.inbound import ActionInvoked, PressedMessage
from guildbot.contract.refs import ConversationRef
from tests.fakes import Harness


async def _press(
    harness: Harness,
    action_id: str,
    where: ConversationRef,
    pressed: PressedMessage | None,
    event_id: str,
    value: str = "",
) -> Replies:
    await harness.member_id("ana")
    event = ActionInvoked(event_id, harness.ref("ana"), where, action_id, value, pressed)
    return await harness.dispatch(event)


async def test_a_press_in_the_bots_chat_settles_its_message_with_the_choice_and_name(
    harness: Harness,
) -> None:
    replies = await _press(
        harness, ACTION_CANCEL, harness.direct, PressedMessage("m1", "Cancel"), "p1"
    )
    assert replies.settled is not None
    assert replies.settled.plain() == "✓ Cancel — Ana"


async def test_an_ephemeral_message_in_a_channel_is_settled_a_shared_one_is_not(
    harness: Harness,
) -> None:
    private = await _press(
        harness, ACTION_CANCEL, harness.channel, PressedMessage("m1", "Cancel", True), "p1"
    )
    shared = await _press(
        harness, ACTION_CANCEL, harness.channel, PressedMessage("m2", "Cancel"), "p2"
    )
    assert private.settled is not None
    assert shared.settled is None


async def test_buttons_everyone_answers_never_settle_even_in_a_direct_chat(
    harness: Harness,
) -> None:
    replies = await _press(
        harness, ACTION_RSVP, harness.direct, PressedMessage("m1", "Going", True), "p1", "x"
    )
    assert replies.settled is None


async def test_an_expired_or_unknown_press_leaves_the_message_alone(harness: Harness) -> None:
    unknown = await _press(
        harness, "no.such.action", harness.direct, PressedMessage("m1", "?", True), "p1"
    )
    assert unknown.settled is None


async def test_without_a_label_the_line_says_who_answered(harness: Harness) -> None:
    replies = await _press(harness, ACTION_CANCEL, harness.direct, PressedMessage("m1"), "p1")
    assert replies.settled is not None
    assert replies.settled.plain() == "✓ Answered by Ana"


async def test_an_adapter_that_cannot_say_which_message_gets_nothing_to_settle(
    harness: Harness,
) -> None:
    replies = await _press(harness, ACTION_CANCEL, harness.direct, None, "p1")
    assert replies.settled is None
