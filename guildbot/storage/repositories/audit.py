"""The append-only audit log: there is deliberately no update or delete here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import AuditEntry


class AuditLog:
    """Records who did what, including refused attempts."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(
        self,
        at: datetime,
        actor_member_id: int | None,
        action: str,
        object_type: str,
        object_id: str | int | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        """Append one entry."""
        self.session.add(
            AuditEntry(
                at=at,
                actor_member_id=actor_member_id,
                action=action,
                object_type=object_type,
                object_id=None if object_id is None else str(object_id),
                details=details or {},
            )
        )
        await self.session.flush()

    async def recent(self, limit: int = 50, action: str | None = None) -> Sequence[AuditEntry]:
        """The newest entries first, optionally of one action."""
        statement = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        if action is not None:
            statement = statement.where(AuditEntry.action == action)
        return (await self.session.scalars(statement)).all()
