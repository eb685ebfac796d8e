"""Live instances: a heartbeat per tick, and how many beat recently."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import LiveInstance


class InstanceRepository:
    """Reads and writes `live_instances`."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def beat(self, instance: str, now: datetime) -> None:
        """This instance is alive now."""
        changed = await self.session.execute(
            update(LiveInstance).where(LiveInstance.instance == instance).values(seen_at=now)
        )
        if int(getattr(changed, "rowcount", 0) or 0) == 0:
            try:
                async with self.session.begin_nested():
                    self.session.add(LiveInstance(instance=instance, seen_at=now))
            except IntegrityError:
                # Another process with the same name inserted it a moment ago: it is alive.
                pass

    async def live(self, since: datetime) -> int:
        """How many instances beat since `since` (at least 1: the caller)."""
        count = await self.session.scalar(
            select(func.count()).select_from(LiveInstance).where(LiveInstance.seen_at >= since)
        )
        return max(1, int(count or 0))

    async def seen_at(self, instance: str) -> datetime | None:
        """When `instance` last said it was alive (None: never, or forgotten)."""
        return await self.session.scalar(
            select(LiveInstance.seen_at).where(LiveInstance.instance == instance)
        )

    async def forget_before(self, cutoff: datetime) -> int:
        """Drop instances gone since `cutoff` (housekeeping)."""
        result = await self.session.execute(
            delete(LiveInstance).where(LiveInstance.seen_at < cutoff)
        )
        return int(getattr(result, "rowcount", 0) or 0)
