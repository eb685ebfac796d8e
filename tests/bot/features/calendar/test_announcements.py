"""Scheduled announcements through the outbox: once, recurring, edited, cancelled, refused."""

from datetime import UTC, datetime

from sqlalchemy import func, select

from guildbot.bot.clock import ManualClock
from guildbot.bot.features import COMMANDS
from guildbot.contract.adapter import PlatformProfile
from guildbot.contract.refs import ConversationKind, ConversationRef
from guildbot.storage.models import OutboxMessage, ScheduledAnnouncement
from guildbot.storage.repositories.audit import AuditLog
from tests.bot.features.calendar.helpers import setup_community
from tests.fakes import Harness


def posts(sent: list) -> list[str]:  # type: ignore[type-arg]
    return [m.text for m in sent if m.to.channel_id == "C-general"]


async def test_a_one_off_announcement_is_posted_once_at_its_time(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness)
    reply = await harness.text(
        "ana", "announce #accessibility Lunch at the cafe, all welcome at 12:00 tomorrow"
    )
    assert reply.startswith(
        "Scheduled announcement 1 for #accessibility: Tue 3 Nov 2026, 12:00 America/Toronto."
    )
    assert "“Lunch at the cafe, all welcome”" in reply
    assert posts(await harness.run_until(clock, datetime(2026, 11, 3, 16, 59, tzinfo=UTC))) == []
    sent = await harness.run_until(clock, datetime(2026, 11, 10, tzinfo=UTC))
    assert posts(sent) == ["Lunch at the cafe, all welcome"]
    assert harness.adapter.sent_at[-1] == datetime(2026, 11, 3, 17, tzinfo=UTC)


async def test_a_recurring_announcement_posts_each_occurrence_once(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness)
    await harness.text("ana", "announce #accessibility Coffee time! every Monday at 10:00")
    sent = await harness.run_until(clock, datetime(2026, 11, 20, tzinfo=UTC))
    assert posts(sent) == ["Coffee time!"] * 3  # 2, 9 and 16 November
    assert await harness.run_until(clock, datetime(2026, 11, 20, tzinfo=UTC)) == []
    listing = await harness.text("ana", "announce list")
    assert "next Mon 23 Nov 2026, 10:00 America/Toronto, weekly on Monday" in listing
    assert "Cancelled announcement 1" in await harness.text("ana", "announce cancel 1")
    assert posts(await harness.run_until(clock, datetime(2026, 12, 31, tzinfo=UTC))) == []
    assert await harness.text("ana", "announce list") == "No announcements are scheduled."


async def test_editing_moves_the_post_and_changes_its_text(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness)
    await harness.text("ana", "announce #accessibility Survey closes soon at 2026-11-05 09:00")
    edited = await harness.text("ana", "announce edit 1 at 2026-11-06 15:00")
    assert edited.startswith("Updated announcement 1: Fri 6 Nov 2026, 15:00 America/Toronto.")
    edited = await harness.text("ana", "announce edit 1 Survey closes today!")
    assert "“Survey closes today!”" in edited
    sent = await harness.run_until(clock, datetime(2026, 11, 30, tzinfo=UTC))
    assert posts(sent) == ["Survey closes today!"]
    assert harness.adapter.sent_at[-1] == datetime(2026, 11, 6, 20, tzinfo=UTC)


async def test_viewers_see_the_next_post_in_their_own_zone(harness: Harness) -> None:
    harness.adapter.profiles["ben"] = PlatformProfile("Ben", timezone="America/Vancouver")
    await setup_community(harness, "ben")
    await harness.text("ana", "announce #accessibility Standup every weekday at 9:30")
    listing = await harness.text("ben", "announce list")
    assert "next Mon 2 Nov 2026, 06:30 America/Vancouver, every weekday" in listing


async def test_members_cannot_announce_and_refusals_are_audited(harness: Harness) -> None:
    await setup_community(harness, "ben")
    refused = await harness.text("ben", "announce #accessibility Free pizza! at 12:00 tomorrow")
    assert refused == "Only Accessibility's facilitators and admins can do that."
    await harness.text("ana", "announce #accessibility Real news at 12:00 tomorrow")
    assert "facilitators and admins" in await harness.text("ben", "announce cancel 1")
    async with harness.app.database.transaction() as session:
        actions = [e.action for e in await AuditLog(session).recent()]
    assert actions.count("announce.create.refused") == 1
    assert actions.count("announce.cancel.refused") == 1
    assert actions.count("announce.create") == 1


async def test_bad_input_saves_nothing_and_shows_an_example(harness: Harness) -> None:
    await setup_community(harness)
    cases = {
        "announce #random Hello at 10:00 tomorrow": "I can't post in “#random”: I'm not in",
        "announce #accessibility Hello at Feb 30 10:00": "February has no day 30.",
        "announce #accessibility Hello every blue moon": "I don't know how to repeat",
        "announce #accessibility Hello at yesterday 10:00": "is in the past.",
        "announce #accessibility Hello": "When should I post it?",
    }
    for typed, expected in cases.items():
        text = await harness.text("ana", typed)
        assert expected in text, (typed, text)
        assert "For example: `" in text
    assert "Usage: `announce #channel TEXT at TIME" in await harness.text("ana", "announce #x")
    async with harness.app.database.transaction() as session:
        assert await session.scalar(select(func.count(ScheduledAnnouncement.id))) == 0
        assert await session.scalar(select(func.count(OutboxMessage.id))) == 0


async def test_the_examples_in_help_work(harness: Harness) -> None:
    await harness.say("ana", "community create Data Science", where=harness.channel)
    await harness.text("ana", "community create Accessibility")
    other = ConversationRef("fake", "T1", "C-access", None, ConversationKind.CHANNEL)
    await harness.text("ana", "community link accessibility", where=other)
    for example in COMMANDS["announce"].examples:
        reply = await harness.text("ana", example)
        assert reply.startswith("Scheduled announcement"), (example, reply)
    for example in COMMANDS["event"].examples:
        if example.startswith("event create"):
            reply = await harness.text("ana", example + " community: accessibility")
            assert reply.startswith("Here's what I understood"), (example, reply)


async def test_a_french_announcement_is_scheduled_as_its_english_twin(harness: Harness) -> None:
    await setup_community(harness)
    french = await harness.text(
        "ana", "announce #accessibility Café ouvert, venez ! à 9 h 30 tous les lundis"
    )
    english = await harness.text(
        "ana", "announce #accessibility Coffee is on, come! at 9:30 every Monday"
    )
    assert french.startswith(
        "Scheduled announcement 1 for #accessibility: first Mon 2 Nov 2026, 09:30 "
        "America/Toronto, then weekly on Monday"
    )
    assert english.startswith(
        "Scheduled announcement 2 for #accessibility: first Mon 2 Nov 2026, 09:30 "
        "America/Toronto, then weekly on Monday"
    )
    assert "“Café ouvert, venez !”" in french
    async with harness.app.database.transaction() as session:
        rows = (await session.scalars(select(ScheduledAnnouncement))).all()
    assert [(r.local_start, r.rrule) for r in rows] == [
        ("2026-11-02T09:30:00", "FREQ=WEEKLY;BYDAY=MO"),
        ("2026-11-02T09:30:00", "FREQ=WEEKLY;BYDAY=MO"),
    ]


async def test_an_english_announcement_time_that_does_not_work_keeps_its_answer(
    harness: Harness,
) -> None:
    await setup_community(harness)
    reply = await harness.text("ana", "announce #accessibility Party à la carte at Feb 30 10:00")
    assert "February has no day 30." in reply
    async with harness.app.database.transaction() as session:
        assert (await session.scalars(select(ScheduledAnnouncement))).all() == []
