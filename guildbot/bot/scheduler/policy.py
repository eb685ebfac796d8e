"""Per-kind rules: how late a message may still be sent, and what to do after a crash.

A row still `claimed` after its lease may or may not have reached the platform (the process
died between sending and recording). Reminders, follow-ups, escalations and notices are sent
again — a rare duplicate is better than a missed reminder. Announcements and intros are
public or personal enough that a duplicate would be worse: they become `uncertain`, and their
owner is asked to check and, if needed, re-send with `guildbot outbox retry ID`.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum

from guildbot.storage.models import OutboxKind


class AfterCrash(StrEnum):
    """What to do with a message whose sender vanished mid-send."""

    RESEND = "resend"
    ASK_OWNER = "ask_owner"


DEFAULT_GRACE = {
    OutboxKind.REMINDER: timedelta(minutes=15),
    OutboxKind.ANNOUNCEMENT: timedelta(hours=2),
    OutboxKind.FOLLOW_UP: timedelta(days=1),
    OutboxKind.ESCALATION: timedelta(hours=4),
    OutboxKind.INTRO: timedelta(days=1),
    OutboxKind.NOTICE: timedelta(days=1),
}

AFTER_CRASH = {
    OutboxKind.REMINDER: AfterCrash.RESEND,
    OutboxKind.ANNOUNCEMENT: AfterCrash.ASK_OWNER,
    OutboxKind.FOLLOW_UP: AfterCrash.RESEND,
    OutboxKind.ESCALATION: AfterCrash.RESEND,
    OutboxKind.INTRO: AfterCrash.ASK_OWNER,
    OutboxKind.NOTICE: AfterCrash.RESEND,
}


# All instances together, per platform (see `DeliveryPolicy.shared_send_rate`).
SHARED_SEND_RATES: dict[str, float] = {"teams": 45.0, "discord": 45.0}


@dataclass(frozen=True, slots=True)
class DeliveryPolicy:
    """The knobs of durable delivery, from settings."""

    grace: dict[OutboxKind, timedelta] = field(default_factory=lambda: dict(DEFAULT_GRACE))
    lease: timedelta = timedelta(seconds=60)
    max_attempts: int = 5
    claim_batch: int = 200
    # Occurrences materialised ahead of time, so the claim step does the precise timing.
    lookahead: timedelta = timedelta(minutes=10)
    # After a long outage, at most this many missed occurrences per schedule are recorded.
    max_backfill: int = 10
    base_backoff: timedelta = timedelta(seconds=5)
    max_backoff: timedelta = timedelta(minutes=10)
    # Most messages per second this process sends on a platform, all conversations together:
    # its share of the platform's own limit (with N processes, the limit / N), so sends are
    # spaced instead of bouncing off 429s. A platform not listed is limited only by its 429s.
    send_rate_per_second: dict[str, float] = field(default_factory=dict)
    # What all instances together may send on a platform when this process has no rate of
    # its own (`send_rate_per_second`): a little under the platform's documented limit
    # (Teams: 50 requests a second per app and tenant; Discord: 50 a second globally). Each
    # live instance takes an equal share. Slack documents no overall limit, only about one
    # message a second per channel (the adapter's pace): it adapts to its 429s.
    shared_send_rate: dict[str, float] = field(default_factory=lambda: dict(SHARED_SEND_RATES))
    # On rate-limited platforms, claim at most this much sending ahead, so one process does not
    # hold rows that other processes could send sooner.
    claim_ahead: timedelta = timedelta(seconds=1)
    # Expired claims are looked for this often (the tick interval), also by a tick that is
    # still busy sending: a stopped process's claims are taken over within lease + this.
    recover_every: timedelta = timedelta(seconds=5)

    def grace_for(self, kind: str) -> timedelta:
        """How late a message of `kind` may still be sent."""
        try:
            return self.grace[OutboxKind(kind)]
        except (KeyError, ValueError):
            return timedelta(hours=1)

    def send_rate(self, platform: str, live_instances: int = 1) -> float | None:
        """This process's send limit on `platform` in messages per second, if it has one: its
        configured rate, else its share of the platform's among `live_instances`."""
        rate = self.send_rate_per_second.get(platform)
        if rate is not None and rate > 0:
            return rate
        shared = self.shared_send_rate.get(platform)
        return shared / max(1, live_instances) if shared else None

    def claim_size(self, platforms: Collection[str], live_instances: int = 1) -> int:
        """How many rows to hold claimed at once: `claim_batch`, or less when every platform
        is rate-limited (`claim_ahead` of their sending)."""
        rates = [self.send_rate(platform, live_instances) for platform in platforms]
        if not rates or None in rates:
            return self.claim_batch
        ahead = sum(rate or 0.0 for rate in rates) * self.claim_ahead.total_seconds()
        return max(1, min(self.claim_batch, math.ceil(ahead)))

    def after_crash(self, kind: str) -> AfterCrash:
        """Resend, or ask the owner, for a message whose sender vanished."""
        try:
            return AFTER_CRASH[OutboxKind(kind)]
        except (KeyError, ValueError):
            return AfterCrash.ASK_OWNER
