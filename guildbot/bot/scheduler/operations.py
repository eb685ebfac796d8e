"""What operators (and the owners of messages) do with outbox rows: retry, cancel, answer
"did it get posted?", list rows and schedules; and, for tools and tests, queue a message in
a transaction of its own through the one outbox API."""

from __future__ import annotations

from datetime import datetime, timedelta

from guildbot.bot.clock import Clock
from guildbot.bot.context import Context, Reply
from guildbot.bot.i18n import Language, translate
from guildbot.bot.registry import Registry, Settles
from guildbot.bot.scheduler import notices
from guildbot.bot.scheduler.outbox import Outbox, OutboxKey, Owner, Schedules, Target
from guildbot.bot.scheduler.payload import Body
from guildbot.bot.scheduler.reconcile import (
    ACTION_DISMISS,
    ACTION_RESEND,
    ACTION_RESEND_INCIDENT,
    ACTION_SHOW_INCIDENT,
)
from guildbot.bot.scheduler.recurrence import Recurrence
from guildbot.contract.outbound import Button
from guildbot.contract.richtext import RichText
from guildbot.storage.engine import Database
from guildbot.storage.models import OutboxKind, OutboxMessage, OutboxStatus, Schedule
from guildbot.storage.repositories.outbox import OutboxRepository, ScheduleRepository

RETRYABLE = (
    OutboxStatus.FAILED,
    OutboxStatus.MISSED,
    OutboxStatus.UNCERTAIN,
    OutboxStatus.CANCELLED,
)
CANCELLABLE = (OutboxStatus.PENDING, OutboxStatus.FAILED, OutboxStatus.UNCERTAIN)


class OutboxService:
    """Enqueue one-off messages and recurring schedules; operator actions on rows."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    async def enqueue(
        self,
        kind: OutboxKind,
        key: str,
        target: Target,
        due_at: datetime,
        text: RichText | str,
        buttons: tuple[Button, ...] = (),
        context: RichText | str | None = None,
        owner_member_id: int | None = None,
    ) -> bool:
        """Queue one message in a transaction of its own, under an operator's key (features
        queue inside their own units of work); a string is shown as written. False when that
        key was already queued."""
        async with self.database.transaction() as session:
            return await Outbox(session, self.clock.now()).queue(
                Body(_rich(text), buttons, _rich(context) if context else None),
                target,
                due_at,
                OutboxKey(key, Owner("operator", key[:64]), "message"),
                kind=kind,
                tell=owner_member_id,
            )

    async def add_schedule(
        self,
        owner_kind: str,
        owner_id: str,
        kind: OutboxKind,
        rrule: str,
        timezone: str,
        local_start: datetime,
        target: Target,
        text: RichText | str,
        offset: timedelta = timedelta(0),
        owner_member_id: int | None = None,
    ) -> int:
        """A recurring message: each occurrence of `rrule` (local to `timezone`) + `offset`."""
        async with self.database.transaction() as session:
            schedule = await Schedules(session, self.clock.now()).add(
                Owner(owner_kind, owner_id),
                kind,
                Recurrence(rrule, local_start, timezone),
                target,
                Body(_rich(text)),
                offset=offset,
                tell=owner_member_id,
            )
            return schedule.id

    async def exists(self, message_id: int) -> bool:
        """Whether the outbox has a row with this id."""
        async with self.database.transaction() as session:
            return await OutboxRepository(session).get(message_id) is not None

    async def retry(self, message_id: int) -> bool:
        """Send a failed, missed, uncertain or cancelled row again, now."""
        async with self.database.transaction() as session:
            return await OutboxRepository(session).transition(
                message_id,
                RETRYABLE,
                OutboxStatus.PENDING,
                not_before=self.clock.now(),
                due_at=self.clock.now(),
                attempts=0,
                claimed_by=None,
                lease_until=None,
            )

    async def answer_uncertain(
        self, member_id: int, value: str, resend: bool, language: Language = Language.EN
    ) -> RichText:
        """The owner's answer to "did it get posted?": post it again, or leave it as sent."""
        if not (value.isascii() and value.isdigit()) or len(value) > 18:
            return translate(language, "scheduler-answer-expired")
        async with self.database.transaction() as session:
            outbox = OutboxRepository(session)
            row = await outbox.get(int(value))
            if row is None or row.owner_member_id != member_id:
                return translate(language, "scheduler-answer-not-yours")
            if resend:
                changed = await outbox.transition(
                    row.id,
                    [OutboxStatus.UNCERTAIN],
                    OutboxStatus.PENDING,
                    not_before=self.clock.now(),
                    due_at=self.clock.now(),
                )
                if not changed:
                    return translate(language, "scheduler-answer-settled")
                return translate(language, "scheduler-answer-posting-again")
            changed = await outbox.transition(
                row.id,
                [OutboxStatus.UNCERTAIN],
                OutboxStatus.SENT,
                last_error="confirmed as posted by its owner",
            )
            if not changed:
                return translate(language, "scheduler-answer-settled")
            return translate(language, "scheduler-answer-noted")

    async def answer_incident(
        self, member_id: int, value: str, resend: bool, language: Language = Language.EN
    ) -> RichText:
        """The owner's answer to "these may not have been posted": post those still
        uncertain now, or list them."""
        if not (value.isascii() and value.isdigit()) or len(value) > 18:
            return translate(language, "scheduler-answer-expired")
        async with self.database.transaction() as session:
            outbox = OutboxRepository(session)
            row = await outbox.get(int(value))
            if row is None or row.owner_member_id != member_id or row.incident is None:
                return translate(language, "scheduler-answer-not-yours-several")
            rows = await outbox.uncertain_of_incident(row.incident, member_id)
            if not rows:
                return translate(language, "scheduler-answer-settled")
            if not resend:
                return notices.incident_listing(language, [_listed(r) for r in rows])
            posted = 0
            for uncertain in rows:
                posted += await outbox.transition(
                    uncertain.id,
                    [OutboxStatus.UNCERTAIN],
                    OutboxStatus.PENDING,
                    not_before=self.clock.now(),
                    due_at=self.clock.now(),
                )
        return translate(language, "scheduler-answer-posting", count=posted)

    async def cancel(self, message_id: int) -> bool:
        """Never send a row that has not been sent."""
        async with self.database.transaction() as session:
            return await OutboxRepository(session).transition(
                message_id, CANCELLABLE, OutboxStatus.CANCELLED
            )

    async def listing(
        self, status: OutboxStatus | None = None, limit: int = 50
    ) -> list[OutboxMessage]:
        """Rows for operators."""
        async with self.database.transaction() as session:
            return await OutboxRepository(session).listing(status, limit)

    async def schedules(self) -> list[Schedule]:
        """Schedules for operators."""
        async with self.database.transaction() as session:
            return await ScheduleRepository(session).listing()


def setup(registry: Registry, outbox: OutboxService) -> None:
    """The buttons of the owner's "was it posted?" notice (see `tick`)."""

    async def resend(ctx: Context, value: str) -> Reply:
        return Reply(await outbox.answer_uncertain(ctx.actor.member_id, value, True, ctx.language))

    async def dismiss(ctx: Context, value: str) -> Reply:
        return Reply(await outbox.answer_uncertain(ctx.actor.member_id, value, False, ctx.language))

    async def resend_incident(ctx: Context, value: str) -> Reply:
        return Reply(await outbox.answer_incident(ctx.actor.member_id, value, True, ctx.language))

    async def show_incident(ctx: Context, value: str) -> Reply:
        return Reply(await outbox.answer_incident(ctx.actor.member_id, value, False, ctx.language))

    registry.button(ACTION_RESEND, resend)
    registry.button(ACTION_DISMISS, dismiss)
    registry.button(ACTION_RESEND_INCIDENT, resend_incident)
    registry.button(ACTION_SHOW_INCIDENT, show_incident, settles=Settles.NEVER)


def _rich(text: RichText | str) -> RichText:
    """An operator's text: rich text as it is, a string shown as written."""
    return text if isinstance(text, RichText) else RichText.of(text)


LISTED_WORDS = 80


def _listed(row: OutboxMessage) -> tuple[str, datetime, str, str, str]:
    """An uncertain row as its owner sees it listed: kind, due, platform and channel (see
    `notices.incident_listing`), first words."""
    if row.target_member_id is not None:
        platform, channel = row.platform, ""
    elif row.target_group_id is not None:
        platform, channel = "", "group"
    else:
        platform, channel = row.platform, row.channel_id or "?"
    words = str(row.payload.get("text") or "(no text)")
    if len(words) > LISTED_WORDS:
        words = words[: LISTED_WORDS - 1] + "…"
    return row.kind, row.due_at, platform, channel, words
