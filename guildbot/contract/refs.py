"""Who and where, as one platform knows them: plain values the core stores and compares."""

from __future__ import annotations

from dataclasses import dataclass
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
