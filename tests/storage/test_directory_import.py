"""The directory import's repository, on SQLite and PostgreSQL: lookups split into IN (...)
batches find everything, bulk writes come back with their ids, and PostgreSQL plans each
lookup for its own values."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.engine import Connection

from guildbot.storage.engine import Database, create_engine
from guildbot.storage.models import Community, Membership, MemberSkill, Role
from guildbot.storage.repositories.directory_import import (
    IN_LIST,
    CommunityNames,
    DirectoryImportRepository,
    MemberColumns,
    NewMember,
)

NOW = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database(create_engine(database_url))
    yield db
    await db.dispose()


@pytest.fixture
def statements(database: Database) -> Iterator[list[str]]:
    """The SQL each later statement on `database` sends, in order."""
    sent: list[str] = []

    def record(_c: Connection, _cursor: object, statement: str, *_rest: object) -> None:
        sent.append(statement)

    engine = database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    yield sent
    event.remove(engine, "before_cursor_execute", record)


def new_member(index: int) -> NewMember:
    return {
        "display_name": f"Person {index}",
        "department_id": None,
        "title": None,
        "timezone": "UTC",
        "email": f"person.{index:05d}@example.org",
        "locale": "en",
        "available": True,
        "is_admin": False,
        "created_at": NOW,
    }


async def add_members(database: Database, count: int) -> dict[str, int]:
    async with database.transaction() as session:
        return await DirectoryImportRepository(session).add_members(
            [new_member(i) for i in range(count)]
        )


async def test_members_are_found_by_email_across_several_in_batches(
    database: Database, statements: list[str]
) -> None:
    count = 2 * IN_LIST + 7
    ids = await add_members(database, count)
    assert len(ids) == count
    assert len(set(ids.values())) == count
    absent = [f"nobody.{i}@example.org" for i in range(5)]
    emails = absent + sorted(ids, reverse=True)
    del statements[:]
    async with database.transaction() as session:
        found = await DirectoryImportRepository(session).members_by_email(emails)
    assert sum(" IN " in s for s in statements) == 3
    assert found.keys() == ids.keys()
    assert found["person.00042@example.org"] == MemberColumns(
        ids["person.00042@example.org"], "Person 42", None, None, "UTC"
    )


async def test_a_small_in_list_still_finds_every_member(database: Database) -> None:
    ids = await add_members(database, 7)
    async with database.transaction() as session:
        found = await DirectoryImportRepository(session, in_list=2).members_by_email(list(ids))
    assert {email: member.id for email, member in found.items()} == ids


async def test_postgresql_plans_the_lookups_once_per_transaction(
    database: Database, statements: list[str]
) -> None:
    ids = await add_members(database, 5)
    del statements[:]
    async with database.transaction() as session:
        repository = DirectoryImportRepository(session, in_list=2)
        await repository.members_by_email(list(ids))
        await repository.member_skill_pairs(list(ids.values()))
        await repository.membership_pairs(list(ids.values()))
        postgres = session.get_bind().dialect.name == "postgresql"
        if postgres:
            assert await session.scalar(text("SHOW plan_cache_mode")) == "force_custom_plan"
    if postgres:
        async with database.transaction() as session:
            # SET LOCAL: the next transaction plans as it always did.
            assert await session.scalar(text("SHOW plan_cache_mode")) == "auto"
    settings = [s for s in statements if "plan_cache_mode = force_custom_plan" in s]
    assert len(settings) == (1 if postgres else 0)
    # Five members in batches of two: three IN (...) queries for each lookup.
    assert sum(" IN " in s for s in statements) == 9


async def test_members_are_updated_by_id(database: Database) -> None:
    async with database.transaction() as session:
        repository = DirectoryImportRepository(session)
        department_ids = await repository.add_departments(["Finance"])
        ids = await repository.add_members([new_member(1), new_member(2)])
    ana = ids["person.00001@example.org"]
    changed = MemberColumns(ana, "Ana", department_ids["Finance"], "Analyst", "Europe/Paris")
    async with database.transaction() as session:
        await DirectoryImportRepository(session).update_members([changed])
    async with database.transaction() as session:
        found = await DirectoryImportRepository(session).members_by_email(list(ids))
    assert found["person.00001@example.org"] == changed
    other = ids["person.00002@example.org"]
    assert found["person.00002@example.org"] == MemberColumns(other, "Person 2", None, None, "UTC")


async def test_departments_skills_and_communities_by_name(database: Database) -> None:
    async with database.transaction() as session:
        repository = DirectoryImportRepository(session)
        departments = await repository.add_departments(["Finance", "Policy"])
        skills = await repository.add_skills(["python", "sql"], NOW)
        session.add(Community(name="Data Science", slug="data-science", created_at=NOW))
    assert departments.keys() == {"Finance", "Policy"}
    assert skills.keys() == {"python", "sql"}
    async with database.transaction() as session:
        repository = DirectoryImportRepository(session)
        assert await repository.department_ids() == departments
        assert await repository.skill_ids() == skills
        [community] = await repository.communities()
    assert community == CommunityNames(community.id, "Data Science", "data-science")


async def test_skill_and_membership_pairs_across_batches(database: Database) -> None:
    ids = list((await add_members(database, 5)).values())
    async with database.transaction() as session:
        repository = DirectoryImportRepository(session)
        skills = await repository.add_skills(["python", "sql"], NOW)
        community = Community(name="Data Science", slug="data-science", created_at=NOW)
        session.add(community)
        await session.flush()
        # About half of the (member, skill) pairs, and every member but the first in the community.
        declared = {(m, s) for m in ids for s in skills.values() if (m + s) % 2}
        joined = {(m, community.id) for m in ids[1:]}
        await repository.add_member_skills(sorted(declared), NOW)
        await repository.add_memberships(sorted(joined), Role.MEMBER, NOW)
    async with database.transaction() as session:
        repository = DirectoryImportRepository(session, in_list=2)
        assert await repository.member_skill_pairs(ids) == declared
        assert await repository.membership_pairs(ids) == joined
        assert await repository.member_skill_pairs(ids[:1]) == {
            p for p in declared if p[0] == ids[0]
        }
        assert await repository.membership_pairs(ids[:1]) == set()
        roles = set((await session.scalars(select(Membership.role))).all())
        assert roles == {Role.MEMBER.value}
        declared_at = set((await session.scalars(select(MemberSkill.declared_at))).all())
        assert declared_at == {NOW}


async def test_empty_inputs_ask_and_write_nothing(
    database: Database, statements: list[str]
) -> None:
    async with database.transaction() as session:
        repository = DirectoryImportRepository(session)
        assert await repository.members_by_email([]) == {}
        assert await repository.add_members([]) == {}
        await repository.update_members([])
        assert await repository.add_departments([]) == {}
        assert await repository.add_skills([], NOW) == {}
        assert await repository.member_skill_pairs([]) == set()
        assert await repository.membership_pairs([]) == set()
        await repository.add_member_skills([], NOW)
        await repository.add_memberships([], Role.MEMBER, NOW)
        assert statements == []
        assert await repository.department_ids() == {}
        assert await repository.skill_ids() == {}
        assert await repository.communities() == []
