"""Names that contain what a member is typing: communities, skills and events, for
platforms' autocomplete. Read-only and bounded; the pattern arrives escaped for LIKE."""

from __future__ import annotations

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import CalendarEvent, Community, Skill


class CompletionRepository:
    """(label, value) pairs whose label contains a LIKE pattern (``\\`` escapes)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def communities(self, pattern: str, limit: int) -> list[tuple[str, str]]:
        """Communities by name or slug: (name, slug), alphabetically."""
        rows = await self.session.execute(
            select(Community.name, Community.slug)
            .where(
                or_(
                    func.lower(Community.name).like(pattern, escape="\\"),
                    Community.slug.like(pattern, escape="\\"),
                )
            )
            .order_by(Community.name)
            .limit(limit)
        )
        return [(name, slug) for name, slug in rows]

    async def skills(self, pattern: str, limit: int) -> list[str]:
        """Skill names, shortest first (the closest to what was typed)."""
        names = await self.session.scalars(
            select(Skill.name)
            .where(func.lower(Skill.name).like(pattern, escape="\\"))
            .order_by(func.length(Skill.name), Skill.name)
            .limit(limit)
        )
        return list(names)

    async def events(self, pattern: str, limit: int) -> list[tuple[int, str, str]]:
        """Events not cancelled, by title or id: (id, title, local start), newest first."""
        rows = await self.session.execute(
            select(CalendarEvent.id, CalendarEvent.title, CalendarEvent.local_start)
            .where(
                CalendarEvent.cancelled_at.is_(None),
                or_(
                    func.lower(CalendarEvent.title).like(pattern, escape="\\"),
                    cast(CalendarEvent.id, String).like(pattern, escape="\\"),
                ),
            )
            .order_by(CalendarEvent.id.desc())
            .limit(limit)
        )
        return [(event_id, title, start) for event_id, title, start in rows]
