"""The Data Science Network's events, for the dashboard's demo: a monthly meetup since
February with everyone's answers to each date, and a clinic in January that is full, with
a waiting list. Their channel reminders are scheduled from the demo's start, as an event
created then would have them, so `advance` posts them."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar import reminders
from guildbot.storage.models import CalendarEvent, EventRsvp, RsvpStatus
from guildbot.storage.repositories.calendar import CalendarRepository

ZONE = "America/Toronto"
REMINDERS = [24 * 3600, 15 * 60]  # a day and 15 minutes before
ANSWERS_FROM = timedelta(days=60)  # before a meetup: its dates are in the calendar long before


def _event(
    community_id: int,
    platform: str,
    workspace_id: str,
    channel_id: str,
    created_by: int,
    created_at: datetime,
    **fields: object,
) -> CalendarEvent:
    return CalendarEvent(
        community_id=community_id,
        description="",
        location="",
        timezone=ZONE,
        reminder_offsets=list(REMINDERS),
        remind_channel=True,
        # Going gets no reminder of its own: the seed writes answers, not their reminders.
        remind_going=False,
        platform=platform,
        workspace_id=workspace_id,
        channel_id=channel_id,
        created_by=created_by,
        created_at=created_at,
        updated_at=created_at,
        sequence=0,
        **fields,
    )


async def seed_events(
    session: AsyncSession,
    community_id: int,
    where: tuple[str, str, str],
    facilitator_id: int,
    people: Sequence[tuple[int, datetime]],
    now: datetime,
    rng: random.Random,
) -> int:
    """Create the events with their answers (`people`: member ids and when they joined);
    the number of answers written."""
    repo = CalendarRepository(session)
    platform, workspace_id, channel_id = where
    meetup = await repo.add_event(
        _event(
            community_id, platform, workspace_id, channel_id, facilitator_id,
            datetime(2026, 1, 20, 15, 0, tzinfo=now.tzinfo),
            uid="demo-meetup-data-science@guildbot",
            title="Data Science Network meetup",
            local_start="2026-02-05T12:00:00",
            duration_minutes=60,
            rrule="FREQ=MONTHLY;BYDAY=+1TH",
            capacity=80,
        )
    )  # fmt: skip
    clinic = await repo.add_event(
        _event(
            community_id, platform, workspace_id, channel_id, facilitator_id,
            datetime(2026, 11, 16, 16, 0, tzinfo=now.tzinfo),
            uid="demo-clinic-data-science@guildbot",
            title="R and Python clinic",
            local_start="2027-01-14T14:00:00",
            duration_minutes=90,
            rrule=None,
            capacity=12,
        )
    )  # fmt: skip
    answers: list[EventRsvp] = []
    for occurrence in occ.iterate(meetup):
        opened = occurrence.at - ANSWERS_FROM
        if opened >= now:
            break
        # Answers come in over the weeks before each date: dates to come have some so far.
        share = 0.3 * min(1.0, (now - opened) / ANSWERS_FROM)
        answers += _answers(
            meetup.id, occurrence.local, people, opened, min(occurrence.at, now), share, rng
        )
    first = occ.upcoming(clinic, now, limit=1)[0]
    answers += _answers(clinic.id, first.local, people, clinic.created_at, now, 0.16, rng)
    _waitlist(answers, clinic.id, clinic.capacity or 0)
    session.add_all(answers)
    await session.flush()
    for event in (meetup, clinic):
        await reminders.start_in_channel(session, event, now)
    return len(answers)


def _answers(
    event_id: int,
    local: str,
    people: Sequence[tuple[int, datetime]],
    start: datetime,
    end: datetime,
    share: float,
    rng: random.Random,
) -> list[EventRsvp]:
    """The answers of about `share` of the members there by `start`, between then and
    `end` (in answer order: the waiting list's)."""
    found = []
    for member_id, joined in people:
        if joined > start or rng.random() >= share:
            continue
        status = rng.choices((RsvpStatus.GOING, RsvpStatus.MAYBE, RsvpStatus.DECLINED), (7, 2, 2))
        found.append(
            EventRsvp(
                event_id=event_id,
                occurrence_local=local,
                member_id=member_id,
                status=status[0].value,
                responded_at=start + (end - start) * rng.random(),
            )
        )
    return sorted(found, key=lambda rsvp: rsvp.responded_at)


def _waitlist(answers: Sequence[EventRsvp], event_id: int, capacity: int) -> None:
    """Going past the capacity waits, in answer order."""
    going = 0
    for rsvp in answers:
        if rsvp.event_id != event_id or rsvp.status != RsvpStatus.GOING.value:
            continue
        going += 1
        if going > capacity:
            rsvp.status = RsvpStatus.WAITLISTED.value
