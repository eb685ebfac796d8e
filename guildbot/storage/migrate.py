"""Apply and inspect Alembic migrations from inside the running (async) application."""

from __future__ import annotations

import asyncio
import fcntl
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from guildbot.storage.models import Base

MIGRATIONS = Path(__file__).parent / "migrations"


class _OnlyUpgrades(logging.Filter):
    """Alembic says "Context impl SQLiteImpl." and "Will assume … DDL." at INFO every time it
    looks at the schema; only the migrations it runs are worth a line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.INFO or record.getMessage().startswith("Running ")


logging.getLogger("alembic.runtime.migration").addFilter(_OnlyUpgrades())


def alembic_config(url: str = "") -> Config:
    """An Alembic config pointing at Guildbot's migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


# Any fixed 64-bit number; the same in every Guildbot process ("GUILDMIG").
MIGRATION_LOCK_KEY = 0x4755494C444D4947


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the schema up to `revision` (default: the newest).

    Several instances starting at once on one database take turns: on PostgreSQL the first
    holds an advisory lock for its transaction, on SQLite a file lock beside the database;
    the others wait, then find the schema current and change nothing."""

    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with _sqlite_migration_lock(engine), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        await connection.run_sync(run)


@asynccontextmanager
async def _sqlite_migration_lock(engine: AsyncEngine) -> AsyncIterator[None]:
    """An exclusive lock on ``FILE.migrate.lock`` while migrating a SQLite file (an OS lock:
    released by a crash at once)."""
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:":
        yield
        return
    lock_path = Path(f"{path}.migrate.lock")
    handle = await asyncio.to_thread(lock_path.open, "a+")
    with handle:
        await asyncio.to_thread(fcntl.flock, handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


async def current_revision(engine: AsyncEngine) -> str | None:
    """The revision the database is at, or None for an empty database."""

    def read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with engine.connect() as connection:
        return await connection.run_sync(read)


def ours(name: str | None, kind: str, _parents: Any = None) -> bool:
    """Whether Alembic compares this object: every table of Guildbot's models, and none of
    the tables others keep in the same database (the Matrix device's, migrated by mautrix)."""
    return kind != "table" or name in Base.metadata.tables


def head_revision() -> str:
    """The newest revision shipped with this version of Guildbot."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


async def schema_differences(engine: AsyncEngine) -> list[Any]:
    """What differs between the models and the migrated database (empty when they agree)."""

    def compare(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": ours}
        )
        return list(compare_metadata(context, Base.metadata))

    async with engine.connect() as connection:
        return await connection.run_sync(compare)


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    """Step the schema back to `revision` ("base" removes every table)."""

    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)
