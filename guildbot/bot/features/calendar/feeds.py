"""Serving a community's iCal feed: `GET /calendar/<slug>.ics`, `guildbot calendar export SLUG`,
and `event feed` for facilitators to get the link or make the feed private.

A private feed is only served with its unguessable token (`?token=…`); a wrong or missing token
gets the same 404 as an unknown community, so the address reveals nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import quote

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply, UserError
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar.copy import feeds as copy
from guildbot.bot.features.calendar.ical import FeedEvent, build_feed
from guildbot.bot.grammar import Invocation
from guildbot.bot.lookup import find_community, slugify
from guildbot.bot.policy import require_manager
from guildbot.bot.scheduler.recurrence import parse_local
from guildbot.storage.engine import Database
from guildbot.storage.models import CalendarEvent, CalendarFeed, Community
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.calendar import CalendarRepository
from guildbot.storage.repositories.communities import CommunityRepository

FeedSource = Callable[[str, str | None], Awaitable[bytes | None]]


class FeedService:
    """Builds feeds from the database; knows the public address of the web app, if any."""

    def __init__(self, database: Database, public_url: str = "") -> None:
        self.database = database
        self.public_url = public_url.rstrip("/")

    def url(self, slug: str, token: str | None) -> str | None:
        """The feed's address for members, or None when the web app has no public address."""
        if not self.public_url:
            return None
        query = f"?token={quote(token)}" if token else ""
        return f"{self.public_url}/calendar/{quote(slug)}.ics{query}"

    async def feed(self, slug: str, token: str | None, *, check_token: bool = True) -> bytes | None:
        """The feed for a community, or None when there is none (or the token is wrong)."""
        async with self.database.transaction() as session:
            community = await CommunityRepository(session).by_slug(slugify(slug) or "-")
            if community is None:
                return None
            repo = CalendarRepository(session)
            settings = await repo.feed(community.id)
            secret = settings.token if settings is not None and settings.private else None
            if (
                check_token
                and secret is not None
                and not secrets.compare_digest(token or "", secret)
            ):
                return None
            events = await repo.events([community.id], include_cancelled=True)
            items = [await _feed_event(repo, event) for event in events]
        return build_feed(community.name, items, community.description)

    async def command(self, ctx: Context, invocation: Invocation) -> Reply:
        """`event feed COMMUNITY [private|public]`: the link; facilitators set its privacy."""
        words = invocation.rest.split()
        change = words[-1].casefold() if words and words[-1].casefold() in (
            "private",
            "public",
        ) else None  # fmt: skip
        typed = " ".join(words[:-1] if change else words)
        async with self.database.transaction() as session:
            community = await self._community(ctx, session, typed)
            repo = CalendarRepository(session)
            settings = await repo.feed(community.id)
            if change is not None:
                await require_manager(ctx, session, community, f"event.feed.{change}")
                if settings is None:
                    settings = await repo.add_feed(
                        CalendarFeed(
                            community_id=community.id,
                            private=False,
                            token=secrets.token_urlsafe(24),
                        )
                    )
                settings.private = change == "private"
                settings.token = secrets.token_urlsafe(24)  # a new link revokes the old one
                await AuditLog(session).record(
                    ctx.now,
                    ctx.actor.member_id,
                    f"event.feed.{change}",
                    "community",
                    community.id,
                )
            elif settings is not None and settings.private:
                membership = await CommunityRepository(session).membership(
                    community.id, ctx.actor.member_id
                )
                if membership is None and not ctx.actor.is_admin:
                    raise UserError(copy.for_members(ctx.language, community.name))
            private = settings is not None and settings.private
            token = settings.token if private and settings is not None else None
        link = self.url(community.slug, token)
        return copy.feed(ctx.language, community.name, community.slug, private, link)

    async def _community(self, ctx: Context, session: AsyncSession, typed: str) -> Community:
        if typed.strip():
            return await find_community(session, typed)
        conversation = ctx.conversation
        community = await CommunityRepository(session).by_channel(
            conversation.platform, conversation.workspace_id, conversation.channel_id
        )
        if community is None:
            raise UserError(copy.which_community(ctx.language))
        return community


async def _feed_event(repo: CalendarRepository, event: CalendarEvent) -> FeedEvent:
    cancelled = await repo.cancelled_occurrences(event.id)
    return FeedEvent(
        uid=event.uid,
        title=event.title,
        timezone=event.timezone,
        local_start=parse_local(event.local_start),
        duration=occ.duration_of(event),
        sequence=event.sequence,
        created=event.created_at,
        updated=event.updated_at,
        rrule=event.rrule,
        exdates=tuple(parse_local(local) for local in sorted(cancelled)),
        description=event.description,
        location=event.location,
        cancelled=event.cancelled_at is not None,
    )


def calendar_routes(feeds: FeedSource) -> list[web.RouteDef]:
    """The routes to mount on the shared web app: `GET /calendar/<slug>.ics[?token=…]`."""

    async def serve(request: web.Request) -> web.Response:
        slug = request.match_info["slug"]
        body = await feeds(slug, request.query.get("token"))
        if body is None:
            raise web.HTTPNotFound(text="No such calendar.\n")
        return web.Response(
            body=body,
            content_type="text/calendar",
            charset="utf-8",
            headers={
                # An ASCII name for every client, the community's own (UTF-8) for those that
                # read RFC 6266's filename*.
                "Content-Disposition": (
                    f'inline; filename="{_ascii_name(slug)}.ics"; '
                    f"filename*=UTF-8''{quote(slugify(slug) or 'calendar')}.ics"
                ),
                "Cache-Control": "private, max-age=300",
            },
        )

    return [web.get(r"/calendar/{slug:[^/.]{1,60}}.ics", serve)]


def _ascii_name(slug: str) -> str:
    """The slug's ASCII letters and digits, for the header's plain filename."""
    ascii_only = "".join(ch for ch in slugify(slug) if ch.isascii())
    return ascii_only.strip("-") or "calendar"
