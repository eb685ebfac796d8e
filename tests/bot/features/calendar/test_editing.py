"""`event edit` end to end: an edit is echoed with [Save] [Cancel] and changes only what was
typed; moving a series carries every date's answers, cancellation and reminders to the
matching new date, and tells the people whose date has none. Time moves only through the
clock (Monday 2 November 2026, 09:00 in Toronto, where everyone is)."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from guildbot.bot.clock import ManualClock
from guildbot.bot.features.calendar.buttons import ACTION_RSVP, RsvpValue
from guildbot.contract.outbound import Button
from guildbot.storage.models import CalendarEvent, EventRsvp, OutboxMessage, RsvpStatus
from tests.bot.features.calendar.helpers import (
    cancel_event,
    create_event,
    edit_event,
    event_row,
    read,
    setup_community,
    to_member,
)
from tests.fakes import Harness


async def feed_text(harness: Harness) -> str:
    body = await harness.app.feeds.feed("accessibility", None)
    assert body is not None
    return body.decode()


async def test_moving_a_weekly_event_keeps_its_cancellations_answers_and_reminders(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness, "ben", "cleo", "dee")
    event_id = await create_event(harness, "Standup weekly on Tuesday 18:30 capacity: 2")
    await cancel_event(harness, f"{event_id} Nov 10")
    for user in ("ben", "cleo", "dee"):
        await harness.text(user, f"event rsvp {event_id} going Nov 17")
    await harness.run_until(clock, clock.now())

    done = await edit_event(harness, f"{event_id} 19:00")
    assert done.startswith(f"Updated event {event_id} (when)"), done

    feed = await feed_text(harness)
    assert "EXDATE;TZID=America/Toronto:20261110T190000" in feed
    assert "20261110T183000" not in feed
    assert "cancelled" in await harness.text("ben", f"event rsvp {event_id} going Nov 10")
    attendees = await read(harness, "ana", f"event attendees {event_id} Nov 17")
    assert "• Going (2 of 2): Ben, Cleo" in attendees
    assert "• Waitlist, in order: Dee" in attendees

    sent = await harness.run_until(clock, datetime(2026, 11, 18, 6, tzinfo=UTC))
    direct = [m for m in sent if m.text.startswith("⏰") and m.to.channel_id != "C-general"]
    assert sorted(to_member(m) for m in direct) == ["ben", "ben", "cleo", "cleo"]
    assert all("Tue 17 Nov 2026, 19:00-20:00" in m.text for m in direct)
    channel = [m for m in sent if m.text.startswith("⏰") and m.to.channel_id == "C-general"]
    # 3 and 17 November, twice each (1 day and 15 minutes before); nothing for the 10th.
    assert len(channel) == 4
    assert all("at 19:00 America/Toronto" in m.text for m in channel)


async def test_moving_a_series_to_another_weekday_keeps_each_weeks_answers(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness, "ben", "cleo", "dee")
    # Wednesdays at 08:00: the 4th, 11th, 18th and 25th of November.
    event_id = await create_event(harness, "Breakfast weekly on Wednesday 08:00")
    await harness.text("dee", f"event rsvp {event_id} going Nov 4")
    await harness.text("ben", f"event rsvp {event_id} going Nov 11")
    await harness.text("cleo", f"event rsvp {event_id} maybe Nov 11")
    await cancel_event(harness, f"{event_id} Nov 18")
    await harness.run_until(clock, clock.now())

    # To Mondays: this week's (today, 08:00) has passed, so the 4th has no Monday of its
    # week; the 11th is the 9th's week, the 18th the 16th's — not the next Monday in line.
    [echo] = await harness.say("ana", f"event edit {event_id} weekly on Monday")
    assert "Wed 4 Nov 2026 has no date in its week after the change" in echo.text
    assert [b.label for b in echo.buttons] == ["Save", "Cancel"]
    [done] = await harness.press("ana", echo.buttons[0])
    assert done.text.startswith(f"Updated event {event_id} (when)")

    event = await event_row(harness, event_id)
    assert (event.local_start, event.rrule) == ("2026-11-09T08:00:00", "FREQ=WEEKLY;BYDAY=MO")
    attendees = await read(harness, "ana", f"event attendees {event_id} Nov 9")
    assert "• Going (1): Ben" in attendees
    assert "• Maybe: Cleo" in attendees
    assert "cancelled" in await harness.text("ben", f"event rsvp {event_id} going Nov 16")
    assert "EXDATE;TZID=America/Toronto:20261116T080000" in await feed_text(harness)

    sent = await harness.run_until(clock, clock.now() + timedelta(minutes=1))
    [dropped] = [m for m in sent if "no longer happens" in m.text]
    assert to_member(dropped) == "dee"
    assert "Wed 4 Nov 2026" in dropped.text
    async with harness.app.database.transaction() as session:
        left = (await session.scalars(select(EventRsvp.occurrence_local))).all()
    assert sorted(left) == ["2026-11-09T08:00:00", "2026-11-09T08:00:00"]


async def test_editing_only_the_time_keeps_the_end_date_and_the_duration(
    harness: Harness,
) -> None:
    await setup_community(harness)
    event_id = await create_event(harness, "Clinic every Tuesday 18:30 for 2h until Dec 15")
    await edit_event(harness, f"{event_id} 19:00")
    event = await event_row(harness, event_id)
    assert event.rrule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T235959"
    assert (event.local_start, event.duration_minutes) == ("2026-11-03T19:00:00", 120)

    await edit_event(harness, f"{event_id} for 90m")
    event = await event_row(harness, event_id)
    assert (event.local_start, event.duration_minutes) == ("2026-11-03T19:00:00", 90)
    assert event.rrule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T235959"


async def test_a_series_of_so_many_times_keeps_the_dates_it_has_left(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness)
    event_id = await create_event(harness, "Course weekly on Thursday 10:00 for 90m, 6 times")
    clock.advance(timedelta(days=4))  # the 5 November session is over
    await edit_event(harness, f"{event_id} 11:00")
    event = await event_row(harness, event_id)
    assert (event.local_start, event.duration_minutes) == ("2026-11-12T11:00:00", 90)
    assert event.rrule == "FREQ=WEEKLY;BYDAY=TH;COUNT=5"


async def test_a_new_repeat_keeps_the_old_end_unless_a_new_one_or_forever_is_typed(
    harness: Harness,
) -> None:
    await setup_community(harness)
    event_id = await create_event(harness, "Clinic every Tuesday 18:30 until Dec 15")
    await edit_event(harness, f"{event_id} every Thursday")
    event = await event_row(harness, event_id)
    assert event.rrule == "FREQ=WEEKLY;BYDAY=TH;UNTIL=20261215T235959"
    assert event.local_start == "2026-11-05T18:30:00"

    await edit_event(harness, f"{event_id} every Thursday until Jan 28")
    assert (await event_row(harness, event_id)).rrule == (
        "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270128T235959"
    )
    await edit_event(harness, f"{event_id} forever")
    event = await event_row(harness, event_id)
    assert (event.rrule, event.local_start) == ("FREQ=WEEKLY;BYDAY=TH", "2026-11-05T18:30:00")


async def test_an_edit_is_echoed_and_saved_only_by_its_editor_pressing_save(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness, "ben", "cleo", "dee")
    await harness.text("ana", "role grant <@dee> facilitator accessibility")
    event_id = await create_event(harness, "Standup weekly on Tuesday 18:30 where: Room 4")
    await harness.text("ben", f"event rsvp {event_id} going")
    await harness.text("cleo", f"event rsvp {event_id} going Nov 10")
    await harness.run_until(clock, clock.now())

    [echo] = await harness.say("ana", f"event edit {event_id} 19:00 where: Room 5")
    text = echo.text
    assert text.startswith("Change *Standup* (event 1)?"), text
    assert "• When: Tue 3 Nov 2026, 18:30-19:30" in text
    assert "→ Tue 3 Nov 2026, 19:00-20:00" in text
    assert "• Where: Room 4 → Room 5" in text
    assert "I'll tell the 2 people going." in text
    assert [b.label for b in echo.buttons] == ["Save", "Cancel"]
    assert echo.ephemeral_to is not None
    save, cancel = echo.buttons
    unchanged = await event_row(harness, event_id)
    assert (unchanged.local_start, unchanged.location, unchanged.sequence) == (
        "2026-11-03T18:30:00",
        "Room 4",
        0,
    )

    [kept] = await harness.press("ana", cancel)
    assert kept.text == "OK, nothing changed."
    for other in ("dee", "ben"):  # another facilitator, a member
        [refused] = await harness.press(other, save)
        assert "Only the person who asked for this edit can save it" in refused.text
    assert (await event_row(harness, event_id)).sequence == 0

    [done] = await harness.press("ana", save)
    assert done.text.startswith("Updated event 1 (when, where): *Standup*")
    event = await event_row(harness, event_id)
    assert (event.local_start, event.location, event.sequence) == (
        "2026-11-03T19:00:00",
        "Room 5",
        1,
    )
    [again] = await harness.press("ana", save)
    assert "has changed since I asked" in again.text
    assert (await event_row(harness, event_id)).sequence == 1
    sent = await harness.run_until(clock, clock.now())
    told = sorted(to_member(m) for m in sent if m.text.startswith("✏️"))
    assert told == ["ben", "cleo"]


async def test_bad_edits_get_a_polite_answer_and_change_nothing(harness: Harness) -> None:
    await setup_community(harness)
    event_id = await create_event(harness, "Clinic every Tuesday 18:30 until Dec 15")
    before = await event_row(harness, event_id)
    outbox_before = await harness.count(OutboxMessage)
    cases = {
        "99 19:00": "There's no event 99.",
        f"{event_id} 25:00": "couldn't read “25:00” as a time of day",
        f"{event_id} <script>alert(1)</script>": "For example: `",
        f"{event_id} Feb 30": "February has no day 30.",
        f"{event_id} for 30 days": "A duration of 30d doesn't work",
        f"{event_id} yesterday 10:00": "in the past",
        f"{event_id} 10 times until Dec 1": "not both",
        f"{event_id} capacity: lots": "A capacity is a number",
        f"{event_id} where: Room 4 where: Room 5": "is given twice",
    }
    for typed, expected in cases.items():
        [reply] = await harness.say("ana", f"event edit {typed}")
        assert expected in reply.text, (typed, reply.text)
        assert not reply.buttons, typed
    forged = Button("Save", "event.edit_confirmed", '{"e":1,"q":0}')
    [garbled] = await harness.press("ana", forged)
    assert "That button has expired" in garbled.text
    after = await event_row(harness, event_id)
    assert (after.sequence, after.local_start, after.rrule, after.location) == (
        before.sequence,
        before.local_start,
        before.rrule,
        before.location,
    )
    assert await harness.count(OutboxMessage) == outbox_before
    assert await harness.count(CalendarEvent) == 1


async def test_a_lower_it_button_sent_before_save_existed_still_applies_its_edit(
    harness: Harness,
) -> None:
    await setup_community(harness, "ben", "cleo")
    event_id = await create_event(harness, "Clinic tomorrow 10:00 capacity: 5")
    for user in ("ben", "cleo"):
        await harness.text(user, f"event rsvp {event_id} going")
    lower_it = Button("Lower it", "event.edit_confirmed", f"{event_id}:0:capacity: 1")
    [done] = await harness.press("ana", lower_it)
    assert done.text.startswith(f"Updated event {event_id} (capacity)")
    attendees = await read(harness, "ana", f"event attendees {event_id}")
    assert "• Going (1 of 1): Ben" in attendees
    assert "• Waitlist, in order: Cleo" in attendees
    [again] = await harness.press("ana", lower_it)
    assert "has changed since I asked" in again.text


async def test_a_one_off_moved_keeps_its_answers_and_made_weekly_they_keep_their_week(
    harness: Harness,
) -> None:
    await setup_community(harness, "ben")
    event_id = await create_event(harness, "Clinic 2026-11-10 10:00")
    await harness.text("ben", f"event rsvp {event_id} going")
    await edit_event(harness, f"{event_id} 2026-12-01 11:00")
    assert "• Going (1): Ben" in await read(harness, "ana", f"event attendees {event_id}")
    # Weekly on Fridays from now: Tuesday 1 December's answers go to Friday the 4th.
    await edit_event(harness, f"{event_id} weekly on Friday")
    event = await event_row(harness, event_id)
    assert (event.local_start, event.rrule) == ("2026-11-06T11:00:00", "FREQ=WEEKLY;BYDAY=FR")
    assert "• Going (1): Ben" in await read(harness, "ana", f"event attendees {event_id} Dec 4")
    assert "• Going (0): nobody yet" in await read(harness, "ana", f"event attendees {event_id}")


async def test_an_rsvp_button_posted_before_the_time_was_edited_answers_the_moved_date(
    harness: Harness,
) -> None:
    await setup_community(harness, "ben", "cleo")
    event_id = await create_event(harness, "Breakfast weekly on Wednesday 08:00")
    old_18th = RsvpValue(event_id, "2026-11-18T08:00:00", RsvpStatus.GOING).encode()
    old_25th = RsvpValue(event_id, "2026-11-25T08:00:00", RsvpStatus.MAYBE).encode()
    await edit_event(harness, f"{event_id} 09:00")
    [answer] = await harness.press("ben", Button("Going", ACTION_RSVP, old_18th))
    assert "Wed 18 Nov" in answer.text, answer.text
    await edit_event(harness, f"{event_id} weekly on Friday")
    [answer] = await harness.press("cleo", Button("Maybe", ACTION_RSVP, old_25th))
    assert "Fri 27 Nov" in answer.text, answer.text
    async with harness.app.database.transaction() as session:
        kept = (await session.execute(select(EventRsvp.occurrence_local, EventRsvp.status))).all()
    assert sorted(kept) == [("2026-11-20T09:00:00", "going"), ("2026-11-27T09:00:00", "maybe")]
