"""Fixtures for every adapter's tests: the mock platforms are on 127.0.0.1."""

from __future__ import annotations

import pytest

PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY")


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The SDKs (slack_sdk, aiohttp sessions) honour proxy variables; the mocks must be
    reached directly."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
