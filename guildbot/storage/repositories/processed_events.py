"""De-duplication of inbound platform events across retries and processes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import ProcessedEvent


class ProcessedEventRepository:
    """Remembers which platform events have been handled."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim(self, platform: str, event_id: str, at: datetime) -> bool:
        """True for the first delivery of an event, False for every redelivery.

        An `INSERT … ON CONFLICT DO NOTHING` against the unique key decides, so two processes
        sharing PostgreSQL cannot both win.
        """
        values = {"platform": platform, "event_id": event_id, "received_at": at}
        dialect = self.session.get_bind().dialect.name
        statement = (
            postgresql_insert(ProcessedEvent).values(values).on_conflict_do_nothing()
            if dialect == "postgresql"
            else sqlite_insert(ProcessedEvent).values(values).on_conflict_do_nothing()
        )
        result = await self.session.execute(statement)
        return bool(getattr(result, "rowcount", 0))

    async def prune(self, older_than: datetime) -> int:
        """Forget events received before `older_than`; returns how many were removed."""
        result = await self.session.execute(
            delete(ProcessedEvent).where(ProcessedEvent.received_at < older_than)
        )
        return int(getattr(result, "rowcount", 0))
