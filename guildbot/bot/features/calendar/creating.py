"""`event create`: echo what was understood with [Create] [Cancel]; [Create] saves the
event, its channel reminders and its post in one transaction, so an event never exists
without its reminders, nor reminders without their event."""

from __future__ import annotations

import secrets

from sqlalchemy.exc import IntegrityError

from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.features.calendar import notices, reminders
from guildbot.bot.features.calendar.buttons import DraftValue, create_buttons
from guildbot.bot.features.calendar.copy import events as copy
from guildbot.bot.features.calendar.copy import (
    expired,
    field_name,
    phrase_error,
    reminders_summary,
)
from guildbot.bot.features.calendar.events import Events
from guildbot.bot.features.calendar.phrases import PhraseError
from guildbot.bot.features.calendar.reading import read_event_line
from guildbot.bot.features.calendar.request import (
    DEFAULT_OFFSETS,
    MAX_DESCRIPTION,
    MAX_LOCATION,
    MAX_TITLE,
)
from guildbot.bot.grammar import Invocation
from guildbot.bot.lookup import find_community
from guildbot.bot.policy import require_manager
from guildbot.bot.scheduler.recurrence import format_local
from guildbot.bot.text import clean_field
from guildbot.contract.refs import ConversationKind
from guildbot.storage.models import CalendarEvent, Community, Role
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.calendar import CalendarRepository
from guildbot.storage.repositories.communities import CommunityRepository


class EventCreation:
    """`event create` and its [Create] button."""

    def __init__(self, events: Events) -> None:
        self.events = events

    async def create(self, ctx: Context, invocation: Invocation) -> Reply:
        """`event create TITLE WHEN [options]`: echo what was understood, with [Create]."""
        if not invocation.rest.strip():
            raise UsageError("event", "create")
        # Read in the facilitator's language when it is French, else English then French.
        reading = read_event_line(invocation.rest, ctx.actor.locale, ctx.actor.timezone, ctx.now)
        if isinstance(reading, PhraseError):
            raise UserError(phrase_error(reading, ctx.language))
        request = reading.request
        language = ctx.language

        def cleaned(value: str, name: str, limit: int) -> str:
            return clean_field(value, field_name(language, name), limit, language)

        title = cleaned(request.title, "title", MAX_TITLE)
        description = (
            cleaned(request.description, "description", MAX_DESCRIPTION)
            if request.description
            else ""
        )
        location = cleaned(request.location, "place", MAX_LOCATION) if request.location else ""
        when = reading.when
        if isinstance(when, PhraseError):
            raise UserError(phrase_error(when, ctx.language))
        community, channel_id = await self._target(ctx, request.community)
        offsets = request.offsets if request.offsets is not None else DEFAULT_OFFSETS
        notify = request.notify or "both"
        draft = DraftValue(
            community_id=community.id,
            channel_id=channel_id,
            title=title,
            local_start=format_local(when.local_start),
            timezone=when.timezone,
            duration_minutes=int(when.duration.total_seconds() // 60),
            rrule=when.rrule,
            location=location,
            description=description,
            capacity=request.capacity or None,
            offsets=tuple(int(o.total_seconds()) for o in offsets),
            notify=notify,
            nonce=secrets.token_hex(8),
        )
        return copy.echo(
            language,
            title,
            when,
            location,
            description,
            draft.capacity,
            reminders_summary(
                offsets, notify in ("both", "channel"), notify in ("both", "going"), language
            ),
            community.name,
            create_buttons(draft, language),
            request.other,
        )

    async def _target(self, ctx: Context, typed_community: str | None) -> tuple[Community, str]:
        """The community the event is for, and its channel on this platform."""
        conversation = ctx.conversation
        async with self.events.database.transaction() as session:
            communities = CommunityRepository(session)
            here = (
                await communities.by_channel(
                    conversation.platform, conversation.workspace_id, conversation.channel_id
                )
                if conversation.kind is ConversationKind.CHANNEL
                else None
            )
            if typed_community:
                community = await find_community(session, typed_community)
            elif here is not None:
                community = here
            else:
                managed = [
                    c
                    for c, role in await communities.communities_of(ctx.actor.member_id)
                    if role in (Role.FACILITATOR.value, Role.ADMIN.value)
                ]
                if len(managed) != 1:
                    raise UserError(copy.which_community(ctx.language))
                community = managed[0]
            await require_manager(ctx, session, community, "event.create")
            if community.archived_at is not None:
                raise UserError(copy.community_archived(ctx.language, community.name))
            if here is not None and here.id == community.id:
                return community, conversation.channel_id
            channels = [
                c
                for c in await communities.channels(community.id)
                if (c.platform, c.workspace_id)
                == (conversation.platform, conversation.workspace_id)
            ]
            if not channels:
                raise UserError(copy.nowhere_to_post(ctx.language, community.name, community.slug))
            return community, channels[0].channel_id

    async def confirm(self, ctx: Context, value: str) -> Reply:
        """[Create] pressed: check again, then save the event, its reminders and its post."""
        draft = DraftValue.decode(value)
        if draft is None:
            return expired(language=ctx.language)
        when = draft.when()
        if when.start <= ctx.now:
            return copy.time_passed(ctx.language)
        try:
            async with self.events.database.transaction() as session:
                repo = CalendarRepository(session)
                community = await repo.community(draft.community_id)
                if community is None:
                    return copy.community_gone(ctx.language)
                await require_manager(ctx, session, community, "event.create")
                event = await repo.add_event(_event(ctx, draft, community))
                await reminders.start_in_channel(session, event, ctx.now)
                feed = await self.events.feed_link(repo, community)
                await notices.post_event(session, event, ctx.now, feed)
                await AuditLog(session).record(
                    ctx.now,
                    ctx.actor.member_id,
                    "event.create",
                    "event",
                    event.id,
                    {"community_id": community.id, "title": event.title, "rrule": event.rrule},
                )
        except IntegrityError:
            return copy.already_created(ctx.language)
        return copy.created(ctx.language, event, when, ctx.actor.timezone, community.name)


def _event(ctx: Context, draft: DraftValue, community: Community) -> CalendarEvent:
    """The event a draft describes, created by the actor, where they are."""
    when = draft.when()
    return CalendarEvent(
        uid=f"{draft.nonce}-{community.slug}@guildbot"[:80],
        community_id=community.id,
        title=draft.title[:MAX_TITLE],
        description=draft.description[:MAX_DESCRIPTION],
        location=draft.location[:MAX_LOCATION],
        timezone=when.timezone,
        local_start=format_local(when.local_start),
        duration_minutes=draft.duration_minutes,
        rrule=when.rrule,
        capacity=draft.capacity,
        reminder_offsets=list(draft.offsets),
        remind_channel=draft.notify in ("both", "channel"),
        remind_going=draft.notify in ("both", "going"),
        platform=ctx.conversation.platform,
        workspace_id=ctx.conversation.workspace_id,
        channel_id=draft.channel_id,
        created_by=ctx.actor.member_id,
        created_at=ctx.now,
        updated_at=ctx.now,
        sequence=0,
    )
