"""What every chat adapter needs the same way, whatever its SDK.

- `deliver_replies`: the core's replies to one event, in order, each one that cannot be
  delivered handed back to the core (it queues it in the outbox) rather than lost.
- `HandlerTasks`: inbound events are acknowledged to the platform at once and handled in
  tasks of their own; `stop` lets those tasks finish for a grace period, then cancels them.
- `TtlCache`: a small bounded cache with expiry (profiles looked up from the platform).
- `log_failure`: the one log line of a failed platform call — the operation and the
  platform's error code, never the token or the message.
- `keep_alive`: a gateway adapter's shard leases, renewed until they are lost.
- `ConnectionState`: whether an adapter is connected, and since when, for `/healthz`.
- `quiet_library_logs`: SDKs log request bodies at INFO or DEBUG; members' messages stay out
  of logs unless the operator asked for DEBUG.

Nothing here imports a chat SDK.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from guildbot.contract.adapter import Connection, Replies
from guildbot.contract.errors import DeliveryError
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.richtext import (
    FENCE,
    ChannelLink,
    Instant,
    Link,
    Mention,
    Renderer,
    plain_piece,
)
from guildbot.contract.stores import ShardLeases

V = TypeVar("V")


async def deliver_replies(
    replies: Replies, deliver: Callable[[OutboundMessage], Awaitable[object]]
) -> int:
    """Deliver each reply with `deliver`; one that fails goes back to the core. How many
    were delivered here."""
    delivered = 0
    for message in replies.messages:
        try:
            await deliver(message)
        except DeliveryError as error:
            await replies.undelivered(message, error)
        else:
            delivered += 1
    return delivered


_log = logging.getLogger(__name__)


class HandlerTasks:
    """The event handlers an adapter is running: spawned, waited for, and cancelled at stop."""

    def __init__(self, log: logging.Logger, platform: str) -> None:
        self._log = log
        self._platform = platform
        self._tasks: set[asyncio.Task[None]] = set()

    def __len__(self) -> int:
        return len(self._tasks)

    def spawn(self, work: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        """Run `work` in a task of its own. A `DeliveryError` was logged where it was raised;
        anything else is logged here, so one failed event never stops the adapter."""

        async def run() -> None:
            try:
                await work
            except DeliveryError:
                pass  # already logged with the operation and the platform's code
            except Exception:
                self._log.exception("%s event handling failed", self._platform)

        task = asyncio.create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def drain(self, grace: float | None = None) -> None:
        """Wait until every handler spawned so far has finished (or `grace` seconds passed)."""
        loop = asyncio.get_running_loop()
        deadline = None if grace is None else loop.time() + grace
        while self._tasks:
            remaining = None if deadline is None else deadline - loop.time()
            if remaining is not None and remaining <= 0:
                return
            await asyncio.wait(set(self._tasks), timeout=remaining)

    async def close(self, grace: float) -> None:
        """Let handlers finish for `grace` seconds, then cancel what is still running."""
        await self.drain(grace)
        remaining = list(self._tasks)
        for task in remaining:
            task.cancel()
        if remaining:
            await asyncio.gather(*remaining, return_exceptions=True)


@dataclass(frozen=True, slots=True)
class Cached(Generic[V]):
    """A cache hit (its value may itself be None: "the platform did not know them")."""

    value: V


class TtlCache(Generic[V]):
    """At most `size` entries, each forgotten `seconds` after it was stored; when full, the
    oldest entry makes room."""

    def __init__(
        self, seconds: float, size: int, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.seconds = seconds
        self.size = size
        self._monotonic = monotonic
        self._entries: dict[str, tuple[float, V]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> Cached[V] | None:
        """The live entry for `key`, or None."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry[0] <= self._monotonic():
            del self._entries[key]
            return None
        return Cached(entry[1])

    def put(self, key: str, value: V) -> None:
        """Store `value` for `key` (it becomes the newest entry)."""
        self._entries.pop(key, None)
        while len(self._entries) >= self.size > 0:
            del self._entries[next(iter(self._entries))]
        if self.size > 0:
            self._entries[key] = (self._monotonic() + self.seconds, value)


def log_failure(
    log: logging.Logger,
    platform: str,
    operation: str,
    failure: DeliveryError,
    status: int | None,
    *,
    key: str = "op",
) -> None:
    """The single warning line for a failed platform call (no token, no message text):
    ``slack call failed method=chat.postMessage error=… status=… retryable=…``."""
    log.warning(
        "%s call failed %s=%s error=%s status=%s retryable=%s%s",
        platform,
        key,
        operation,
        failure.code,
        status if status is not None else "-",
        failure.retryable,
        f" retry_after={failure.retry_after:g}" if failure.retry_after is not None else "",
    )


def quiet_library_logs(*names: str, level: int = logging.WARNING) -> None:
    """Keep the named SDK loggers at `level` (WARNING) unless the root logger is at DEBUG."""
    debug = logging.getLogger().isEnabledFor(logging.DEBUG)
    for name in names:
        logging.getLogger(name).setLevel(logging.DEBUG if debug else level)


async def keep_alive(
    claims: ShardLeases,
    expected: int,
    on_lost: Callable[[str], Awaitable[None]],
    *,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    monotonic: Callable[[], float] = time.monotonic,
) -> None:
    """Renew `claims` until they are lost, then call `on_lost` once with the reason.

    Lost means another instance now holds one of them, or they could not be renewed for a
    whole lease (the database unreachable from here): another instance may have taken them
    over, so this one must stop answering rather than risk answering twice.
    """
    lease = claims.lease.total_seconds()
    confirmed = monotonic()
    while True:
        await sleep(claims.heartbeat_seconds)
        try:
            held = await claims.renew()
        except Exception as error:
            unconfirmed = monotonic() - confirmed
            _log.warning(
                "shard heartbeat failed platform=%s (%s) unconfirmed=%.0fs",
                claims.platform,
                type(error).__name__,
                unconfirmed,
            )
            if unconfirmed >= lease:
                await on_lost(f"shard claims not renewed for {unconfirmed:.0f}s")
                return
            continue
        if held < expected:
            await on_lost("shard claims lost to another instance")
            return
        confirmed = monotonic()


def _utc_now() -> datetime:
    return datetime.now(UTC)


class ConnectionState:
    """Whether an adapter is connected, and since when; disconnected until told otherwise.
    Only a change restarts the count, so a repeated "connected" (a shard resuming) does not
    hide how long the connection has been up, nor a repeated "down" how long it is gone."""

    def __init__(
        self,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._monotonic = monotonic
        self._now = now
        self._connected = False
        self._since = now()
        self._changed = monotonic()

    @property
    def connected(self) -> bool:
        """Connected now."""
        return self._connected

    def mark(self, connected: bool) -> None:
        """Record the connection as up or down (no change: nothing happens)."""
        if connected != self._connected:
            self._connected = connected
            self._since = self._now()
            self._changed = self._monotonic()

    def snapshot(self) -> Connection:
        """The connection now, with how long it has been so."""
        return Connection(self._connected, self._since, self._monotonic() - self._changed)


class PlainRenderer(Renderer):
    """Rich text as plain text: *bold* and `code` marked as people write them, members and
    channels by name, times as the core wrote them (the console's text, and Matrix's plain
    `body` beside its HTML)."""

    def words(self, text: str) -> str:
        return text

    def bold(self, words: str) -> str:
        return f"*{words}*"

    def code(self, words: str) -> str:
        return f"`{words}`"

    def code_block(self, lines: str) -> str:
        return f"{FENCE}\n{lines}\n{FENCE}"

    def mention(self, piece: Mention) -> str:
        return piece.name or piece.member.user_id

    def channel(self, piece: ChannelLink) -> str:
        return f"#{piece.name}"

    def link(self, piece: Link) -> str:
        return (
            plain_piece(piece) if piece.label in ("", piece.url) else f"{piece.label} ({piece.url})"
        )

    def instant(self, piece: Instant) -> str:
        return piece.shown
