"""The outbox keys of the calendar's messages: one builder per kind of message.

Every message the calendar queues belongs to its event (or announcement), so editing or
cancelling one withdraws what it queued by owner, purpose and occurrence — never by key text.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from guildbot.bot.scheduler.outbox import OutboxKey, Owner

REMIND = "remind"
POSTED = "posted"
PROMOTED = "promoted"
WAITLISTED = "waitlisted"
CHANGED = "changed"
CANCELLED = "cancelled"
ANNOUNCEMENT_POST = "post"


def event(event_id: int) -> Owner:
    """What an event's messages belong to."""
    return Owner.of("event", event_id)


def announcement(item_id: int) -> Owner:
    """What a scheduled announcement's messages belong to."""
    return Owner.of("announcement", item_id)


def posted(event_id: int) -> OutboxKey:
    """The event's announcement in its channel."""
    return OutboxKey(f"event:{event_id}:posted", event(event_id), POSTED)


def reminder(
    event_id: int, occurrence: str, sequence: int, offset: timedelta, member_id: int
) -> OutboxKey:
    """One member's reminder `offset` before one occurrence, for this version of the event."""
    return OutboxKey(
        f"event-remind:{event_id}:{occurrence}:s{sequence}:"
        f"{int(offset.total_seconds())}:m{member_id}",
        event(event_id),
        REMIND,
        occurrence,
    )


def promoted(event_id: int, occurrence: str, at: datetime) -> OutboxKey:
    """A place opened up for someone on the waiting list (once per opening)."""
    return OutboxKey(
        f"event-promoted:{event_id}:{occurrence}:{at.isoformat()}",
        event(event_id),
        PROMOTED,
        occurrence,
    )


def waitlisted(event_id: int, occurrence: str, at: datetime) -> OutboxKey:
    """Someone going was moved to the waiting list by a lower capacity (once per change)."""
    return OutboxKey(
        f"event-waitlisted:{event_id}:{occurrence}:{at.isoformat()}",
        event(event_id),
        WAITLISTED,
        occurrence,
    )


def changed(event_id: int, sequence: int) -> OutboxKey:
    """People going are told what changed in this version of the event."""
    return OutboxKey(f"event-changed:{event_id}:s{sequence}", event(event_id), CHANGED)


def cancelled(event_id: int, occurrence: str | None) -> OutboxKey:
    """The event (`occurrence` None) or one of its dates is cancelled."""
    return OutboxKey(
        f"event-cancelled:{event_id}:{occurrence or 'all'}",
        event(event_id),
        CANCELLED,
        occurrence,
    )


def for_member(key: OutboxKey, member_id: int) -> OutboxKey:
    """The copy of a note that goes to one member."""
    return OutboxKey(f"{key.text}:m{member_id}", key.owner, key.purpose, key.occurrence)


def announcement_post(item_id: int, version: int) -> OutboxKey:
    """A one-off announcement's post, for this version of it."""
    return OutboxKey(f"announce:{item_id}:v{version}", announcement(item_id), ANNOUNCEMENT_POST)
