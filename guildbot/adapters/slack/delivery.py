"""How Slack Web API calls are retried, paced, and how their failures are reported.

- Rate limits (HTTP 429 + Retry-After) and server errors (500/503) are retried by slack_sdk's
  own async retry handlers, registered on the Web API client. They are subclassed only so the
  wait goes through an injected `sleep` (tests move time instead of waiting) and so a long
  Retry-After is not waited out in-line: past `max_wait` the call fails as a retryable
  `DeliveryError` carrying Retry-After, and the outbox schedules the retry.
- Sends to one conversation are paced to at most one a second (`ChannelPacer`).
- Every failure is logged as one line with the API method and Slack's error code — never the
  token, never the message — and raised as `DeliveryError` or `RecipientUnreachable`.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from guildbot.adapters.common import log_failure
from guildbot.contract.errors import DeliveryError, RecipientUnreachable

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Monotonic = Callable[[], float]

# The recipient is gone for good: retrying cannot help.
UNREACHABLE_ERRORS = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "user_not_found",
        "user_not_in_channel",
        "users_not_found",
        "cannot_dm_bot",
        "user_disabled",
        "messages_tab_disabled",
        "restricted_action",
        "restricted_action_read_only_channel",
        "restricted_action_thread_only_channel",
        "team_access_not_granted",
        "ekm_access_denied",
    }
)
# Slack's side is unwell or busy: later may work.
RETRYABLE_ERRORS = frozenset(
    {
        "ratelimited",
        "internal_error",
        "fatal_error",
        "service_unavailable",
        "request_timeout",
        "timeout",
    }
)


def retry_after_of(response: HttpResponse | None) -> float | None:
    """The Retry-After header of a retry-handler response, in seconds."""
    if response is None:
        return None
    for name, values in response.headers.items():
        if name.lower() == "retry-after":
            value = values[0] if isinstance(values, list | tuple) else values
            return _seconds(value)
    return None


def _seconds(value: Any) -> float | None:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return None
    return seconds if seconds >= 0 else None


class RateLimitRetry(AsyncRateLimitErrorRetryHandler):
    """slack_sdk's 429 handler: waits Retry-After (plus a little jitter) and tries again.

    A Retry-After longer than `max_wait` is not waited out here: the call fails instead, as a
    retryable `DeliveryError` with that Retry-After, so that a reply is not held for minutes
    and the outbox reschedules the message.
    """

    def __init__(
        self,
        sleep: Sleep,
        max_wait: float = 30.0,
        max_retry_count: int = 2,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.sleep = sleep
        self.max_wait = max_wait
        self.jitter = jitter

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or response.status_code != 429:
            return False
        wait = retry_after_of(response)
        return wait is None or wait <= self.max_wait

    async def prepare_for_next_attempt_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        state.next_attempt_requested = True
        wait = retry_after_of(response)
        delay = (1.0 if wait is None else wait) + self.jitter()
        log.info("slack rate limited; retrying in %.1fs", delay)
        await self.sleep(delay)
        state.increment_current_attempt()


class ServerErrorRetry(AsyncServerErrorRetryHandler):
    """slack_sdk's 500/503 handler (one retry after a short backoff), with an injected sleep."""

    def __init__(self, sleep: Sleep, max_retry_count: int = 1) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.sleep = sleep

    async def prepare_for_next_attempt_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        state.next_attempt_requested = True
        delay = float(self.interval_calculator.calculate_sleep_duration(state.current_attempt))
        log.info("slack server error %s; retrying in %.1fs", _status(response), delay)
        await self.sleep(delay)
        state.increment_current_attempt()


class ConnectionErrorRetry(AsyncConnectionErrorRetryHandler):
    """slack_sdk's handler for a dropped connection (one retry), with an injected sleep."""

    def __init__(self, sleep: Sleep) -> None:
        super().__init__(max_retry_count=1)
        self.sleep = sleep

    async def prepare_for_next_attempt_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        state.next_attempt_requested = True
        await self.sleep(float(self.interval_calculator.calculate_sleep_duration(0)))
        state.increment_current_attempt()


def retry_handlers(
    sleep: Sleep, max_wait: float = 30.0, jitter: Callable[[], float] = random.random
) -> list[AsyncRetryHandler]:
    """The handlers registered on the Web API client, in the order slack_sdk consults them."""
    return [
        RateLimitRetry(sleep, max_wait=max_wait, jitter=jitter),
        ServerErrorRetry(sleep),
        ConnectionErrorRetry(sleep),
    ]


def _status(response: HttpResponse | None) -> str:
    return "?" if response is None else str(response.status_code)


def delivery_error(method: str, error: BaseException) -> DeliveryError:
    """A failed Web API call as the core's `DeliveryError`, logged once (method + code only)."""
    status: int | None = None
    retry_after: float | None = None
    if isinstance(error, SlackApiError):
        response = error.response
        status = getattr(response, "status_code", None)
        data = getattr(response, "data", None)
        code = str(data.get("error") or "") if isinstance(data, dict) else ""
        headers = getattr(response, "headers", None) or {}
        retry_after = _seconds(headers.get("Retry-After") or headers.get("retry-after"))
        if status == 429 or code == "ratelimited":
            failure = DeliveryError(
                "Slack rate limit", retryable=True, retry_after=retry_after, code="ratelimited"
            )
        elif code in UNREACHABLE_ERRORS:
            failure = RecipientUnreachable(f"Slack refused the recipient ({code})", code=code)
        elif code in RETRYABLE_ERRORS or (status is not None and status >= 500):
            failure = DeliveryError(
                "Slack is unavailable",
                retryable=True,
                retry_after=retry_after,
                code=code or f"http_{status}",
            )
        else:
            failure = DeliveryError(
                "Slack refused the call", retryable=False, code=code or f"http_{status}"
            )
    elif isinstance(error, aiohttp.ClientError | asyncio.TimeoutError | OSError):
        failure = DeliveryError("Slack is unreachable", retryable=True, code="network")
    elif isinstance(error, SlackClientError):
        failure = DeliveryError("Slack client error", retryable=False, code="client_error")
    else:
        failure = DeliveryError("Slack call failed", retryable=False, code=type(error).__name__)
    log_failure(log, "slack", method, failure, status, key="method")
    return failure


class ChannelPacer:
    """At most one send per `interval` seconds to each conversation.

    Each send books the next free slot of its conversation before it waits, so concurrent
    sends keep their order and never share a slot. Old bookings are forgotten.
    """

    def __init__(
        self,
        interval: float = 1.0,
        monotonic: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        max_keys: int = 10_000,
    ) -> None:
        self.interval = interval
        self.monotonic = monotonic
        self.sleep = sleep
        self.max_keys = max_keys
        self._next_free: dict[str, float] = {}

    async def wait_turn(self, key: str) -> float:
        """Wait for this conversation's next slot; returns how long that was (seconds)."""
        now = self.monotonic()
        slot = max(now, self._next_free.get(key, now))
        self._next_free[key] = slot + self.interval
        if len(self._next_free) > self.max_keys:
            self._forget_before(now)
        wait = slot - now
        if wait > 0:
            await self.sleep(wait)
        return wait

    def _forget_before(self, now: float) -> None:
        for key in [k for k, free in self._next_free.items() if free <= now]:
            del self._next_free[key]
