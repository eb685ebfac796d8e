"""Events, their cancelled occurrences and RSVPs, scheduled announcements and feeds.

Reminders and announcements live in the outbox and schedules tables; the helpers at the end
stop or revive them by schedule owner or by dedupe-key prefix, always conditionally on their
status, so a message already sent is never touched.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import (
    CalendarEvent,
    CalendarFeed,
    Community,
    EventCancellation,
    EventRsvp,
    Member,
    RsvpStatus,
    ScheduledAnnouncement,
)
from guildbot.storage.repositories.locks import lock_row


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def _like_prefix(prefix: str) -> str:
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class CalendarRepository:
    """Reads and writes the calendar's rows."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # -- events ------------------------------------------------------------------------------

    async def add_event(self, event: CalendarEvent) -> CalendarEvent:
        """Insert an event (its `uid` is unique: a second insert of one draft fails)."""
        self.session.add(event)
        await self.session.flush()
        return event

    async def event(self, event_id: int) -> CalendarEvent | None:
        """One event, fresh from the database."""
        return await self.session.get(CalendarEvent, event_id, populate_existing=True)

    async def community(self, community_id: int) -> Community | None:
        """The community an event or announcement belongs to."""
        return await self.session.get(Community, community_id)

    async def events(
        self, community_ids: Sequence[int] | None = None, include_cancelled: bool = False
    ) -> list[CalendarEvent]:
        """Events of some communities (all when None), oldest first."""
        statement = select(CalendarEvent).order_by(CalendarEvent.id)
        if community_ids is not None:
            statement = statement.where(CalendarEvent.community_id.in_(list(community_ids)))
        if not include_cancelled:
            statement = statement.where(CalendarEvent.cancelled_at.is_(None))
        return list((await self.session.scalars(statement)).all())

    async def cancelled_occurrences(self, event_id: int) -> set[str]:
        """Local starts of the event's cancelled occurrences."""
        rows = await self.session.scalars(
            select(EventCancellation.occurrence_local).where(EventCancellation.event_id == event_id)
        )
        return set(rows.all())

    async def cancel_occurrence(self, event_id: int, occurrence_local: str, at: datetime) -> bool:
        """Record one cancelled occurrence; False when it already was."""
        exists = await self.session.scalar(
            select(EventCancellation.id).where(
                EventCancellation.event_id == event_id,
                EventCancellation.occurrence_local == occurrence_local,
            )
        )
        if exists is not None:
            return False
        self.session.add(
            EventCancellation(event_id=event_id, occurrence_local=occurrence_local, cancelled_at=at)
        )
        await self.session.flush()
        return True

    # -- RSVPs -------------------------------------------------------------------------------

    async def rsvps(self, event_id: int, occurrence_local: str) -> list[EventRsvp]:
        """Every answer for one occurrence, earliest first (the waitlist order)."""
        rows = await self.session.scalars(
            select(EventRsvp)
            .where(EventRsvp.event_id == event_id, EventRsvp.occurrence_local == occurrence_local)
            .order_by(EventRsvp.responded_at, EventRsvp.id)
        )
        return list(rows.all())

    async def rsvps_with_names(
        self, event_id: int, occurrence_local: str
    ) -> list[tuple[EventRsvp, str]]:
        """Answers with the member's display name, earliest first."""
        rows = await self.session.execute(
            select(EventRsvp, Member.display_name)
            .join(Member, Member.id == EventRsvp.member_id)
            .where(EventRsvp.event_id == event_id, EventRsvp.occurrence_local == occurrence_local)
            .order_by(EventRsvp.responded_at, EventRsvp.id)
        )
        return [(row[0], row[1]) for row in rows.all()]

    async def rsvp(self, event_id: int, occurrence_local: str, member_id: int) -> EventRsvp | None:
        """One member's answer for one occurrence."""
        return (
            await self.session.scalars(
                select(EventRsvp).where(
                    EventRsvp.event_id == event_id,
                    EventRsvp.occurrence_local == occurrence_local,
                    EventRsvp.member_id == member_id,
                )
            )
        ).first()

    async def going_count(self, event_id: int, occurrence_local: str) -> int:
        """How many said Going (not counting the waitlist)."""
        return int(
            await self.session.scalar(
                select(func.count(EventRsvp.id)).where(
                    EventRsvp.event_id == event_id,
                    EventRsvp.occurrence_local == occurrence_local,
                    EventRsvp.status == RsvpStatus.GOING.value,
                )
            )
            or 0
        )

    async def going_members(self, event_id: int, occurrence_locals: Sequence[str]) -> list[int]:
        """Who said Going for any of these occurrences (a member once per occurrence),
        occurrence by occurrence, earliest answer first."""
        if not occurrence_locals:
            return []
        rows = await self.session.scalars(
            select(EventRsvp.member_id)
            .where(
                EventRsvp.event_id == event_id,
                EventRsvp.occurrence_local.in_(list(occurrence_locals)),
                EventRsvp.status == RsvpStatus.GOING.value,
            )
            .order_by(EventRsvp.occurrence_local, EventRsvp.responded_at, EventRsvp.id)
        )
        return list(rows.all())

    async def add_rsvp(self, rsvp: EventRsvp) -> EventRsvp:
        """Insert an answer."""
        self.session.add(rsvp)
        await self.session.flush()
        return rsvp

    async def record_answer(
        self,
        event_id: int,
        occurrence_local: str,
        member_id: int,
        status: RsvpStatus,
        at: datetime,
    ) -> None:
        """A member's answer for one occurrence, given at `at`: a changed answer takes its
        place at the back of the answer order (the waitlist's)."""
        current = await self.rsvp(event_id, occurrence_local, member_id)
        if current is None:
            await self.add_rsvp(
                EventRsvp(
                    event_id=event_id,
                    occurrence_local=occurrence_local,
                    member_id=member_id,
                    status=status.value,
                    responded_at=at,
                )
            )
            return
        current.status = status.value
        current.responded_at = at
        await self.session.flush()

    async def promote(self, event_id: int, occurrence_local: str, member_id: int) -> bool:
        """A waitlisted member is going now (keeping their place in the answer order);
        False when they were not on the waitlist."""
        current = await self.rsvp(event_id, occurrence_local, member_id)
        if current is None or current.status != RsvpStatus.WAITLISTED.value:
            return False
        current.status = RsvpStatus.GOING.value
        await self.session.flush()
        return True

    async def demote(self, event_id: int, occurrence_local: str, member_id: int) -> bool:
        """A member going is waitlisted now (keeping their place in the answer order);
        False when they were not going."""
        current = await self.rsvp(event_id, occurrence_local, member_id)
        if current is None or current.status != RsvpStatus.GOING.value:
            return False
        current.status = RsvpStatus.WAITLISTED.value
        await self.session.flush()
        return True

    async def lock_event(self, event_id: int) -> None:
        """Serialise RSVPs to one event (capacity is checked then written): see `lock_row`."""
        await lock_row(self.session, CalendarEvent.id, event_id)

    async def answered_occurrences(self, event_id: int) -> set[str]:
        """Local starts of the occurrences someone answered for."""
        rows = await self.session.scalars(
            select(EventRsvp.occurrence_local).where(EventRsvp.event_id == event_id).distinct()
        )
        return set(rows.all())

    async def move_occurrences(
        self, event_id: int, moves: Mapping[str, str], dropped: Collection[str]
    ) -> None:
        """An edit moved the event's dates: each date's answers and cancellation go to its
        new local start (`moves`: old -> new, no two old ones to the same new one); those of
        `dropped` dates, which have no new one, are deleted.

        Rows already at a new start that is not itself moving are stale (a date of the past
        that reads the same in another zone) and give way. The moves go through placeholder
        keys, so that dates that swap or chain never meet the unique constraints halfway."""
        moves = {old: new for old, new in moves.items() if old != new}
        gone = set(dropped) | (set(moves.values()) - set(moves))
        for model in (EventRsvp, EventCancellation):
            if gone:
                await self.session.execute(
                    delete(model).where(
                        model.event_id == event_id, model.occurrence_local.in_(sorted(gone))
                    )
                )
            steps = [(old, f"~{i:018d}", new) for i, (old, new) in enumerate(moves.items())]
            for source, target in [(o, p) for o, p, _ in steps] + [(p, n) for _, p, n in steps]:
                await self.session.execute(
                    update(model)
                    .where(model.event_id == event_id, model.occurrence_local == source)
                    .values(occurrence_local=target)
                )

    # -- announcements -----------------------------------------------------------------------

    async def add_announcement(self, item: ScheduledAnnouncement) -> ScheduledAnnouncement:
        """Insert a scheduled announcement."""
        self.session.add(item)
        await self.session.flush()
        return item

    async def announcement(self, announcement_id: int) -> ScheduledAnnouncement | None:
        """One announcement."""
        return await self.session.get(
            ScheduledAnnouncement, announcement_id, populate_existing=True
        )

    async def announcements(
        self, community_ids: Sequence[int] | None, include_cancelled: bool = False
    ) -> list[ScheduledAnnouncement]:
        """Announcements of some communities (all when None)."""
        statement = select(ScheduledAnnouncement).order_by(ScheduledAnnouncement.id)
        if community_ids is not None:
            statement = statement.where(ScheduledAnnouncement.community_id.in_(list(community_ids)))
        if not include_cancelled:
            statement = statement.where(ScheduledAnnouncement.cancelled_at.is_(None))
        return list((await self.session.scalars(statement)).all())

    # -- feeds -------------------------------------------------------------------------------

    async def feed(self, community_id: int) -> CalendarFeed | None:
        """A community's feed settings, if set."""
        return (
            await self.session.scalars(
                select(CalendarFeed).where(CalendarFeed.community_id == community_id)
            )
        ).first()

    async def add_feed(self, feed: CalendarFeed) -> CalendarFeed:
        """Insert feed settings."""
        self.session.add(feed)
        await self.session.flush()
        return feed
