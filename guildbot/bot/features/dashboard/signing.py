"""Signed values for the dashboard: sign-in links and session cookies.

A value is its payload and an HMAC-SHA256 of it under the deployment's secret key
(`GUILDBOT_SECRET_KEY`), each part base64url; the MAC also covers what the value is for, so
a link can never be replayed as a cookie or the other way round. Verification compares in
constant time and never raises on hostile input.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

MAX_TOKEN = 512  # far above what we sign: anything longer is not ours


def sign(secret: str, purpose: str, payload: str) -> str:
    """`payload` signed for `purpose` ("link", "session")."""
    return f"{_encode(payload.encode())}.{_encode(_mac(secret, purpose, payload))}"


def verify(secret: str, purpose: str, token: str) -> str | None:
    """The payload `token` carries when it was signed here for `purpose`, else None."""
    if not token or len(token) > MAX_TOKEN or token.count(".") != 1:
        return None
    encoded, mac = token.split(".")
    payload_bytes, given = _decode(encoded), _decode(mac)
    if payload_bytes is None or given is None:
        return None
    try:
        payload = payload_bytes.decode()
    except UnicodeDecodeError:
        return None
    if not hmac.compare_digest(given, _mac(secret, purpose, payload)):
        return None
    return payload


def digest(secret_part: str) -> str:
    """What is stored of a link's random part: its SHA-256, hex."""
    return hashlib.sha256(secret_part.encode()).hexdigest()


def _mac(secret: str, purpose: str, payload: str) -> bytes:
    return hmac.new(secret.encode(), f"{purpose}\n{payload}".encode(), hashlib.sha256).digest()


def _encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _decode(text: str) -> bytes | None:
    if not text or not all(c.isascii() and (c.isalnum() or c in "-_") for c in text):
        return None
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
