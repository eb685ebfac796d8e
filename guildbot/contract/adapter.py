"""The protocol every chat platform implements, and what it tells the core about itself."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from guildbot.contract.errors import DeliveryError
from guildbot.contract.inbound import InboundEvent
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.refs import ConversationRef, MemberRef, MessageRef
from guildbot.contract.richtext import RichText

Undelivered = Callable[[OutboundMessage, DeliveryError], Awaitable[None]]
"""Hands a reply the adapter could not deliver back to the core, which queues it in the
outbox: retried there, and sent to the member directly if it was private."""


@dataclass(frozen=True, slots=True)
class Replies:
    """What the core answers an event with.

    The adapter delivers `messages` in order, through the event's own interaction where the
    platform has one (within its deadline), and hands each one it cannot deliver to
    `undelivered` instead of dropping it.

    `settled`, for a button press, is what the pressed message now says under its text (what
    was chosen and by whom): the adapter edits that message in place, keeping its text, adding
    this line and taking its buttons away, so nobody presses a choice already made. None
    leaves the message as it is (a channel post whose buttons everyone answers, a press that
    was refused).
    """

    messages: tuple[OutboundMessage, ...]
    undelivered: Undelivered
    settled: RichText | None = None

    def __len__(self) -> int:
        return len(self.messages)


Dispatch = Callable[[InboundEvent], Awaitable[Replies]]
"""What an adapter calls with each inbound event once it has acknowledged the platform."""


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What delivery must respect about a platform.

    What a platform cannot show is each adapter's own fallback, kept beside the code that
    knows the platform: Teams has no ephemeral replies (a private reply goes to the member's
    chat) and no bot-made group chats (a group message goes to each member's chat)."""

    # Fewest seconds between two messages to one conversation (Slack: one per second).
    min_send_interval_seconds: float = 1.0


@dataclass(frozen=True, slots=True)
class PlatformProfile:
    """What a platform tells us about a user on first contact.

    `locale` is a BCP 47 language tag ("en-GB", "fr", "pt-BR") where the platform shares the
    user's language (Discord: their client's); the core reads numeric dates in its order."""

    display_name: str
    timezone: str | None = None
    email: str | None = None
    locale: str | None = None


ProfileLookup = Callable[[MemberRef], Awaitable[PlatformProfile | None]]
"""A platform's profile of a user (None when it cannot tell)."""


class Adapter(Protocol):
    """One chat platform. Several adapters can run in one process.

    An adapter acknowledges the platform within its deadline, turns what arrives into neutral
    events for `dispatch`, and renders `OutboundMessage` natively. It holds no business rules.
    """

    @property
    def platform(self) -> str:
        """The platform's short name, as used in `MemberRef.platform`."""
        ...

    @property
    def capabilities(self) -> Capabilities:
        """What this platform can render."""
        ...

    async def start(self, dispatch: Dispatch) -> None:
        """Begin receiving events and pass each to `dispatch`."""
        ...

    async def stop(self) -> None:
        """Stop receiving events and release connections."""
        ...

    async def send(self, message: OutboundMessage) -> MessageRef:
        """Deliver a message and return the platform's id for it.

        Raises `DeliveryError` (or `RecipientUnreachable`) when the platform refuses it.
        """
        ...

    async def open_conversation(
        self, members: Sequence[MemberRef], key: str | None = None
    ) -> ConversationRef:
        """Open (or reuse) a direct or group conversation with these members.

        `key` names a group conversation: opening it again with the same key — even from
        another process, after a crash kept the first from being recorded — gives the same
        conversation, never a second one (a platform that creates a new conversation on
        each call must find the first again by its key).
        """
        ...

    async def lookup_user(self, member: MemberRef) -> PlatformProfile | None:
        """The platform's profile of a user, or None when the platform cannot tell."""
        ...


Fail = Callable[[str], None]
"""Tells the process an adapter can no longer work safely; the process stops, non-zero."""


@runtime_checkable
class Supervised(Protocol):
    """An adapter that can find out, while running, that it must not go on (e.g. it lost
    its gateway shards to another instance). The runner hands it `fail`."""

    def supervise(self, fail: Fail) -> None:
        """Remember `fail`, to call with a reason (one line, no secrets)."""
        ...


@dataclass(frozen=True, slots=True)
class Connection:
    """Whether an adapter is connected to its platform now, for `/healthz`."""

    connected: bool
    since: datetime  # when it last connected or lost its connection (UTC)
    seconds: float  # how long ago that was, on a monotonic clock (a clock change is no outage)


@runtime_checkable
class Connected(Protocol):
    """An adapter that can tell whether it is connected to its platform (a gateway or
    websocket adapter), or — HTTP only — whether it is serving."""

    async def connection(self) -> Connection:
        """The connection now. Cheap: no call to the platform."""
        ...


@runtime_checkable
class StandingBy(Protocol):
    """An adapter that may be standing by while another instance holds the platform
    account (Matrix: one device, one sync loop at a time). While it is, this instance's
    scheduler claims nothing for its platform: the instance that holds it sends."""

    @property
    def standing_by(self) -> bool:
        """Another instance holds the account now."""
        ...
