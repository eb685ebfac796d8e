"""What some adapters must keep between processes, as protocols the core implements.

Teams only lets a bot message a conversation it was given a *conversation reference* for,
which arrives with each activity, so the adapter saves it for later sends — possibly from
another process. Discord shards must be held by one instance at a time. The composition root
hands adapters database-backed implementations of these; the adapters see only this shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class SavedConversation:
    """A stored conversation: its short key, kind, reference, and (for groups) members."""

    key: str
    kind: str
    reference: dict[str, Any]
    user_id: str | None = None
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Contact:
    """A person the platform told us about, with the platform's own id for them."""

    user_id: str
    platform_user_id: str
    display_name: str = ""
    principal_name: str | None = None
    service_url: str | None = None
    seen_in: str | None = None


class ConversationStore(Protocol):
    """Conversation references and contacts of one platform."""

    async def save(
        self,
        workspace_id: str,
        conversation: SavedConversation,
        contacts: Sequence[Contact] = (),
    ) -> None:
        """Store (or refresh) a conversation and the people seen with it, at once."""
        ...

    async def save_contacts(self, workspace_id: str, contacts: Sequence[Contact]) -> None:
        """Store (or refresh) people seen without a new conversation (a team's roster)."""
        ...

    async def get(self, workspace_id: str, key: str) -> SavedConversation | None:
        """The conversation stored under `key`."""
        ...

    async def direct_with(self, workspace_id: str, user_id: str) -> SavedConversation | None:
        """The member's own 1:1 chat with the bot, if they ever opened (or were given) one."""
        ...

    async def contacts(self, workspace_id: str, user_ids: Sequence[str]) -> dict[str, Contact]:
        """What is known of these people, by user id (the unknown are left out)."""
        ...


class ShardConflict(Exception):
    """Another live instance holds a shard this one was configured to run."""


class ShardLeases(Protocol):
    """This instance's claims on one platform's gateway shards, kept alive by a heartbeat."""

    @property
    def platform(self) -> str:
        """Whose shards."""
        ...

    @property
    def lease(self) -> timedelta:
        """How long a claim lives without renewal."""
        ...

    @property
    def heartbeat_seconds(self) -> float:
        """How often to renew."""
        ...

    async def claim(self, shard_ids: Sequence[int], shard_count: int) -> None:
        """Claim every shard in `shard_ids`, or none of them (raises `ShardConflict`)."""
        ...

    async def renew(self) -> int:
        """Extend the leases; returns how many shards this instance still holds."""
        ...

    async def release(self) -> None:
        """Free this instance's shards (at a clean stop)."""
        ...
