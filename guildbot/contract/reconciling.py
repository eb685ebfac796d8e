"""What an adapter may offer so that a message is posted once even when the process sending
it freezes or dies between the platform's answer and the outbox's record of it.

An adapter that is `Reconciling` sends each outbox row under a `SendKey` that the platform
keeps with the message (Slack: message metadata; Discord: a nonce Discord enforces), and can
say, for rows whose sender vanished, which of them the platform already has.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.refs import ConversationRef, MessageRef

# While an outbox row is being sent: the event loop's time (`loop.time()`) after which its
# request must not be written any more. A process stopped mid-send (SIGSTOP, a paused VM) can
# resume a request it had not written yet after another instance took the row over; an
# adapter checks this right before it writes (Slack: as its HTTP connection is ready) and
# raises `SendWindowClosed` instead. None outside outbox sends.
SEND_DEADLINE: ContextVar[float | None] = ContextVar("guildbot_send_deadline", default=None)


class SendWindowClosed(Exception):
    """The row's send deadline passed before its request was written: nothing was sent."""


@dataclass(frozen=True, slots=True)
class SendKey:
    """Which outbox row (and which attempt at it) a message is. The row id alone is what
    makes a resend of the same row recognisable; the attempt is kept for the record."""

    row_id: int
    attempt: int


@dataclass(frozen=True, slots=True)
class Found:
    """What the platform said about some rows sent to one conversation since a moment:
    the message id of each row it has (a row not in `sent` is not there)."""

    sent: Mapping[int, str]


@runtime_checkable
class Reconciling(Protocol):
    """An adapter whose sends carry a `SendKey` the platform keeps or enforces."""

    @property
    def resend_is_idempotent_for(self) -> timedelta:
        """How long after a send the platform itself answers a resend under the same key
        with the message already posted (Discord's enforced nonce), instead of posting a
        second one; zero when it never does (Slack)."""
        ...

    async def send_keyed(self, message: OutboundMessage, key: SendKey) -> MessageRef:
        """`Adapter.send`, with `key` kept by the platform alongside the message."""
        ...

    async def find_sent(
        self, conversation: ConversationRef, keys: Sequence[SendKey], since: datetime
    ) -> Found | None:
        """Which of `keys` the platform has in `conversation`, posted at `since` or later;
        None when it cannot tell (no such search, or the app may not read the conversation).

        Raises `DeliveryError` when the platform could not be asked now (try again later).
        """
        ...
