"""The contracts between the core and the world: adapters and the clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable

from guildbot.bot.events import (
    ConversationRef,
    InboundEvent,
    MemberRef,
    MessageRef,
    OutboundMessage,
)

Dispatch = Callable[[InboundEvent], Awaitable[None]]
"""What an adapter calls with each inbound event once it has acknowledged the platform."""


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a platform can show, so the core can degrade gracefully."""

    buttons: bool = True
    ephemeral: bool = True
    group_conversations: bool = True
    threads: bool = True
    # Fewest seconds between two messages to one conversation (Slack: one per second).
    min_send_interval_seconds: float = 1.0


@dataclass(frozen=True, slots=True)
class PlatformProfile:
    """What a platform tells us about a user on first contact."""

    display_name: str
    timezone: str | None = None
    email: str | None = None


class DeliveryError(Exception):
    """An adapter could not deliver a message.

    `retryable` says whether trying again later may work (rate limits, server errors, network);
    `retry_after` is the platform's own hint in seconds, when it gave one. `code` is the
    platform's error code for logs (never a token or the message body).
    """

    def __init__(
        self, reason: str, *, retryable: bool, retry_after: float | None = None, code: str = ""
    ) -> None:
        super().__init__(reason)
        self.retryable = retryable
        self.retry_after = retry_after
        self.code = code


class RecipientUnreachable(DeliveryError):
    """The platform will never accept this message for this recipient (e.g. the bot was
    removed from the channel, or a Teams member never installed the app)."""

    def __init__(self, reason: str, code: str = "") -> None:
        super().__init__(reason, retryable=False, code=code)


class Adapter(Protocol):
    """One chat platform. Several adapters can run in one process.

    An adapter acknowledges the platform within its deadline, turns what arrives into neutral
    events for `dispatch`, and renders `OutboundMessage` natively. It holds no business rules.
    """

    @property
    def platform(self) -> str:
        """The platform's short name, as used in `MemberRef.platform`."""
        ...

    @property
    def capabilities(self) -> Capabilities:
        """What this platform can render."""
        ...

    async def start(self, dispatch: Dispatch) -> None:
        """Begin receiving events and pass each to `dispatch`."""
        ...

    async def stop(self) -> None:
        """Stop receiving events and release connections."""
        ...

    async def send(self, message: OutboundMessage) -> MessageRef:
        """Deliver a message and return the platform's id for it.

        Raises `DeliveryError` (or `RecipientUnreachable`) when the platform refuses it.
        """
        ...

    async def open_conversation(self, members: Sequence[MemberRef]) -> ConversationRef:
        """Open (or reuse) a direct or group conversation with these members."""
        ...

    async def lookup_user(self, member: MemberRef) -> PlatformProfile | None:
        """The platform's profile of a user, or None when the platform cannot tell."""
        ...


Fail = Callable[[str], None]
"""Tells the process an adapter can no longer work safely; the process stops, non-zero."""


@runtime_checkable
class Supervised(Protocol):
    """An adapter that can find out, while running, that it must not go on (e.g. it lost
    its gateway shards to another instance). The runner hands it `fail`."""

    def supervise(self, fail: Fail) -> None:
        """Remember `fail`, to call with a reason (one line, no secrets)."""
        ...


class Clock(Protocol):
    """The source of "now". Injected everywhere so tests move time instead of sleeping."""

    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to: for tests and the demo's "advance" command."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs a timezone-aware start")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        """The current (manually set) instant."""
        return self._now

    def advance(self, delta: timedelta) -> None:
        """Move time forward."""
        if delta < timedelta(0):
            raise ValueError("time only moves forward")
        self._now += delta
