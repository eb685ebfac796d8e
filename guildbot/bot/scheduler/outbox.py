"""The one way the bot asks for a message to be sent: queue it in the outbox.

Features queue, revive, fence off, cancel and pull forward messages through `Outbox`, inside
their own unit of work, so a message commits with the state it reports. Each message has an
`OutboxKey`: its dedupe key (the same message queued twice is one row, even from two
processes) and what it belongs to (`Owner`, a purpose, an occurrence), by which it is
cancelled with its owner. Recurring messages are `Schedules`, which the tick materialises
into outbox rows. Only `storage.repositories.outbox` touches the tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.pending import PendingActions
from guildbot.bot.scheduler.payload import Body
from guildbot.bot.scheduler.recurrence import Recurrence, format_local
from guildbot.contract.refs import ConversationRef, MemberRef
from guildbot.contract.richtext import RichText
from guildbot.storage.models import OutboxKind, OutboxStatus, Schedule
from guildbot.storage.repositories.groups import GroupConversationRepository
from guildbot.storage.repositories.outbox import OutboxRepository, ScheduleRepository

MAX_KEY = 200


@dataclass(frozen=True, slots=True)
class Target:
    """Where a message goes: a conversation, or a member by direct message on a platform."""

    platform: str
    workspace_id: str
    channel_id: str | None = None
    thread_id: str | None = None
    conversation_kind: str | None = None
    member_id: int | None = None
    group_id: int | None = None

    @classmethod
    def conversation(cls, ref: ConversationRef) -> Target:
        """A conversation target."""
        return cls(ref.platform, ref.workspace_id, ref.channel_id, ref.thread_id, ref.kind.value)

    @classmethod
    def member(cls, platform: str, workspace_id: str, member_id: int) -> Target:
        """A member, reached by direct message."""
        return cls(platform, workspace_id, member_id=member_id)

    @classmethod
    def group(cls, platform: str, workspace_id: str, group_id: int) -> Target:
        """A group (see `Outbox.group`): its conversation is opened when first sent to."""
        return cls(platform, workspace_id, group_id=group_id)

    def columns(self) -> dict[str, Any]:
        """The outbox columns for this target."""
        return {
            "platform": self.platform,
            "workspace_id": self.workspace_id,
            "channel_id": self.channel_id,
            "thread_id": self.thread_id,
            "conversation_kind": self.conversation_kind,
            "target_member_id": self.member_id,
            "target_group_id": self.group_id,
        }


@dataclass(frozen=True, slots=True)
class Owner:
    """What queued messages belong to (an event, a question, a coffee group…)."""

    kind: str
    id: str

    @classmethod
    def of(cls, kind: str, identifier: int | str) -> Owner:
        """The owner `kind` number `identifier`."""
        return cls(kind, str(identifier))


@dataclass(frozen=True, slots=True)
class OutboxKey:
    """A queued message's identity: its unique dedupe key, and the owner, purpose and
    occurrence it is cancelled by. Features build keys with their own typed builders."""

    text: str
    owner: Owner
    purpose: str
    occurrence: str | None = None

    def columns(self) -> dict[str, Any]:
        """The outbox columns of this key."""
        return {
            "dedupe_key": self.text[:MAX_KEY],
            "owner_kind": self.owner.kind,
            "owner_id": self.owner.id,
            "purpose": self.purpose,
            "occurrence": self.occurrence,
        }


def schedule_key(schedule_id: int, occurrence_at: datetime) -> OutboxKey:
    """The message of one occurrence of a schedule (the tick's, and its fences')."""
    return OutboxKey(
        f"schedule:{schedule_id}:{occurrence_at.isoformat()}",
        Owner.of("schedule", schedule_id),
        "occurrence",
        occurrence_at.isoformat(),
    )


def notice_key(reason: str, row_id: int, attempts: int) -> OutboxKey:
    """A notice to a row's owner about that row (once per row and attempt)."""
    return OutboxKey(
        f"notice:{reason}:{row_id}:{attempts}", Owner.of("outbox", row_id), f"notice-{reason}"
    )


class Outbox:
    """Queue and withdraw messages inside the caller's unit of work."""

    def __init__(self, session: AsyncSession, now: datetime) -> None:
        self.repository = OutboxRepository(session)
        self.groups = GroupConversationRepository(session)
        self.pending = PendingActions(session, now)
        self.now = now

    async def group(self, key: str, members: Sequence[MemberRef]) -> Target:
        """Messages to these members together, as the group `key` (say ``coffee-group:12``):
        delivery opens their conversation on the first send and keeps it for the next."""
        first = members[0]
        group_id = await self.groups.ensure(
            first.platform, first.workspace_id, key, [m.user_id for m in members], self.now
        )
        return Target.group(first.platform, first.workspace_id, group_id)

    async def queue(
        self,
        body: Body,
        to: Target,
        due: datetime,
        key: OutboxKey,
        *,
        kind: OutboxKind,
        tell: int | None = None,
        schedule: tuple[int, datetime] | None = None,
    ) -> bool:
        """Send `body` to `to` at `due`. False when that key was queued already (whatever
        became of it). `tell` is the member to tell if it cannot be delivered; `schedule`
        the (schedule id, occurrence) a row of a recurring message stands for."""
        body = await self._short(body)
        return await self.repository.enqueue(self._row(body, to, due, key, kind, tell, schedule))

    async def revive(
        self,
        body: Body,
        to: Target,
        due: datetime,
        key: OutboxKey,
        *,
        kind: OutboxKind,
        tell: int | None = None,
    ) -> bool:
        """Queue a message; if its key was queued and then cancelled, queue it again with
        this body and time. A message that was sent (or is being sent) is left alone."""
        body = await self._short(body)
        return await self.repository.enqueue_or_revive(
            self._row(body, to, due, key, kind, tell, None)
        )

    async def tombstone(
        self,
        to: Target,
        due: datetime,
        key: OutboxKey,
        *,
        kind: OutboxKind,
        schedule: tuple[int, datetime] | None = None,
    ) -> None:
        """Make sure the message with this key is never sent: record it cancelled, or cancel
        it if it is still pending. A schedule materialising that key then creates nothing."""
        await self.repository.tombstone(
            self._row(Body(RichText.of("cancelled")), to, due, key, kind, None, schedule)
        )

    async def cancel(
        self,
        owner: Owner,
        *,
        purpose: str | None = None,
        occurrence: str | None = None,
        member_id: int | None = None,
    ) -> int:
        """Never send what `owner` queued and is not sent yet (only for that purpose,
        occurrence or member, when given); how many messages that was."""
        return await self.repository.cancel_owned(
            owner.kind, owner.id, purpose=purpose, occurrence=occurrence, member_id=member_id
        )

    async def cancel_key(self, key: OutboxKey) -> bool:
        """Never send this one message if it is still pending; whether it was."""
        return await self.repository.cancel_key(key.text[:MAX_KEY])

    async def pull_forward(
        self, key: OutboxKey, due: datetime, kind: OutboxKind | None = None
    ) -> bool:
        """Send a pending message at `due` instead (as `kind`, when given); whether it was
        still pending."""
        return await self.repository.pull_forward(
            key.text[:MAX_KEY], due, kind.value if kind else None
        )

    async def _short(self, body: Body) -> Body:
        """The body with buttons that fit every platform (see `bot.pending`)."""
        buttons = await self.pending.shortened(body.buttons)
        return body if buttons is body.buttons else Body(body.text, buttons, body.context)

    def _row(
        self,
        body: Body,
        to: Target,
        due: datetime,
        key: OutboxKey,
        kind: OutboxKind,
        tell: int | None,
        schedule: tuple[int, datetime] | None,
    ) -> dict[str, Any]:
        row = {
            "kind": kind.value,
            **key.columns(),
            **to.columns(),
            "owner_member_id": tell,
            "payload": body.payload(),
            "due_at": due,
            "not_before": due,
            "status": OutboxStatus.PENDING.value,
            "attempts": 0,
            "created_at": self.now,
        }
        if schedule is not None:
            row["schedule_id"], row["occurrence_at"] = schedule
        return row


class Schedules:
    """Recurring messages (and occurrences that run code, such as coffee rounds)."""

    def __init__(self, session: AsyncSession, now: datetime) -> None:
        self.repository = ScheduleRepository(session)
        self.outbox = OutboxRepository(session)
        self.now = now

    async def add(
        self,
        owner: Owner,
        kind: OutboxKind,
        recurrence: Recurrence,
        to: Target,
        body: Body,
        *,
        offset: timedelta = timedelta(0),
        tell: int | None = None,
        after: datetime | None = None,
    ) -> Schedule:
        """Each occurrence of `recurrence` (+ `offset`) from the first due after `after`
        (or the first at all) becomes a message to `to`. A rule with no such occurrence
        gives an inactive schedule."""
        upcoming = recurrence.first()
        while upcoming is not None and after is not None and upcoming.at + offset <= after:
            upcoming = recurrence.after(upcoming.local)
        return await self.repository.add(
            Schedule(
                owner_kind=owner.kind,
                owner_id=owner.id,
                owner_member_id=tell,
                kind=kind.value,
                rrule=recurrence.rule,
                timezone=recurrence.timezone,
                local_start=format_local(recurrence.local_start),
                offset_seconds=int(offset.total_seconds()),
                platform=to.platform,
                workspace_id=to.workspace_id,
                channel_id=to.channel_id,
                target_member_id=to.member_id,
                payload=body.payload(),
                next_local=format_local(upcoming.local) if upcoming else None,
                next_due_at=upcoming.at + offset if upcoming else None,
                active=upcoming is not None,
                created_at=self.now,
            )
        )

    async def of(self, owner: Owner) -> list[Schedule]:
        """The active schedules `owner` has."""
        return await self.repository.of_owner(owner.kind, owner.id)

    async def stop(self, owner: Owner) -> int:
        """Deactivate `owner`'s schedules and cancel what they queued but did not send."""
        ids = [schedule.id for schedule in await self.of(owner)]
        if not ids:
            return 0
        await self.repository.deactivate(ids)
        return await self.outbox.cancel_scheduled(ids)


async def next_due(session: AsyncSession) -> datetime | None:
    """The soonest moment anything is due: a schedule's next occurrence or a pending row."""
    found = [
        due
        for due in (
            await ScheduleRepository(session).next_due(),
            await OutboxRepository(session).next_due(),
        )
        if due is not None
    ]
    return min(found) if found else None
