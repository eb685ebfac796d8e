"""What an event queues in the outbox besides reminders: its post in the channel, posts
about it there, and notes to members by direct message — each once per outbox key, in the
caller's unit of work, so a message commits with the change it reports."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.features.calendar import keys
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar.buttons import rsvp_buttons
from guildbot.bot.features.calendar.copy import outgoing as copy
from guildbot.bot.scheduler.outbox import Outbox, OutboxKey, Target
from guildbot.bot.scheduler.payload import Body
from guildbot.contract.refs import ConversationKind
from guildbot.storage.models import CalendarEvent, OutboxKind


def event_target(event: CalendarEvent, member_id: int | None = None) -> Target:
    """The event's channel, or one member by direct message."""
    if member_id is not None:
        return Target.member(event.platform, event.workspace_id, member_id)
    return Target(
        event.platform, event.workspace_id, event.channel_id, None, ConversationKind.CHANNEL.value
    )


async def post_event(
    session: AsyncSession, event: CalendarEvent, now: datetime, feed: str | None
) -> None:
    """The event's announcement in its channel, with RSVP buttons for its first occurrence
    (nothing when it has none left)."""
    first = occ.upcoming(event, now, limit=1)
    if not first:
        return
    body = copy.post(event, feed, rsvp_buttons(event.id, first[0].local))
    await announce(session, event, keys.posted(event.id), body, now)


async def announce(
    session: AsyncSession, event: CalendarEvent, key: OutboxKey, body: Body, now: datetime
) -> None:
    """A post in the event's channel, once per key."""
    await Outbox(session, now).revive(
        body, event_target(event), now, key, kind=OutboxKind.ANNOUNCEMENT, tell=event.created_by
    )


async def tell(
    session: AsyncSession,
    event: CalendarEvent,
    member_ids: Iterable[int],
    key: OutboxKey,
    body: Body,
    now: datetime,
) -> None:
    """A note to each member (once each, however often they are named), once per key."""
    outbox = Outbox(session, now)
    for member_id in dict.fromkeys(member_ids):
        await outbox.revive(
            body,
            event_target(event, member_id),
            now,
            keys.for_member(key, member_id),
            kind=OutboxKind.NOTICE,
            tell=event.created_by,
        )
