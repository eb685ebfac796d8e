"""How Slack Web API calls fail, and the one retry slack_sdk makes itself.

- A dropped connection is retried once by slack_sdk's own handler (with an injected `sleep`,
  so tests move time instead of waiting). Everything else — rate limits (429 + Retry-After),
  server errors — fails at once as a retryable `DeliveryError` carrying Retry-After: pacing
  and retry live in one place, the outbox, for replies and scheduled messages alike.
- Every failure is logged as one line with the API method and Slack's error code — never the
  token, never the message — and raised as `DeliveryError` or `RecipientUnreachable`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
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


def _seconds(value: Any) -> float | None:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return None
    return seconds if seconds >= 0 else None


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


def retry_handlers(sleep: Sleep) -> list[AsyncRetryHandler]:
    """The handlers registered on the Web API client: a dropped connection only."""
    return [ConnectionErrorRetry(sleep)]


def delivery_error(method: str, error: BaseException, logged: bool = True) -> DeliveryError:
    """A failed Web API call as the core's `DeliveryError`, logged once (method + code only;
    not at all when the caller says what happened in its own words, `logged` False)."""
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
    if logged:
        log_failure(log, "slack", method, failure, status, key="method")
    return failure
