"""What a button stands for beyond a short value is kept in the database, not in it."""

from datetime import timedelta

from guildbot.bot.clock import ManualClock
from guildbot.contract.outbound import MAX_BUTTON_VALUE
from tests.bot.features.calendar.helpers import setup_community
from tests.fakes import Harness


async def test_an_event_draft_rides_on_a_short_button_value_until_it_expires(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness)
    [echo] = await harness.say("ana", "event create Show and tell in 3 months 15:00")
    create = echo.buttons[0]
    assert create.label == "Create" and len(create.value) <= MAX_BUTTON_VALUE
    assert create.value.startswith("~")
    clock.advance(timedelta(days=61))
    [late] = await harness.press("ana", create)
    assert "expired" in late.text


async def test_a_forged_or_unknown_kept_value_is_an_expired_button(harness: Harness) -> None:
    await setup_community(harness)
    [echo] = await harness.say("ana", "event create Show and tell tomorrow 15:00")
    create = echo.buttons[0]
    forged = type(create)(create.label, create.action_id, "~not-a-kept-value")
    [answer] = await harness.press("ana", forged)
    assert "expired" in answer.text
    other_action = type(create)(create.label, "privacy.erase", create.value)
    [answer] = await harness.press("ana", other_action)
    assert "expired" in answer.text  # a kept value answers only the action it was kept for
