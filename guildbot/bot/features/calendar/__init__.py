"""The community calendar: events with RSVPs and reminders, scheduled announcements, and
each community's iCal feed."""

from __future__ import annotations

from dataclasses import dataclass

from guildbot.bot.core import Core
from guildbot.bot.features.calendar.announcements import AnnouncementService
from guildbot.bot.features.calendar.commands import SPECS
from guildbot.bot.features.calendar.events import (
    ACTION_CANCEL_EVENT,
    ACTION_CREATE,
    ACTION_RSVP,
    CANCEL_CONFIRMATION,
    CalendarService,
)
from guildbot.bot.features.calendar.feeds import FeedService
from guildbot.bot.registry import Registry

__all__ = ["SPECS", "Calendar", "setup"]


@dataclass(frozen=True, slots=True)
class Calendar:
    """The calendar's services (the feeds are served on the web app too)."""

    events: CalendarService
    announcements: AnnouncementService
    feeds: FeedService


def setup(registry: Registry, core: Core) -> Calendar:
    """Register `event` and `announce`, and the create, RSVP and cancel buttons."""
    feeds = FeedService(core.database, core.settings.public_url)
    events = CalendarService(core.database, core.clock, feed_url=feeds.url)
    announcements = AnnouncementService(core.database, core.clock)
    registry.command("event", "create", lambda ctx, inv: events.create(ctx, inv.rest))
    registry.command("event", "list", lambda ctx, inv: events.list_events(ctx, inv.rest))
    registry.command("event", "show", lambda ctx, inv: events.show(ctx, inv.args))
    registry.command("event", "rsvp", lambda ctx, inv: events.rsvp_command(ctx, inv.args))
    registry.command("event", "attendees", lambda ctx, inv: events.attendees(ctx, inv.args))
    registry.command("event", "edit", lambda ctx, inv: events.edit(ctx, inv.args, inv.rest))
    registry.command("event", "cancel", lambda ctx, inv: events.cancel(ctx, inv.args))
    registry.command("event", "feed", lambda ctx, inv: feeds.command(ctx, inv.rest))
    registry.command("announce", "create", lambda ctx, inv: announcements.create(ctx, inv.rest))
    registry.command("announce", "list", lambda ctx, inv: announcements.list_announcements(ctx))
    registry.command(
        "announce", "edit", lambda ctx, inv: announcements.edit(ctx, inv.args, inv.rest)
    )
    registry.command("announce", "cancel", lambda ctx, inv: announcements.cancel(ctx, inv.args))
    registry.button(ACTION_CREATE, events.confirm_create)
    registry.button(ACTION_RSVP, events.rsvp)
    registry.button(ACTION_CANCEL_EVENT, events.cancel_confirmed, CANCEL_CONFIRMATION)
    return Calendar(events, announcements, feeds)
