"""How calls to the Teams connector service are retried, and how their failures are reported.

Microsoft documents 412, 429, 502 and 504 as transient for bots: they are retried here with
exponential backoff and jitter (each wait between half and all of its step, so retries
from many sends spread out; or the service's Retry-After), a few times, through an
injected `sleep` so tests move time instead of waiting. Past `max_attempts` — or when the
service asks for a longer wait than `max_wait` — the call fails as a *retryable*
`DeliveryError` and the outbox reschedules it. A 400 is never retried: the same request would
be refused again. 403 and 404 mean the bot may not (or can no longer) post there: the
recipient is unreachable. Each failure is one log line with the operation and the status —
never the token, never the message.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp

from guildbot.adapters.common import log_failure
from guildbot.contract.errors import DeliveryError, RecipientUnreachable

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
T = TypeVar("T")

TRANSIENT_STATUSES = frozenset({412, 429, 502, 504})
UNREACHABLE_STATUSES = frozenset({403, 404})


class ConnectorRetry:
    """Retries one connector call on transient statuses with exponential backoff and jitter."""

    def __init__(
        self,
        sleep: Sleep = asyncio.sleep,
        *,
        max_attempts: int = 4,
        base_delay: float = 1.0,
        max_delay: float = 16.0,
        max_wait: float = 30.0,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.sleep = sleep
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_wait = max_wait
        self.jitter = jitter

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait before attempt `attempt + 1`: Retry-After when given, else
        exponential backoff with full jitter (between half and all of the step)."""
        if retry_after is not None:
            return retry_after
        step = min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        return float(step * (0.5 + self.jitter() / 2))

    async def call(self, operation: str, attempt_call: Callable[[], Awaitable[T]]) -> T:
        """Run `attempt_call` until it succeeds, fails for good, or runs out of attempts."""
        attempt = 1
        while True:
            try:
                return await attempt_call()
            except aiohttp.ClientResponseError as error:
                retry_after = retry_after_of(error)
                transient = error.status in TRANSIENT_STATUSES
                wait = self.delay(attempt, retry_after) if transient else 0.0
                if not transient or attempt >= self.max_attempts or wait > self.max_wait:
                    raise delivery_error(operation, error) from None
                log.info(
                    "teams %s got %s; retrying in %.1fs (attempt %s of %s)",
                    operation,
                    error.status,
                    wait,
                    attempt,
                    self.max_attempts,
                )
            except ValueError as error:  # an answer the SDK could not read (pydantic)
                raise delivery_error(operation, error) from None
            except (TimeoutError, aiohttp.ClientError, OSError) as error:
                if attempt >= self.max_attempts:
                    raise delivery_error(operation, error) from None
                wait = self.delay(attempt, None)
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
