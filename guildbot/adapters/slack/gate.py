"""What a request to `/slack/events` must be before anything reads it.

Slack signs the raw bytes of every request, so the signature is checked on those bytes first:
an unsigned, forged or stale request is refused (401) whatever its body, and nothing of it is
parsed. A signed body is then read under bounds (its size, UTF-8, JSON depth): one that cannot
be read is refused (400) with one line in the log. Only then does bolt parse it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

# Slack's own payloads are kilobytes; a view submission with many blocks stays well under this.
MAX_BODY_BYTES = 1 << 20
# Slack nests a payload's blocks and view state about a dozen levels deep.
MAX_DEPTH = 64
# Slack's rule: a request signed more than five minutes from now is a replay.
MAX_SKEW_SECONDS = 5 * 60


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a request goes no further: its HTTP status and a reason for the log."""

    status: int
    reason: str


TOO_LARGE = Refusal(413, "body too large")
UNSIGNED = Refusal(401, "missing, forged or stale signature")


class Signatures:
    """Slack's request signatures: HMAC-SHA256 of ``v0:TIMESTAMP:BODY`` over the raw bytes
    (slack_sdk's verifier decodes the body first, so bytes that are not UTF-8 would raise)."""

    def __init__(self, signing_secret: str, now: Callable[[], float] = time.time) -> None:
        self._secret = signing_secret.encode()
        self._now = now

    def valid(self, raw: bytes, timestamp: str | None, signature: str | None) -> bool:
        """Whether `signature` is Slack's for these bytes, signed within five minutes."""
        if not self._secret or not timestamp or not signature:
            return False
        if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
            return False
        if abs(self._now() - int(timestamp)) > MAX_SKEW_SECONDS:
            return False
        expected = sign(self._secret, timestamp, raw)
        return hmac.compare_digest(expected, signature.encode("ascii", "replace"))


def sign(secret: bytes, timestamp: str, raw: bytes) -> bytes:
    """Slack's signature of `raw` at `timestamp`, as it appears in X-Slack-Signature."""
    digest = hmac.new(secret, b"v0:" + timestamp.encode() + b":" + raw, hashlib.sha256)
    return b"v0=" + digest.hexdigest().encode()


def refusal(raw: bytes, headers: Mapping[str, str], signatures: Signatures) -> Refusal | None:
    """None when the request is Slack's and readable; otherwise why not."""
    if len(raw) > MAX_BODY_BYTES:
        return TOO_LARGE
    timestamp = headers.get("X-Slack-Request-Timestamp")
    if not signatures.valid(raw, timestamp, headers.get("X-Slack-Signature")):
        return UNSIGNED
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Refusal(400, "malformed body: not UTF-8")
    content_type = headers.get("Content-Type", "").split(";")[0].strip().lower()
    # Read the body as bolt will (slack_bolt.request.internals.parse_body): as JSON when so
    # declared or when it starts with "{", whatever else it claims to be.
    if content_type == "application/json" or text.startswith("{"):
        return _json_refusal(text)
    try:
        form = parse_qs(text, keep_blank_values=True, errors="strict")
    except (ValueError, UnicodeDecodeError):
        return Refusal(400, "malformed body: not a form")
    payloads = form.get("payload")
    if payloads:
        return _json_refusal(payloads[-1])  # bolt keeps the last of repeated fields
    return None


def _json_refusal(text: str) -> Refusal | None:
    try:
        value = json.loads(text)
    except RecursionError:
        return Refusal(400, "malformed body: JSON nested too deep")
    except ValueError:
        return Refusal(400, "malformed body: not JSON")
    if not isinstance(value, dict):
        return Refusal(400, "malformed body: JSON that is not an object")
    if _depth(value) > MAX_DEPTH:
        return Refusal(400, "malformed body: JSON nested too deep")
    return None


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in `value` (without recursion)."""
    deepest = 0
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        children = item.values() if isinstance(item, dict) else item
        pending.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return deepest
