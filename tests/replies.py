"""Replies as a test's stand-in core answers them: `answer(message, …)`; `nothing` for none."""

from __future__ import annotations

from guildbot.contract.adapter import Replies
from guildbot.contract.errors import DeliveryError
from guildbot.contract.inbound import InboundEvent
from guildbot.contract.outbound import OutboundMessage


class Undelivered(list[tuple[OutboundMessage, DeliveryError]]):
    """What an adapter handed back as undeliverable."""

    async def __call__(self, message: OutboundMessage, error: DeliveryError) -> None:
        self.append((message, error))


def answer(*messages: OutboundMessage, undelivered: Undelivered | None = None) -> Replies:
    """The core's replies to one event."""
    return Replies(messages, undelivered if undelivered is not None else Undelivered())


def nothing() -> Replies:
    """No reply at all."""
    return answer()


class Heard:
    """A stand-in core that keeps every event it is handed (`events`) and answers none."""

    def __init__(self) -> None:
        self.events: list[InboundEvent] = []

    async def __call__(self, event: InboundEvent) -> Replies:
        self.events.append(event)
        return nothing()
