"""What operators measure: Prometheus metrics of one process, in a registry of its own.

Each `Metrics` has its own `CollectorRegistry` (never prometheus_client's global one), so
several apps in one process — tests, the demo beside a server — count apart. The composition
root makes one per app and hands it to the parts that count; `app.metrics_server` serves it.

Every label takes a bounded set of values: platforms (the adapters this process runs),
commands (the ones registered, else "unknown"), outbox statuses and kinds, failure
outcomes. Nothing a member typed ever becomes a label.
"""

from __future__ import annotations

from collections.abc import Collection

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from guildbot.storage.engine import Database
from guildbot.storage.models import OutboxKind
from guildbot.storage.repositories.outbox import UNSETTLED, OutboxRepository

# A command line that names no registered command.
UNKNOWN_COMMAND = "unknown"
# An outbox kind this version does not know (a row written by a newer one).
OTHER_KIND = "other"

# One platform call: tens of milliseconds when well, seconds when a platform struggles.
SEND_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# How long after its due time a message went out: a tick's period, up to a grace period.
LATENESS_BUCKETS = (1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0, 7200.0, 86400.0)
# One tick: milliseconds when idle, up to the lease when it sends a burst.
TICK_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)

# Why a send counts as failed (the `outcome` label of guildbot_send_failures_total).
RETRIED = "retried"  # the platform refused or erred; the row is tried again later
FAILED = "failed"  # the row is given up (unreachable, or out of attempts)
ABANDONED = "abandoned"  # the call outlived the row's lease: left to recovery


class Metrics:
    """The process's metrics and the one place that names them."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.outbox_rows = Gauge(
            "guildbot_outbox_rows",
            "Outbox rows not settled yet (pending, claimed, uncertain), by status and kind; "
            "counted in the database when scraped, so every instance reports the same.",
            ["status", "kind"],
            registry=self.registry,
        )
        self.send_seconds = Histogram(
            "guildbot_send_duration_seconds",
            "Time of each platform call that delivered an outbox row, by platform.",
            ["platform"],
            buckets=SEND_BUCKETS,
            registry=self.registry,
        )
        self.send_lateness = Histogram(
            "guildbot_send_lateness_seconds",
            "How long after its due time each outbox row was delivered, by platform.",
            ["platform"],
            buckets=LATENESS_BUCKETS,
            registry=self.registry,
        )
        self.send_failures = Counter(
            "guildbot_send_failures",
            "Outbox sends that did not deliver, by platform and outcome "
            "(retried: tried again later; failed: given up; abandoned: left to recovery).",
            ["platform", "outcome"],
            registry=self.registry,
        )
        self.tick_seconds = Histogram(
            "guildbot_tick_duration_seconds",
            "Time of each scheduler tick (materialise, recover, sweep, claim and deliver).",
            buckets=TICK_BUCKETS,
            registry=self.registry,
        )
        self.commands = Counter(
            "guildbot_commands",
            "Commands handled, by command (registered ones; others are 'unknown') and platform.",
            ["command", "platform"],
            registry=self.registry,
        )
        self.questions_routed = Counter(
            "guildbot_questions_routed",
            "Questions routed to colleagues (the first wave asked), by platform.",
            ["platform"],
            registry=self.registry,
        )
        self.questions_unrouted = Counter(
            "guildbot_questions_unrouted",
            "Questions for which nobody consenting and qualified was found, by platform.",
            ["platform"],
            registry=self.registry,
        )

    def command(self, name: str | None, known: Collection[str], platform: str) -> None:
        """A command was handled: counted under its name when it is one of `known`."""
        label = name if name is not None and name in known else UNKNOWN_COMMAND
        self.commands.labels(command=label, platform=platform).inc()

    def sent(self, platform: str, seconds: float, lateness: float) -> None:
        """An outbox row was delivered: the call took `seconds`, `lateness` after due."""
        self.send_seconds.labels(platform=platform).observe(max(0.0, seconds))
        self.send_lateness.labels(platform=platform).observe(max(0.0, lateness))

    def send_failed(self, platform: str, outcome: str) -> None:
        """An outbox send did not deliver (`RETRIED`, `FAILED` or `ABANDONED`)."""
        self.send_failures.labels(platform=platform, outcome=outcome).inc()

    def set_outbox_depth(self, counts: dict[tuple[str, str], int]) -> None:
        """Replace the outbox gauges with `counts` by (status, kind). Every known status and
        kind is reported, 0 when none: a series that drops to 0 reads better than one that
        vanishes."""
        known = {kind.value for kind in OutboxKind}
        values = {(status, kind): 0 for status in UNSETTLED for kind in known}
        for (status, kind), count in counts.items():
            key = (status, kind if kind in known else OTHER_KIND)
            values[key] = values.get(key, 0) + count
        self.outbox_rows.clear()
        for (status, kind), count in values.items():
            self.outbox_rows.labels(status=status, kind=kind).set(count)

    async def refresh(self, database: Database) -> None:
        """Count the outbox in the database (before a scrape: collectors cannot await).
        Raises what the database raised; the gauges are then cleared, not left stale."""
        try:
            async with database.transaction() as session:
                counts = await OutboxRepository(session).depth()
        except BaseException:
            self.outbox_rows.clear()
            raise
        self.set_outbox_depth(counts)
