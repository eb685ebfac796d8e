"""mautrix's HTTP client, with the homeserver's `retry_after_ms` kept on a rate limit.

mautrix raises `MLimitExceeded` with the error's words only; how long the homeserver asked
us to wait is in the same JSON (`retry_after_ms`, or a `Retry-After` header), and the
outbox's one retry path honours it (`DeliveryError.retry_after`).
"""

from __future__ import annotations

from typing import Any

from aiohttp import ClientResponse
from mautrix.api import HTTPAPI
from mautrix.errors import MLimitExceeded, make_request_error
from yarl import URL

from guildbot.contract.errors import DeliveryError


class RateLimited(MLimitExceeded):
    """M_LIMIT_EXCEEDED, with the wait the homeserver asked for (seconds, or None)."""

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(429, message)
        self.retry_after = retry_after

    def delivery_error(self) -> DeliveryError:
        """What delivery makes of it: try again, after the wait asked for."""
        return DeliveryError(
            "matrix rate limit", retryable=True, retry_after=self.retry_after, code=self.errcode
        )


def retry_after_of(data: Any, header: str | None) -> float | None:
    """Seconds to wait: the body's `retry_after_ms`, else the `Retry-After` header."""
    if isinstance(data, dict):
        waited = data.get("retry_after_ms")
        if isinstance(waited, int | float) and not isinstance(waited, bool) and waited >= 0:
            return float(waited) / 1000
    if header is not None:
        try:
            return max(0.0, float(header))
        except ValueError:
            return None
    return None


class HomeserverAPI(HTTPAPI):
    """HTTPAPI whose rate-limit errors say how long to wait (its `_send` as mautrix writes
    it, but for reading the wait out of a 429)."""

    async def _send(
        self,
        method: Any,
        url: URL,
        content: Any,
        query_params: dict[str, str],
        headers: dict[str, str],
    ) -> tuple[Any, ClientResponse]:
        request = self.session.request(
            str(method), url, data=content, params=query_params, headers=headers
        )
        async with request as response:
            if 200 <= response.status < 300:
                return await response.json(), response
            try:
                data = await response.json(content_type=None)
            except ValueError:
                data = None
            if not isinstance(data, dict):
                data = {}
            if response.status == 429 or data.get("errcode") == "M_LIMIT_EXCEEDED":
                raise RateLimited(
                    str(data.get("error", "")),
                    retry_after_of(data, response.headers.get("Retry-After")),
                )
            raise make_request_error(
                http_status=response.status,
                text=await response.text(),
                errcode=data.get("errcode"),
                message=data.get("error"),
                unstable_errcode=data.get("org.matrix.msc3848.unstable.errcode"),
            )
