"""Where adapters keep what a platform needs for the bot to speak first.

Teams only lets a bot message a conversation it was given a *conversation reference* for
(the service URL, the conversation and bot ids), which arrives with each activity. The
adapter saves it when a member or channel first talks to the bot, and proactive messages
(intros, reminders, escalations) use it later — possibly from another process, so it lives
in the database. Values in and out are plain (JSON-able dicts and frozen dataclasses).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from guildbot.bot.clock import Clock
from guildbot.contract.stores import Contact, SavedConversation
from guildbot.contract.text import without_control_characters
from guildbot.storage.engine import Database
from guildbot.storage.models import PlatformContact, StoredConversation
from guildbot.storage.repositories.conversations import ConversationRepository

# The widths of `platform_contacts` (migration 0009): PostgreSQL refuses longer values.
MAX_PLATFORM_USER_ID = 300
MAX_DISPLAY_NAME = 200
MAX_PRINCIPAL_NAME = 320
MAX_URL = 500


class StoredConversations:
    """Conversation references and contacts of one platform, in the database."""

    def __init__(self, database: Database, clock: Clock, platform: str) -> None:
        self.database = database
        self.clock = clock
        self.platform = platform

    async def save(
        self,
        workspace_id: str,
        conversation: SavedConversation,
        contacts: Sequence[Contact] = (),
    ) -> None:
        """Store (or refresh) a conversation and the people seen with it, in one transaction."""
        now = self.clock.now()
        async with self.database.transaction() as session:
            repository = ConversationRepository(session)
            await repository.save(
                self.platform,
                workspace_id,
                conversation.key,
                conversation.kind,
                conversation.reference,
                now,
                user_id=conversation.user_id,
                members=conversation.members or None,
            )
            for contact in _in_order(contacts):
                await _save_contact(repository, self.platform, workspace_id, contact, now)

    async def save_contacts(self, workspace_id: str, contacts: Sequence[Contact]) -> None:
        """Store (or refresh) people seen without a new conversation (a team's roster)."""
        if not contacts:
            return
        now = self.clock.now()
        async with self.database.transaction() as session:
            repository = ConversationRepository(session)
            for contact in _in_order(contacts):
                await _save_contact(repository, self.platform, workspace_id, contact, now)

    async def get(self, workspace_id: str, key: str) -> SavedConversation | None:
        """The conversation stored under `key`."""
        async with self.database.transaction() as session:
            row = await ConversationRepository(session).get(self.platform, workspace_id, key)
            return None if row is None else _saved(row)

    async def direct_with(self, workspace_id: str, user_id: str) -> SavedConversation | None:
        """The member's own 1:1 chat with the bot, if they ever opened (or were given) one."""
        async with self.database.transaction() as session:
            row = await ConversationRepository(session).direct_with(
                self.platform, workspace_id, user_id
            )
            return None if row is None else _saved(row)

    async def contacts(self, workspace_id: str, user_ids: Sequence[str]) -> dict[str, Contact]:
        """What is known of these people, by user id (the unknown are left out)."""
        async with self.database.transaction() as session:
            rows = await ConversationRepository(session).contacts(
                self.platform, workspace_id, user_ids
            )
            return {user_id: _contact(row) for user_id, row in rows.items()}


async def _save_contact(
    repository: ConversationRepository,
    platform: str,
    workspace_id: str,
    contact: Contact,
    now: datetime,
) -> None:
    if len(contact.platform_user_id) > MAX_PLATFORM_USER_ID or not contact.platform_user_id:
        return  # not an id the platform would give; nothing to reach them by
    service_url = contact.service_url
    await repository.save_contact(
        platform,
        workspace_id,
        contact.user_id,
        contact.platform_user_id,
        now,
        display_name=_fit(contact.display_name, MAX_DISPLAY_NAME) or "",
        principal_name=_fit(contact.principal_name, MAX_PRINCIPAL_NAME),
        service_url=service_url if service_url and len(service_url) <= MAX_URL else None,
        seen_in=contact.seen_in,
    )


def _fit(text: str | None, limit: int) -> str | None:
    """What people and platforms write, storable on PostgreSQL: no NUL or other control
    characters (refused or unwanted), no longer than the column."""
    if text is None:
        return None
    return without_control_characters(text, keep_line_breaks=False).strip()[:limit]


def _in_order(contacts: Sequence[Contact]) -> list[Contact]:
    """One per person (the last sighting), in user id order: two processes saving the same
    people lock their rows in the same order, so they wait for each other instead of
    deadlocking on PostgreSQL."""
    return sorted({c.user_id: c for c in contacts}.values(), key=lambda c: c.user_id)


def _saved(row: StoredConversation) -> SavedConversation:
    return SavedConversation(
        key=row.conversation_key,
        kind=row.kind,
        reference=dict(row.reference or {}),
        user_id=row.user_id,
        members=tuple(row.members or ()),
    )


def _contact(row: PlatformContact) -> Contact:
    return Contact(
        user_id=row.user_id,
        platform_user_id=row.platform_user_id,
        display_name=row.display_name,
        principal_name=row.principal_name,
        service_url=row.service_url,
        seen_in=row.seen_in,
    )
