"""What an event queues in the outbox besides reminders: its post in the channel, posts
about it there, and notes to members by direct message — each once per outbox key, in the
caller's unit of work, so a message commits with the change it reports.

A message is given as a `Render` (its body in a language): a channel post carries each of
its community's languages (`community language`), a note is in its reader's language. A
reader whose platform language is not one of ours reads the community's first language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.features.calendar import keys
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar.buttons import rsvp_buttons
from guildbot.bot.features.calendar.copy import outgoing as copy
from guildbot.bot.i18n import Language, language_of
from guildbot.bot.i18n.channels import ChannelLanguage, in_languages
from guildbot.bot.scheduler.outbox import Outbox, OutboxKey, Target
from guildbot.bot.scheduler.payload import Body
from guildbot.contract.refs import ConversationKind
from guildbot.storage.models import CalendarEvent, OutboxKind
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.members import MemberRepository

Render = Callable[[Language], Body]


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

    def render(language: Language) -> Body:
        return copy.post(event, feed, rsvp_buttons(event.id, first[0].local, language), language)

    await announce(session, event, keys.posted(event.id), render, now)


async def channel_language(session: AsyncSession, event: CalendarEvent) -> ChannelLanguage:
    """What the event's community posts in."""
    community = await CommunityRepository(session).get(event.community_id)
    return ChannelLanguage.stored(community.language if community is not None else None)


async def in_channel_languages(session: AsyncSession, event: CalendarEvent, render: Render) -> Body:
    """A post for the event's channel, in its community's language or languages."""
    return in_languages(await channel_language(session, event), render)


async def reader_language(
    session: AsyncSession, event: CalendarEvent, member_id: int, fallback: Language | None = None
) -> Language:
    """The language a note to one member about the event is written in (`fallback`, when
    known: the community's first language)."""
    member = await MemberRepository(session).get(member_id)
    if fallback is None:
        fallback = (await channel_language(session, event)).languages[0]
    return fallback if member is None else language_of(member.locale, fallback)


async def announce(
    session: AsyncSession, event: CalendarEvent, key: OutboxKey, render: Render, now: datetime
) -> None:
    """A post in the event's channel, once per key."""
    await Outbox(session, now).revive(
        await in_channel_languages(session, event, render),
        event_target(event),
        now,
        key,
        kind=OutboxKind.ANNOUNCEMENT,
        tell=event.created_by,
    )


async def tell(
    session: AsyncSession,
    event: CalendarEvent,
    member_ids: Iterable[int],
    key: OutboxKey,
    render: Render,
    now: datetime,
) -> None:
    """A note to each member (once each, however often they are named), once per key, in
    their language."""
    outbox = Outbox(session, now)
    bodies: dict[Language, Body] = {}
    fallback = (await channel_language(session, event)).languages[0]
    for member_id in dict.fromkeys(member_ids):
        language = await reader_language(session, event, member_id, fallback)
        if language not in bodies:
            bodies[language] = render(language)
        await outbox.revive(
            bodies[language],
            event_target(event, member_id),
            now,
            keys.for_member(key, member_id),
            kind=OutboxKind.NOTICE,
            tell=event.created_by,
        )
