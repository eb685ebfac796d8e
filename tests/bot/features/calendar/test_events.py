"""Events end to end: echo and confirm, permissions, RSVPs with capacity, reminders exactly once,
cancellations, edits, and times in each viewer's zone. Time moves only through the clock."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from guildbot.bot.clock import ManualClock
from guildbot.contract.adapter import PlatformProfile
from guildbot.storage.models import (
    AuditEntry,
    CalendarEvent,
    EventCancellation,
    OutboxMessage,
    OutboxStatus,
)
from guildbot.storage.repositories.audit import AuditLog
from tests.bot.features.calendar.helpers import (
    cancel_event,
    create_event,
    edit_event,
    event_row,
    read,
    setup_community,
    to_member,
)
from tests.fakes import Harness, button

MONTHLY = "Meetup monthly, first Thursday of each month 14:00 for 1h"


async def test_create_echoes_first_and_saves_only_on_create(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness)
    [echo] = await harness.say(
        "ana", f"event create {MONTHLY} where: Room 201 capacity: 30 -- Bring questions"
    )
    assert echo.text.startswith(
        "Here's what I understood:\n*Meetup* — Thu 5 Nov 2026, 14:00-15:00 America/Toronto, "
        "monthly on the first Thursday"
    )
    assert "• Where: Room 201" in echo.text
    assert "• Capacity: 30" in echo.text
    assert "• Reminders: 1 day and 15 minutes before, in the channel and to people going" in (
        echo.text
    )
    assert [b.label for b in echo.buttons] == ["Create", "Cancel"]
    assert echo.ephemeral_to is not None
    assert await harness.count(CalendarEvent) == 0  # nothing saved before Create

    [cancelled] = await harness.press("ana", echo.buttons[1])
    assert cancelled.text == "OK, nothing changed."
    assert await harness.count(CalendarEvent) == 0

    [done] = await harness.press("ana", echo.buttons[0])
    assert done.text.startswith("Created event 1: *Meetup*, Thu 5 Nov 2026, 14:00-15:00")
    [again] = await harness.press("ana", echo.buttons[0])  # a second press creates nothing
    assert again.text == "That event was already created."
    assert await harness.count(CalendarEvent) == 1

    [post] = await harness.run_until(clock, clock.now())
    assert post.to.channel_id == "C-general"
    assert post.text.startswith("📅 *Meetup* — Thu 5 Nov 2026, 14:00-15:00 America/Toronto")
    assert "Bring questions" in post.text
    assert [b.label for b in post.buttons] == ["Going", "Maybe", "Can't go"]
    async with harness.app.database.transaction() as session:
        [entry] = await AuditLog(session).recent(action="event.create")
        assert entry.object_id == "1"


async def test_a_member_cannot_create_edit_or_cancel_and_refusals_are_audited(
    harness: Harness,
) -> None:
    await setup_community(harness, "ben")
    refused = await harness.text("ben", f"event create {MONTHLY} community: accessibility")
    assert refused == "Only Accessibility's facilitators and admins can do that."
    event_id = await create_event(harness, "Demo day tomorrow 15:00")
    assert "facilitators and admins" in await harness.text("ben", f"event cancel {event_id}")
    assert "facilitators and admins" in await harness.text(
        "ben", f"event edit {event_id} where: my desk"
    )
    assert await harness.count(CalendarEvent) == 1
    assert (await event_row(harness, event_id)).location == ""
    async with harness.app.database.transaction() as session:
        actions = [e.action for e in await AuditLog(session).recent()]
    assert actions.count("event.create.refused") == 1
    assert actions.count("event.cancel.refused") == 1
    assert actions.count("event.edit.refused") == 1


async def test_bad_input_explains_with_an_example_and_saves_nothing(harness: Harness) -> None:
    await setup_community(harness)
    cases = {
        "Party Feb 30 10:00": "February has no day 30. For example: `",
        "Party yesterday 10:00": "is in the past.",
        "Party every blue moon": "I don't know how to repeat “every blue moon”",
        "Party tomorrow 10:00 for 30 days": "A duration of 30d doesn't work",
        "Party 2026-12-03 14:00 Mars/Base": "isn't a time zone I know",
        "Party": "When is “Party”?",
        "Party tomorrow 10:00 capacity: lots": "A capacity is a number",
    }
    for typed, expected in cases.items():
        text = await harness.text("ana", f"event create {typed}")
        assert expected in text, (typed, text)
        assert "For example: `" in text
    assert await harness.count(CalendarEvent) == 0
    assert await harness.count(OutboxMessage) == 0


async def test_an_event_needs_a_channel_to_be_posted_in(harness: Harness) -> None:
    await harness.text("ana", "community create Plain Language")  # created in a DM: no channel
    text = await harness.text("ana", "event create Clinic tomorrow 10:00")
    assert "has no channel here yet" in text
    assert "`community link plain-language`" in text


async def test_capacity_waitlist_and_automatic_promotion(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness, "ben", "cleo", "dee")
    event_id = await create_event(harness, "Workshop next Tuesday 15:00 capacity: 2")
    [post] = await harness.run_until(clock, clock.now())
    going = button(post, "Going")
    assert "You're going to *Workshop*" in (await harness.press("ben", going))[0].text
    assert "You're going" in (await harness.press("cleo", going))[0].text
    [full] = await harness.press("dee", going)
    assert full.text.startswith("*Workshop* is full (2 places), so you're on the waitlist")
    attendees = await read(harness, "ana", f"event attendees {event_id}")
    assert "• Going (2 of 2): Ben, Cleo" in attendees
    assert "• Waitlist, in order: Dee" in attendees

    [dropped] = await harness.press("ben", button(post, "Can't go"))
    assert dropped.text.startswith("Noted: Can't go for *Workshop*")
    attendees = await read(harness, "ana", f"event attendees {event_id}")
    assert "• Going (2 of 2): Cleo, Dee" in attendees
    assert "• Can't go: Ben" in attendees
    sent = await harness.run_until(clock, clock.now())
    [note] = [m for m in sent if "A place opened up" in m.text]
    assert to_member(note) == "dee"


async def test_reminders_are_sent_once_per_occurrence_in_channel_and_to_people_going(
    harness: Harness, clock: ManualClock
) -> None:
    harness.adapter.profiles["ben"] = PlatformProfile("Ben", timezone="America/Vancouver")
    await setup_community(harness, "ben")
    event_id = await create_event(harness, "Standup weekly on Thursday 10:00 for 15m")
    await harness.run_until(clock, clock.now())
    assert "You're going" in await harness.text("ben", f"event rsvp {event_id} going")
    sent = await harness.run_until(clock, datetime(2026, 11, 13, tzinfo=UTC))
    reminders = [m for m in sent if m.text.startswith("⏰")]
    channel = [m for m in reminders if m.to.channel_id == "C-general"]
    direct = [m for m in reminders if m.to.channel_id != "C-general"]
    # Thursdays 5 and 12 November: 1 day and 15 minutes before each, once each.
    assert [m.text for m in channel] == [
        "⏰ Reminder: *Standup* starts in 1 day, at 10:00 America/Toronto.",
        "⏰ Reminder: *Standup* starts in 15 minutes, at 10:00 America/Toronto.",
    ] * 2
    assert [b.label for b in channel[0].buttons] == ["Going", "Maybe", "Can't go"]
    # Ben said Going for the first Thursday only; his reminders are in his own time zone.
    assert [m.text for m in direct] == [
        "⏰ Reminder: *Standup* starts in 1 day: Thu 5 Nov 2026, 07:00-07:15 America/Vancouver.",
        "⏰ Reminder: *Standup* starts in 15 minutes: Thu 5 Nov 2026, 07:00-07:15 "
        "America/Vancouver.",
    ]
    assert {to_member(m) for m in direct} == {"ben"}
    # Running the scheduler again over the same period sends nothing more.
    assert [m for m in await harness.run_until(clock, clock.now()) if "⏰" in m.text] == []
    async with harness.app.database.transaction() as session:
        keys = (
            await session.scalars(
                select(OutboxMessage.dedupe_key).where(
                    OutboxMessage.status == OutboxStatus.SENT.value,
                    OutboxMessage.kind == "reminder",
                )
            )
        ).all()
    assert len(keys) == len(set(keys)) == 6


async def test_cancelling_one_occurrence_removes_its_reminders_and_tells_people_going(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness, "ben")
    event_id = await create_event(harness, "Standup weekly on Thursday 10:00 for 15m")
    await harness.run_until(clock, clock.now())
    await harness.text("ben", f"event rsvp {event_id} going Nov 12")
    cancelled = await cancel_event(harness, f"{event_id} Nov 12")
    assert cancelled == (
        "Cancelled *Standup* on Thu 12 Nov 2026. I'm telling the 1 person who said Going."
    )
    assert await harness.count(EventCancellation) == 1
    assert (await event_row(harness, event_id)).sequence == 1
    assert "doesn't happen on" in await harness.text("ana", f"event cancel {event_id} Nov 13")
    assert "already cancelled" in await cancel_event(harness, f"{event_id} Nov 12")
    sent = await harness.run_until(clock, datetime(2026, 11, 20, tzinfo=UTC))
    assert sum("Nov 12" in m.text or "12 Nov" in m.text for m in sent) == 2  # post + Ben's note
    told = [m for m in sent if m.text.startswith("❌") and to_member(m) == "ben"]
    assert len(told) == 1
    reminders = [m for m in sent if m.text.startswith("⏰")]
    # 5 and 19 November keep their two channel reminders; 12 November has none, nor Ben's.
    assert len(reminders) == 4
    assert all(m.to.channel_id == "C-general" for m in reminders)
    repeat_needs_date = await harness.text("ana", f"event cancel {event_id}")
    assert f"`event cancel {event_id} all`" in repeat_needs_date


async def test_cancelling_the_series_stops_everything(harness: Harness, clock: ManualClock) -> None:
    await setup_community(harness, "ben")
    event_id = await create_event(harness, "Standup weekly on Thursday 10:00")
    await harness.run_until(clock, clock.now())
    await harness.text("ben", f"event rsvp {event_id} going")
    assert "Cancelled *Standup* (every date)" in await cancel_event(harness, f"{event_id} all")
    sent = await harness.run_until(clock, datetime(2026, 12, 31, tzinfo=UTC))
    assert [m.text for m in sent if m.text.startswith("⏰")] == []
    assert sorted(to_member(m) if m.to.channel_id != "C-general" else "channel" for m in sent) == [
        "ben",
        "channel",
    ]
    assert "There's no event" in await harness.text("ben", f"event show {event_id}")


async def test_times_are_shown_in_each_viewers_zone(harness: Harness) -> None:
    harness.adapter.profiles["ben"] = PlatformProfile("Ben", timezone="America/Vancouver")
    harness.adapter.profiles["chloe"] = PlatformProfile("Chloe", timezone="Europe/Paris")
    await setup_community(harness, "ben", "chloe")
    event_id = await create_event(harness, MONTHLY)
    shown = await harness.text("ben", f"event show {event_id}")
    assert "• Next: Thu 5 Nov 2026, 11:00-12:00 America/Vancouver" in shown
    assert "• Repeats monthly on the first Thursday (America/Toronto)" in shown
    listing = await harness.text("chloe", "event list")
    assert "*Meetup* (Accessibility) — Thu 5 Nov 2026, 20:00-21:00 Europe/Paris" in listing


async def test_edit_bumps_the_sequence_moves_reminders_and_tells_people_going(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness, "ben")
    event_id = await create_event(harness, "Clinic 2026-11-10 10:00")
    await harness.run_until(clock, clock.now())
    await harness.text("ben", f"event rsvp {event_id} going")
    edited = await edit_event(harness, f"{event_id} 2026-11-12 16:00 for 30m where: Room 5")
    assert edited == (
        "Updated event 1 (when, where): *Clinic* — Thu 12 Nov 2026, 16:00-16:30 America/Toronto. "
        "People who said Going are told."
    )
    event = await event_row(harness, event_id)
    assert (event.sequence, event.location) == (1, "Room 5")
    assert "• Going: 1 · Maybe: 0" in await harness.text("ana", f"event show {event_id}")
    sent = await harness.run_until(clock, datetime(2026, 11, 13, tzinfo=UTC))
    texts = [m.text for m in sent]
    assert any(t.startswith("✏️ *Clinic* has changed") for t in texts)
    reminders = [t for t in texts if t.startswith("⏰")]
    # Nothing for the old time; the new time gets channel and direct reminders (Ben still going).
    assert all("10 Nov" not in t for t in reminders)
    assert len(reminders) == 4
    assert "Say what to change." in await harness.text("ana", f"event edit {event_id}")


async def test_rsvps_close_when_the_event_starts(harness: Harness, clock: ManualClock) -> None:
    await setup_community(harness, "ben")
    await create_event(harness, "Talk tomorrow 10:00")
    [post] = await harness.run_until(clock, clock.now())
    clock.advance(timedelta(days=1, hours=1, minutes=5))  # 10:05 the next day
    [closed] = await harness.press("ben", button(post, "Going"))
    assert "has already started" in closed.text


async def test_event_audit_trail(harness: Harness) -> None:
    await setup_community(harness)
    event_id = await create_event(harness, "Talk tomorrow 10:00")
    await edit_event(harness, f"{event_id} capacity: 10")
    await cancel_event(harness, str(event_id))
    async with harness.app.database.transaction() as session:
        rows = (
            await session.scalars(
                select(AuditEntry.action).where(AuditEntry.object_type == "event")
            )
        ).all()
    assert list(rows) == ["event.create", "event.edit", "event.cancel"]


async def test_moving_a_recurring_event_tells_the_people_going_to_its_old_dates(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness, "ben")
    event_id = await create_event(harness, "Standup weekly on Thursday 10:00")
    await harness.text("ben", f"event rsvp {event_id} going")
    await edit_event(harness, f"{event_id} weekly on Friday 11:00")
    sent = await harness.run_until(clock, clock.now())
    [note] = [m for m in sent if m.text.startswith("✏️")]
    assert to_member(note) == "ben"
    assert "weekly on Friday" in note.text


async def test_cancel_asks_first_and_keep_it_changes_nothing(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness, "ben")
    event_id = await create_event(harness, "Standup weekly on Thursday 10:00")
    await harness.text("ben", f"event rsvp {event_id} going")
    [ask] = await harness.say("ana", f"event cancel {event_id} all")
    assert ask.text == (
        "Cancel *Standup* (every date)? The 1 person who said Going will be told, "
        "and the channel too."
    )
    cancel_it, keep_it = ask.buttons
    assert cancel_it.confirm is not None  # a destructive action asks twice on the platform
    [kept] = await harness.press("ana", keep_it)
    assert kept.text == "OK, nothing changed."
    assert (await event_row(harness, event_id)).cancelled_at is None
    # The button is checked again when pressed: Ben is no facilitator.
    [refused] = await harness.press("ben", cancel_it)
    assert "facilitators and admins" in refused.text
    assert (await event_row(harness, event_id)).cancelled_at is None
    [done] = await harness.press("ana", cancel_it)
    assert done.text.startswith("Cancelled *Standup* (every date).")
    [again] = await harness.say("ana", f"event cancel {event_id} all")
    assert again.text == f"There's no event {event_id}. See `event list`."


async def test_an_edit_of_the_description_alone_changes_only_it(harness: Harness) -> None:
    await setup_community(harness, "ben")
    event_id = await create_event(harness, "Party tomorrow 10:00 where: Room 4")
    before = await event_row(harness, event_id)
    edited = await edit_event(harness, f"{event_id} -- Bring snacks, please")
    assert f"Updated event {event_id} (description)" in edited
    after = await event_row(harness, event_id)
    assert after.description == "Bring snacks, please"
    assert (after.local_start, after.location, after.rrule) == (
        before.local_start,
        before.location,
        before.rrule,
    )
    assert "Bring snacks, please" in await harness.text("ben", f"event show {event_id}")


async def test_lowering_the_capacity_below_those_going_asks_first_then_waitlists_the_latest(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness, "ben", "cleo", "dan")
    event_id = await create_event(harness, "Clinic tomorrow 10:00 capacity: 5")
    for user in ("ben", "cleo", "dan"):
        assert "going" in (await harness.text(user, f"event rsvp {event_id} going")).lower()
    [ask] = await harness.say("ana", f"event edit {event_id} capacity: 1")
    assert ask.text.startswith("Change *Clinic* (event 1)?\n• Capacity: 5 → 1\n")
    assert "3 going, so the 2 who answered last move to the waiting list" in ask.text
    assert [b.label for b in ask.buttons] == ["Save", "Cancel"]
    assert (await event_row(harness, event_id)).capacity == 5  # nothing yet
    [_kept] = await harness.press("ana", ask.buttons[1])
    assert (await event_row(harness, event_id)).capacity == 5

    [done] = await harness.press("ana", ask.buttons[0])
    assert f"Updated event {event_id} (capacity)" in done.text
    show = await harness.text("ben", f"event show {event_id}")
    assert "Going: 1 of 1" in show
    sent = await harness.run_until(clock, clock.now() + timedelta(minutes=1))
    told = {to_member(m.message) for m in sent if "you're on the waiting list" in m.text}
    assert told == {"cleo", "dan"}  # the two who answered last
    # Pressed again, the edit (already applied) is not applied twice.
    [again] = await harness.press("ana", ask.buttons[0])
    assert "has changed since I asked" in again.text
    # A place opening goes to the first of them.
    await harness.text("ben", f"event rsvp {event_id} no")
    assert "Going: 1 of 1" in await harness.text("ana", f"event show {event_id}")
    attendees = await harness.text("ana", f"event attendees {event_id}")
    assert attendees.index("Cleo") < attendees.index("Dan")


async def test_a_members_only_community_shows_its_events_to_its_members_only(
    harness: Harness,
) -> None:
    await setup_community(harness, "ben")
    event_id = await create_event(harness, "Clinic tomorrow 10:00 where: Room 4 -- Bring a PDF")
    assert "Clinic" in await harness.text("cleo", "event list")  # open: anyone sees it
    await harness.text("ana", "event feed accessibility private")  # members only from now on
    for typed in (
        f"event show {event_id}",
        f"event attendees {event_id}",
        "event list accessibility",
    ):
        refused = await harness.text("cleo", typed)
        assert "Accessibility's events are for its members" in refused, typed
        assert "Room 4" not in refused and "Bring a PDF" not in refused
    assert "Clinic" not in await harness.text("cleo", "event list")
    refused = await harness.text("cleo", f"event rsvp {event_id} going")
    assert "for its members" in refused
    assert "Going: 0" in await harness.text("ana", f"event show {event_id}")
    assert "Room 4" in await harness.text("ben", f"event show {event_id}")  # a member
    await harness.text("cleo", "community join accessibility")
    assert "going" in (await harness.text("cleo", f"event rsvp {event_id} going")).lower()


async def test_a_title_that_could_take_the_weekday_is_asked_about_and_quotes_choose(
    harness: Harness,
) -> None:
    await setup_community(harness)
    echo = await read(harness, "ana", "event create Fika Friday 15:00")
    assert echo.splitlines()[1].startswith("Fika — "), echo
    assert "Or did you mean Fika Friday —" in echo, echo
    assert "put that title in quotes" in echo
    quoted = await read(harness, "ana", "event create “Fika Friday” 15:00")
    assert "Fika Friday —" in quoted
    assert "Or did you mean" not in quoted
    plain = await read(harness, "ana", "event create Lunch and learn tomorrow 12:00")
    assert "Or did you mean" not in plain
