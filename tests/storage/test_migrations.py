"""Models and migrations must agree on every backend (the `alembic check` of this project)."""

from sqlalchemy import inspect

from guildbot.storage import migrate
from guildbot.storage.engine import create_engine
from guildbot.storage.models import Base


async def test_migrations_match_the_models(fresh_database_url: str) -> None:
    engine = create_engine(fresh_database_url)
    try:
        assert await migrate.current_revision(engine) is None
        await migrate.upgrade(engine)
        assert await migrate.current_revision(engine) == migrate.head_revision()
        assert await migrate.schema_differences(engine) == []
    finally:
        await engine.dispose()


async def test_downgrade_to_base_and_back(fresh_database_url: str) -> None:
    engine = create_engine(fresh_database_url)
    try:
        await migrate.upgrade(engine)
        await migrate.downgrade(engine, "base")
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
        assert set(tables) <= {"alembic_version"}
        await migrate.upgrade(engine)
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
        assert set(Base.metadata.tables) <= set(tables)
    finally:
        await engine.dispose()


async def test_upgrade_twice_is_harmless(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await migrate.upgrade(engine)
        assert await migrate.current_revision(engine) == migrate.head_revision()
    finally:
        await engine.dispose()


def test_constraints_follow_the_naming_convention() -> None:
    for table in Base.metadata.tables.values():
        for constraint in table.constraints:
            assert constraint.name, f"unnamed constraint on {table.name}"
