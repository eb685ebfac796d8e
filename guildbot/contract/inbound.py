"""What adapters hand the core: one small frozen dataclass per kind of event.

Every event carries the platform's own id for it (`event_id`), so the core acts once on
an event a platform delivers twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from guildbot.contract.refs import ConversationRef, MemberRef


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
