"""What the core asks adapters to show: messages with buttons, rendered natively by each."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from guildbot.contract.refs import ConversationRef, MemberRef
from guildbot.contract.richtext import RichText


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


# What an adapter can count on: a button's action id and value fit these, so a platform's
# own limit (Discord: 100 characters for the whole custom id) always holds. The core keeps
# anything longer a button stands for itself, under a short value (a pending action).
MAX_ACTION_ID = 32
MAX_BUTTON_VALUE = 64


@dataclass(frozen=True, slots=True)
class Button:
    """A choice offered with a message. Pressing it produces an `ActionInvoked` with the
    same action id and value (at most `MAX_ACTION_ID` and `MAX_BUTTON_VALUE` characters
    once the core has sent it)."""

    label: str
    action_id: str
    value: str = ""
    style: ButtonStyle = ButtonStyle.DEFAULT
    confirm: Confirmation | None = None


@dataclass(frozen=True, slots=True)
class OutboundMessage:
    """A message for an adapter to render natively, always with a plain-text fallback.

    `text` is typed rich text (see `contract.richtext`); `context` is small print under it.
    `ephemeral_to` makes the message visible to one member only where the platform supports
    that (elsewhere it is sent as a direct message).
    """

    to: ConversationRef
    text: RichText
    buttons: tuple[Button, ...] = field(default=())
    context: RichText | None = None
    thread_id: str | None = None
    ephemeral_to: MemberRef | None = None
