"""Delivery: send claimed outbox rows through their adapters, paced, retried, recorded once."""

from __future__ import annotations

import asyncio
import logging
import math
import random
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.clock import Clock
from guildbot.bot.i18n import Language
from guildbot.bot.metrics import ABANDONED, FAILED, RETRIED, Metrics
from guildbot.bot.scheduler import notices
from guildbot.bot.scheduler.payload import Body
from guildbot.bot.scheduler.policy import DeliveryPolicy
from guildbot.contract.adapter import Adapter
from guildbot.contract.errors import DeliveryError, RecipientUnreachable
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.reconciling import SEND_DEADLINE, Reconciling, SendKey
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef, MessageRef
from guildbot.contract.richtext import RichText
from guildbot.storage.engine import Database
from guildbot.storage.models import OutboxKind, OutboxMessage, OutboxStatus
from guildbot.storage.repositories.groups import GroupConversationRepository
from guildbot.storage.repositories.members import MemberRepository
from guildbot.storage.repositories.outbox import OutboxRepository
from guildbot.storage.repositories.slots import ConversationSlotRepository, slot_conversation

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
# Several conversations are served at once, each strictly in order; at most this many sends
# (renew, send, record) are in flight at once in one process.
MAX_CONCURRENT_SENDS = 32
# Past slots are forgotten once the pacer knows this many conversations.
PACER_PRUNE_AT = 10_000
# Rate-limited sends wake on this grid, a few at a time, so they can share transactions.
SEND_WAVE_SECONDS = 0.05
# With no configured send rate, a 429 sets one from what was sent in the last second
# (times ADAPT_DECREASE), which then grows by ADAPT_INCREASE a second.
ADAPT_DECREASE = 0.7
ADAPT_INCREASE = 1.05
ADAPT_MIN_RATE = 1.0
ADAPT_MAX_RATE = 10_000.0
ONE_SECOND = timedelta(seconds=1)
# A row is not sent once less than this part of its lease is left (the process froze or
# starved between renewing and sending): another instance may be about to take it over.
LEASE_MARGIN_PARTS = 4
# A send later than this part of its conversation's interval after its slot began books
# another slot, at most this many times (then it goes out late rather than not at all).
MISSED_SLOT_PARTS = 10
MAX_BOOKINGS = 3


@dataclass
class DeliveryReport:
    """What one delivery pass did."""

    sent: int = 0
    failed: int = 0
    retried: int = 0
    skipped: int = 0  # rows no longer ours when their turn came (lease lost)
    lateness_seconds: list[float] = field(default_factory=list)

    def add(self, other: DeliveryReport) -> None:
        """Count another pass's outcomes in this report."""
        self.sent += other.sent
        self.failed += other.failed
        self.retried += other.retried
        self.skipped += other.skipped
        self.lateness_seconds += other.lateness_seconds


class Pacer:
    """What this process knows of when each conversation may next be sent to: the end of the
    last slot it booked there (`ConversationSlotRepository.book`, shared by every process).

    Waiting here first saves booking a slot that is not free yet; the booking itself decides.
    """

    def __init__(self, clock: Clock, sleep: Sleep) -> None:
        self.clock = clock
        self.sleep = sleep
        self._next_slot: dict[str, datetime] = {}

    async def wait_turn(self, conversation_key: str) -> None:
        """Return when a message may be sent to this conversation."""
        ready = self._next_slot.get(conversation_key)
        now = self.clock.now()
        if ready is not None and ready > now:
            await self.sleep((ready - now).total_seconds())

    def booked(self, conversation_key: str, free_at: datetime) -> None:
        """A slot was booked in this conversation: the next one is free at `free_at`."""
        now = self.clock.now()
        if len(self._next_slot) >= PACER_PRUNE_AT:
            self._next_slot = {k: at for k, at in self._next_slot.items() if at > now}
        known = self._next_slot.get(conversation_key)
        if known is None or free_at > known:
            self._next_slot[conversation_key] = free_at


class RateLimiter:
    """Spaces one platform's sends from this process, all conversations together, to at most
    `rate` per second; and holds them all back while the platform has asked us to wait.

    With no configured rate the limit adapts: the first 429 of a burst sets it to
    `ADAPT_DECREASE` of what was sent in the last second, and every second after the hold it
    grows by `ADAPT_INCREASE`, so processes sharing a platform settle below its limit instead
    of bursting into it again and again (each 429 costs its row an attempt).

    Slots are booked without awaiting in between, so concurrent senders never share one.
    Senders wake in waves (`SEND_WAVE_SECONDS`, at a phase of this limiter's own, so that
    several processes do not burst together), and the few sends of one wave renew and record
    their rows in shared transactions (see `GroupCommit`); the average rate is the same.
    """

    def __init__(self, clock: Clock, sleep: Sleep, rate: float | None, phase: float = 0.0) -> None:
        self.clock = clock
        self.sleep = sleep
        self.configured = rate
        self.rate = rate  # the limit now; None: none
        self.phase = phase % SEND_WAVE_SECONDS
        self._next_slot: datetime | None = None
        self._held_until: datetime | None = None
        self._recent: deque[datetime] = deque()  # sends in the last second (adaptive only)
        self._changed_at: datetime | None = None

    @property
    def spacing(self) -> timedelta:
        """The time between two slots at the current rate."""
        return timedelta(seconds=1 / self.rate) if self.rate else timedelta(0)

    async def wait_turn(self) -> None:
        """Return at this process's next free send slot on the platform, and book it."""
        while True:
            now = self.clock.now()
            # Slots of the wave just gone may still be used: waking on the wave grid must
            # not lower the rate.
            earliest = now - timedelta(seconds=SEND_WAVE_SECONDS) if self.spacing else now
            slot = self._next_slot if self._next_slot and self._next_slot > earliest else earliest
            self._next_slot = slot + self.spacing
            if slot > now:
                wake = _wave(slot, self.phase) if self.spacing else slot
                await self.sleep((wake - now).total_seconds())
            if self._held_until is None or self._held_until <= self.clock.now():
                self._sending(self.clock.now())
                return
            # The platform said to wait while we slept: queue again behind that.

    def hold(self, until: datetime) -> None:
        """The platform said to wait (a 429's Retry-After): no send before `until`."""
        now = self.clock.now()
        first_of_burst = self._held_until is None or self._held_until <= now
        if self.configured is None and first_of_burst:
            self._forget_before(now - ONE_SECOND)
            sent = min(self.rate or math.inf, max(1, len(self._recent)))
            self.rate = max(ADAPT_MIN_RATE, sent * ADAPT_DECREASE)
            self._changed_at = until
        if self._held_until is None or until > self._held_until:
            self._held_until = until
        if self._next_slot is None or until > self._next_slot:
            self._next_slot = until

    def _sending(self, now: datetime) -> None:
        if self.configured is not None:
            return
        self._recent.append(now)
        self._forget_before(now - ONE_SECOND)
        if self.rate is None or self._changed_at is None or now - self._changed_at < ONE_SECOND:
            return
        self.rate *= ADAPT_INCREASE
        self._changed_at = now
        if self.rate > ADAPT_MAX_RATE:
            self.rate = self._changed_at = None  # no limit in sight: stop limiting

    def _forget_before(self, cutoff: datetime) -> None:
        while self._recent and self._recent[0] <= cutoff:
            self._recent.popleft()


def _wave(at: datetime, phase: float) -> datetime:
    """`at`, rounded up to the next wave boundary (multiples of the wave, plus `phase`)."""
    waves = math.ceil((at.timestamp() - phase) / SEND_WAVE_SECONDS)
    return datetime.fromtimestamp(waves * SEND_WAVE_SECONDS + phase, tz=at.tzinfo)


T = TypeVar("T")
Statement = Callable[[AsyncSession], Awaitable[T]]


class GroupCommit:
    """Runs statements asked for at about the same time in one short transaction.

    Each statement keeps its own condition and result (a per-row conditional UPDATE checked by
    its row count); only the connection, BEGIN and COMMIT are shared. A statement asked for
    while a transaction runs goes into the next one, and its caller returns only once the
    transaction holding it has committed, so nothing is acknowledged before it is durable.

    Statements that lock rows other processes also lock (conversation slots) give a
    `lock_order`; a transaction runs its statements in that order, so two processes' batches
    always lock shared rows in the same order and never deadlock.
    """

    def __init__(self, database: Database, limit: int = 64) -> None:
        self.database = database
        self.limit = limit
        self._waiting: list[tuple[str, Statement[Any], asyncio.Future[Any]]] = []
        self._draining: asyncio.Task[None] | None = None

    async def run(self, statement: Statement[T], lock_order: str = "") -> T:
        """Run `statement` in the next shared transaction; its result once committed."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._waiting.append((lock_order, statement, future))
        if self._draining is None or self._draining.done():
            self._draining = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self._waiting:
            batch = sorted(self._waiting[: self.limit], key=lambda waiting: waiting[0])
            del self._waiting[: self.limit]
            try:
                async with self.database.transaction() as session:
                    results = [await statement(session) for _, statement, _ in batch]
            except Exception as error:
                for _, _, future in batch:
                    if not future.done():
                        future.set_exception(error)
            except BaseException:
                for _, _, future in batch + self._waiting:
                    future.cancel()
                self._waiting.clear()
                raise
            else:
                for (_, _, future), result in zip(batch, results, strict=True):
                    if not future.done():
                        future.set_result(result)


class Delivery:
    """Sends claimed rows. Every outcome is a conditional update of its row; the renewals and
    records of sends going out together share short transactions (`GroupCommit`)."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        adapters: Mapping[str, Adapter],
        policy: DeliveryPolicy,
        instance: str,
        sleep: Sleep = asyncio.sleep,
        notify: Callable[[OutboxMessage, Callable[[Language], RichText]], Awaitable[None]]
        | None = None,
        rng: random.Random | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.database = database
        self.metrics = metrics or Metrics()
        self.clock = clock
        self.adapters = adapters
        self.policy = policy
        self.instance = instance
        self.pacer = Pacer(clock, sleep)
        self.sleep = sleep
        self.notify = notify
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not security
        self._limiters: dict[str, RateLimiter] = {}
        self.live_instances = 1  # updated each tick (`share_among`)
        self._writes = GroupCommit(database)
        self._sending = asyncio.Semaphore(MAX_CONCURRENT_SENDS)
        self._conversation_locks: dict[str, asyncio.Lock] = {}
        self._conversation_users: dict[str, int] = defaultdict(int)

    def expect(self, rows: Sequence[OutboxMessage], busy_until: Mapping[int, datetime]) -> None:
        """Rows about to be delivered whose conversations are busy (another process sent
        there last) until the given instants, by row id: they wait for that first."""
        for row in rows:
            if row.id in busy_until:
                self.pacer.booked(_conversation_key(row), busy_until[row.id])

    async def deliver(
        self, rows: Sequence[OutboxMessage], settled: Callable[[], None] | None = None
    ) -> DeliveryReport:
        """Send every row, conversations in parallel, each conversation in due order.

        Several passes may run at once (the tick claims more rows while earlier ones are still
        being sent); each conversation is still served by one pass at a time, in claim order.
        `settled` is called as each row is done with, whatever its outcome.
        """
        report = DeliveryReport()
        by_conversation: dict[str, list[OutboxMessage]] = defaultdict(list)
        for row in rows:
            by_conversation[_conversation_key(row)].append(row)

        async def serve(key: str, queue: list[OutboxMessage]) -> None:
            async with self._conversation(key):
                for row in queue:
                    try:
                        await self._deliver_one(key, row, report)
                    finally:
                        if settled is not None:
                            settled()

        await asyncio.gather(*(serve(k, q) for k, q in by_conversation.items()))
        return report

    @asynccontextmanager
    async def _conversation(self, key: str) -> AsyncIterator[None]:
        """Hold one conversation (FIFO across passes); forget its lock when nobody waits."""
        lock = self._conversation_locks.setdefault(key, asyncio.Lock())
        self._conversation_users[key] += 1
        try:
            async with lock:
                yield
        finally:
            self._conversation_users[key] -= 1
            if self._conversation_users[key] == 0:
                del self._conversation_users[key]
                del self._conversation_locks[key]

    def share_among(self, live_instances: int) -> None:
        """How many instances are alive now: each platform's shared rate is split among them
        (a configured per-process rate is left as it is)."""
        if live_instances == self.live_instances:
            return
        self.live_instances = live_instances
        for platform, limiter in self._limiters.items():
            if platform in self.policy.send_rate_per_second:
                continue
            rate = self.policy.send_rate(platform, live_instances)
            if rate is not None:
                limiter.configured = limiter.rate = rate

    def _limiter(self, platform: str) -> RateLimiter:
        limiter = self._limiters.get(platform)
        if limiter is None:
            limiter = RateLimiter(
                self.clock,
                self.sleep,
                self.policy.send_rate(platform, self.live_instances),
                phase=self.rng.random() * SEND_WAVE_SECONDS,
            )
            self._limiters[platform] = limiter
        return limiter

    async def _deliver_one(self, key: str, row: OutboxMessage, report: DeliveryReport) -> None:
        adapter = self.adapters[row.platform]
        interval = timedelta(seconds=adapter.capabilities.min_send_interval_seconds)
        await self.pacer.wait_turn(key)
        await self._limiter(row.platform).wait_turn()
        async with self._sending:
            booked = await self._book(key, row, report, interval)
            if booked is None:
                return
            slot, held_until = booked
            wait = slot - self.clock.now()
            if wait <= timedelta(0):
                await self._send(adapter, row, report, key, interval, held_until)
                return
        # Another process sent to this conversation just before: our slot is after its one.
        # Wait for it without holding a send permit (at most one booked slot per conversation
        # and process waits, so with N processes this is under N intervals).
        await self.sleep(wait.total_seconds())
        if wait > self.policy.lease / 2:
            renewed = await self._held(row, report, lambda session: self._renew(session, row))
            if renewed is None:
                return
            held_until = renewed
        async with self._sending:
            await self._send(adapter, row, report, key, interval, held_until)

    async def _book(
        self, key: str, row: OutboxMessage, report: DeliveryReport, interval: timedelta
    ) -> tuple[datetime, datetime] | None:
        """Renew the row's lease and book its conversation's slot: when the slot starts and
        until when the row is ours, or None when it is no longer ours."""
        for _ in range(MAX_BOOKINGS):
            booked = await self._held(
                row,
                report,
                lambda session: self._renew_and_book(session, row, interval),
                lock_order=_slot_key(row),
            )
            if booked is None:
                return None
            slot, _ = booked
            self.pacer.booked(key, slot + interval)
            late = self.clock.now() - slot
            if interval <= timedelta(0) or late <= interval / MISSED_SLOT_PARTS:
                return booked
            # The booking's commit outlasted a good part of the slot: another process's slot
            # right after ours may already be starting, and sending now would land beside it.
            log.info(
                "outbox row=%s missed its send slot by %.1fs; booking another",
                row.id,
                late.total_seconds(),
            )
        return booked

    async def _held(
        self,
        row: OutboxMessage,
        report: DeliveryReport,
        statement: Statement[T | None],
        lock_order: str = "",
    ) -> T | None:
        """Run a renewal of the row's lease; None (and the row skipped) when the row is no
        longer ours, or the database did not answer: then nothing is sent, and the row is
        left to its lease (and to reconciliation) like a row whose sender died."""
        try:
            result = await self._writes.run(statement, lock_order=lock_order)
        except SQLAlchemyError as error:
            log.warning(
                "outbox row=%s: lease not renewed (%s); not sending", row.id, type(error).__name__
            )
            report.skipped += 1
            return None
        if result is None:
            # Frozen past our lease: another instance has taken the row over. Send nothing.
            log.warning("outbox row=%s no longer held by this instance; not sending", row.id)
            report.skipped += 1
        return result

    async def _renew(self, session: AsyncSession, row: OutboxMessage) -> datetime | None:
        """Renew our lease on the row: until when we hold it, or None if it is not ours."""
        now = self.clock.now()
        renewed = await OutboxRepository(session).renew(
            row.id, self.instance, now, self.policy.lease
        )
        return now + self.policy.lease if renewed else None

    async def _renew_and_book(
        self, session: AsyncSession, row: OutboxMessage, interval: timedelta
    ) -> tuple[datetime, datetime] | None:
        """Renew our lease and book the row's conversation slot in one transaction: None when
        the row is no longer ours, else when the slot starts (now, or after another process's
        slot in the same conversation) and until when the row is ours."""
        now = self.clock.now()
        held_until = await self._renew(session, row)
        if held_until is None:
            return None
        if interval <= timedelta(0):
            return now, held_until
        slot = await ConversationSlotRepository(session).book(
            row.platform, row.workspace_id, slot_conversation(row), now, interval
        )
        return slot, held_until

    async def _send(
        self,
        adapter: Adapter,
        row: OutboxMessage,
        report: DeliveryReport,
        key: str,
        interval: timedelta,
        held_until: datetime,
    ) -> None:
        """Send a row whose lease was just renewed (and slot booked), record the outcome."""
        started = self.clock.now()
        try:
            message = await self._message(adapter, row)
            started = self.clock.now()
            margin = held_until - self.policy.lease / LEASE_MARGIN_PARTS
            if started >= margin:
                # Frozen (or starved) since the lease was renewed: by now another instance
                # may be taking the row over. Sending nothing is safe; the row's lease runs
                # out and it is reconciled with the platform like any other.
                log.warning("outbox row=%s lease about to end before its send; not sending", row.id)
                report.skipped += 1
                return
            # Real (monotonic) time, not the clock's: what the platform call costs.
            calling = time.perf_counter()
            found = await _within(margin - started, self._call(adapter, message, row))
            call_seconds = time.perf_counter() - calling
            if found is None:
                # The call outlived the margin: the process was frozen during it, or the
                # platform is that slow. Whether it went out is for reconciliation to find
                # out once the lease ends; resumed now, it could post beside the copy
                # another instance sent meanwhile.
                log.warning("outbox row=%s send outlived its lease; left to recovery", row.id)
                self.metrics.send_failed(row.platform, ABANDONED)
                report.skipped += 1
                return
            sent = found
        except RecipientUnreachable as error:
            await self._fail(row, error, report)
        except DeliveryError as error:
            if error.retryable and row.attempts < self.policy.max_attempts:
                await self._retry_later(row, error, report)
            else:
                await self._fail(row, error, report)
        except Exception as error:
            log.exception("outbox row=%s: unexpected error from %s adapter", row.id, row.platform)
            wrapped = DeliveryError(type(error).__name__, retryable=True)
            if row.attempts < self.policy.max_attempts:
                await self._retry_later(row, wrapped, report)
            else:
                await self._fail(row, wrapped, report)
        else:
            now = self.clock.now()
            # The slot was booked a commit before the send: the next one starts an interval
            # after the send itself, in this process and (with the record) in the others.
            self.pacer.booked(key, started + interval)
            try:
                recorded = await self._writes.run(
                    lambda session: self._record_sent(
                        session,
                        row,
                        sent.message_id,
                        now,
                        started + interval if interval > timedelta(0) else None,
                    ),
                    lock_order=_slot_key(row),
                )
            except SQLAlchemyError as error:
                # The platform has it; when the lease runs out, reconciliation finds it there.
                log.error("outbox row=%s sent but not recorded (%s)", row.id, type(error).__name__)
                recorded = True
            if not recorded:
                log.error("outbox row=%s sent but its claim was lost meanwhile", row.id)
            report.sent += 1
            lateness = max(0.0, (now - row.due_at).total_seconds())
            report.lateness_seconds.append(lateness)
            self.metrics.sent(row.platform, call_seconds, lateness)

    async def _call(
        self, adapter: Adapter, message: OutboundMessage, row: OutboxMessage
    ) -> MessageRef:
        if isinstance(adapter, Reconciling):
            return await adapter.send_keyed(message, SendKey(row.id, row.attempts))
        return await adapter.send(message)

    async def _record_sent(
        self,
        session: AsyncSession,
        row: OutboxMessage,
        message_id: str,
        now: datetime,
        free_at: datetime | None,
    ) -> bool:
        recorded = await OutboxRepository(session).finish(
            row.id,
            self.instance,
            OutboxStatus.SENT,
            platform_message_id=message_id[:128],
            sent_at=now,
            last_error=None,
        )
        if free_at is not None:
            await ConversationSlotRepository(session).extend(
                row.platform, row.workspace_id, slot_conversation(row), free_at
            )
        return recorded

    async def conversation_of(self, adapter: Adapter, row: OutboxMessage) -> ConversationRef:
        """Where a row goes: its channel, or the member's or group's conversation (opened
        if need be, which the platform does once: the same one each time)."""
        if row.target_member_id is not None:
            return await self._direct_conversation(adapter, row)
        if row.target_group_id is not None:
            return await self._group_conversation(adapter, row.target_group_id)
        return ConversationRef(
            row.platform,
            row.workspace_id,
            row.channel_id or "",
            row.thread_id,
            ConversationKind(row.conversation_kind or ConversationKind.CHANNEL.value),
        )

    async def _message(self, adapter: Adapter, row: OutboxMessage) -> OutboundMessage:
        body = Body.of(row.payload)
        conversation = await self.conversation_of(adapter, row)
        return OutboundMessage(
            to=conversation,
            text=body.text,
            buttons=body.buttons,
            context=body.context,
            thread_id=row.thread_id,
        )

    async def _direct_conversation(self, adapter: Adapter, row: OutboxMessage) -> ConversationRef:
        assert row.target_member_id is not None
        async with self.database.transaction() as session:
            identities = await MemberRepository(session).identities_of(
                row.target_member_id, row.platform
            )
        if not identities:
            raise RecipientUnreachable(
                f"member {row.target_member_id} has no {row.platform} account", code="no_identity"
            )
        identity = identities[0]
        ref = MemberRef(identity.platform, identity.workspace_id, identity.user_id)
        return await adapter.open_conversation([ref])

    async def _group_conversation(self, adapter: Adapter, group_id: int) -> ConversationRef:
        """The group's conversation: opened on the first send (under the group's key, which
        lets the adapter find it again had a crash kept it from being recorded), then kept."""
        async with self.database.transaction() as session:
            group = await GroupConversationRepository(session).get(group_id)
        if group is None:
            raise RecipientUnreachable(f"group {group_id} is gone", code="no_group")
        if group.channel_id is None:
            members = [MemberRef(group.platform, group.workspace_id, m) for m in group.members]
            opened = await adapter.open_conversation(members, key=group.group_key)
            async with self.database.transaction() as session:
                groups = GroupConversationRepository(session)
                await groups.opened(
                    group_id, opened.channel_id, opened.kind.value, self.clock.now()
                )
                group = await groups.get(group_id)
            assert group is not None and group.channel_id is not None
        return ConversationRef(
            group.platform,
            group.workspace_id,
            group.channel_id,
            None,
            ConversationKind(group.conversation_kind or ConversationKind.GROUP.value),
        )

    async def _retry_later(
        self, row: OutboxMessage, error: DeliveryError, report: DeliveryReport
    ) -> None:
        delay = self._backoff(row.attempts, error.retry_after)
        if error.retry_after is not None:
            # The platform's own "slow down": hold this process's sends to it, not just the row.
            self._limiter(row.platform).hold(self.clock.now() + delay)
        async with self.database.transaction() as session:
            await OutboxRepository(session).transition(
                row.id,
                [OutboxStatus.CLAIMED],
                OutboxStatus.PENDING,
                claimed_by=None,
                lease_until=None,
                not_before=self.clock.now() + delay,
                last_error=_describe(error),
            )
        self.metrics.send_failed(row.platform, RETRIED)
        log.info(
            "outbox row=%s retry in %.1fs after %s (attempt %s)",
            row.id,
            delay.total_seconds(),
            error.code or "error",
            row.attempts,
        )
        report.retried += 1

    async def _fail(self, row: OutboxMessage, error: DeliveryError, report: DeliveryReport) -> None:
        async with self.database.transaction() as session:
            failed = await OutboxRepository(session).finish(
                row.id, self.instance, OutboxStatus.FAILED, last_error=_describe(error)
            )
        report.failed += 1
        self.metrics.send_failed(row.platform, FAILED)
        log.warning(
            "outbox row=%s kind=%s failed after %s attempt(s): %s",
            row.id,
            row.kind,
            row.attempts,
            error.code or type(error).__name__,
        )
        if failed and self.notify is not None and row.kind != OutboxKind.NOTICE.value:
            code = error.code

            def text(language: Language) -> RichText:
                return notices.undeliverable(language, row.kind, row.due_at, code)

            await self.notify(row, text)

    def _backoff(self, attempts: int, retry_after: float | None) -> timedelta:
        if retry_after is not None and retry_after >= 0:
            return timedelta(seconds=retry_after)
        base = self.policy.base_backoff.total_seconds() * 2 ** max(0, attempts - 1)
        capped = min(base, self.policy.max_backoff.total_seconds())
        return timedelta(seconds=capped * (0.5 + self.rng.random() / 2))


async def _within(span: timedelta, call: Awaitable[T]) -> T | None:
    """`call`'s result, or None when it could not be had within `span` (then it is
    cancelled, or the adapter refused to write it: `SEND_DEADLINE`).

    The deadline is the event loop's: after a process was stopped past it, a call waiting
    for I/O is cancelled before it resumes, and one that was about to run finds the deadline
    passed where the adapter checks it, right before its request is written. Whatever the
    call raised once the deadline is past, whether it went out is unknown: None too."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + span.total_seconds()
    token = SEND_DEADLINE.set(deadline)
    try:
        async with asyncio.timeout_at(deadline):
            return await call
    except Exception:
        if loop.time() >= deadline:
            return None
        raise
    finally:
        SEND_DEADLINE.reset(token)


def _conversation_key(row: OutboxMessage) -> str:
    if row.target_member_id is not None:
        return f"{row.platform}:member:{row.target_member_id}"
    if row.target_group_id is not None:
        return f"{row.platform}:group:{row.target_group_id}"
    return f"{row.platform}:{row.workspace_id}:{row.channel_id}"


def _slot_key(row: OutboxMessage) -> str:
    """Orders the statements of a shared transaction that lock a conversation's slot."""
    return "\x1f".join((row.platform, row.workspace_id, slot_conversation(row)))


def _describe(error: DeliveryError) -> str:
    return f"{error.code or type(error).__name__}: {error}"[:300]
