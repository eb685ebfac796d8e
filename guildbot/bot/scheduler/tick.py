"""The tick: a short pass, every few seconds, that makes due things happen exactly once.

1. materialise: each schedule's occurrences up to a short horizon become outbox rows, guarded
   by unique keys (two processes doing this at once create nothing twice);
2. recover: claims whose lease ran out are looked up on the platform where it can tell
   (`reconcile`): found ones are marked sent, the others sent; where it cannot, per kind,
   sent again or made uncertain, their owners asked once per incident — see `policy`. A tick
   still sending when the next would start recovers again meanwhile (`recover_every`), so a
   stopped process's claims are taken over within lease + one tick however busy the others;
3. sweep: due rows older than their grace period become `missed` (the owner is told once), and
   several due occurrences of one schedule coalesce into the latest;
4. claim and deliver until nothing due is left, claiming more while earlier rows are sent.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.clock import Clock
from guildbot.bot.i18n import Language
from guildbot.bot.metrics import Metrics
from guildbot.bot.scheduler import notices
from guildbot.bot.scheduler.delivery import Delivery, DeliveryReport, Sleep
from guildbot.bot.scheduler.outbox import Outbox, Target, notice_key, schedule_key
from guildbot.bot.scheduler.payload import Body
from guildbot.bot.scheduler.policy import DeliveryPolicy
from guildbot.bot.scheduler.reconcile import ACTION_DISMISS, ACTION_RESEND, Recovery
from guildbot.bot.scheduler.recurrence import (
    Occurrence,
    Recurrence,
    RecurrenceError,
    format_local,
    parse_local,
    to_instant,
)
from guildbot.contract.adapter import Adapter, StandingBy
from guildbot.contract.outbound import Button
from guildbot.contract.richtext import RichText
from guildbot.storage.engine import Database
from guildbot.storage.models import OutboxKind, OutboxMessage, OutboxStatus, Schedule
from guildbot.storage.repositories.instances import InstanceRepository
from guildbot.storage.repositories.outbox import OutboxRepository, ScheduleRepository, within_grace
from guildbot.storage.repositories.slots import ConversationSlotRepository

log = logging.getLogger(__name__)

# The buttons of the owners' questions (see `reconcile`), importable from here as before.
__all__ = ["ACTION_DISMISS", "ACTION_RESEND", "OccurrenceOwner", "TickReport", "Ticker"]

# While sending, due rows left behind (their conversation was busy) are claimed again this often.
RECLAIM_AFTER = timedelta(seconds=0.25)


class OccurrenceOwner(Protocol):
    """A kind of schedule owner whose occurrences run code instead of posting a message.

    Schedules with `owner_kind` equal to a registered owner's key are materialised by that
    owner, inside the transaction that advances the schedule (so an occurrence is handed over
    exactly once, guarded by the owner's own unique keys); `run_due` is called on every tick
    to do the owner's due work, which sends through the outbox like everything else.
    """

    async def materialise(
        self, session: AsyncSession, schedule: Schedule, occurrence_at: datetime, due_at: datetime
    ) -> int:
        """Record one occurrence; how many rows it created (0 when it already existed)."""
        ...

    async def run_due(self, now: datetime, adapters: Mapping[str, Adapter], instance: str) -> int:
        """Do what has fallen due; how many items were finished."""
        ...


@dataclass
class TickReport:
    """What one tick did: the figures logged per tick."""

    materialised: int = 0
    recovered: int = 0  # expired claims settled: found on the platform, or sent again
    found: int = 0  # of those, found on the platform (marked sent, not sent again)
    uncertain: int = 0
    questions: int = 0  # owners asked about an incident
    missed: int = 0
    claimed: int = 0
    owned: int = 0  # items finished by occurrence owners (e.g. coffee rounds)
    delivery: DeliveryReport = field(default_factory=DeliveryReport)

    def lateness(self) -> tuple[float, float]:
        """(max, p95) lateness in seconds of what was sent."""
        values = sorted(self.delivery.lateness_seconds)
        if not values:
            return 0.0, 0.0
        return values[-1], values[max(0, math.ceil(0.95 * len(values)) - 1)]


class Ticker:
    """Runs ticks for the adapters this process has."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        adapters: Mapping[str, Adapter],
        policy: DeliveryPolicy,
        instance: str,
        sleep: Sleep | None = None,
        owners: Mapping[str, OccurrenceOwner] | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self.database = database
        self.clock = clock
        self.adapters = adapters
        self.metrics = metrics or Metrics()
        self.policy = policy
        self.instance = instance
        self.owners = dict(owners or {})
        self.delivery = Delivery(
            database,
            clock,
            adapters,
            policy,
            instance,
            sleep=sleep or asyncio.sleep,
            notify=lambda row, text: self._notify_owner(row, text, reason="failed"),
            metrics=self.metrics,
        )
        self.recovery = Recovery(
            database, clock, adapters, policy, instance, self.delivery.conversation_of
        )

    async def tick(self) -> TickReport:
        """One pass. Safe to run in several processes at once on PostgreSQL."""
        # Real (monotonic) time, failed and cancelled ticks included: what a tick costs.
        started = time.perf_counter()
        try:
            return await self._tick()
        finally:
            self.metrics.tick_seconds.observe(time.perf_counter() - started)

    async def _tick(self) -> TickReport:
        report = TickReport()
        now = self.clock.now()
        await self._beat(now)
        report.materialised = await self.materialise(now)
        for owner in self.owners.values():
            report.owned += await owner.run_due(now, self.adapters, self.instance)
        await self._recover_expired(report)
        report.missed = await self._sweep(now)
        await self._claim_and_deliver(report, recovered_at=self.clock.now())
        self._log(report)
        return report

    async def _beat(self, now: datetime) -> None:
        """Say this instance is alive, and share the platforms' rates among those that are
        (alive: ticked within a lease)."""
        async with self.database.transaction() as session:
            instances = InstanceRepository(session)
            await instances.beat(self.instance, now)
            live = await instances.live(now - self.policy.lease)
        self.delivery.share_among(live)

    # -- 1. materialise ------------------------------------------------------------------------

    async def materialise(self, now: datetime) -> int:
        """A tick's first step on its own: create what has become due (idempotent). A step
        of its own so that a crash between steps can be reproduced."""
        horizon = now + self.policy.lookahead
        async with self.database.transaction() as session:
            schedules = await ScheduleRepository(session).due(horizon)
        created = 0
        for schedule in schedules:
            created += await self._materialise_schedule(schedule, horizon)
        return created

    async def _materialise_schedule(self, schedule: Schedule, horizon: datetime) -> int:
        offset = timedelta(seconds=schedule.offset_seconds)
        try:
            recurrence = Recurrence(
                schedule.rrule, parse_local(schedule.local_start), schedule.timezone
            )
        except (RecurrenceError, ValueError):
            log.error("schedule=%s has an unusable rule; deactivating", schedule.id)
            async with self.database.transaction() as session:
                await ScheduleRepository(session).advance(
                    schedule.id, schedule.next_local, None, None
                )
            return 0
        assert schedule.next_local is not None
        local = parse_local(schedule.next_local)
        upcoming: Occurrence | None = Occurrence(local, to_instant(local, recurrence.zone))
        due: list[Occurrence] = []
        while upcoming is not None and upcoming.at + offset <= horizon and len(due) < 10_000:
            due.append(upcoming)
            upcoming = recurrence.after(upcoming.local)
        # After a long outage only the latest few occurrences are recorded (as missed, by
        # the sweep); older ones would only repeat the same notice.
        due = due[-self.policy.max_backfill :]
        created = 0
        async with self.database.transaction() as session:
            advanced = await ScheduleRepository(session).advance(
                schedule.id,
                schedule.next_local,
                format_local(upcoming.local) if upcoming else None,
                upcoming.at + offset if upcoming else None,
            )
            if not advanced:
                return 0  # another process materialised this schedule meanwhile
            outbox = Outbox(session, self.clock.now())
            owner = self.owners.get(schedule.owner_kind)
            target = Target(
                schedule.platform,
                schedule.workspace_id,
                schedule.channel_id,
                None,
                "channel" if schedule.channel_id else None,
                schedule.target_member_id,
            )
            for occurrence in due:
                if owner is not None:
                    created += await owner.materialise(
                        session, schedule, occurrence.at, occurrence.at + offset
                    )
                    continue
                created += await outbox.queue(
                    Body.of(schedule.payload),
                    target,
                    occurrence.at + offset,
                    schedule_key(schedule.id, occurrence.at),
                    kind=OutboxKind(schedule.kind),
                    tell=schedule.owner_member_id,
                    schedule=(schedule.id, occurrence.at),
                )
        return created

    # -- 2. recover ----------------------------------------------------------------------------

    async def _recover_expired(self, report: TickReport) -> int:
        """One recovery pass, counted in `report`; how many rows it made pending again."""
        recovered = await self.recovery.run()
        report.found += recovered.found
        report.recovered += recovered.resent + recovered.found
        report.uncertain += recovered.uncertain
        report.questions += recovered.questions
        return recovered.resent

    # -- 3. sweep ------------------------------------------------------------------------------

    async def _sweep(self, now: datetime) -> int:
        async with self.database.transaction() as session:
            due = await OutboxRepository(session).pending_due(now, self.sending_platforms())
        missed: dict[int | None, list[OutboxMessage]] = defaultdict(list)
        latest_of_schedule: dict[int, OutboxMessage] = {}
        for row in due:
            if row.due_at < now - self.policy.grace_for(row.kind):
                missed[row.schedule_id].append(row)
            elif row.schedule_id is not None:
                previous = latest_of_schedule.get(row.schedule_id)
                if previous is None or row.due_at > previous.due_at:
                    if previous is not None:
                        missed[row.schedule_id].append(previous)
                    latest_of_schedule[row.schedule_id] = row
                else:
                    missed[row.schedule_id].append(row)
        count = 0
        for schedule_id, rows in missed.items():
            marked: list[OutboxMessage] = []
            for row in rows:
                async with self.database.transaction() as session:
                    if await OutboxRepository(session).transition(
                        row.id,
                        [OutboxStatus.PENDING],
                        OutboxStatus.MISSED,
                        last_error="past its grace period when Guildbot could send it",
                    ):
                        marked.append(row)
            count += len(marked)
            if not marked:
                continue
            if schedule_id is None:
                for row in marked:
                    await self._notify_missed([row])
            else:
                await self._notify_missed(marked)
        return count

    async def _notify_missed(self, rows: list[OutboxMessage]) -> None:
        latest = max(rows, key=lambda r: r.due_at)

        def text(language: Language) -> RichText:
            if len(rows) == 1:
                return notices.missed(language, latest.kind, latest.due_at)
            return notices.missed_several(language, len(rows), latest.kind, latest.due_at)

        await self._notify_owner(latest, text, reason="missed")

    # -- 4. claim ------------------------------------------------------------------------------

    async def _claim_and_deliver(self, report: TickReport, recovered_at: datetime) -> None:
        """Claim due rows and deliver them until none is left, holding at most the policy's
        claim size at once. More are claimed as soon as half of those are done, so a paced
        conversation or a rate-limited platform never stalls the rows behind it.

        A claim takes one row per conversation (see `OutboxRepository.claim`), so when rows
        were left for conversations that were busy, claims are tried again while sending —
        at most every `RECLAIM_SECONDS` — and once more when all that was claimed is done.

        A tick busy for longer than `recover_every` (since `recovered_at`) also recovers
        expired claims as its rows settle: the next tick, which would, does not start while
        this one runs."""
        capacity = self.policy.claim_size(self.adapters, self.delivery.live_instances)
        outstanding = 0
        claimed_at = self.clock.now()
        progress = asyncio.Event()
        running: set[asyncio.Task[DeliveryReport]] = set()

        def settled() -> None:
            nonlocal outstanding
            outstanding -= 1
            progress.set()

        exhausted = False
        found = False  # the last claim found rows
        try:
            while True:
                if self.clock.now() - recovered_at >= self.policy.recover_every:
                    recovered_at = self.clock.now()
                    if await self._recover_expired(report):
                        exhausted, found = False, True  # rows to send again: claim them
                room = capacity - outstanding
                retry = not running and found
                retry = retry or self.clock.now() - claimed_at >= RECLAIM_AFTER
                may_claim = (not exhausted or retry) and room > 0
                if may_claim and (not running or 2 * room >= capacity):
                    claimed_at = self.clock.now()
                    claimed = await self.claim(room)
                    report.claimed += len(claimed)
                    outstanding += len(claimed)
                    exhausted = len(claimed) < room
                    found = bool(claimed)
                    if claimed:
                        running.add(asyncio.create_task(self.delivery.deliver(claimed, settled)))
                    continue
                if not running:
                    return
                progress.clear()
                waiter = asyncio.create_task(progress.wait())
                try:
                    await asyncio.wait({*running, waiter}, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    waiter.cancel()
                for task in [task for task in running if task.done()]:
                    running.discard(task)
                    report.delivery.add(task.result())
        except asyncio.CancelledError:
            for task in running:
                task.cancel()
            raise
        finally:
            if running:  # a pass failed, or the tick was cancelled: let the others settle
                await asyncio.gather(*running, return_exceptions=True)

    def sending_platforms(self) -> list[str]:
        """The platforms this instance sends for now: not those whose adapter stands by
        for another instance (which sends them)."""
        return [
            platform
            for platform, adapter in self.adapters.items()
            if not (isinstance(adapter, StandingBy) and adapter.standing_by)
        ]

    async def claim(self, limit: int | None = None) -> list[OutboxMessage]:
        """Claim due rows for this instance under a lease, without sending them (a process
        killed now leaves them to be recovered when the lease ends)."""
        now = self.clock.now()
        in_grace = within_grace(
            now,
            {kind.value: grace for kind, grace in self.policy.grace.items()},
            self.policy.grace_for("unknown"),
        )
        async with self.database.transaction() as session:
            rows = await OutboxRepository(session).claim(
                self.instance,
                now,
                self.policy.lease,
                self.sending_platforms(),
                in_grace,
                limit or self.policy.claim_batch,
                free_by=now + self.policy.claim_ahead,
            )
            # Conversations another process sent to last are free a moment later: wait for
            # that here rather than book a slot that is not free yet.
            busy_until = await ConversationSlotRepository(session).ends(rows, now)
        self.delivery.expect(rows, busy_until)
        return rows

    # -- notices -------------------------------------------------------------------------------

    async def _notify_owner(
        self,
        row: OutboxMessage,
        text: Callable[[Language], RichText],
        reason: str,
        buttons: tuple[Button, ...] = (),
    ) -> None:
        """Tell the row's owner, once per row, by direct message in their language; else log
        for the operator."""
        if row.owner_member_id is None or row.kind == OutboxKind.NOTICE.value:
            log.warning("outbox row=%s needs attention and has no owner to tell", row.id)
            return
        now = self.clock.now()
        async with self.database.transaction() as session:
            language = await notices.owner_language(session, row.owner_member_id)
            await Outbox(session, now).queue(
                Body(text(language), buttons),
                Target.member(row.platform, row.workspace_id, row.owner_member_id),
                now,
                notice_key(reason, row.id, row.attempts),
                kind=OutboxKind.NOTICE,
            )

    def _log(self, report: TickReport) -> None:
        late_max, late_p95 = report.lateness()
        busy = report.claimed or report.missed or report.materialised or report.recovered
        busy = busy or report.owned
        log.log(
            logging.INFO if busy else logging.DEBUG,
            "tick instance=%s materialised=%d claimed=%d sent=%d retried=%d failed=%d "
            "missed=%d recovered=%d found=%d uncertain=%d questions=%d skipped=%d "
            "late_max=%.1fs late_p95=%.1fs",
            self.instance,
            report.materialised,
            report.claimed,
            report.delivery.sent,
            report.delivery.retried,
            report.delivery.failed,
            report.missed,
            report.recovered,
            report.found,
            report.uncertain,
            report.questions,
            report.delivery.skipped,
            late_max,
            late_p95,
        )
