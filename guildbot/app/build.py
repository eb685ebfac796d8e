"""The composition root: settings -> engine -> repositories -> services -> adapters.

This is the one module that knows every part; everything else receives what it needs.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from guildbot.bot import features
from guildbot.bot.clock import Clock, SystemClock
from guildbot.bot.config import Settings
from guildbot.bot.core import Core
from guildbot.bot.dispatch import Dispatcher
from guildbot.bot.features.calendar.events import Events
from guildbot.bot.features.calendar.feeds import FeedService
from guildbot.bot.features.dashboard import Dashboard
from guildbot.bot.features.questions.service import QuestionService
from guildbot.bot.identity import Identities
from guildbot.bot.metrics import Metrics
from guildbot.bot.pending import PendingActions
from guildbot.bot.policy import RefusalLog
from guildbot.bot.registry import Registry
from guildbot.bot.router import Router
from guildbot.bot.scheduler import operations
from guildbot.bot.scheduler.delivery import Sleep
from guildbot.bot.scheduler.operations import OutboxService
from guildbot.bot.scheduler.policy import DEFAULT_GRACE, DeliveryPolicy
from guildbot.bot.scheduler.tick import OccurrenceOwner, Ticker
from guildbot.bot.scheduler.timer import SchedulerLock, Timer
from guildbot.contract.adapter import Adapter, Dispatch
from guildbot.contract.outbound import Confirmation
from guildbot.matching.skills import skill_key
from guildbot.matching.vocabulary import STARTER_SKILLS
from guildbot.storage import migrate
from guildbot.storage.engine import (
    Database,
    DatabaseUnavailable,
    check_connection,
    create_engine,
)
from guildbot.storage.models import OutboxKind
from guildbot.storage.repositories import retention
from guildbot.storage.repositories.holds import HoldRepository
from guildbot.storage.repositories.instances import InstanceRepository
from guildbot.storage.repositories.outbox import OutboxRepository
from guildbot.storage.repositories.processed_events import ProcessedEventRepository
from guildbot.storage.repositories.retention import Cutoffs, Purged
from guildbot.storage.repositories.skills import SkillRepository
from guildbot.storage.repositories.slots import ConversationSlotRepository

log = logging.getLogger(__name__)

PROCESSED_EVENT_RETENTION = timedelta(days=2)
# A conversation's send slot that ended this long ago paces nothing any more.
CONVERSATION_SLOT_RETENTION = timedelta(hours=1)


@dataclass
class Guildbot:
    """A wired application: its database, clock, services and router."""

    settings: Settings
    database: Database
    clock: Clock
    identities: Identities
    router: Router
    outbox: OutboxService
    calendar: Events
    feeds: FeedService
    # Schedule owner kinds whose occurrences run code (coffee rounds), for the ticker.
    owners: dict[str, OccurrenceOwner] = field(default_factory=dict)
    questions: QuestionService | None = None
    registry: Registry | None = None
    dashboard: Dashboard | None = None
    # This app's own metrics registry (what `/metrics` serves, see app.metrics_server).
    metrics: Metrics = field(default_factory=Metrics)

    def confirmations(self) -> dict[str, Confirmation]:
        """How each confirmed button's action is confirmed (for platforms without dialogs)."""
        return self.registry.confirmations() if self.registry is not None else {}

    def policy(self) -> DeliveryPolicy:
        """Delivery rules from settings."""
        grace = dict(DEFAULT_GRACE)
        grace[OutboxKind.REMINDER] = self.settings.grace_reminder
        grace[OutboxKind.ANNOUNCEMENT] = self.settings.grace_announcement
        grace[OutboxKind.FOLLOW_UP] = self.settings.grace_follow_up
        return DeliveryPolicy(
            grace=grace,
            lease=timedelta(seconds=self.settings.lease_seconds),
            max_attempts=self.settings.max_send_attempts,
            send_rate_per_second=dict(self.settings.send_rates),
            recover_every=timedelta(seconds=self.settings.tick_seconds),
        )

    def ticker(self, adapters: Sequence[Adapter], sleep: Sleep | None = None) -> Ticker:
        """A ticker delivering through `adapters`, with this process's instance id."""
        return Ticker(
            self.database,
            self.clock,
            {adapter.platform: adapter for adapter in adapters},
            self.policy(),
            instance_id(self.settings.instance_name),
            sleep=sleep,
            owners=self.owners,
            metrics=self.metrics,
        )

    def start_scheduler(self, adapters: Sequence[Adapter]) -> Timer | None:
        """Start the timer for `adapters`; None when another process holds SQLite's lock."""
        lock = None
        url = make_url(self.settings.database_url)
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            lock = SchedulerLock(Path(url.database or ""))
        timer = Timer(
            self.ticker(adapters),
            self.settings.tick_seconds,
            lock=lock,
            housekeeping=self.housekeeping,
        )
        return timer if timer.start() else None

    def dispatcher(self, adapter: Adapter) -> Dispatch:
        """What `adapter` calls with each event: routed once, its replies returned."""
        return Dispatcher(
            self.database, self.clock, self.router, adapter.platform, adapter.lookup_user
        )

    async def prune_processed_events(self) -> int:
        """Forget handled event ids older than the retention (platforms retry for minutes)."""
        async with self.database.transaction() as session:
            return await ProcessedEventRepository(session).prune(
                self.clock.now() - PROCESSED_EVENT_RETENTION
            )

    async def prune_conversation_slots(self) -> int:
        """Forget conversations' send slots that ended long ago (no longer pacing anything)."""
        async with self.database.transaction() as session:
            return await ConversationSlotRepository(session).prune(
                self.clock.now() - CONVERSATION_SLOT_RETENTION
            )

    async def prune_pending_actions(self) -> int:
        """Forget what expired buttons stood for."""
        async with self.database.transaction() as session:
            return await PendingActions(session, self.clock.now()).prune()

    async def prune_outbox(self) -> tuple[int, int]:
        """Retention of sent messages: (deleted, redacted) rows. A legal hold suspends it:
        for everyone, or for the rows to and from the members held."""
        async with self.database.transaction() as session:
            now = self.clock.now()
            holds = HoldRepository(session)
            if await holds.everyone_held():
                return 0, 0
            return await OutboxRepository(session).prune_finished(
                now - self.settings.retention_messages, now, await holds.held_members()
            )

    async def purge_retained(self) -> Purged | None:
        """Retention of questions, the audit log, coffee history and RSVPs (None: a hold on
        everyone suspends it)."""
        async with self.database.transaction() as session:
            now = self.clock.now()
            holds = HoldRepository(session)
            if await holds.everyone_held():
                return None
            settings = self.settings
            cutoffs = Cutoffs(
                questions=now - settings.retention_questions,
                audit=now - settings.retention_audit,
                coffee=now - settings.retention_coffee,
                rsvps=now - settings.retention_rsvps,
            )
            return await retention.purge(session, cutoffs, await holds.held_members())

    async def housekeeping(self) -> None:
        """The scheduler's hourly chores: prune what is no longer needed, then the features'
        chores (each on its own: one failing does not stop the others)."""
        for chore in self.registry.chores if self.registry is not None else []:
            try:
                await chore()
            except Exception:
                log.exception("housekeeping chore %s failed", getattr(chore, "__qualname__", chore))
        events = await self.prune_processed_events()
        slots = await self.prune_conversation_slots()
        pending = await self.prune_pending_actions()
        deleted, redacted = await self.prune_outbox()
        async with self.database.transaction() as session:
            await InstanceRepository(session).forget_before(self.clock.now() - timedelta(days=1))
        purged = await self.purge_retained()
        if purged is not None and (
            purged.questions or purged.audit or purged.coffee_rounds or purged.rsvps
        ):
            log.info(
                "retention purged questions=%d audit=%d coffee_rounds=%d rsvps=%d",
                purged.questions,
                purged.audit,
                purged.coffee_rounds,
                purged.rsvps,
            )
        log.debug(
            "housekeeping pruned processed_events=%d conversation_slots=%d pending_actions=%d "
            "outbox_deleted=%d outbox_redacted=%d",
            events,
            slots,
            pending,
            deleted,
            redacted,
        )

    async def close(self) -> None:
        """Release the database."""
        await self.database.dispose()


async def build(
    settings: Settings, clock: Clock | None = None, read_only: bool = False
) -> Guildbot:
    """Connect, migrate, seed the starter vocabulary and wire the services.

    `read_only` (a command that only looks: `outbox list`, `routing status`…) changes
    nothing: no migration — a schema that is behind is refused, naming `db upgrade` — and no
    seeding. Raises `DatabaseUnavailable` when the database cannot be used; the CLI reports it.
    """
    engine = create_engine(settings.database_url, lease=timedelta(seconds=settings.lease_seconds))
    try:
        await check_connection(engine)
        if read_only:
            await _require_current_schema(engine)
        else:
            await migrate.upgrade(engine)
    except BaseException:
        await engine.dispose()
        raise
    database = Database(engine)
    clock = clock or SystemClock()
    if not read_only:
        await ensure_starter_skills(database, clock)
    registry = Registry(features.SPECS)
    identities = Identities(database, clock, settings.default_timezone, settings.default_locale)
    metrics = Metrics()
    built = features.setup(registry, Core(database, clock, settings, identities, metrics))
    outbox = OutboxService(database, clock)
    operations.setup(registry, outbox)
    registry.check()
    router = Router(registry, identities, clock, RefusalLog(database, clock), metrics)
    app = Guildbot(
        settings,
        database,
        clock,
        identities,
        router,
        outbox,
        built.calendar.events,
        built.calendar.feeds,
        owners=registry.owners,
        questions=built.questions,
        registry=registry,
        dashboard=built.dashboard,
        metrics=metrics,
    )
    await app.prune_processed_events()
    log.info("guildbot ready instance=%s backend=%s", settings.instance_name, engine.dialect.name)
    return app


async def _require_current_schema(engine: AsyncEngine) -> None:
    revision = await migrate.current_revision(engine)
    head = migrate.head_revision()
    if revision != head:
        raise DatabaseUnavailable(
            f"the schema is at revision {revision or 'none'} and this version needs {head}; "
            "run `guildbot db upgrade` first (this command only reads, so it changes nothing)"
        )


async def ensure_starter_skills(database: Database, clock: Clock) -> None:
    """Add the starter vocabulary's skills that the database does not have yet."""
    async with database.transaction() as session:
        skills = SkillRepository(session)
        present = await skills.vocabulary()
        for name, aliases in STARTER_SKILLS.items():
            key = skill_key(name)
            if key not in present:
                await skills.ensure(key, clock.now(), [skill_key(a) for a in aliases])


def instance_id(name: str) -> str:
    """A claimer id unique to this process: readable in logs, never reused."""
    return f"{name}@{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"[:100]
