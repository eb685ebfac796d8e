"""What every event command works with: the event it names (or a polite "there is none"),
whether the actor manages it, the date typed for it, and its community's feed link."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from guildbot.bot.context import Context, UsageError, UserError
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar.copy import events as copy
from guildbot.bot.features.calendar.dates import DateProblem, NumericDate, read_numeric
from guildbot.bot.features.calendar.phrases import read_day
from guildbot.bot.features.calendar.phrases_fr import to_english
from guildbot.bot.features.calendar.zones import known_zone
from guildbot.bot.i18n import Language
from guildbot.bot.policy import require_manager
from guildbot.storage.engine import Database
from guildbot.storage.models import CalendarEvent, Community
from guildbot.storage.repositories.calendar import CalendarRepository
from guildbot.storage.repositories.communities import CommunityRepository

# The public address of a community's iCal feed (slug, token) -> URL, when the web app has one.
FeedUrl = Callable[[str, str | None], str | None]
_EVENT_ID = re.compile(r"#?([0-9]{1,18})")


@dataclass(frozen=True, slots=True)
class Events:
    """The calendar's database, and where its feeds are served (if anywhere)."""

    database: Database
    feed_url: FeedUrl | None = None

    async def feed_link(self, repo: CalendarRepository, community: Community) -> str | None:
        """The address members subscribe to, with its token when the feed is private."""
        if self.feed_url is None:
            return None
        feed = await repo.feed(community.id)
        token = feed.token if feed is not None and feed.private else None
        return self.feed_url(community.slug, token)


def event_id_of(args: tuple[str, ...], subcommand: str) -> int:
    """The event id a command starts with (``7`` or ``#7``), else its usage."""
    found = _EVENT_ID.fullmatch(args[0]) if args else None
    if found is None:
        raise UsageError("event", subcommand)
    return int(found.group(1))


async def live_event(
    repo: CalendarRepository, event_id: int, language: Language = Language.EN
) -> CalendarEvent:
    """The event, unless there is none or it was cancelled (said in `language`)."""
    event = await repo.event(event_id)
    if event is None or event.cancelled_at is not None:
        raise UserError(copy.no_such_event(language, event_id))
    return event


async def visible_to(ctx: Context, repo: CalendarRepository, community_id: int) -> bool:
    """Whether the actor may see a community's events: an open community's (its feed is
    public) to everyone; a members-only one's (its feed is private) to its members and the
    organisation's admins."""
    feed = await repo.feed(community_id)
    if feed is None or not feed.private or ctx.actor.is_admin:
        return True
    membership = await CommunityRepository(repo.session).membership(
        community_id, ctx.actor.member_id
    )
    return membership is not None


async def visible_event(ctx: Context, repo: CalendarRepository, event_id: int) -> CalendarEvent:
    """The event, if the actor may see it; a members-only community's event is "for its
    members" (not "no such event": the community is no secret, its events are)."""
    event = await live_event(repo, event_id, ctx.language)
    if not await visible_to(ctx, repo, event.community_id):
        community = await repo.community(event.community_id)
        name, slug = (community.name, community.slug) if community else ("?", "?")
        raise UserError(copy.members_only(ctx.language, name, slug))
    return event


async def managed_event(
    ctx: Context, repo: CalendarRepository, event_id: int, action: str
) -> tuple[CalendarEvent, Community]:
    """The event and its community, if the actor manages it (else `Refused`)."""
    event = await live_event(repo, event_id, ctx.language)
    community = await repo.community(event.community_id)
    assert community is not None  # an event goes with its community
    await require_manager(ctx, repo.session, community, action)
    return event, community


def occurrence_on(
    event: CalendarEvent, typed: str, now: datetime, language: Language = Language.EN
) -> occ.Occurrence:
    """The event's occurrence on the day typed ("Dec 3", "2026-12-03"), read in its zone
    (what does not work said in `language`)."""
    day = _day_in(language, typed, event.timezone, now)
    if day is None:
        raise UserError(copy.unreadable_day(language, typed, event.id))
    found = occ.on_day(event, datetime.combine(day, datetime.min.time()))
    if found is None:
        raise UserError(copy.not_on(language, event, day))
    return found


def _day_in(language: Language, typed: str, zone: str, now: datetime) -> date | None:
    """The day typed, read in the reader's language first: a French reader's "3 déc.",
    "jeudi prochain" or "3/12" (day first, 3 December), else as English reads it."""
    if language is Language.FR:
        local = now.astimezone(ZoneInfo(zone)).date() if known_zone(zone) else now.date()
        numeric = read_numeric(typed, local, day_first=True)
        if isinstance(numeric, DateProblem):
            return None  # "1/10" past, or no such month: not read the English way instead
        if isinstance(numeric, NumericDate) and not numeric.rest:
            return numeric.day
        french = read_day(to_english(typed), zone, now)
        if french is not None:
            return french
    return read_day(typed, zone, now)
