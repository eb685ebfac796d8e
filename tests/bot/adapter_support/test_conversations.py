"""Stored conversation references and contacts (migration 0009), on SQLite and PostgreSQL:
one row per conversation and per person, refreshed when they change, and two processes
learning the same people at once both succeed."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select

from guildbot.bot.adapter_support.conversations import StoredConversations
from guildbot.bot.clock import ManualClock
from guildbot.contract.stores import Contact, SavedConversation
from guildbot.storage.engine import Database, create_engine
from guildbot.storage.models import PlatformContact, StoredConversation

TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"
ANA = "6b1e2c59-5b8a-4d1e-9c34-0a1b2c3d4e01"
BO = "6b1e2c59-5b8a-4d1e-9c34-0a1b2c3d4e02"


def _reference(conversation_id: str, service_url: str = "https://smba.example/amer/") -> dict:  # type: ignore[type-arg]
    return {"conversation": {"id": conversation_id}, "serviceUrl": service_url}


async def _count(database: Database) -> tuple[int, int]:
    async with database.transaction() as session:
        conversations = await session.scalar(select(func.count(StoredConversation.id)))
        contacts = await session.scalar(select(func.count(PlatformContact.id)))
    return conversations or 0, contacts or 0


async def test_a_conversation_is_one_row_refreshed_when_it_changes(
    database_url: str, clock: ManualClock
) -> None:
    database = Database(create_engine(database_url))
    store = StoredConversations(database, clock, "teams")
    try:
        await store.save(TENANT, SavedConversation("19:c@thread", "channel", _reference("19:c")))
        clock.advance(timedelta(hours=1))
        moved = _reference("19:c", "https://smba.example/emea/")
        await store.save(TENANT, SavedConversation("19:c@thread", "channel", moved))
        saved = await store.get(TENANT, "19:c@thread")
        assert saved is not None and saved.reference == moved
        assert await store.get("another-tenant", "19:c@thread") is None
        async with database.transaction() as session:
            row = await session.scalar(select(StoredConversation))
        assert row is not None and row.updated_at - row.created_at == timedelta(hours=1)
        assert await _count(database) == (1, 0)
    finally:
        await database.dispose()


async def test_a_members_direct_chat_is_their_newest(database_url: str, clock: ManualClock) -> None:
    database = Database(create_engine(database_url))
    store = StoredConversations(database, clock, "teams")
    try:
        await store.save(TENANT, SavedConversation("a:old", "direct", _reference("a:old"), ANA))
        clock.advance(timedelta(days=1))
        await store.save(TENANT, SavedConversation("a:new", "direct", _reference("a:new"), ANA))
        direct = await store.direct_with(TENANT, ANA)
        assert direct is not None and direct.key == "a:new"
        assert await store.direct_with(TENANT, BO) is None
    finally:
        await database.dispose()


async def test_a_sighting_keeps_what_it_does_not_know_and_fits_the_columns(
    database_url: str, clock: ManualClock
) -> None:
    database = Database(create_engine(database_url))
    store = StoredConversations(database, clock, "teams")
    try:
        await store.save_contacts(
            TENANT, [Contact(ANA, "29:ana", "Ana", "ana@example.org", "https://s/", "19:c")]
        )
        # Teams names can be 256 characters; a NUL byte is refused by PostgreSQL.
        hostile = "Ana\x00 Lima " + "x" * 300
        await store.save_contacts(TENANT, [Contact(ANA, "29:ana", hostile)])
        await store.save_contacts(TENANT, [Contact(BO, "29:" + "b" * 400, "Bo")])  # not an id
        contacts = await store.contacts(TENANT, [ANA, BO])
        assert list(contacts) == [ANA]
        ana = contacts[ANA]
        assert ana.display_name.startswith("Ana  Lima x") and len(ana.display_name) == 200
        assert (ana.principal_name, ana.service_url, ana.seen_in) == (
            "ana@example.org",
            "https://s/",
            "19:c",
        )
    finally:
        await database.dispose()


async def test_two_processes_learning_the_same_conversation_and_people_both_succeed(
    database_url: str, clock: ManualClock
) -> None:
    first = Database(create_engine(database_url))
    second = Database(create_engine(database_url))
    stores = [StoredConversations(db, clock, "teams") for db in (first, second)]
    try:

        async def learn(
            store: StoredConversations, key: str, round_: int, people: list[Contact]
        ) -> None:
            reference = _reference(key, f"https://smba.example/{round_}/")
            await store.save(TENANT, SavedConversation(key, "channel", reference), people)

        ana, bo = Contact(ANA, "29:ana", "Ana"), Contact(BO, "29:bo", "Bo")
        for round_ in range(15):
            # The same people seen in two channels by two processes, listed in opposite
            # orders; then the same channel by both.
            await asyncio.gather(
                learn(stores[0], "19:a", round_, [ana, bo]),
                learn(stores[1], "19:b", round_, [bo, ana]),
            )
            await asyncio.gather(
                learn(stores[0], "19:c", round_, [ana]), learn(stores[1], "19:c", round_, [bo])
            )
        assert await _count(first) == (3, 2)
        saved = await stores[1].get(TENANT, "19:c")
        assert saved is not None and saved.reference["serviceUrl"] == "https://smba.example/14/"
    finally:
        await first.dispose()
        await second.dispose()
