"""The gate in front of `/slack/events`: signatures over raw bytes, bounded reading."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from guildbot.adapters.slack.gate import MAX_DEPTH, Signatures, refusal, sign

SECRET = "8f742231b10e8888abcd99b1c2d3e4f5"
NOW = 1_800_000_000


def headers_for(raw: bytes, content_type: str = "application/json") -> dict[str, str]:
    signature = sign(SECRET.encode(), str(NOW), raw).decode()
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(NOW),
        "X-Slack-Signature": signature,
    }


SIGNATURES = Signatures(SECRET, now=lambda: NOW)


def test_a_signed_event_passes_and_a_changed_byte_does_not() -> None:
    raw = json.dumps({"type": "event_callback", "event": {"type": "message"}}).encode()
    assert refusal(raw, headers_for(raw), SIGNATURES) is None
    altered = raw.replace(b"message", b"massage")
    rejected = refusal(altered, headers_for(raw), SIGNATURES)
    assert rejected is not None and rejected.status == 401


def test_a_signature_from_more_than_five_minutes_ago_is_refused() -> None:
    raw = b"command=%2Fguild"
    later = Signatures(SECRET, now=lambda: NOW + 301)
    rejected = refusal(raw, headers_for(raw, "application/x-www-form-urlencoded"), later)
    assert rejected is not None and rejected.status == 401


def test_nesting_is_bounded() -> None:
    shallow = json.dumps({"a": [[[1]]]}).encode()
    assert refusal(shallow, headers_for(shallow), SIGNATURES) is None
    deep = ("{" + '"a":[' * MAX_DEPTH + "1" + "]" * MAX_DEPTH + "}").encode()
    rejected = refusal(deep, headers_for(deep), SIGNATURES)
    assert rejected is not None and rejected.status == 400


@given(st.binary(max_size=2000), st.sampled_from(["application/json", "text/plain", ""]))
def test_any_signed_bytes_are_accepted_or_refused_never_an_error(raw: bytes, kind: str) -> None:
    verdict = refusal(raw, headers_for(raw, kind), SIGNATURES)
    assert verdict is None or verdict.status in (400, 413)


@given(st.binary(max_size=2000), st.text(max_size=30), st.text(max_size=80))
def test_unsigned_bytes_are_always_401(raw: bytes, timestamp: str, signature: str) -> None:
    headers = {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature}
    verdict = refusal(raw, headers, SIGNATURES)
    assert verdict is not None and verdict.status == 401
