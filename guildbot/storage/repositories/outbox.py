"""The outbox and schedules: the queries that make delivery exactly-once across processes.

Every state change is a conditional UPDATE (`… WHERE id = ? AND status = ? [AND claimed_by = ?]`)
checked by its row count, so a process that lost a race — or was frozen past its lease — changes
nothing. PostgreSQL claims with `FOR UPDATE SKIP LOCKED`, so concurrent claimers never wait on
or double-claim the same rows; SQLite (one process) claims row by row with the same conditional
update.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Update,
    and_,
    bindparam,
    delete,
    exists,
    false,
    func,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from guildbot.storage.models import ConversationSlot, OutboxMessage, OutboxStatus, Schedule
from guildbot.storage.repositories.slots import slot_conversation_sql

# What a body becomes when it is removed; a needle shorter than this would match anything.
REDACTED_PAYLOAD: dict[str, Any] = {"redacted": True}
MIN_NEEDLE = 3
FINISHED_UNSENT = (
    OutboxStatus.FAILED.value,
    OutboxStatus.MISSED.value,
    OutboxStatus.UNCERTAIN.value,
    OutboxStatus.CANCELLED.value,
)
# Rows not settled yet: waiting to be sent, being sent, or waiting for their owner's answer.
UNSETTLED = (
    OutboxStatus.PENDING.value,
    OutboxStatus.CLAIMED.value,
    OutboxStatus.UNCERTAIN.value,
)


@dataclass(frozen=True, slots=True)
class ExpiredClaim:
    """A claim taken over after its lease ran out: the row, who held it and until when."""

    row: OutboxMessage
    claimer: str
    lease_until: datetime | None


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


class OutboxRepository:
    """Reads and conditionally updates outbox rows."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @property
    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name

    async def enqueue(self, values: dict[str, Any]) -> bool:
        """Insert a row unless its dedupe key exists. True when this call created it."""
        statement = (
            postgresql_insert(OutboxMessage).values(values).on_conflict_do_nothing()
            if self._dialect == "postgresql"
            else sqlite_insert(OutboxMessage).values(values).on_conflict_do_nothing()
        )
        return _rowcount(await self.session.execute(statement)) == 1

    async def enqueue_or_revive(self, values: dict[str, Any]) -> bool:
        """Insert a row; if its dedupe key exists and was cancelled, make it pending again with
        these contents. A row that was sent (or is being sent) is left alone: exactly once."""
        if await self.enqueue(values):
            return True
        result = await self.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.dedupe_key == values["dedupe_key"],
                OutboxMessage.status == OutboxStatus.CANCELLED.value,
            )
            .values(
                status=OutboxStatus.PENDING.value,
                payload=values["payload"],
                due_at=values["due_at"],
                not_before=values["not_before"],
                attempts=0,
            )
        )
        return _rowcount(result) == 1

    async def redact_mentions(self, needles: Collection[str], now: datetime) -> int:
        """Remove every message body that holds one of `needles` (an erased member's platform
        user ids as JSON strings, their name, their e-mail): sent and finished rows keep
        only their bookkeeping, and rows not sent yet are cancelled too — a message naming
        someone who asked to be forgotten must not go out after they were. How many rows."""
        wanted = [n for n in needles if len(n) >= MIN_NEEDLE]
        if not wanted:
            return 0
        rows = await self.session.scalars(
            select(OutboxMessage).where(OutboxMessage.redacted_at.is_(None))
        )
        changed = 0
        for row in rows:
            body = json.dumps(row.payload, ensure_ascii=False)
            if not any(needle in body for needle in wanted):
                continue
            row.payload = dict(REDACTED_PAYLOAD)
            row.redacted_at = now
            if row.status in (OutboxStatus.PENDING.value, OutboxStatus.CLAIMED.value):
                row.status = OutboxStatus.CANCELLED.value
                row.last_error = "not sent: someone it named asked to be erased"
            changed += 1
        return changed

    async def prune_finished(
        self, before: datetime, now: datetime, keep_members: Collection[int] = ()
    ) -> tuple[int, int]:
        """Retention: sent rows older than `before` are deleted; other finished rows (failed,
        missed, uncertain, cancelled — kept as the record that they were never sent) lose
        their bodies. Pending rows are left alone, and so are rows to or from
        `keep_members` (under a legal hold). (deleted, redacted)."""
        finished_at = func.coalesce(OutboxMessage.sent_at, OutboxMessage.due_at)
        kept = list(keep_members)
        not_held = (
            and_(
                or_(
                    OutboxMessage.target_member_id.is_(None),
                    OutboxMessage.target_member_id.not_in(kept),
                ),
                or_(
                    OutboxMessage.owner_member_id.is_(None),
                    OutboxMessage.owner_member_id.not_in(kept),
                ),
            )
            if kept
            else true()
        )
        deleted = await self.session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.status == OutboxStatus.SENT.value, finished_at < before, not_held
            )
        )
        redacted = await self.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.status.in_(FINISHED_UNSENT),
                finished_at < before,
                OutboxMessage.redacted_at.is_(None),
                not_held,
            )
            .values(payload=REDACTED_PAYLOAD, redacted_at=now)
        )
        return _rowcount(deleted), _rowcount(redacted)

    async def tombstone(self, values: dict[str, Any]) -> None:
        """Make sure the row with this dedupe key is never sent: insert it cancelled, or cancel
        it if it is still pending."""
        if await self.enqueue({**values, "status": OutboxStatus.CANCELLED.value}):
            return
        await self.cancel_key(values["dedupe_key"])

    async def cancel_key(self, dedupe_key: str) -> bool:
        """Cancel the row with this dedupe key if it is still pending; whether it was."""
        result = await self.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.dedupe_key == dedupe_key,
                OutboxMessage.status == OutboxStatus.PENDING.value,
            )
            .values(status=OutboxStatus.CANCELLED.value)
        )
        return _rowcount(result) == 1

    async def cancel_owned(
        self,
        owner_kind: str,
        owner_id: str,
        *,
        purpose: str | None = None,
        occurrence: str | None = None,
        member_id: int | None = None,
    ) -> int:
        """Cancel an owner's pending rows (only those for `purpose`, `occurrence` and the
        member `member_id`, when given); how many."""
        conditions = [
            OutboxMessage.owner_kind == owner_kind,
            OutboxMessage.owner_id == owner_id,
            OutboxMessage.status == OutboxStatus.PENDING.value,
        ]
        if purpose is not None:
            conditions.append(OutboxMessage.purpose == purpose)
        if occurrence is not None:
            conditions.append(OutboxMessage.occurrence == occurrence)
        if member_id is not None:
            conditions.append(OutboxMessage.target_member_id == member_id)
        result = await self.session.execute(
            update(OutboxMessage).where(*conditions).values(status=OutboxStatus.CANCELLED.value)
        )
        return _rowcount(result)

    async def cancel_scheduled(self, schedule_ids: Collection[int]) -> int:
        """Cancel the pending rows these schedules materialised; how many."""
        result = await self.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.schedule_id.in_(list(schedule_ids)),
                OutboxMessage.status == OutboxStatus.PENDING.value,
            )
            .values(status=OutboxStatus.CANCELLED.value)
        )
        return _rowcount(result)

    async def pull_forward(self, dedupe_key: str, due: datetime, kind: str | None = None) -> bool:
        """Make a pending row due at `due` (and of `kind`, when given); whether it was pending."""
        values: dict[str, Any] = {"due_at": due, "not_before": due}
        if kind is not None:
            values["kind"] = kind
        result = await self.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.dedupe_key == dedupe_key,
                OutboxMessage.status == OutboxStatus.PENDING.value,
            )
            .values(values)
        )
        return _rowcount(result) == 1

    async def next_due(self) -> datetime | None:
        """When the soonest pending row may be sent."""
        return await self.session.scalar(
            select(func.min(OutboxMessage.not_before)).where(
                OutboxMessage.status == OutboxStatus.PENDING.value
            )
        )

    async def pending_for(self, member_id: int) -> int:
        """How many messages for this member are waiting to be sent."""
        return int(
            await self.session.scalar(
                select(func.count(OutboxMessage.id)).where(
                    OutboxMessage.target_member_id == member_id,
                    OutboxMessage.status == OutboxStatus.PENDING.value,
                )
            )
            or 0
        )

    async def get(self, message_id: int) -> OutboxMessage | None:
        """One row, fresh from the database."""
        return await self.session.get(OutboxMessage, message_id, populate_existing=True)

    async def claim(
        self,
        instance: str,
        now: datetime,
        lease: timedelta,
        platforms: Collection[str],
        in_grace: ColumnElement[bool],
        limit: int,
        free_by: datetime | None = None,
    ) -> list[OutboxMessage]:
        """Claim up to `limit` due, pending rows for this instance, oldest first.

        At most one row per conversation is claimed at a time, by any process: a row is
        skipped while another row of its conversation is claimed (with a live lease), and
        while its conversation's send slot ends after `free_by` (default `now`). So a busy
        conversation's rows stay pending, for whichever process can send them when its turn
        comes, instead of waiting in one process's hands, and processes seldom book slots
        in one conversation at once.
        """
        if not platforms:
            return []
        conversation = slot_conversation_sql()
        held = aliased(OutboxMessage)
        candidates = (
            select(
                OutboxMessage.id,
                func.row_number()
                .over(
                    partition_by=(OutboxMessage.platform, OutboxMessage.workspace_id, conversation),
                    order_by=(OutboxMessage.not_before, OutboxMessage.id),
                )
                .label("place"),
            )
            .where(
                OutboxMessage.status == OutboxStatus.PENDING.value,
                OutboxMessage.not_before <= now,
                OutboxMessage.platform.in_(list(platforms)),
                in_grace,
                ~exists().where(
                    held.status == OutboxStatus.CLAIMED.value,
                    held.lease_until > now,
                    held.platform == OutboxMessage.platform,
                    held.workspace_id == OutboxMessage.workspace_id,
                    slot_conversation_sql(held) == conversation,
                ),
                ~exists().where(
                    ConversationSlot.platform == OutboxMessage.platform,
                    ConversationSlot.workspace_id == OutboxMessage.workspace_id,
                    ConversationSlot.conversation == conversation,
                    ConversationSlot.next_at > (free_by or now),
                ),
            )
            .subquery()
        )
        due = (
            select(OutboxMessage.id)
            .where(
                OutboxMessage.id.in_(select(candidates.c.id).where(candidates.c.place == 1)),
                OutboxMessage.status == OutboxStatus.PENDING.value,
            )
            .order_by(OutboxMessage.not_before, OutboxMessage.id)
            .limit(limit)
        )
        claim_values = {
            "status": OutboxStatus.CLAIMED.value,
            "claimed_by": instance,
            "lease_until": now + lease,
            "claimed_at": now,
            "attempts": OutboxMessage.attempts + 1,
        }
        # One statement on both backends: PostgreSQL skips rows another process has locked;
        # SQLite (one writer at a time) takes its write lock for this statement only, so a
        # process claiming a large batch holds the lock for milliseconds, not a loop of them.
        chosen = (
            due.with_for_update(skip_locked=True) if self._dialect == "postgresql" else due
        ).scalar_subquery()
        statement = (
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(chosen), OutboxMessage.status == OutboxStatus.PENDING.value)
            .values(claim_values)
            .returning(OutboxMessage.id)
        )
        claimed_ids = list((await self.session.execute(statement)).scalars().all())
        if not claimed_ids:
            return []
        rows = await self.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.id.in_(claimed_ids))
            .order_by(OutboxMessage.not_before, OutboxMessage.id)
            .execution_options(populate_existing=True)
        )
        return list(rows.all())

    async def renew(self, message_id: int, instance: str, now: datetime, lease: timedelta) -> bool:
        """Extend our lease right before sending. False: the row is no longer ours."""
        result = await self.session.execute(
            _RENEW,
            {"row_id": message_id, "instance": instance, "now": now, "until": now + lease},
        )
        return _rowcount(result) == 1

    async def finish(
        self, message_id: int, instance: str, status: OutboxStatus, **values: Any
    ) -> bool:
        """Move a row we hold (claimed by `instance`) to its outcome."""
        result = await self.session.execute(
            _finish_statement(tuple(sorted(values))),
            {
                "row_id": message_id,
                "instance": instance,
                "new_status": status.value,
                **{f"new_{column}": value for column, value in values.items()},
            },
        )
        return _rowcount(result) == 1

    async def transition(
        self,
        message_id: int,
        from_statuses: Sequence[OutboxStatus],
        to: OutboxStatus,
        **values: Any,
    ) -> bool:
        """Move a row from one of `from_statuses` to `to`; False if it was not in them (or
        it is to be sent again and has no body any more: redacted)."""
        conditions = [
            OutboxMessage.id == message_id,
            OutboxMessage.status.in_([s.value for s in from_statuses]),
        ]
        if to is OutboxStatus.PENDING:
            conditions.append(OutboxMessage.redacted_at.is_(None))
        result = await self.session.execute(
            update(OutboxMessage).where(*conditions).values(status=to.value, **values)
        )
        return _rowcount(result) == 1

    async def take_over_expired(
        self, instance: str, now: datetime, lease: timedelta, limit: int = 500
    ) -> list[ExpiredClaim]:
        """Take over claims whose lease ran out (their claimer may or may not have sent
        them): each becomes ours under a fresh lease, keeping when it was claimed, so that
        one process at a time finds out what became of it. Rows another session has locked
        (a claimer frozen inside a transaction) are skipped, not waited for: they are taken
        over once that session is gone."""
        query = (
            select(OutboxMessage)
            .where(
                OutboxMessage.status == OutboxStatus.CLAIMED.value,
                OutboxMessage.lease_until < now,
            )
            .order_by(OutboxMessage.lease_until, OutboxMessage.id)
            .limit(limit)
            .execution_options(populate_existing=True)
        )
        if self._dialect == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = list((await self.session.scalars(query)).all())
        expired = [ExpiredClaim(row, row.claimed_by or "", row.lease_until) for row in rows]
        if not rows:
            return []
        await self.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id.in_([row.id for row in rows]),
                OutboxMessage.status == OutboxStatus.CLAIMED.value,
                OutboxMessage.lease_until < now,
            )
            .values(claimed_by=instance, lease_until=now + lease)
            .execution_options(synchronize_session=False)
        )
        return expired

    async def release(self, message_id: int, instance: str, now: datetime, why: str) -> bool:
        """Give a row we hold back to pending, to be sent at once (by whoever claims it)."""
        result = await self.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id,
                OutboxMessage.status == OutboxStatus.CLAIMED.value,
                OutboxMessage.claimed_by == instance,
            )
            .values(
                status=OutboxStatus.PENDING.value,
                claimed_by=None,
                lease_until=None,
                not_before=now,
                last_error=why[:300],
            )
            .execution_options(synchronize_session=False)
        )
        return _rowcount(result) == 1

    async def hand_back(self, message_id: int, instance: str, claim: ExpiredClaim) -> bool:
        """Undo our take-over of an expired claim (it is expired again, as it was)."""
        result = await self.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id,
                OutboxMessage.status == OutboxStatus.CLAIMED.value,
                OutboxMessage.claimed_by == instance,
            )
            .values(claimed_by=claim.claimer or None, lease_until=claim.lease_until)
            .execution_options(synchronize_session=False)
        )
        return _rowcount(result) == 1

    async def leases_of(self, instance: str) -> tuple[datetime | None, datetime | None]:
        """When the first and the last lease `instance` still holds end."""
        found = await self.session.execute(
            select(func.min(OutboxMessage.lease_until), func.max(OutboxMessage.lease_until)).where(
                OutboxMessage.status == OutboxStatus.CLAIMED.value,
                OutboxMessage.claimed_by == instance,
            )
        )
        first, last = found.one()
        return first, last

    async def uncertain_of_incident(
        self, incident: str, owner_member_id: int
    ) -> list[OutboxMessage]:
        """An incident's rows that are still uncertain and belong to one owner, due first."""
        rows = await self.session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.incident == incident,
                OutboxMessage.owner_member_id == owner_member_id,
                OutboxMessage.status == OutboxStatus.UNCERTAIN.value,
            )
            .order_by(OutboxMessage.due_at, OutboxMessage.id)
            .execution_options(populate_existing=True)
        )
        return list(rows.all())

    async def set_pending_payload(self, dedupe_key: str, payload: dict[str, Any]) -> bool:
        """Replace the body of a row not sent yet (a notice that has more to say)."""
        result = await self.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.dedupe_key == dedupe_key,
                OutboxMessage.status == OutboxStatus.PENDING.value,
            )
            .values(payload=payload)
        )
        return _rowcount(result) == 1

    async def pending_due(
        self, now: datetime, platforms: Collection[str], limit: int = 2000
    ) -> list[OutboxMessage]:
        """Pending rows that are due now (for the missed and coalescing sweeps)."""
        rows = await self.session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.status == OutboxStatus.PENDING.value,
                OutboxMessage.not_before <= now,
                OutboxMessage.platform.in_(list(platforms)),
            )
            .order_by(OutboxMessage.due_at)
            .limit(limit)
        )
        return list(rows.all())

    async def listing(
        self, status: OutboxStatus | None = None, limit: int = 50
    ) -> list[OutboxMessage]:
        """Newest-due rows first, optionally of one status (for operators)."""
        statement = select(OutboxMessage).order_by(OutboxMessage.due_at.desc()).limit(limit)
        if status is not None:
            statement = statement.where(OutboxMessage.status == status.value)
        return list((await self.session.scalars(statement)).all())

    async def count_by_status(self) -> dict[str, int]:
        """How many rows are in each status."""
        rows = await self.session.execute(
            select(OutboxMessage.status, func.count(OutboxMessage.id)).group_by(
                OutboxMessage.status
            )
        )
        return {status: count for status, count in rows.all()}

    async def depth(self, statuses: Collection[str] = UNSETTLED) -> dict[tuple[str, str], int]:
        """How many rows of `statuses` there are, by (status, kind): counted from the
        (status, kind) index alone, so it costs what is waiting, not the table's history."""
        rows = await self.session.execute(
            select(OutboxMessage.status, OutboxMessage.kind, func.count())
            .where(OutboxMessage.status.in_(list(statuses)))
            .group_by(OutboxMessage.status, OutboxMessage.kind)
        )
        return {(status, kind): count for status, kind, count in rows.all()}


# Renew and finish run once or twice per message sent: their statements are built once, with
# bound parameters, and touch no objects in the session.
_RENEW = (
    update(OutboxMessage)
    .where(
        OutboxMessage.id == bindparam("row_id"),
        OutboxMessage.status == OutboxStatus.CLAIMED.value,
        OutboxMessage.claimed_by == bindparam("instance"),
        OutboxMessage.lease_until > bindparam("now"),
    )
    .values(lease_until=bindparam("until"))
    .execution_options(synchronize_session=False)
)
_FINISH: dict[tuple[str, ...], Update] = {}


def _finish_statement(columns: tuple[str, ...]) -> Update:
    statement = _FINISH.get(columns)
    if statement is None:
        statement = (
            update(OutboxMessage)
            .where(
                OutboxMessage.id == bindparam("row_id"),
                OutboxMessage.status == OutboxStatus.CLAIMED.value,
                OutboxMessage.claimed_by == bindparam("instance"),
            )
            .values(
                status=bindparam("new_status"),
                lease_until=None,
                **{column: bindparam(f"new_{column}") for column in columns},
            )
            .execution_options(synchronize_session=False)
        )
        _FINISH[columns] = statement
    return statement


def within_grace(now: datetime, grace_by_kind: dict[str, timedelta], default: timedelta) -> Any:
    """SQL condition: the row's due time is not older than its kind's grace period."""
    known = [
        and_(OutboxMessage.kind == kind, OutboxMessage.due_at >= now - grace)
        for kind, grace in grace_by_kind.items()
    ]
    other = and_(
        OutboxMessage.kind.not_in(list(grace_by_kind)) if grace_by_kind else ~false(),
        OutboxMessage.due_at >= now - default,
    )
    return or_(*known, other)


class ScheduleRepository:
    """Recurring things and how far they have been materialised."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, schedule: Schedule) -> Schedule:
        """Insert a schedule."""
        self.session.add(schedule)
        await self.session.flush()
        return schedule

    async def of_owner(self, owner_kind: str, owner_id: str) -> list[Schedule]:
        """An owner's active schedules."""
        rows = await self.session.scalars(
            select(Schedule).where(
                Schedule.owner_kind == owner_kind,
                Schedule.owner_id == owner_id,
                Schedule.active.is_(True),
            )
        )
        return list(rows.all())

    async def deactivate(self, schedule_ids: Collection[int]) -> None:
        """Stop schedules: nothing more is materialised from them."""
        await self.session.execute(
            update(Schedule)
            .where(Schedule.id.in_(list(schedule_ids)))
            .values(active=False, next_local=None, next_due_at=None)
        )

    async def next_due(self) -> datetime | None:
        """When the soonest active schedule's next occurrence is due."""
        return await self.session.scalar(
            select(func.min(Schedule.next_due_at)).where(Schedule.active.is_(True))
        )

    async def get(self, schedule_id: int) -> Schedule | None:
        """One schedule."""
        return await self.session.get(Schedule, schedule_id)

    async def due(self, horizon: datetime, limit: int = 200) -> list[Schedule]:
        """Active schedules with an occurrence due before `horizon`."""
        rows = await self.session.scalars(
            select(Schedule)
            .where(Schedule.active.is_(True), Schedule.next_due_at <= horizon)
            .order_by(Schedule.next_due_at)
            .limit(limit)
        )
        return list(rows.all())

    async def advance(
        self,
        schedule_id: int,
        expected_next_local: str | None,
        next_local: str | None,
        next_due_at: datetime | None,
    ) -> bool:
        """Move a schedule forward, only if no other process already did."""
        result = await self.session.execute(
            update(Schedule)
            .where(Schedule.id == schedule_id, Schedule.next_local == expected_next_local)
            .values(
                next_local=next_local,
                next_due_at=next_due_at,
                active=next_local is not None,
            )
        )
        return _rowcount(result) == 1

    async def listing(self, limit: int = 100) -> list[Schedule]:
        """Schedules, soonest first."""
        rows = await self.session.scalars(
            select(Schedule).order_by(Schedule.active.desc(), Schedule.next_due_at).limit(limit)
        )
        return list(rows.all())
