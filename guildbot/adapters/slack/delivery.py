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
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

import aiohttp
from aiohttp.abc import AbstractStreamWriter
from aiohttp.connector import Connection
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

from guildbot.adapters.common import log_failure
from guildbot.contract.errors import DeliveryError, RecipientUnreachable
from guildbot.contract.reconciling import SEND_DEADLINE, Found, SendKey, SendWindowClosed
from guildbot.contract.refs import ConversationRef

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


# -- reconciling: outbox rows carry message metadata, found again in the history ----------------


def _past_deadline() -> bool:
    deadline = SEND_DEADLINE.get()
    return deadline is not None and asyncio.get_running_loop().time() >= deadline


class DeadlineRequest(aiohttp.ClientRequest):
    """An HTTP request that is not written once its outbox row's deadline has passed
    (`SEND_DEADLINE`). aiohttp writes a request (its headers with its body) in a task of its
    own, started once the connection is ready: a process stopped in between would write it
    when it resumes, after another instance took the row over and, not finding it in the
    history, posted it itself. Too late, the connection is closed instead: nothing went out."""

    async def write_bytes(
        self, writer: AbstractStreamWriter, conn: Connection, content_length: int | None = None
    ) -> None:
        if _past_deadline():
            conn.close()
            return
        await super().write_bytes(writer, conn, content_length)


def late_send_guard() -> aiohttp.TraceConfig:
    """Refuses an outbox row's request that starts after its deadline (`SendWindowClosed`):
    with `DeadlineRequest`, which covers the moment of writing, a request never goes out
    late, and one refused at its start is not even connected."""

    async def check(*_: Any) -> None:
        if _past_deadline():
            raise SendWindowClosed("the row's send deadline passed before it was written")

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(check)
    return trace


# The metadata event type every outbox message carries (its payload: the row and attempt).
OUTBOX_EVENT = "guildbot_outbox"
# conversations.history / conversations.replies: a page of this many messages, at most this
# many pages per search (past that, Slack "cannot tell" and the outbox's policy decides).
HISTORY_PAGE = 200
HISTORY_PAGES = 10
# What a search needs: reading the conversation (bot scopes channels:history, groups:history,
# im:history, mpim:history). Without them Slack answers one of these, and the outbox falls
# back to its policy (said once in the log).
UNREADABLE_ERRORS = frozenset({"missing_scope", "not_in_channel", "channel_not_found"})

ApiCall = Callable[[str, Awaitable[Any]], Awaitable[Mapping[str, Any]]]


def outbox_metadata(key: SendKey) -> dict[str, Any]:
    """The message metadata that says which outbox row (and attempt) a message is."""
    return {
        "event_type": OUTBOX_EVENT,
        "event_payload": {"row": key.row_id, "attempt": key.attempt},
    }


def _row_of(message: Any) -> int | None:
    metadata = message.get("metadata") if isinstance(message, dict) else None
    if not isinstance(metadata, dict) or metadata.get("event_type") != OUTBOX_EVENT:
        return None
    payload = metadata.get("event_payload")
    row = payload.get("row") if isinstance(payload, dict) else None
    return row if isinstance(row, int) and not isinstance(row, bool) else None


class HistorySearch:
    """Finds outbox messages in a conversation's history by their metadata."""

    def __init__(self, client: AsyncWebClient, call: ApiCall) -> None:
        self.client = client
        self.call = call
        self.unreadable_said = False

    async def find(
        self, conversation: ConversationRef, keys: Sequence[SendKey], since: datetime
    ) -> Found | None:
        """Which rows of `keys` Slack has in `conversation` (its thread, if it has one) since
        `since`: None when the app may not read it, or the history is too long to search."""
        wanted = {key.row_id for key in keys}
        found: dict[int, str] = {}
        cursor: str | None = None
        method = "conversations.replies" if conversation.thread_id else "conversations.history"
        for _ in range(HISTORY_PAGES):
            try:
                page = await self.call(method, self._page(conversation, since, cursor))
            except DeliveryError as error:
                if error.code in UNREADABLE_ERRORS:
                    self._say_unreadable(error.code)
                    return None
                raise
            for message in page.get("messages") or []:
                row = _row_of(message)
                if row in wanted and row is not None:
                    found.setdefault(row, str(message.get("ts") or ""))
            metadata = page.get("response_metadata") or {}
            cursor = str(metadata.get("next_cursor") or "") or None
            if cursor is None or len(found) == len(wanted):
                return Found(found)
        log.warning(
            "slack history too long to search for %d outbox row(s)", len(wanted) - len(found)
        )
        return None

    def _page(
        self, conversation: ConversationRef, since: datetime, cursor: str | None
    ) -> Awaitable[Any]:
        oldest = f"{since.timestamp():.6f}"
        if conversation.thread_id:
            return self.client.conversations_replies(
                channel=conversation.channel_id,
                ts=conversation.thread_id,
                oldest=oldest,
                inclusive=True,
                include_all_metadata=True,
                limit=HISTORY_PAGE,
                cursor=cursor,
            )
        return self.client.conversations_history(
            channel=conversation.channel_id,
            oldest=oldest,
            inclusive=True,
            include_all_metadata=True,
            limit=HISTORY_PAGE,
            cursor=cursor,
        )

    def _say_unreadable(self, code: str) -> None:
        if self.unreadable_said:
            return
        self.unreadable_said = True
        log.warning(
            "slack: cannot read conversation history (%s): messages whose sender stopped "
            "mid-send are handled by the outbox policy (reminders sent again, announcements "
            "asked about). Grant the bot channels:history, groups:history, im:history and "
            "mpim:history to have them looked up instead",
            code,
        )
