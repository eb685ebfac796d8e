"""Completions for what a member is typing: communities, skills and events by name.

Platforms with autocomplete (Discord's app commands) show these while a command is typed.
Read-only, short, and bounded: a keystroke must never wait on a slow query.
"""

from __future__ import annotations

from sqlalchemy import String, cast, func, or_, select

from guildbot.storage.engine import Database
from guildbot.storage.models import CalendarEvent, Community, Skill

MAX_SUGGESTIONS = 25  # what Discord shows
KINDS = ("community", "skill", "event")


class Suggestions:
    """(label, value) pairs whose label starts with or contains what was typed."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def suggest(self, kind: str, typed: str) -> list[tuple[str, str]]:
        """Up to 25 completions of `typed` for `kind` (community, skill or event)."""
        pattern = f"%{typed.strip().lower()[:60]}%"
        async with self.database.transaction() as session:
            if kind == "community":
                rows = await session.execute(
                    select(Community.name, Community.slug)
                    .where(
                        or_(
                            func.lower(Community.name).like(pattern),
                            Community.slug.like(pattern),
                        )
                    )
                    .order_by(Community.name)
                    .limit(MAX_SUGGESTIONS)
                )
                return [(name, slug) for name, slug in rows]
            if kind == "skill":
                names = await session.scalars(
                    select(Skill.name)
                    .where(func.lower(Skill.name).like(pattern))
                    .order_by(func.length(Skill.name), Skill.name)
                    .limit(MAX_SUGGESTIONS)
                )
                return [(name, name) for name in names]
            if kind == "event":
                events = await session.execute(
                    select(CalendarEvent.id, CalendarEvent.title, CalendarEvent.local_start)
                    .where(
                        CalendarEvent.cancelled_at.is_(None),
                        or_(
                            func.lower(CalendarEvent.title).like(pattern),
                            cast(CalendarEvent.id, String).like(pattern),
                        ),
                    )
                    .order_by(CalendarEvent.id.desc())
                    .limit(MAX_SUGGESTIONS)
                )
                return [
                    (f"{event_id} · {title} · {start[:10]}", str(event_id))
                    for event_id, title, start in events
                ]
        return []
