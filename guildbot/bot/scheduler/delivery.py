"""Delivery: send claimed outbox rows through their adapters, paced, retried, recorded once."""

from __future__ import annotations

import asyncio
import logging
import random
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from guildbot.bot.events import ConversationKind, ConversationRef, MemberRef, OutboundMessage
from guildbot.bot.ports import Adapter, Clock, DeliveryError, RecipientUnreachable
from guildbot.bot.scheduler.payload import buttons_of
from guildbot.bot.scheduler.policy import DeliveryPolicy
from guildbot.storage.engine import Database
from guildbot.storage.models import OutboxKind, OutboxMessage, OutboxStatus, PlatformIdentity
from guildbot.storage.repositories.outbox import OutboxRepository

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
# Several conversations are served at once; each conversation strictly in order.
MAX_CONCURRENT_CONVERSATIONS = 32


@dataclass
class DeliveryReport:
    """What one delivery pass did."""

    sent: int = 0
    failed: int = 0
    retried: int = 0
    skipped: int = 0  # rows no longer ours when their turn came (lease lost)
    lateness_seconds: list[float] = field(default_factory=list)


class Pacer:
    """Keeps at least a platform's minimum interval between two sends to one conversation."""

    def __init__(self, clock: Clock, sleep: Sleep) -> None:
        self.clock = clock
        self.sleep = sleep
        self._next_slot: dict[str, datetime] = {}

    async def wait_turn(self, conversation_key: str, interval: timedelta) -> None:
        """Return when a message may be sent to this conversation, and book the next slot."""
        ready = self._next_slot.get(conversation_key)
        now = self.clock.now()
        if ready is not None and ready > now:
            await self.sleep((ready - now).total_seconds())
        self._next_slot[conversation_key] = self.clock.now() + interval


class Delivery:
    """Sends claimed rows; every outcome is one short conditional transaction."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        adapters: Mapping[str, Adapter],
        policy: DeliveryPolicy,
        instance: str,
        sleep: Sleep = asyncio.sleep,
        notify: Callable[[OutboxMessage, str], Awaitable[None]] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.database = database
        self.clock = clock
        self.adapters = adapters
        self.policy = policy
        self.instance = instance
        self.pacer = Pacer(clock, sleep)
        self.notify = notify
        self.rng = rng or random.Random()  # noqa: S311 - jitter, not security

    async def deliver(self, rows: Sequence[OutboxMessage]) -> DeliveryReport:
        """Send every row, conversations in parallel, each conversation in due order."""
        report = DeliveryReport()
        by_conversation: dict[str, list[OutboxMessage]] = defaultdict(list)
        for row in rows:
            by_conversation[_conversation_key(row)].append(row)
        limit = asyncio.Semaphore(MAX_CONCURRENT_CONVERSATIONS)

        async def serve(key: str, queue: list[OutboxMessage]) -> None:
            async with limit:
                for row in queue:
                    await self._deliver_one(key, row, report)

        await asyncio.gather(*(serve(k, q) for k, q in by_conversation.items()))
        return report

    async def _deliver_one(self, key: str, row: OutboxMessage, report: DeliveryReport) -> None:
        adapter = self.adapters[row.platform]
        interval = timedelta(seconds=adapter.capabilities.min_send_interval_seconds)
        await self.pacer.wait_turn(key, interval)
        async with self.database.transaction() as session:
            still_ours = await OutboxRepository(session).renew(
                row.id, self.instance, self.clock.now(), self.policy.lease
            )
        if not still_ours:
            # Frozen past our lease: another instance has taken the row over. Send nothing.
            log.warning("outbox row=%s no longer held by this instance; not sending", row.id)
            report.skipped += 1
            return
        try:
            message = await self._message(adapter, row)
            sent = await adapter.send(message)
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
            async with self.database.transaction() as session:
                recorded = await OutboxRepository(session).finish(
                    row.id,
                    self.instance,
                    OutboxStatus.SENT,
                    platform_message_id=sent.message_id[:128],
                    sent_at=now,
                    last_error=None,
                )
            if not recorded:
                log.error("outbox row=%s sent but its claim was lost meanwhile", row.id)
            report.sent += 1
            report.lateness_seconds.append(max(0.0, (now - row.due_at).total_seconds()))

    async def _message(self, adapter: Adapter, row: OutboxMessage) -> OutboundMessage:
        payload = row.payload
        if row.target_member_id is not None:
            conversation = await self._direct_conversation(adapter, row)
        else:
            conversation = ConversationRef(
                row.platform,
                row.workspace_id,
                row.channel_id or "",
                row.thread_id,
                ConversationKind(row.conversation_kind or ConversationKind.CHANNEL.value),
            )
        return OutboundMessage(
            to=conversation,
            text=str(payload.get("text", "")),
            buttons=buttons_of(payload),
            context=payload.get("context"),
            thread_id=row.thread_id,
        )

    async def _direct_conversation(self, adapter: Adapter, row: OutboxMessage) -> ConversationRef:
        async with self.database.transaction() as session:
            identity = (
                await session.scalars(
                    select(PlatformIdentity).where(
                        PlatformIdentity.member_id == row.target_member_id,
                        PlatformIdentity.platform == row.platform,
                    )
                )
            ).first()
        if identity is None:
            raise RecipientUnreachable(
                f"member {row.target_member_id} has no {row.platform} account", code="no_identity"
            )
        ref = MemberRef(identity.platform, identity.workspace_id, identity.user_id)
        return await adapter.open_conversation([ref])

    async def _retry_later(
        self, row: OutboxMessage, error: DeliveryError, report: DeliveryReport
    ) -> None:
        delay = self._backoff(row.attempts, error.retry_after)
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
        log.warning(
            "outbox row=%s kind=%s failed after %s attempt(s): %s",
            row.id,
            row.kind,
            row.attempts,
            error.code or type(error).__name__,
        )
        if failed and self.notify is not None and row.kind != OutboxKind.NOTICE.value:
            await self.notify(
                row,
                f"I couldn't deliver a {row.kind.replace('_', ' ')} due "
                f"{row.due_at:%Y-%m-%d %H:%M} UTC ({error.code or 'platform error'}). "
                "Nothing more will be tried automatically.",
            )

    def _backoff(self, attempts: int, retry_after: float | None) -> timedelta:
        if retry_after is not None and retry_after >= 0:
            return timedelta(seconds=retry_after)
        base = self.policy.base_backoff.total_seconds() * 2 ** max(0, attempts - 1)
        capped = min(base, self.policy.max_backoff.total_seconds())
        return timedelta(seconds=capped * (0.5 + self.rng.random() / 2))


def _conversation_key(row: OutboxMessage) -> str:
    if row.target_member_id is not None:
        return f"{row.platform}:member:{row.target_member_id}"
    return f"{row.platform}:{row.workspace_id}:{row.channel_id}"


def _describe(error: DeliveryError) -> str:
    return f"{error.code or type(error).__name__}: {error}"[:300]
