"""The community calendar: events with RSVPs and reminders, scheduled announcements, and
each community's iCal feed.

What each module is:

* `commands` — the command specs; `buttons` — action ids and the typed values buttons carry;
* handlers, by what they are about: `creating` (`event create` and [Create]), `rsvp`
  (answers), `listing` (`event list|show|attendees`), `editing`, `cancelling` (with its
  [Cancel it]), `announcements` (`announce …`), `feeds` (`event feed` and the iCal route);
* `events` — what every event handler shares: the event a command names, who manages it,
  the date typed for it, its feed link;
* `attendance` — the RSVP rules (capacity, waitlist, promotion) as pure transitions that
  return effects; `executor` carries them out in the unit of work;
* `reminders` (channel schedules and members' reminders) and `notices` (the event's post,
  posts about it, notes to members): what an event queues in the outbox;
* `copy` — every message, as rich text; `times` — times as `Instant` pieces;
* `phrases` (dates, times and repeats in plain English), `request` (a create or edit line
  split into fields), `occurrences`, `ical` (the feed's format), `keys` (outbox keys).

Every query is a `CalendarRepository` method (`storage.repositories.calendar`).
"""

from __future__ import annotations

from dataclasses import dataclass

from guildbot.bot.core import Core
from guildbot.bot.features.calendar.announcements import AnnouncementService
from guildbot.bot.features.calendar.buttons import (
    ACTION_CANCEL_EVENT,
    ACTION_CREATE,
    ACTION_EDIT_CONFIRMED,
    ACTION_RSVP,
)
from guildbot.bot.features.calendar.cancelling import EventCancelling
from guildbot.bot.features.calendar.commands import SPECS
from guildbot.bot.features.calendar.copy import CANCEL_CONFIRMATION
from guildbot.bot.features.calendar.creating import EventCreation
from guildbot.bot.features.calendar.editing import EventEditing
from guildbot.bot.features.calendar.events import Events
from guildbot.bot.features.calendar.feeds import FeedService
from guildbot.bot.features.calendar.listing import EventListing
from guildbot.bot.features.calendar.rsvp import Rsvps
from guildbot.bot.registry import Registry, Settles

__all__ = ["SPECS", "Calendar", "setup"]


@dataclass(frozen=True, slots=True)
class Calendar:
    """The calendar's shared parts (the feeds are served on the web app too)."""

    events: Events
    announcements: AnnouncementService
    feeds: FeedService


def setup(registry: Registry, core: Core) -> Calendar:
    """Register `event` and `announce`, and the create, RSVP and cancel buttons."""
    feeds = FeedService(core.database, core.settings.public_url)
    events = Events(core.database, feed_url=feeds.url)
    creating, rsvps = EventCreation(events), Rsvps(events)
    listing, editing, cancelling = (
        EventListing(events),
        EventEditing(events),
        EventCancelling(events),
    )
    announcements = AnnouncementService(core.database)
    registry.command("event", "create", creating.create)
    registry.command("event", "list", listing.list_events)
    registry.command("event", "show", listing.show)
    registry.command("event", "rsvp", rsvps.command)
    registry.command("event", "attendees", listing.attendees)
    registry.command("event", "edit", editing.edit)
    registry.command("event", "cancel", cancelling.cancel)
    registry.command("event", "feed", feeds.command)
    registry.command("announce", "create", announcements.create)
    registry.command("announce", "list", announcements.list_announcements)
    registry.command("announce", "edit", announcements.edit)
    registry.command("announce", "cancel", announcements.cancel)
    registry.button(ACTION_CREATE, creating.confirm)
    registry.button(ACTION_RSVP, rsvps.pressed, settles=Settles.NEVER)
    registry.button(ACTION_CANCEL_EVENT, cancelling.confirmed, CANCEL_CONFIRMATION)
    registry.button(ACTION_EDIT_CONFIRMED, editing.confirmed)
    return Calendar(events, announcements, feeds)
