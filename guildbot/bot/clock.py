"""The source of "now", injected everywhere so tests move time instead of sleeping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """The source of "now"."""

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
