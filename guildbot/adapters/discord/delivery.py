"""How a message goes out in parts, and how failed Discord REST calls are reported.

discord.py already waits out short rate limits itself: each route's bucket is respected
before a request, and a 429 is retried after Discord's ``retry_after`` (up to five tries).
The client is built with ``max_ratelimit_timeout``, so a wait longer than that is not sat out
in-line: the call fails with `discord.RateLimited`, becomes a retryable `DeliveryError`
carrying the wait, and the outbox retries later with its own backoff. Every failure is
logged as one line with the operation and Discord's error code — never the token or message.

A message too long for one Discord message is posted part after part, each the way a single
message is posted (so rate limits and those retries apply to every part).

An outbox row's parts carry a nonce made from the row (`outbox_nonce`), which discord.py
sends with ``enforce_nonce``: a resend of the row within Discord's window gets the messages
already posted back instead of new ones. Messages read back carry no nonce, so that resend is
the only way to find them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta

import aiohttp
import discord

from guildbot.adapters.common import log_failure
from guildbot.adapters.discord.render import Part
from guildbot.adapters.discord.views import view_for
from guildbot.contract.errors import DeliveryError, RecipientUnreachable
from guildbot.contract.reconciling import SendKey

log = logging.getLogger(__name__)

# What a REST call can fail with: Discord's refusals, a rate limit too long to wait out
# in-line, and the network.
FAILURES: tuple[type[BaseException], ...] = (
    discord.HTTPException,
    discord.RateLimited,
    aiohttp.ClientError,
    asyncio.TimeoutError,
    OSError,
)

# Discord JSON error codes meaning "this recipient will never take it" (retrying cannot help).
UNREACHABLE_CODES = frozenset(
    {
        10003,  # Unknown Channel
        10004,  # Unknown Guild
        10007,  # Unknown Member
        10013,  # Unknown User
        50001,  # Missing Access
        50007,  # Cannot send messages to this user (DMs closed)
        50013,  # Missing Permissions
        50083,  # Operation on an archived thread
        160002,  # Cannot reply without permission to read message history
    }
)


# Discord checks an enforced nonce against the author's messages of "the past few minutes"
# and answers a repeat with the message already created. Claimed as less than that here: a
# row whose first send may be older is not resent on the nonce's word.
NONCE_ENFORCED_FOR = timedelta(minutes=2)


def outbox_nonce(key: SendKey) -> str:
    """The nonce of an outbox row's messages, the same on every resend of the row (each part
    adds its number; Discord takes at most 25 characters)."""
    return f"gb{key.row_id}"


PostPart = Callable[[str, discord.ui.View | None, bool], Awaitable[str]]
"""Posts one part — its content, its buttons, whether it is the first — and returns the id
Discord gave the message."""


async def send_parts(operation: str, parts: Sequence[Part], post: PostPart) -> str:
    """Post `parts` in order with `post`; the first part's message id (where the message
    starts: what a reply to it, or a link, should point at).

    A part that fails stops the rest, so no part is ever shown before an earlier one, and
    fails the whole send: the outbox then sends the message again from its first part. A
    repeat of the parts that got through is better than an answer with a hole in it."""
    first = ""
    for index, part in enumerate(parts):
        try:
            sent = await post(part.content, view_for(part.buttons), index == 0)
        except FAILURES as error:
            if index:
                log.warning("discord %s: part %d of %d failed", operation, index + 1, len(parts))
            raise delivery_error(operation, error) from None
        first = first or sent
    return first


def delivery_error(operation: str, error: BaseException) -> DeliveryError:
    """A failed REST call as the core's `DeliveryError` (logged once, token-free)."""
    status: int | None = None
    failure: DeliveryError
    if isinstance(error, discord.RateLimited):
        failure = DeliveryError(
            "Discord rate limit", retryable=True, retry_after=error.retry_after, code="ratelimited"
        )
    elif isinstance(error, discord.HTTPException):
        status = error.status
        code = int(error.code or 0)
        if status == 429:
            failure = DeliveryError(
                "Discord rate limit",
                retryable=True,
                retry_after=_retry_after(error),
                code="ratelimited",
            )
        elif code in UNREACHABLE_CODES or status == 404:
            failure = RecipientUnreachable(
                f"Discord refused the recipient ({code or status})",
                code=f"discord_{code or status}",
            )
        elif status >= 500:
            failure = DeliveryError("Discord is unavailable", retryable=True, code=f"http_{status}")
        else:
            failure = DeliveryError(
                "Discord refused the call", retryable=False, code=f"discord_{code or status}"
            )
    elif isinstance(error, aiohttp.ClientError | asyncio.TimeoutError | OSError):
        failure = DeliveryError("Discord is unreachable", retryable=True, code="network")
    else:
        failure = DeliveryError("Discord call failed", retryable=False, code=type(error).__name__)
    log_failure(log, "discord", operation, failure, status)
    return failure


def _retry_after(error: discord.HTTPException) -> float | None:
    """Retry-After of a 429 discord.py did not retry itself (e.g. one without `Via`)."""
    headers = getattr(error.response, "headers", None) or {}
    try:
        seconds = float(headers.get("Retry-After", ""))
    except ValueError:
        return None
    return seconds if seconds >= 0 else None
