"""Completions for what a member is typing: communities, skills and events by name.

Platforms with autocomplete (Discord's app commands) show these while a command is typed.
Read-only, short, and bounded: a keystroke must never wait on a slow query. What was typed
is matched literally (``%`` and ``_`` are not wildcards) and control characters are dropped.
"""

from __future__ import annotations

from guildbot.contract.text import without_control_characters
from guildbot.storage.engine import Database
from guildbot.storage.repositories.completions import CompletionRepository

MAX_SUGGESTIONS = 25  # what Discord shows
KINDS = ("community", "skill", "event")
MAX_TYPED = 60


class Suggestions:
    """(label, value) pairs whose label starts with or contains what was typed."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def suggest(self, kind: str, typed: str) -> list[tuple[str, str]]:
        """Up to 25 completions of `typed` for `kind` (community, skill or event)."""
        pattern = f"%{_literal(typed)}%"
        async with self.database.transaction() as session:
            found = CompletionRepository(session)
            if kind == "community":
                return await found.communities(pattern, MAX_SUGGESTIONS)
            if kind == "skill":
                return [(name, name) for name in await found.skills(pattern, MAX_SUGGESTIONS)]
            if kind == "event":
                return [
                    (f"{event_id} · {title} · {start[:10]}", str(event_id))
                    for event_id, title, start in await found.events(pattern, MAX_SUGGESTIONS)
                ]
        return []


def _literal(typed: str) -> str:
    """What was typed, lower-cased and bounded, as a LIKE pattern that matches it literally."""
    text = without_control_characters(typed, keep_line_breaks=False).strip().lower()[:MAX_TYPED]
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
