"""Per-kind rules: how late a message may still be sent, and what to do after a crash.

A row still `claimed` after its lease may or may not have reached the platform (the process
died between sending and recording). Reminders, follow-ups, escalations and notices are sent
again — a rare duplicate is better than a missed reminder. Announcements and intros are
public or personal enough that a duplicate would be worse: they become `uncertain`, and their
owner is asked to check and, if needed, re-send with `guildbot outbox retry ID`.
"""

from __future__ import annotations

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

    def grace_for(self, kind: str) -> timedelta:
        """How late a message of `kind` may still be sent."""
        try:
            return self.grace[OutboxKind(kind)]
        except (KeyError, ValueError):
            return timedelta(hours=1)

    def after_crash(self, kind: str) -> AfterCrash:
        """Resend, or ask the owner, for a message whose sender vanished."""
        try:
            return AFTER_CRASH[OutboxKind(kind)]
        except (KeyError, ValueError):
            return AfterCrash.ASK_OWNER
