"""Community events: create (echo, then [Create] [Cancel]), RSVP, remind, list, edit, cancel.

Every change is one transaction together with the outbox rows and schedules it implies, so an
event never exists without its reminders, nor reminders without their event:

* channel reminders are schedules (one per offset) the tick expands occurrence by occurrence;
  a cancelled occurrence gets a cancelled outbox row under the very dedupe key the tick would
  use, so the tick creates nothing for it;
* reminders by direct message are queued per member and occurrence when someone says Going,
  and cancelled when they change their mind;
* posts to the channel (the event itself, cancellations) and notes to members go through the
  outbox too, so each is sent exactly once.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.clock import Clock
from guildbot.bot.context import Context, Reply, UsageError, UserError, quoted
from guildbot.bot.features.calendar import keys
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.features.calendar.phrases import (
    PhraseError,
    Repeat,
    When,
    format_date,
    format_instant,
    parse_when,
    read_day,
)
from guildbot.bot.features.calendar.request import (
    DEFAULT_OFFSETS,
    EXAMPLE_CREATE,
    EventRequest,
    parse_event_request,
)
from guildbot.bot.features.directory.buttons import ACTION_CANCEL as ACTION_KEEP
from guildbot.bot.lookup import find_community
from guildbot.bot.policy import require_manager
from guildbot.bot.scheduler.outbox import Outbox, OutboxKey, Schedules, Target, schedule_key
from guildbot.bot.scheduler.payload import Body
from guildbot.bot.scheduler.recurrence import Recurrence, format_local, parse_local
from guildbot.bot.text import clean_field
from guildbot.contract.outbound import Button, ButtonStyle, Confirmation
from guildbot.contract.refs import ConversationKind
from guildbot.storage.engine import Database
from guildbot.storage.models import (
    CalendarEvent,
    Community,
    EventRsvp,
    Member,
    OutboxKind,
    Role,
    RsvpStatus,
    Schedule,
)
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.calendar import CalendarRepository
from guildbot.storage.repositories.communities import CommunityRepository

log = logging.getLogger(__name__)

ACTION_CREATE = "event.create"
ACTION_RSVP = "event.rsvp"
ACTION_CANCEL_EVENT = "event.cancel"
CANCEL_CONFIRMATION = Confirmation(
    "Cancel this event?", "People are told at once; this can't be undone.", "Cancel it", "Keep it"
)
MAX_TITLE = 120
MAX_DESCRIPTION = 500
MAX_LOCATION = 200
LIST_HORIZON = timedelta(days=400)
RSVP_LABELS = {
    RsvpStatus.GOING: "Going",
    RsvpStatus.MAYBE: "Maybe",
    RsvpStatus.DECLINED: "Can't go",
}

# The public address of a community's iCal feed (slug, token) -> URL, when the web app has one.
FeedUrl = Callable[[str, str | None], str | None]


def rsvp_buttons(event_id: int, occurrence: str) -> tuple[Button, ...]:
    """[Going] [Maybe] [Can't go] for one occurrence ("next": the next one when pressed)."""
    return (
        Button("Going", ACTION_RSVP, f"{event_id}|{occurrence}|going", ButtonStyle.PRIMARY),
        Button("Maybe", ACTION_RSVP, f"{event_id}|{occurrence}|maybe"),
        Button("Can't go", ACTION_RSVP, f"{event_id}|{occurrence}|declined"),
    )


def event_target(event: CalendarEvent, member_id: int | None = None) -> Target:
    """The event's channel, or one member by direct message."""
    if member_id is not None:
        return Target.member(event.platform, event.workspace_id, member_id)
    return Target(
        event.platform,
        event.workspace_id,
        event.channel_id,
        None,
        ConversationKind.CHANNEL.value,
    )


def _where(event: CalendarEvent) -> str:
    return f" · {event.location}" if event.location else ""


def _offsets(event: CalendarEvent) -> list[timedelta]:
    return [timedelta(seconds=s) for s in event.reminder_offsets or []]


def _notify_text(event: CalendarEvent) -> str:
    offsets = _offsets(event)
    if not offsets or not (event.remind_channel or event.remind_going):
        return "no reminders"
    when = " and ".join(occ.human_offset(o) for o in offsets) + " before"
    where = {
        (True, True): "in the channel and to people going",
        (True, False): "in the channel",
        (False, True): "to people going",
    }[(event.remind_channel, event.remind_going)]
    return f"{when}, {where}"


class CalendarService:
    """Events, RSVPs and their reminders for facilitators and members."""

    def __init__(self, database: Database, clock: Clock, feed_url: FeedUrl | None = None) -> None:
        self.database = database
        self.clock = clock
        self.feed_url = feed_url

    # -- create ------------------------------------------------------------------------------

    async def create(self, ctx: Context, rest: str) -> Reply:
        """`event create TITLE WHEN [options]`: echo what was understood, with [Create]."""
        if not rest.strip():
            raise UsageError("event", "create")
        request = parse_event_request(rest)
        if isinstance(request, PhraseError):
            raise UserError(request.message())
        title = clean_field(request.title, "title", MAX_TITLE)
        description = (
            clean_field(request.description, "description", MAX_DESCRIPTION)
            if request.description
            else ""
        )
        location = clean_field(request.location, "place", MAX_LOCATION) if request.location else ""
        when = parse_when(request.when_text, ctx.actor.timezone, ctx.now)
        if isinstance(when, PhraseError):
            raise UserError(when.message())
        community, channel_id = await self._target(ctx, request.community, "event.create")
        offsets = request.offsets if request.offsets is not None else DEFAULT_OFFSETS
        notify = request.notify or "both"
        draft = {
            "c": community.id,
            "ch": channel_id,
            "t": title,
            "s": format_local(when.local_start),
            "z": when.timezone,
            "d": int(when.duration.total_seconds() // 60),
            "r": when.rrule,
            "l": location,
            "n": description,
            "k": request.capacity or None,
            "o": [int(o.total_seconds()) for o in offsets],
            "m": notify,
            "x": secrets.token_hex(8),
        }
        preview = CalendarEvent(
            title=title,
            location=location,
            capacity=request.capacity or None,
            reminder_offsets=draft["o"],
            remind_channel=notify in ("both", "channel"),
            remind_going=notify in ("both", "going"),
        )
        lines = [f"*{title}* — {when.describe()}", *when.notes()]
        if location:
            lines.append(f"• Where: {location}")
        if description:
            lines.append(f"• {description}")
        lines.append(f"• Capacity: {preview.capacity or 'no limit'}")
        lines.append(f"• Reminders: {_notify_text(preview)}")
        lines.append(f"• Posted in {community.name}'s channel, with [Going] [Maybe] [Can't go]")
        return Reply(
            "Here's what I understood:\n" + "\n".join(lines),
            buttons=(
                Button(
                    "Create",
                    ACTION_CREATE,
                    json.dumps(draft, ensure_ascii=False, separators=(",", ":")),
                    ButtonStyle.PRIMARY,
                ),
                Button("Cancel", "cancel"),
            ),
            context="Nothing is saved until you press Create.",
        )

    async def _target(
        self, ctx: Context, typed_community: str | None, action: str
    ) -> tuple[Community, str]:
        """The community an event or announcement is for, and its channel on this platform."""
        conversation = ctx.conversation
        async with self.database.transaction() as session:
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
                    raise UserError(
                        "Which community is it for? Add `community: SLUG`, or run the "
                        "command in the community's channel."
                    )
                community = managed[0]
            await require_manager(ctx, session, community, action)
            if here is not None and here.id == community.id:
                return community, conversation.channel_id
            channels = [
                c
                for c in await communities.channels(community.id)
                if c.platform == conversation.platform
                and c.workspace_id == conversation.workspace_id
            ]
            if not channels:
                raise UserError(
                    f"{community.name} has no channel here yet, so I have nowhere to post "
                    f"it. Run `community link {community.slug}` in its channel first."
                )
            return community, channels[0].channel_id

    async def confirm_create(self, ctx: Context, value: str) -> Reply:
        """[Create] pressed: check again, then save the event, its reminders and its post."""
        try:
            draft = json.loads(value)
            when = When(
                parse_local(draft["s"]),
                str(draft["z"]),
                timedelta(minutes=int(draft["d"])),
                Repeat.from_rrule(draft["r"]) if draft["r"] else None,
            )
            community_id = int(draft["c"])
        except (ValueError, KeyError, TypeError):
            return Reply("That button has expired. Please run the command again.")
        if when.start <= ctx.now:
            return Reply(
                "That time has passed meanwhile, so nothing was created. "
                "Please run `event create` again."
            )
        try:
            async with self.database.transaction() as session:
                community = await session.get(Community, community_id)
                if community is None:
                    return Reply("That community no longer exists; nothing was created.")
                await require_manager(ctx, session, community, "event.create")
                repo = CalendarRepository(session)
                event = await repo.add_event(
                    CalendarEvent(
                        uid=f"{draft['x']}-{community.slug}@guildbot"[:80],
                        community_id=community.id,
                        title=str(draft["t"])[:MAX_TITLE],
                        description=str(draft["n"])[:MAX_DESCRIPTION],
                        location=str(draft["l"])[:MAX_LOCATION],
                        timezone=when.timezone,
                        local_start=format_local(when.local_start),
                        duration_minutes=int(draft["d"]),
                        rrule=when.rrule,
                        capacity=draft["k"],
                        reminder_offsets=[int(s) for s in draft["o"]],
                        remind_channel=draft["m"] in ("both", "channel"),
                        remind_going=draft["m"] in ("both", "going"),
                        platform=ctx.conversation.platform,
                        workspace_id=ctx.conversation.workspace_id,
                        channel_id=str(draft["ch"]),
                        created_by=ctx.actor.member_id,
                        created_at=ctx.now,
                        updated_at=ctx.now,
                        sequence=0,
                    )
                )
                await self._start_channel_reminders(repo, event, ctx.now)
                await self._post(repo, event, ctx.now, community)
                await AuditLog(session).record(
                    ctx.now,
                    ctx.actor.member_id,
                    "event.create",
                    "event",
                    event.id,
                    {"community_id": community.id, "title": event.title, "rrule": event.rrule},
                )
        except IntegrityError:
            return Reply("That event was already created.")
        return Reply(
            f"Created event {event.id}: *{event.title}*, "
            f"{format_instant(when.start, ctx.actor.timezone, when.duration)}. "
            f"I'm posting it in {community.name}'s channel now.",
            context=f"`event show {event.id}` · `event edit {event.id} …` · "
            f"`event cancel {event.id}`",
        )

    async def _post(
        self, repo: CalendarRepository, event: CalendarEvent, now: datetime, community: Community
    ) -> None:
        """The event's announcement in the channel, with RSVP buttons for its first occurrence."""
        first = occ.upcoming(event, now, limit=1)
        if not first:
            return
        when = occ.when_of(event)
        lines = [f"📅 *{event.title}* — {when.describe()}"]
        if event.location:
            lines.append(f"• Where: {event.location}")
        if event.description:
            lines.append(event.description)
        if event.capacity:
            lines.append(f"• {event.capacity} places")
        feed = await self._feed_link(repo, community)
        context = f"`event show {event.id}` shows it in your time zone"
        if feed:
            context += f" · Add to calendar: {feed}"
        await Outbox(repo.session, now).revive(
            Body("\n".join(lines), rsvp_buttons(event.id, first[0].local), context),
            event_target(event),
            now,
            keys.posted(event.id),
            kind=OutboxKind.ANNOUNCEMENT,
            tell=event.created_by,
        )

    async def _feed_link(self, repo: CalendarRepository, community: Community) -> str | None:
        if self.feed_url is None:
            return None
        feed = await repo.feed(community.id)
        token = feed.token if feed is not None and feed.private else None
        return self.feed_url(community.slug, token)

    # -- reminders ---------------------------------------------------------------------------

    async def _start_channel_reminders(
        self, repo: CalendarRepository, event: CalendarEvent, now: datetime
    ) -> None:
        """One schedule per offset; cancelled occurrences are fenced off with tombstones."""
        if not event.remind_channel:
            return
        cancelled = await repo.cancelled_occurrences(event.id)
        wall_clock = occ.when_of(event).local_start
        for offset in _offsets(event):
            upcoming = None
            for candidate in occ.iterate(event):
                if candidate.at - offset > now:
                    upcoming = candidate
                    break
            if upcoming is None:
                continue
            text = (
                f"⏰ Reminder: *{event.title}* starts in {occ.human_offset(offset)}, at "
                f"{wall_clock:%H:%M} {event.timezone}{_where(event)}."
            )
            schedule = await Schedules(repo.session, now).add(
                keys.event(event.id),
                OutboxKind.REMINDER,
                Recurrence(occ.rule_of(event), parse_local(event.local_start), event.timezone),
                event_target(event),
                Body(
                    text,
                    rsvp_buttons(event.id, "next"),
                    f"`event show {event.id}` shows it in your time zone",
                ),
                offset=-offset,
                tell=event.created_by,
                after=now,
            )
            for local in cancelled:
                await self._fence(repo, event, schedule, local, now)

    async def _fence(
        self,
        repo: CalendarRepository,
        event: CalendarEvent,
        schedule: Schedule,
        local: str,
        now: datetime,
    ) -> None:
        at = occ.instant(event, local)
        due = at + timedelta(seconds=schedule.offset_seconds)
        await Outbox(repo.session, now).tombstone(
            event_target(event),
            due,
            schedule_key(schedule.id, at),
            kind=OutboxKind.REMINDER,
            schedule=(schedule.id, at),
        )

    async def _remind_member(
        self,
        session: AsyncSession,
        event: CalendarEvent,
        occurrence: occ.Occurrence,
        member_id: int,
        now: datetime,
    ) -> None:
        """Queue (or revive) one member's reminders for one occurrence."""
        if not event.remind_going:
            return
        member = await session.get(Member, member_id)
        if member is None:
            return
        for offset in _offsets(event):
            due = occurrence.at - offset
            if due <= now:
                continue
            text = (
                f"⏰ Reminder: *{event.title}* starts in {occ.human_offset(offset)}: "
                f"{occ.shown(event, occurrence, member.timezone)}{_where(event)}."
            )
            await Outbox(session, now).revive(
                Body(text),
                event_target(event, member_id),
                due,
                keys.reminder(event.id, occurrence.local, event.sequence, offset, member_id),
                kind=OutboxKind.REMINDER,
                tell=event.created_by,
            )

    async def _tell(
        self,
        repo: CalendarRepository,
        event: CalendarEvent,
        member_ids: Sequence[int],
        key: OutboxKey,
        text: str,
        now: datetime,
    ) -> None:
        """A note to each member by direct message, once per key."""
        outbox = Outbox(repo.session, now)
        for member_id in dict.fromkeys(member_ids):
            await outbox.revive(
                Body(text),
                event_target(event, member_id),
                now,
                keys.for_member(key, member_id),
                kind=OutboxKind.NOTICE,
                tell=event.created_by,
            )

    # -- RSVP --------------------------------------------------------------------------------

    async def rsvp(self, ctx: Context, value: str) -> Reply:
        """[Going] [Maybe] [Can't go] pressed: answer for one occurrence, until it starts."""
        parts = value.split("|")
        if (
            len(parts) != 3
            or not parts[0].isdigit()
            or parts[2] not in {s.value for s in RSVP_LABELS}
        ):
            return Reply("That button has expired. Please run `event list` again.")
        return await self.answer(ctx, int(parts[0]), parts[1], RsvpStatus(parts[2]))

    async def rsvp_command(self, ctx: Context, args: tuple[str, ...]) -> Reply:
        """`event rsvp ID going|maybe|no [DATE]`."""
        answers = {"going": RsvpStatus.GOING, "yes": RsvpStatus.GOING, "maybe": RsvpStatus.MAYBE}
        answers |= {"no": RsvpStatus.DECLINED, "cant": RsvpStatus.DECLINED}
        answers |= {"can't": RsvpStatus.DECLINED, "declined": RsvpStatus.DECLINED}
        if len(args) < 2 or not args[0].lstrip("#").isdigit() or args[1].casefold() not in answers:
            raise UsageError("event", "rsvp")
        event_id = int(args[0].lstrip("#"))
        which = "next"
        if len(args) > 2:
            async with self.database.transaction() as session:
                event = await self._event(session, event_id)
                found = self._occurrence_on(event, " ".join(args[2:]), ctx)
                which = found.local
        return await self.answer(ctx, event_id, which, answers[args[1].casefold()])

    async def answer(self, ctx: Context, event_id: int, which: str, status: RsvpStatus) -> Reply:
        """Record an answer; Going beyond capacity joins the waitlist; leaving promotes."""
        async with self.database.transaction() as session:
            repo = CalendarRepository(session)
            await repo.lock_event(event_id)
            event = await self._event(session, event_id)
            cancelled = await repo.cancelled_occurrences(event.id)
            if which == "next":
                upcoming = occ.upcoming(event, ctx.now, cancelled, limit=1)
                occurrence = upcoming[0] if upcoming else None
            else:
                occurrence = occ.find(event, which)
                if occurrence is not None and occurrence.local in cancelled:
                    return Reply(f"*{event.title}* on that day is cancelled.")
            if occurrence is None:
                return Reply(f"*{event.title}* has no more occurrences to answer for.")
            if occurrence.at <= ctx.now:
                return Reply(f"*{event.title}* has already started; answers are closed.")
            when = occ.shown(event, occurrence, ctx.actor.timezone)
            current = await repo.rsvp(event.id, occurrence.local, ctx.actor.member_id)
            before = RsvpStatus(current.status) if current is not None else None
            if status is RsvpStatus.GOING and before in (RsvpStatus.GOING, RsvpStatus.WAITLISTED):
                where = "on the waitlist" if before is RsvpStatus.WAITLISTED else "going"
                return Reply(f"You're already {where} for *{event.title}*, {when}.")
            if status is before:
                return Reply(f"Noted already: {RSVP_LABELS[status]} for *{event.title}*, {when}.")
            new_status = status
            if (
                status is RsvpStatus.GOING
                and event.capacity
                and await repo.going_count(event.id, occurrence.local) >= event.capacity
            ):
                new_status = RsvpStatus.WAITLISTED
            if current is None:
                await repo.add_rsvp(
                    EventRsvp(
                        event_id=event.id,
                        occurrence_local=occurrence.local,
                        member_id=ctx.actor.member_id,
                        status=new_status.value,
                        responded_at=ctx.now,
                    )
                )
            else:
                current.status = new_status.value
                current.responded_at = ctx.now
            if new_status is RsvpStatus.GOING:
                await self._remind_member(session, event, occurrence, ctx.actor.member_id, ctx.now)
            elif before is RsvpStatus.GOING:
                await Outbox(session, ctx.now).cancel(
                    keys.event(event.id),
                    purpose=keys.REMIND,
                    occurrence=occurrence.local,
                    member_id=ctx.actor.member_id,
                )
                await self._promote(session, event, occurrence, ctx.now)
        if new_status is RsvpStatus.WAITLISTED:
            return Reply(
                f"*{event.title}* is full ({event.capacity} places), so you're on the waitlist "
                f"for {when}. I'll tell you as soon as a place opens."
            )
        if new_status is RsvpStatus.GOING:
            extra = " I'll remind you before it starts." if event.remind_going else ""
            return Reply(f"You're going to *{event.title}*, {when}.{extra}")
        return Reply(f"Noted: {RSVP_LABELS[new_status]} for *{event.title}*, {when}.")

    async def _promote(
        self,
        session: AsyncSession,
        event: CalendarEvent,
        occurrence: occ.Occurrence,
        now: datetime,
    ) -> int:
        """Give freed places to the waitlist, first come first served; tell those promoted."""
        if not event.capacity:
            return 0
        repo = CalendarRepository(session)
        rsvps = await repo.rsvps(event.id, occurrence.local)
        free = event.capacity - sum(r.status == RsvpStatus.GOING.value for r in rsvps)
        promoted = 0
        for rsvp in rsvps:
            if free <= 0:
                break
            if rsvp.status != RsvpStatus.WAITLISTED.value:
                continue
            rsvp.status = RsvpStatus.GOING.value
            free -= 1
            promoted += 1
            member = await session.get(Member, rsvp.member_id)
            zone = member.timezone if member else event.timezone
            await self._tell(
                repo,
                event,
                [rsvp.member_id],
                keys.promoted(event.id, occurrence.local, now),
                f"🎉 A place opened up: you're now going to *{event.title}*, "
                f"{occ.shown(event, occurrence, zone)}{_where(event)}.",
                now,
            )
            await self._remind_member(session, event, occurrence, rsvp.member_id, now)
        return promoted

    # -- reading -----------------------------------------------------------------------------

    async def _event(self, session: AsyncSession, event_id: int) -> CalendarEvent:
        event = await CalendarRepository(session).event(event_id)
        if event is None or event.cancelled_at is not None:
            raise UserError(f"There's no event {event_id}. See `event list`.")
        return event

    def _occurrence_on(self, event: CalendarEvent, typed: str, ctx: Context) -> occ.Occurrence:
        day = read_day(typed, event.timezone, ctx.now)
        if day is None:
            raise UserError(
                f"I couldn't read {quoted(typed, 30)} as a day. For example: "
                f"`event cancel {event.id} Dec 3` or `event cancel {event.id} all`."
            )
        found = occ.on_day(event, datetime.combine(day, datetime.min.time()))
        if found is None:
            raise UserError(f"*{event.title}* doesn't happen on {format_date(day)}.")
        return found

    @staticmethod
    def _event_id(args: tuple[str, ...], subcommand: str) -> int:
        if not args or not args[0].lstrip("#").isdigit():
            raise UsageError("event", subcommand)
        return int(args[0].lstrip("#"))

    async def list_events(self, ctx: Context, rest: str) -> Reply:
        """`event list [COMMUNITY]`: upcoming events, in the viewer's time zone."""
        async with self.database.transaction() as session:
            if rest.strip():
                community = await find_community(session, rest)
                communities = {community.id: community}
            else:
                communities = {c.id: c for c in await CommunityRepository(session).all()}
            repo = CalendarRepository(session)
            rows: list[tuple[datetime, str]] = []
            for event in await repo.events(list(communities)):
                cancelled = await repo.cancelled_occurrences(event.id)
                upcoming = occ.upcoming(event, ctx.now, cancelled, limit=1)
                if not upcoming or upcoming[0].at > ctx.now + LIST_HORIZON:
                    continue
                going = await repo.going_count(event.id, upcoming[0].local)
                repeat = occ.when_of(event).repeat
                rows.append(
                    (
                        upcoming[0].at,
                        f"• {event.id} *{event.title}* ({communities[event.community_id].name}) "
                        f"— {occ.shown(event, upcoming[0], ctx.actor.timezone)}"
                        + (f", {repeat.describe()}" if repeat else "")
                        + f" · {going} going",
                    )
                )
        if not rows:
            where = f" in {next(iter(communities.values())).name}" if rest.strip() else ""
            return Reply(f"No upcoming events{where}.")
        rows.sort()
        return Reply(
            "*Upcoming events* (your time zone)\n" + "\n".join(line for _, line in rows[:25]),
            context="`event show ID` for details and to RSVP.",
        )

    async def show(self, ctx: Context, args: tuple[str, ...]) -> Reply:
        """`event show ID`: details, next dates in the viewer's zone, and RSVP buttons."""
        event_id = self._event_id(args, "show")
        async with self.database.transaction() as session:
            event = await self._event(session, event_id)
            repo = CalendarRepository(session)
            community = await session.get(Community, event.community_id)
            cancelled = await repo.cancelled_occurrences(event.id)
            upcoming = occ.upcoming(event, ctx.now, cancelled, limit=3)
            counts: dict[str, int] = {}
            mine = None
            if upcoming:
                for rsvp in await repo.rsvps(event.id, upcoming[0].local):
                    counts[rsvp.status] = counts.get(rsvp.status, 0) + 1
                    if rsvp.member_id == ctx.actor.member_id:
                        mine = rsvp.status
            feed = await self._feed_link(repo, community) if community else None
        repeat = occ.when_of(event).repeat
        lines = [f"*{event.title}* (event {event.id}, {community.name if community else '?'})"]
        if event.description:
            lines.append(event.description)
        if repeat:
            lines.append(f"• Repeats {repeat.describe()} ({event.timezone})")
        if event.location:
            lines.append(f"• Where: {event.location}")
        if not upcoming:
            lines.append("• No upcoming dates.")
            return Reply("\n".join(lines))
        lines.append(
            "• Next: " + "; ".join(occ.shown(event, o, ctx.actor.timezone) for o in upcoming)
        )
        capacity = f" of {event.capacity}" if event.capacity else ""
        lines.append(
            f"• Going: {counts.get('going', 0)}{capacity} · Maybe: {counts.get('maybe', 0)}"
            + (f" · Waitlist: {counts['waitlisted']}" if counts.get("waitlisted") else "")
        )
        if mine:
            lines.append(f"• You: {mine}")
        lines.append(f"• Reminders: {_notify_text(event)}")
        context = "Buttons answer for the next date."
        if feed:
            context += f" Add to calendar: {feed}"
        return Reply(
            "\n".join(lines), buttons=rsvp_buttons(event.id, upcoming[0].local), context=context
        )

    async def attendees(self, ctx: Context, args: tuple[str, ...]) -> Reply:
        """`event attendees ID [DATE]`: who answered what, for the next (or that) date."""
        event_id = self._event_id(args, "attendees")
        async with self.database.transaction() as session:
            event = await self._event(session, event_id)
            repo = CalendarRepository(session)
            if len(args) > 1:
                occurrence: occ.Occurrence | None = self._occurrence_on(
                    event, " ".join(args[1:]), ctx
                )
            else:
                cancelled = await repo.cancelled_occurrences(event.id)
                occurrence = occ.in_progress_or_next(event, ctx.now, cancelled)
            if occurrence is None:
                return Reply(f"*{event.title}* has no upcoming dates.")
            answers = await repo.rsvps_with_names(event.id, occurrence.local)
        groups: dict[str, list[str]] = {s.value: [] for s in RsvpStatus}
        for rsvp, name in answers:
            groups[rsvp.status].append(name)
        capacity = f" of {event.capacity}" if event.capacity else ""
        lines = [
            f"*{event.title}*, {occ.shown(event, occurrence, ctx.actor.timezone)}",
            f"• Going ({len(groups['going'])}{capacity}): "
            + (", ".join(groups["going"]) or "nobody yet"),
            "• Maybe: " + (", ".join(groups["maybe"]) or "—"),
            "• Can't go: " + (", ".join(groups["declined"]) or "—"),
        ]
        if groups["waitlisted"]:
            lines.append("• Waitlist, in order: " + ", ".join(groups["waitlisted"]))
        return Reply("\n".join(lines))

    # -- edit and cancel (facilitators) ------------------------------------------------------

    async def _managed_event(
        self, ctx: Context, session: AsyncSession, event_id: int, action: str
    ) -> tuple[CalendarEvent, Community]:
        event = await self._event(session, event_id)
        community = await session.get(Community, event.community_id)
        assert community is not None
        await require_manager(ctx, session, community, action)
        return event, community

    async def edit(self, ctx: Context, args: tuple[str, ...], rest: str) -> Reply:
        """`event edit ID [WHEN] [title: …] [where: …] [capacity: …] [remind: …] [notify: …]
        [-- DESCRIPTION]`."""
        event_id = self._event_id(args, "edit")
        request = parse_event_request(rest.split(maxsplit=1)[1] if len(args) > 1 else "", False)
        if isinstance(request, PhraseError):
            raise UserError(request.message())
        if not request.when_text and not request.given:
            raise UsageError("event", "edit", "Say what to change.")
        async with self.database.transaction() as session:
            event, _ = await self._managed_event(ctx, session, event_id, "event.edit")
            old_local = event.local_start
            repo = CalendarRepository(session)
            # Who was going before the change, to tell them even if their dates moved.
            going_before = await self._going_members(repo, event, ctx.now)
            changes = self._apply_edit(event, request, ctx)
            if isinstance(changes, str):
                raise UserError(changes)
            if "when" in changes and event.rrule is None:
                await repo.rekey_rsvps(event.id, old_local, event.local_start)
            event.sequence += 1
            event.updated_at = ctx.now
            await self._restart_reminders(session, event, ctx.now)
            if event.capacity and {"capacity", "when"} & set(changes):
                for occurrence in occ.upcoming(event, ctx.now, None, limit=50):
                    await self._promote(session, event, occurrence, ctx.now)
            if {"when", "where", "title"} & set(changes):
                going = await self._going_members(repo, event, ctx.now)
                await self._tell(
                    repo,
                    event,
                    [*going_before, *going],
                    keys.changed(event.id, event.sequence),
                    f"✏️ *{event.title}* has changed: {occ.when_of(event).describe()}"
                    f"{_where(event)}. `event show {event.id}` shows it in your time zone.",
                    ctx.now,
                )
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "event.edit",
                "event",
                event.id,
                {"changed": sorted(changes), "sequence": event.sequence},
            )
        return Reply(
            f"Updated event {event.id} ({', '.join(sorted(changes))}): *{event.title}* — "
            f"{occ.when_of(event).describe()}."
            + (
                " People who said Going are told."
                if {"when", "where", "title"} & set(changes)
                else ""
            )
        )

    def _apply_edit(
        self, event: CalendarEvent, request: EventRequest, ctx: Context
    ) -> list[str] | str:
        """Change the event's fields; a list of what changed, or what was wrong."""
        changes: list[str] = []
        if request.when_text:
            when = parse_when(request.when_text, event.timezone, ctx.now)
            if isinstance(when, PhraseError):
                return when.message()
            event.local_start = format_local(when.local_start)
            event.timezone = when.timezone
            event.duration_minutes = int(when.duration.total_seconds() // 60)
            event.rrule = when.rrule
            changes.append("when")
        if request.title:
            event.title = clean_field(request.title, "title", MAX_TITLE)
            changes.append("title")
        if request.location is not None:
            event.location = (
                ""
                if request.location.casefold() in ("none", "-")
                else clean_field(request.location, "place", MAX_LOCATION)
            )
            changes.append("where")
        if request.capacity is not None:
            event.capacity = request.capacity or None
            changes.append("capacity")
        if request.offsets is not None:
            event.reminder_offsets = [int(o.total_seconds()) for o in request.offsets]
            changes.append("reminders")
        if request.notify is not None:
            event.remind_channel = request.notify in ("both", "channel")
            event.remind_going = request.notify in ("both", "going")
            changes.append("reminders")
        if request.description is not None:
            event.description = (
                clean_field(request.description, "description", MAX_DESCRIPTION)
                if request.description
                else ""
            )
            changes.append("description")
        return sorted(set(changes))

    async def _going_members(
        self, repo: CalendarRepository, event: CalendarEvent, now: datetime
    ) -> list[int]:
        members: list[int] = []
        for occurrence in occ.upcoming(event, now, None, limit=50):
            for rsvp in await repo.rsvps(event.id, occurrence.local):
                if rsvp.status == RsvpStatus.GOING.value:
                    members.append(rsvp.member_id)
        return members

    async def _restart_reminders(
        self, session: AsyncSession, event: CalendarEvent, now: datetime
    ) -> None:
        """After an edit: stop every queued reminder, then queue them again as they now are."""
        repo = CalendarRepository(session)
        await Schedules(repo.session, now).stop(keys.event(event.id))
        await Outbox(repo.session, now).cancel(keys.event(event.id), purpose=keys.REMIND)
        await self._start_channel_reminders(repo, event, now)
        cancelled = await repo.cancelled_occurrences(event.id)
        for occurrence in occ.upcoming(event, now, cancelled, limit=50):
            for rsvp in await repo.rsvps(event.id, occurrence.local):
                if rsvp.status == RsvpStatus.GOING.value:
                    await self._remind_member(session, event, occurrence, rsvp.member_id, now)

    async def cancel(self, ctx: Context, args: tuple[str, ...]) -> Reply:
        """`event cancel ID [DATE | all]`: asks first, with what it will do and whom it tells."""
        return await self._cancel(ctx, args, confirmed=False)

    async def cancel_confirmed(self, ctx: Context, value: str) -> Reply:
        """The [Cancel it] button: `value` is the command's own arguments, checked again."""
        return await self._cancel(ctx, tuple(value.split()), confirmed=True)

    async def _cancel(self, ctx: Context, args: tuple[str, ...], *, confirmed: bool) -> Reply:
        event_id = self._event_id(args, "cancel")
        which = " ".join(args[1:]).strip()
        async with self.database.transaction() as session:
            event, _community = await self._managed_event(ctx, session, event_id, "event.cancel")
            repo = CalendarRepository(session)
            if not which and event.rrule is not None:
                raise UsageError(
                    "event",
                    "cancel",
                    f"*{event.title}* repeats: cancel one date (`event cancel {event.id} "
                    f"DATE`) or all of them (`event cancel {event.id} all`).",
                )
            occurrence = None
            if which.casefold() not in ("", "all"):
                occurrence = self._occurrence_on(event, which, ctx)
            if not confirmed:
                reply = await self._confirm_cancel(repo, event, occurrence, args, ctx)
            elif occurrence is None:
                reply = await self._cancel_series(session, repo, event, ctx)
            else:
                reply = await self._cancel_one(session, repo, event, occurrence, ctx)
        return reply

    async def _confirm_cancel(
        self,
        repo: CalendarRepository,
        event: CalendarEvent,
        occurrence: occ.Occurrence | None,
        args: tuple[str, ...],
        ctx: Context,
    ) -> Reply:
        """What cancelling would do, with [Cancel it] [Keep it]; nothing changes yet."""
        if occurrence is None:
            what = f"*{event.title}* ({'every date' if event.rrule else 'its only date'})"
            going = set(await self._going_members(repo, event, ctx.now))
        else:
            if occurrence.at <= ctx.now:
                raise UserError(
                    "That date has already started; only future dates can be cancelled."
                )
            if occurrence.local in await repo.cancelled_occurrences(event.id):
                return Reply("That date was already cancelled.")
            what = f"*{event.title}* on {format_date(parse_local(occurrence.local))}"
            going = {
                r.member_id
                for r in await repo.rsvps(event.id, occurrence.local)
                if r.status == RsvpStatus.GOING.value
            }
        told = (
            f" The {len(going)} people who said Going will be told, and the channel too."
            if going
            else " The channel will be told."
        )
        return Reply(
            f"Cancel {what}?{told}",
            buttons=(
                Button(
                    "Cancel it",
                    ACTION_CANCEL_EVENT,
                    " ".join(args),
                    ButtonStyle.DANGER,
                    CANCEL_CONFIRMATION,
                ),
                Button("Keep it", ACTION_KEEP),
            ),
        )  # fmt: skip

    async def _announce(
        self,
        session: AsyncSession,
        event: CalendarEvent,
        key: OutboxKey,
        text: str,
        now: datetime,
    ) -> None:
        """A post in the event's channel, once per key."""
        await Outbox(session, now).revive(
            Body(text),
            event_target(event),
            now,
            key,
            kind=OutboxKind.ANNOUNCEMENT,
            tell=event.created_by,
        )

    async def _cancel_series(
        self, session: AsyncSession, repo: CalendarRepository, event: CalendarEvent, ctx: Context
    ) -> Reply:
        going = await self._going_members(repo, event, ctx.now)
        event.cancelled_at = ctx.now
        event.sequence += 1
        event.updated_at = ctx.now
        await Schedules(session, ctx.now).stop(keys.event(event.id))
        await Outbox(session, ctx.now).cancel(keys.event(event.id), purpose=keys.REMIND)
        text = f"❌ *{event.title}* is cancelled."
        await self._tell(repo, event, going, keys.cancelled(event.id, None), text, ctx.now)
        await self._announce(session, event, keys.cancelled(event.id, None), text, ctx.now)
        await AuditLog(session).record(
            ctx.now, ctx.actor.member_id, "event.cancel", "event", event.id, {"which": "all"}
        )
        told = f" I'm telling the {len(set(going))} people who said Going." if going else ""
        return Reply(f"Cancelled *{event.title}* (every date).{told}")

    async def _cancel_one(
        self,
        session: AsyncSession,
        repo: CalendarRepository,
        event: CalendarEvent,
        occurrence: occ.Occurrence,
        ctx: Context,
    ) -> Reply:
        if occurrence.at <= ctx.now:
            raise UserError("That date has already started; only future dates can be cancelled.")
        if not await repo.cancel_occurrence(event.id, occurrence.local, ctx.now):
            return Reply("That date was already cancelled.")
        event.sequence += 1
        event.updated_at = ctx.now
        for schedule in await Schedules(session, ctx.now).of(keys.event(event.id)):
            await self._fence(repo, event, schedule, occurrence.local, ctx.now)
        await Outbox(session, ctx.now).cancel(
            keys.event(event.id), purpose=keys.REMIND, occurrence=occurrence.local
        )
        going = [
            r.member_id
            for r in await repo.rsvps(event.id, occurrence.local)
            if r.status == RsvpStatus.GOING.value
        ]
        day = format_date(parse_local(occurrence.local))
        text = f"❌ *{event.title}* on {day} is cancelled. Other dates are unchanged."
        key = keys.cancelled(event.id, occurrence.local)
        await self._tell(repo, event, going, key, text, ctx.now)
        await self._announce(session, event, key, text, ctx.now)
        await AuditLog(session).record(
            ctx.now,
            ctx.actor.member_id,
            "event.cancel",
            "event",
            event.id,
            {"which": occurrence.local},
        )
        told = f" I'm telling the {len(going)} people who said Going." if going else ""
        return Reply(f"Cancelled *{event.title}* on {day}.{told}")


def example_create() -> str:
    """A create command that works, for help texts."""
    return EXAMPLE_CREATE
