"""Reading the calendar: `event list`, `event show` and `event attendees`, with every time
in the viewer's own zone."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from guildbot.bot.context import Context, Reply, UserError
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar.buttons import rsvp_buttons
from guildbot.bot.features.calendar.copy import events as copy
from guildbot.bot.features.calendar.events import (
    Events,
    event_id_of,
    occurrence_on,
    visible_event,
    visible_to,
)
from guildbot.bot.grammar import Invocation
from guildbot.bot.lookup import find_community
from guildbot.bot.people import mention
from guildbot.contract.richtext import Mention, RichText
from guildbot.storage.models import RsvpStatus
from guildbot.storage.repositories.calendar import CalendarRepository
from guildbot.storage.repositories.communities import CommunityRepository

LIST_HORIZON = timedelta(days=400)
MAX_LISTED = 25


class EventListing:
    """What members read of events."""

    def __init__(self, events: Events) -> None:
        self.events = events

    async def list_events(self, ctx: Context, invocation: Invocation) -> Reply:
        """`event list [COMMUNITY]`: upcoming events, soonest first."""
        typed = invocation.rest.strip()
        async with self.events.database.transaction() as session:
            repo = CalendarRepository(session)
            if typed:
                found = await find_community(session, typed)
                if not await visible_to(ctx, repo, found.id):
                    raise UserError(copy.members_only(ctx.language, found.name, found.slug))
                communities = {found.id: found}
            else:
                communities = {
                    c.id: c
                    for c in await CommunityRepository(session).all()
                    if c.archived_at is None and await visible_to(ctx, repo, c.id)
                }
            rows: list[tuple[datetime, int, RichText]] = []
            for event in await repo.events(list(communities)):
                cancelled = await repo.cancelled_occurrences(event.id)
                upcoming = occ.upcoming(event, ctx.now, cancelled, limit=1)
                if not upcoming or upcoming[0].at > ctx.now + LIST_HORIZON:
                    continue
                going = await repo.going_count(event.id, upcoming[0].local)
                when = occ.shown(event, upcoming[0], ctx.actor.timezone, ctx.language)
                community = communities[event.community_id].name
                rows.append(
                    (
                        upcoming[0].at,
                        event.id,
                        copy.listed(ctx.language, event, community, when, going),
                    )
                )
        if not rows:
            named = next(iter(communities.values())).name if typed else None
            return copy.no_upcoming_events(ctx.language, named)
        rows.sort(key=lambda row: row[:2])
        return copy.upcoming_events(ctx.language, [line for _, _, line in rows[:MAX_LISTED]])

    async def show(self, ctx: Context, invocation: Invocation) -> Reply:
        """`event show ID`: details, the next dates, and RSVP buttons for the next one."""
        event_id = event_id_of(invocation.args, "show")
        async with self.events.database.transaction() as session:
            repo = CalendarRepository(session)
            event = await visible_event(ctx, repo, event_id)
            community = await repo.community(event.community_id)
            cancelled = await repo.cancelled_occurrences(event.id)
            upcoming = occ.upcoming(event, ctx.now, cancelled, limit=3)
            counts: Counter[str] = Counter()
            mine = None
            if upcoming:
                for rsvp in await repo.rsvps(event.id, upcoming[0].local):
                    counts[rsvp.status] += 1
                    if rsvp.member_id == ctx.actor.member_id:
                        mine = rsvp.status
            feed = await self.events.feed_link(repo, community) if community else None
        dates = [occ.shown(event, o, ctx.actor.timezone, ctx.language) for o in upcoming]
        buttons = rsvp_buttons(event.id, upcoming[0].local, ctx.language) if upcoming else ()
        name = community.name if community else "?"
        return copy.details(ctx.language, event, name, dates, counts, mine, feed, buttons)

    async def attendees(self, ctx: Context, invocation: Invocation) -> Reply:
        """`event attendees ID [DATE]`: who answered what, for the next (or that) date."""
        args = invocation.args
        event_id = event_id_of(args, "attendees")
        async with self.events.database.transaction() as session:
            repo = CalendarRepository(session)
            event = await visible_event(ctx, repo, event_id)
            if len(args) > 1:
                occurrence: occ.Occurrence | None = occurrence_on(
                    event, " ".join(args[1:]), ctx.now
                )
            else:
                cancelled = await repo.cancelled_occurrences(event.id)
                occurrence = occ.in_progress_or_next(event, ctx.now, cancelled)
            if occurrence is None:
                return copy.no_upcoming_dates(ctx.language, event)
            answers: dict[RsvpStatus, list[Mention | str]] = {}
            platform = ctx.conversation.platform
            for rsvp, name in await repo.rsvps_with_names(event.id, occurrence.local):
                named = await mention(session, rsvp.member_id, name, platform)
                answers.setdefault(RsvpStatus(rsvp.status), []).append(named)
        when = occ.shown(event, occurrence, ctx.actor.timezone, ctx.language)
        return copy.attendees(ctx.language, event, when, answers)
