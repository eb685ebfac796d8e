"""Stored conversation references and platform contacts (see `models.StoredConversation`).

Both are upserts keyed by a unique constraint, written with dialect-specific
``INSERT … ON CONFLICT DO UPDATE`` so that two processes learning the same conversation at
once both succeed and the row ends with the newest reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import PlatformContact, StoredConversation


class ConversationRepository:
    """Conversation references and contacts of one session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _insert(self, model: type[StoredConversation] | type[PlatformContact]) -> Any:
        dialect = self.session.get_bind().dialect.name
        return postgresql_insert(model) if dialect == "postgresql" else sqlite_insert(model)

    async def save(
        self,
        platform: str,
        workspace_id: str,
        key: str,
        kind: str,
        reference: dict[str, Any],
        now: datetime,
        *,
        user_id: str | None = None,
        members: Sequence[str] | None = None,
    ) -> None:
        """Insert or refresh one conversation (its reference, kind and member)."""
        values: dict[str, Any] = {
            "platform": platform,
            "workspace_id": workspace_id,
            "conversation_key": key,
            "kind": kind,
            "user_id": user_id,
            "reference": reference,
            "members": list(members) if members is not None else None,
            "created_at": now,
            "updated_at": now,
        }
        statement = self._insert(StoredConversation).values(values)
        changed = {k: statement.excluded[k] for k in ("kind", "reference", "updated_at")}
        if user_id is not None:
            changed["user_id"] = statement.excluded.user_id
        if members is not None:
            changed["members"] = statement.excluded.members
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=["platform", "workspace_id", "conversation_key"], set_=changed
            )
        )

    async def get(self, platform: str, workspace_id: str, key: str) -> StoredConversation | None:
        """The conversation stored under `key`, if any."""
        return await self.session.scalar(
            select(StoredConversation).where(
                StoredConversation.platform == platform,
                StoredConversation.workspace_id == workspace_id,
                StoredConversation.conversation_key == key,
            )
        )

    async def direct_with(
        self, platform: str, workspace_id: str, user_id: str
    ) -> StoredConversation | None:
        """The member's 1:1 chat with the bot, the most recently used first."""
        return await self.session.scalar(
            select(StoredConversation)
            .where(
                StoredConversation.platform == platform,
                StoredConversation.workspace_id == workspace_id,
                StoredConversation.user_id == user_id,
                StoredConversation.kind == "direct",
            )
            .order_by(StoredConversation.updated_at.desc(), StoredConversation.id.desc())
            .limit(1)
        )

    async def save_contact(
        self,
        platform: str,
        workspace_id: str,
        user_id: str,
        platform_user_id: str,
        now: datetime,
        *,
        display_name: str = "",
        principal_name: str | None = None,
        service_url: str | None = None,
        seen_in: str | None = None,
    ) -> None:
        """Insert or refresh a contact; what this sighting does not know is kept."""
        values: dict[str, Any] = {
            "platform": platform,
            "workspace_id": workspace_id,
            "user_id": user_id,
            "platform_user_id": platform_user_id,
            "display_name": display_name,
            "principal_name": principal_name,
            "service_url": service_url,
            "seen_in": seen_in,
            "updated_at": now,
        }
        statement = self._insert(PlatformContact).values(values)
        changed: dict[str, Any] = {
            "platform_user_id": statement.excluded.platform_user_id,
            "updated_at": statement.excluded.updated_at,
        }
        for name, value in (
            ("display_name", display_name),
            ("principal_name", principal_name),
            ("service_url", service_url),
            ("seen_in", seen_in),
        ):
            if value:
                changed[name] = statement.excluded[name]
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=["platform", "workspace_id", "user_id"], set_=changed
            )
        )

    async def contacts(
        self, platform: str, workspace_id: str, user_ids: Sequence[str]
    ) -> dict[str, PlatformContact]:
        """The contacts known among `user_ids`, by user id."""
        if not user_ids:
            return {}
        rows = await self.session.scalars(
            select(PlatformContact).where(
                PlatformContact.platform == platform,
                PlatformContact.workspace_id == workspace_id,
                PlatformContact.user_id.in_(list(user_ids)),
            )
        )
        return {row.user_id: row for row in rows}
