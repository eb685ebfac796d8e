"""Retention, kind by kind: closed questions, the audit log, coffee history and RSVPs go
after their periods; open questions and future answers stay; a held member's rows stay."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import func, select

from guildbot.bot.clock import ManualClock
from guildbot.storage.models import AuditEntry, EventRsvp, Question
from guildbot.storage.repositories.holds import HoldRepository
from tests.bot.features.calendar.helpers import create_event, setup_community
from tests.bot.features.questions.helpers import PDF_QUESTION, experts
from tests.fakes import Harness


async def count(harness: Harness, model: type, *where: object) -> int:
    async with harness.app.database.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def test_each_kind_goes_after_its_period_unless_held(
    harness: Harness, clock: ManualClock
) -> None:
    app = harness.app
    app.settings = replace(
        app.settings,
        retention_questions=timedelta(days=10),
        retention_audit=timedelta(days=20),
        retention_rsvps=timedelta(days=5),
    )
    await experts(harness)
    await setup_community(harness, "ben")
    event_id = await create_event(harness, "Clinic tomorrow 10:00")
    await harness.text("ben", f"event rsvp {event_id} going")
    await harness.text("amara", PDF_QUESTION)
    await harness.text("amara", "ask close 1")  # closed: goes after 10 days
    await harness.text("bob", PDF_QUESTION)  # open: stays
    await harness.text("cleo", PDF_QUESTION)
    await harness.text("cleo", "ask close 3")
    cleo = await harness.member_id("cleo")
    async with app.database.transaction() as session:
        await HoldRepository(session).place(cleo, "ATIP A-1", "officer", clock.now())
    audit_before = await count(harness, AuditEntry)

    clock.advance(timedelta(days=11))
    await app.housekeeping()
    async with app.database.transaction() as session:
        ids = sorted((await session.scalars(select(Question.id))).all())
    assert ids == [2, 3]  # #1 closed long ago; #2 still open; #3 held with Cleo
    assert await count(harness, EventRsvp) == 0  # the date is more than 5 days past
    assert await count(harness, AuditEntry) == audit_before  # 20 days not yet

    clock.advance(timedelta(days=10))
    await app.housekeeping()
    cleo_entries = await count(harness, AuditEntry, AuditEntry.actor_member_id == cleo)
    assert cleo_entries > 0  # held
    assert await count(harness, AuditEntry) == cleo_entries


async def test_a_future_date_keeps_its_answers(harness: Harness, clock: ManualClock) -> None:
    harness.app.settings = replace(harness.app.settings, retention_rsvps=timedelta(days=1))
    await setup_community(harness, "ben")
    event_id = await create_event(harness, "Clinic in 30 days at 10:00")
    await harness.text("ben", f"event rsvp {event_id} going")
    clock.advance(timedelta(days=10))  # answered 10 days ago, for a date still to come
    await harness.app.housekeeping()
    assert await count(harness, EventRsvp) == 1
