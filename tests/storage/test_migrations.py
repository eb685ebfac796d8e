"""Models and migrations must agree on every backend (the `alembic check` of this project)."""

from datetime import UTC, datetime

from sqlalchemy import inspect, text

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


async def test_rows_queued_before_owner_columns_are_cancellable_by_owner(
    fresh_database_url: str,
) -> None:
    """0011 reads the owner of rows still to be sent from the keys features used to write."""
    engine = create_engine(fresh_database_url)
    keys = {
        "event-remind:5:2026-12-03T14:00:00:s2:3600:m7": ("event", "5", "remind"),
        "event-cancelled:5:2026-12-10T14:00:00:m7": ("event", "5", "cancelled"),
        "event-changed:5:s3:m7": ("event", "5", "changed"),
        "announce:9:v2": ("announcement", "9", "post"),
        "question:12:invite:4": ("question", "12", "invite"),
        "coffee:intro:31": ("coffee-group", "31", "intro"),
        "coffee:unmatched:8:4": ("coffee-round", "8", "unmatched"),
        "schedule:3:2026-12-03T19:00:00+00:00": ("schedule", "3", "occurrence"),
    }
    now = datetime(2026, 12, 1, 10, tzinfo=UTC)
    try:
        await migrate.upgrade(engine, "0010")
        async with engine.begin() as connection:
            for number, key in enumerate(keys, 1):
                await connection.execute(
                    text(
                        "INSERT INTO outbox (id, kind, dedupe_key, platform, workspace_id, "
                        "payload, due_at, not_before, status, attempts, created_at) VALUES "
                        "(:id, 'notice', :key, 'slack', 'T1', '{}', :now, :now, :status, 0, :now)"
                    ),
                    {"id": number, "key": key, "now": now, "status": "pending"},
                )
        await migrate.upgrade(engine)
        async with engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT dedupe_key, owner_kind, owner_id, purpose, occurrence FROM outbox")
            )
            found = {key: (kind, owner, purpose) for key, kind, owner, purpose, _ in rows}
            occurrence = await connection.scalar(
                text("SELECT occurrence FROM outbox WHERE dedupe_key LIKE 'event-remind%'")
            )
        assert found == keys
        assert occurrence == "2026-12-03T14:00:00"
    finally:
        await engine.dispose()


async def test_tables_kept_beside_ours_are_not_schema_differences(
    fresh_database_url: str,
) -> None:
    # The Matrix device's store (mautrix's own tables, migrated by mautrix) shares the
    # database: neither the check nor autogenerate may take it for tables to drop.
    engine = create_engine(fresh_database_url)
    try:
        await migrate.upgrade(engine)
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE crypto_version (version INTEGER)"))
        assert await migrate.schema_differences(engine) == []
        await migrate.upgrade(engine)  # and migrating again leaves it be
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
        assert "crypto_version" in tables
    finally:
        await engine.dispose()
