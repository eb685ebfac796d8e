"""Errors that cross the contract: a platform refusing our configuration, or a message."""

from __future__ import annotations


class ConfigError(Exception):
    """A setting is missing or malformed (or a platform refused it). The message names the
    variable, so the command line can say what to fix in one line."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable}: {problem}")
        self.variable = variable


class DeliveryError(Exception):
    """An adapter could not deliver a message.

    `retryable` says whether trying again later may work (rate limits, server errors, network);
    `retry_after` is the platform's own hint in seconds, when it gave one. `code` is the
    platform's error code for logs (never a token or the message body).
    """

    def __init__(
        self, reason: str, *, retryable: bool, retry_after: float | None = None, code: str = ""
    ) -> None:
        super().__init__(reason)
        self.retryable = retryable
        self.retry_after = retry_after
        self.code = code


class RecipientUnreachable(DeliveryError):
    """The platform will never accept this message for this recipient (e.g. the bot was
    removed from the channel, or a Teams member never installed the app)."""

    def __init__(self, reason: str, code: str = "") -> None:
        super().__init__(reason, retryable=False, code=code)
