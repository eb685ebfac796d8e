"""Scheduled announcements: a facilitator's post for a community channel, once or recurring.

    announce #accessibility Show and tell starts now, join us! at 14:00 every first Thursday

One-off posts are outbox rows; recurring ones are schedules the tick expands. Either way the
outbox posts each occurrence exactly once (announcements are never sent twice after a crash:
their owner is asked instead, see `scheduler/policy.py`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.features.calendar import keys, times
from guildbot.bot.features.calendar.copy import announcements as copy
from guildbot.bot.features.calendar.copy import give_text_or_time, phrase_error
from guildbot.bot.features.calendar.dates import day_first_locale
from guildbot.bot.features.calendar.phrases import PhraseError, Repeat, When, parse_when
from guildbot.bot.features.calendar.phrases_fr import parse_when_fr
from guildbot.bot.features.calendar.reading import writes_french
from guildbot.bot.grammar import Invocation
from guildbot.bot.lookup import slugify
from guildbot.bot.policy import require_manager
from guildbot.bot.scheduler.outbox import Outbox, Schedules, Target
from guildbot.bot.scheduler.payload import Body
from guildbot.bot.scheduler.recurrence import Recurrence, format_local, parse_local, to_instant
from guildbot.bot.text import clean_field
from guildbot.contract.refs import ConversationKind, ConversationRef
from guildbot.contract.richtext import ChannelLink, RichText
from guildbot.storage.engine import Database
from guildbot.storage.models import Community, CommunityChannel, OutboxKind, ScheduledAnnouncement
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.calendar import CalendarRepository
from guildbot.storage.repositories.communities import CommunityRepository

MAX_TEXT = 2_000
MAX_LISTED = 25
EXAMPLE = "announce #accessibility Show and tell today! at 9:00 every first Thursday"
_CHANNEL_MENTION = re.compile(r"^<#([\w.\-]{1,64})(?:\|[^>]*)?>$")
_SPLIT = re.compile(r"\s(?=(?:at|every|each|on|tomorrow|today|next)\s)", re.IGNORECASE)
# Where a French time may start: "Café ! à 9 h tous les lundis", "… demain à midi".
_SPLIT_FR = re.compile(
    r"\s(?=(?:à|a|dès|tous|toutes|chaque|le|demain|après-demain|aujourd['’]hui|dans)\s)",
    re.IGNORECASE,
)


def split_text_and_time(
    rest: str, zone: str, now: datetime, day_first: bool = False, french: bool = False
) -> tuple[str, When] | PhraseError:
    """ "Coffee time! at 9:00 every Monday" → ("Coffee time!", When(…)). The earliest split
    whose remainder reads completely as a time wins, so the text may itself say "at". A
    `french` line splits at French words ("Café ! à 9 h tous les lundis")."""
    last_error: PhraseError | None = None
    found_a_time = False  # some remainder was a time, though one that does not work
    for match in (_SPLIT_FR if french else _SPLIT).finditer(rest):
        text, phrase = rest[: match.start()].strip(), rest[match.end() :].strip()
        if not text:
            continue
        if french:
            phrase = re.sub(r"^(?:à|a)\s+", "", phrase, flags=re.IGNORECASE)
            when = parse_when_fr(phrase, zone, now)
        else:
            phrase = re.sub(r"^at\s+", "", phrase, flags=re.IGNORECASE)
            when = parse_when(phrase, zone, now, day_first=day_first)
        if isinstance(when, When):
            return text, when
        last_error = when
        found_a_time = found_a_time or not when.unread
    if last_error is not None:
        return replace(last_error, unread=not found_a_time)
    return PhraseError("When should I post it? End with “at TIME”.", EXAMPLE, unread=True)


def read_text_and_time(
    rest: str, locale: str, zone: str, now: datetime
) -> tuple[str, When] | PhraseError:
    """An announcement's text and time in its author's language: French for a French
    locale, else English, with the other tried when the first finds no time at all (an
    English time that does not work is said as English says it)."""
    english_first = not writes_french(locale)
    first = split_text_and_time(rest, zone, now, day_first_locale(locale), not english_first)
    if not isinstance(first, PhraseError) or not first.unread:
        return first
    other = split_text_and_time(rest, zone, now, day_first_locale(locale), english_first)
    return first if isinstance(other, PhraseError) else other


class AnnouncementService:
    """`announce #channel TEXT at TIME [every …]`, `announce list|cancel|edit`."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def create(self, ctx: Context, invocation: Invocation) -> Reply:
        """Schedule a post; nothing is saved if any part is not understood."""
        channel_typed, _, remainder = invocation.rest.strip().partition(" ")
        if not channel_typed or not remainder.strip():
            raise UsageError("announce", "create")
        split = read_text_and_time(remainder.strip(), ctx.actor.locale, ctx.actor.timezone, ctx.now)
        if isinstance(split, PhraseError):
            raise UserError(phrase_error(split, ctx.language))
        text, when = split
        text = clean_field(text, "announcement", MAX_TEXT)
        async with self.database.transaction() as session:
            channel, community = await self._channel(ctx, session, channel_typed)
            await require_manager(ctx, session, community, "announce.create")
            item = await CalendarRepository(session).add_announcement(
                ScheduledAnnouncement(
                    community_id=community.id,
                    text=text,
                    platform=channel.platform,
                    workspace_id=channel.workspace_id,
                    channel_id=channel.channel_id,
                    timezone=when.timezone,
                    local_start=format_local(when.local_start),
                    rrule=when.rrule,
                    version=0,
                    created_by=ctx.actor.member_id,
                    created_at=ctx.now,
                )
            )
            await self._queue(session, item, ctx.now)
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "announce.create",
                "announcement",
                item.id,
                {"community_id": community.id, "rrule": item.rrule},
            )
        when_text = copy.posted_when(when, ctx.actor.timezone, ctx.language)
        return copy.scheduled(item.id, channel_typed.lstrip("#"), when_text, text, ctx.language)

    async def _channel(
        self, ctx: Context, session: AsyncSession, typed: str
    ) -> tuple[CommunityChannel, Community]:
        """A channel the bot posts in: one linked to a community, on the actor's platform."""
        conversation = ctx.conversation
        mention = _CHANNEL_MENTION.match(typed)
        name = mention.group(1) if mention else typed.lstrip("#").strip()
        communities = CommunityRepository(session)
        if name.casefold() in ("here", "this") and conversation.kind is ConversationKind.CHANNEL:
            name = conversation.channel_id
        community = await communities.by_channel(
            conversation.platform, conversation.workspace_id, name
        )
        if community is None:
            by_slug = await communities.by_slug(slugify(name))
            if by_slug is not None:
                for channel in await communities.channels(by_slug.id):
                    if (channel.platform, channel.workspace_id) == (
                        conversation.platform,
                        conversation.workspace_id,
                    ):
                        return channel, by_slug
            raise UserError(copy.cannot_post_in(name, EXAMPLE, ctx.language))
        for channel in await communities.channels(community.id):
            if channel.channel_id == name and channel.platform == conversation.platform:
                return channel, community
        raise UserError(copy.cannot_post_in(name, EXAMPLE, ctx.language))  # pragma: no cover

    async def _queue(
        self, session: AsyncSession, item: ScheduledAnnouncement, now: datetime
    ) -> None:
        """The outbox row (one-off) or schedule (recurring) that posts it."""
        to = Target(
            item.platform,
            item.workspace_id,
            item.channel_id,
            None,
            ConversationKind.CHANNEL.value,
        )
        local = parse_local(item.local_start)
        body = Body(RichText.of(item.text))  # people's words, never read as markup
        if item.rrule is None:
            await Outbox(session, now).revive(
                body,
                to,
                to_instant(local, _zone(item.timezone)),
                keys.announcement_post(item.id, item.version),
                kind=OutboxKind.ANNOUNCEMENT,
                tell=item.created_by,
            )
            return
        recurrence = Recurrence(item.rrule, local, item.timezone)
        first = recurrence.first()
        while first is not None and first.at <= now:
            first = recurrence.after(first.local)
        if first is None:
            return
        schedule = await Schedules(session, now).add(
            keys.announcement(item.id),
            OutboxKind.ANNOUNCEMENT,
            recurrence,
            to,
            body,
            tell=item.created_by,
            after=now,
        )
        item.schedule_id = schedule.id

    async def _stop(
        self, session: AsyncSession, item: ScheduledAnnouncement, now: datetime
    ) -> None:
        await Schedules(session, now).stop(keys.announcement(item.id))
        await Outbox(session, now).cancel(keys.announcement(item.id))

    async def _managed(
        self, ctx: Context, session: AsyncSession, args: tuple[str, ...], sub: str
    ) -> ScheduledAnnouncement:
        if not args or not args[0].lstrip("#").isdigit():
            raise UsageError("announce", sub)
        repo = CalendarRepository(session)
        item = await repo.announcement(int(args[0].lstrip("#")))
        if item is None or item.cancelled_at is not None or item.community_id is None:
            raise UserError(copy.no_such_announcement(args[0], ctx.language))
        community = await repo.community(item.community_id)
        assert community is not None
        await require_manager(ctx, session, community, f"announce.{sub}")
        return item

    async def cancel(self, ctx: Context, invocation: Invocation) -> Reply:
        """`announce cancel ID`: nothing more of it is posted."""
        async with self.database.transaction() as session:
            item = await self._managed(ctx, session, invocation.args, "cancel")
            await self._stop(session, item, ctx.now)
            item.cancelled_at = ctx.now
            await AuditLog(session).record(
                ctx.now, ctx.actor.member_id, "announce.cancel", "announcement", item.id
            )
        return copy.cancelled(item.id, ctx.language)

    async def edit(self, ctx: Context, invocation: Invocation) -> Reply:
        """`announce edit ID [TEXT] [at TIME [every …]]`: new text, new time, or both."""
        args = invocation.args
        remainder = invocation.rest.split(maxsplit=1)[1].strip() if len(args) > 1 else ""
        if not remainder:
            raise UsageError("announce", "edit", give_text_or_time(ctx.language))
        async with self.database.transaction() as session:
            item = await self._managed(ctx, session, args, "edit")
            text, when = await self._edit_parts(item, remainder, ctx)
            await self._stop(session, item, ctx.now)
            if text is not None:
                item.text = clean_field(text, "announcement", MAX_TEXT)
            if when is not None:
                item.timezone = when.timezone
                item.local_start = format_local(when.local_start)
                item.rrule = when.rrule
            item.version += 1
            item.schedule_id = None
            await self._queue(session, item, ctx.now)
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "announce.edit",
                "announcement",
                item.id,
                {"text": text is not None, "time": when is not None},
            )
        summary = copy.posted_when(_item_when(item), ctx.actor.timezone, ctx.language)
        return copy.updated(item.id, summary, item.text, ctx.language)

    async def _edit_parts(
        self, item: ScheduledAnnouncement, remainder: str, ctx: Context
    ) -> tuple[str | None, When | None]:
        if re.match(r"^(?:at|every|each)\s", remainder, re.IGNORECASE):
            when = parse_when(
                re.sub(r"^at\s+", "", remainder, flags=re.IGNORECASE),
                item.timezone,
                ctx.now,
                day_first=day_first_locale(ctx.actor.locale),
            )
            if isinstance(when, PhraseError):
                raise UserError(phrase_error(when, ctx.language))
            return None, when
        split = split_text_and_time(
            remainder, item.timezone, ctx.now, day_first_locale(ctx.actor.locale)
        )
        if isinstance(split, PhraseError):
            return remainder, None
        return split

    async def list_announcements(self, ctx: Context, _invocation: Invocation) -> Reply:
        """`announce list`: what is scheduled in the actor's communities, next post first."""
        async with self.database.transaction() as session:
            mine = [c.id for c, _role in await CommunityRepository(session).communities_of(
                ctx.actor.member_id
            )]  # fmt: skip
            items = await CalendarRepository(session).announcements(
                None if ctx.actor.is_admin else mine
            )
        rows: list[tuple[datetime, int, RichText]] = []
        for item in items:
            when = _item_when(item)
            upcoming = _next(item, ctx.now)
            if upcoming is None:
                continue
            repeat = copy.repeated(ctx.language, when.repeat) if when.repeat else None
            next_post = times.moment(upcoming, ctx.actor.timezone, None, ctx.language)
            line = copy.listed(
                item.id, _channel_link(item), next_post, repeat, item.text, ctx.language
            )
            rows.append((upcoming, item.id, line))
        if not rows:
            return copy.nothing_scheduled(EXAMPLE, ctx.language)
        rows.sort(key=lambda row: row[:2])
        return copy.scheduled_list([line for _, _, line in rows[:MAX_LISTED]], ctx.language)


def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _channel_link(item: ScheduledAnnouncement) -> ChannelLink:
    """The channel an announcement is posted in (named by its id: names are not stored)."""
    channel = ConversationRef(
        item.platform, item.workspace_id, item.channel_id, None, ConversationKind.CHANNEL
    )
    return ChannelLink(channel, item.channel_id)


def _item_when(item: ScheduledAnnouncement) -> When:
    return When(
        parse_local(item.local_start),
        item.timezone,
        timedelta(hours=1),
        Repeat.from_rrule(item.rrule) if item.rrule else None,
    )


def _next(item: ScheduledAnnouncement, now: datetime) -> datetime | None:
    local = parse_local(item.local_start)
    if item.rrule is None:
        at = to_instant(local, _zone(item.timezone))
        return at if at > now else None
    recurrence = Recurrence(item.rrule, local, item.timezone)
    occurrence = recurrence.first()
    while occurrence is not None and occurrence.at <= now:
        occurrence = recurrence.after(occurrence.local)
    return None if occurrence is None else occurrence.at
