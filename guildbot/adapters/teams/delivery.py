"""How calls to the Teams connector service fail, and the one retry made here.

A dropped connection (a network error, a timeout) is retried here a few times with
exponential backoff and jitter, through an injected `sleep` so tests move time instead of
waiting. Everything the service answers fails at once: 412, 429, 502 and 504 (transient, as
Microsoft documents for bots) as a *retryable* `DeliveryError` with the service's
Retry-After, which the outbox — the one place that paces and retries, for replies and
scheduled messages alike — reschedules. A 400 is never retried: the same request would be
refused again. 403 and 404 mean the bot may not (or can no longer) post there: the recipient
is unreachable. Each failure is one log line with the operation and the status — never the
token, never the message.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import aiohttp

from guildbot.adapters.common import log_failure
from guildbot.contract.errors import DeliveryError, RecipientUnreachable
from guildbot.contract.reconciling import SendKey

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
T = TypeVar("T")

TRANSIENT_STATUSES = frozenset({412, 429, 502, 504})
# Where an outbox message says which row (and attempt) it is: its activity's channelData, which
# Teams takes with the activity and shows nobody.
OUTBOX_CHANNEL_DATA = "guildbot"
UNREACHABLE_STATUSES = frozenset({403, 404})


class ConnectorRetry:
    """Retries one connector call on a dropped connection, with exponential backoff and
    jitter; any answer from the service is final here."""

    def __init__(
        self,
        sleep: Sleep = asyncio.sleep,
        *,
        max_attempts: int = 4,
        base_delay: float = 1.0,
        max_delay: float = 16.0,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.sleep = sleep
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.jitter = jitter

    def delay(self, attempt: int) -> float:
        """Seconds to wait before attempt `attempt + 1`: exponential backoff with full jitter
        (between half and all of the step)."""
        step = min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        return float(step * (0.5 + self.jitter() / 2))

    async def call(self, operation: str, attempt_call: Callable[[], Awaitable[T]]) -> T:
        """Run `attempt_call` until it succeeds, fails for good, or runs out of attempts."""
        attempt = 1
        while True:
            try:
                return await attempt_call()
            except aiohttp.ClientResponseError as error:
                raise delivery_error(operation, error) from None
            except ValueError as error:  # an answer the SDK could not read (pydantic)
                raise delivery_error(operation, error) from None
            except (TimeoutError, aiohttp.ClientError, OSError) as error:
                if attempt >= self.max_attempts:
                    raise delivery_error(operation, error) from None
                wait = self.delay(attempt)
                log.info("teams %s: network error; retrying in %.1fs", operation, wait)
            await self.sleep(wait)
            attempt += 1


def retry_after_of(error: aiohttp.ClientResponseError) -> float | None:
    """The Retry-After header of a refused call, in seconds."""
    raw = error.headers.get("Retry-After") if error.headers else None
    try:
        seconds = float(raw) if raw is not None else None
    except (TypeError, ValueError):
        return None
    return seconds if seconds is not None and seconds >= 0 else None


def delivery_error(operation: str, error: BaseException) -> DeliveryError:
    """A failed connector call as the core's `DeliveryError`, logged once (no body, no token)."""
    status: int | None = None
    failure: DeliveryError
    if isinstance(error, aiohttp.ClientResponseError):
        status = error.status
        retry_after = retry_after_of(error)
        if status in UNREACHABLE_STATUSES:
            failure = RecipientUnreachable(
                "Teams will not deliver there: the bot is not in that conversation "
                "(the app was removed, or the member never installed it)",
                code=f"http_{status}",
            )
        elif status == 429:
            failure = DeliveryError(
                "Teams rate limit", retryable=True, retry_after=retry_after, code="http_429"
            )
        elif status in TRANSIENT_STATUSES or status >= 500:
            failure = DeliveryError(
                "Teams is unavailable",
                retryable=True,
                retry_after=retry_after,
                code=f"http_{status}",
            )
        elif status == 401:
            failure = DeliveryError(
                "Teams refused the bot's credentials (check TEAMS_CLIENT_ID and "
                "TEAMS_CLIENT_SECRET)",
                retryable=False,
                code="http_401",
            )
        else:
            failure = DeliveryError(
                "Teams refused the call", retryable=False, code=f"http_{status}"
            )
    elif isinstance(error, TimeoutError | aiohttp.ClientError | OSError):
        failure = DeliveryError("Teams is unreachable", retryable=True, code="network")
    elif operation == "token":
        # The bot's own token (MSAL, Microsoft Entra): often a passing network fault; a wrong
        # secret fails every attempt and the outbox gives up after its last one.
        failure = DeliveryError("Teams token unavailable", retryable=True, code="token")
    elif isinstance(error, ValueError):
        failure = DeliveryError("Teams answered unexpectedly", retryable=False, code="bad_response")
    else:
        failure = DeliveryError("Teams call failed", retryable=False, code=type(error).__name__)
    log_failure(log, "teams", operation, failure, status, key="operation")
    return failure


def outbox_channel_data(key: SendKey | None) -> dict[str, Any] | None:
    """The channelData of an outbox row's activities: the row and attempt (None: no row).

    Teams takes it with the activity, but the Bot Connector gives a bot no way to read a
    conversation back (no history, no search), so nothing can look it up after a sender
    stopped: for Teams the outbox's per-kind policy decides (resend, or ask the owner). It is
    there for whoever can read the messages (a compliance export, Graph) to tell them apart.
    """
    if key is None:
        return None
    return {OUTBOX_CHANNEL_DATA: {"outboxRow": key.row_id, "attempt": key.attempt}}
