"""The neutral event model shared by every adapter and the core.

Everything here is a small frozen dataclass of plain values, so events can be stored, logged
and compared, and no platform SDK object ever leaks into the core.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ConversationKind(StrEnum):
    """Where a message lives: a shared channel, a 1:1 chat with the bot, or a group chat."""

    CHANNEL = "channel"
    DIRECT = "direct"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class MemberRef:
    """A person as one platform knows them."""

    platform: str
    workspace_id: str
    user_id: str


@dataclass(frozen=True, slots=True)
class ConversationRef:
    """A place messages can be sent to on one platform."""

    platform: str
    workspace_id: str
    channel_id: str
    thread_id: str | None = None
    kind: ConversationKind = ConversationKind.CHANNEL


@dataclass(frozen=True, slots=True)
class MessageRef:
    """What a platform returned for a message we sent (its id), so it can be edited or threaded."""

    conversation: ConversationRef
    message_id: str


@dataclass(frozen=True, slots=True)
class MessageReceived:
    """An ordinary message the bot can see (not addressed to it as a command)."""

    event_id: str
    actor: MemberRef
    conversation: ConversationRef
    text: str


@dataclass(frozen=True, slots=True)
class CommandInvoked:
    """A slash command or a mention of the bot; `text` is parsed by the one command grammar.

    Adapters put the whole command line in `text`, e.g. ``"/guild expertise add k8s"`` or
    ``"coffee join"``; the grammar strips the slash-command prefixes itself.
    """

    event_id: str
    actor: MemberRef
    conversation: ConversationRef
    text: str


@dataclass(frozen=True, slots=True)
class ActionInvoked:
    """A button press: which action, and the value the button carried."""

    event_id: str
    actor: MemberRef
    conversation: ConversationRef
    action_id: str
    value: str


@dataclass(frozen=True, slots=True)
class MemberJoined:
    """Someone joined a conversation the bot is in."""

    event_id: str
    actor: MemberRef
    conversation: ConversationRef


InboundEvent = MessageReceived | CommandInvoked | ActionInvoked | MemberJoined


class ButtonStyle(StrEnum):
    """How prominent a button is; platforms without styles ignore it."""

    DEFAULT = "default"
    PRIMARY = "primary"
    DANGER = "danger"


@dataclass(frozen=True, slots=True)
class Confirmation:
    """A confirmation dialog shown before a destructive action runs."""

    title: str
    text: str
    confirm_label: str = "Yes"
    deny_label: str = "Cancel"


@dataclass(frozen=True, slots=True)
class Button:
    """A choice offered with a message. Pressing it produces an `ActionInvoked`."""

    label: str
    action_id: str
    value: str = ""
    style: ButtonStyle = ButtonStyle.DEFAULT
    confirm: Confirmation | None = None


@dataclass(frozen=True, slots=True)
class OutboundMessage:
    """A message for an adapter to render natively, always with a plain-text fallback.

    `text` uses a deliberately small markup (``*bold*``, bullet lines) that every platform can
    show; `context` is small print under it. `ephemeral_to` makes the message visible to one
    member only where the platform supports that (elsewhere it is sent as a direct message).
    """

    to: ConversationRef
    text: str
    buttons: tuple[Button, ...] = field(default=())
    context: str | None = None
    thread_id: str | None = None
    ephemeral_to: MemberRef | None = None
