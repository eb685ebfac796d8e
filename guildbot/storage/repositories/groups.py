"""Group conversations: who a group is, and the conversation opened for it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import GroupConversation


class GroupConversationRepository:
    """Records groups and, once opened, their conversations."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def ensure(
        self,
        platform: str,
        workspace_id: str,
        group_key: str,
        members: Sequence[str],
        now: datetime,
    ) -> int:
        """The group's id, recording it the first time (two processes: one row)."""
        values = {
            "platform": platform,
            "workspace_id": workspace_id,
            "group_key": group_key,
            "members": list(members),
            "created_at": now,
        }
        dialect = self.session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        await self.session.execute(
            insert(GroupConversation).values(values).on_conflict_do_nothing()
        )
        found = await self.session.scalar(
            select(GroupConversation.id).where(
                GroupConversation.platform == platform,
                GroupConversation.workspace_id == workspace_id,
                GroupConversation.group_key == group_key,
            )
        )
        assert found is not None
        return int(found)

    async def get(self, group_id: int) -> GroupConversation | None:
        """One group, fresh from the database."""
        return await self.session.get(GroupConversation, group_id, populate_existing=True)

    async def opened(self, group_id: int, channel_id: str, kind: str, now: datetime) -> bool:
        """Record the group's conversation unless one was recorded already; whether this
        call recorded it."""
        result = await self.session.execute(
            update(GroupConversation)
            .where(GroupConversation.id == group_id, GroupConversation.channel_id.is_(None))
            .values(channel_id=channel_id, conversation_kind=kind, opened_at=now)
        )
        return bool(getattr(result, "rowcount", 0))
