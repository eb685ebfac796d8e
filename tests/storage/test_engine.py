import asyncio
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from guildbot.storage.engine import (
    SQLITE_BUSY_TIMEOUT_MS,
    Database,
    DatabaseUnavailable,
    async_url,
    check_connection,
    create_engine,
)
from tests.conftest import POSTGRES_URL


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("sqlite:///guildbot.db", "sqlite+aiosqlite"),
        ("sqlite+aiosqlite:///guildbot.db", "sqlite+aiosqlite"),
        ("postgresql://u@h/db", "postgresql+asyncpg"),
        ("postgres://u@h/db", "postgresql+asyncpg"),
        ("postgresql+psycopg2://u@h/db", "postgresql+asyncpg"),
    ],
)
def test_async_driver_is_chosen(given: str, driver: str) -> None:
    assert async_url(given).drivername == driver


@pytest.mark.parametrize("bad", ["not a url", "mysql://u@h/db", ""])
def test_unsupported_urls_are_refused(bad: str) -> None:
    with pytest.raises(DatabaseUnavailable):
        async_url(bad)


async def test_sqlite_gets_wal_foreign_keys_busy_timeout_and_one_connection(
    tmp_path: Path,
) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        async with engine.connect() as connection:
            assert (await connection.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
            assert (await connection.execute(text("PRAGMA foreign_keys"))).scalar() == 1
            busy_timeout = (await connection.execute(text("PRAGMA busy_timeout"))).scalar()
            assert busy_timeout == SQLITE_BUSY_TIMEOUT_MS
        assert engine.pool.size() == 1  # type: ignore[attr-defined]
    finally:
        await engine.dispose()


async def test_sqlite_single_writer_serialises_concurrent_units_of_work(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    database = Database(engine)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE counter (n INTEGER)"))
            await connection.execute(text("INSERT INTO counter VALUES (0)"))

        async def bump() -> None:
            async with database.transaction() as session:
                value = (await session.execute(text("SELECT n FROM counter"))).scalar_one()
                await asyncio.sleep(0)  # let the other tasks try to interleave
                await session.execute(text("UPDATE counter SET n = :n"), {"n": value + 1})

        await asyncio.gather(*(bump() for _ in range(25)))
        async with database.transaction() as session:
            assert (await session.execute(text("SELECT n FROM counter"))).scalar_one() == 25
    finally:
        await database.dispose()


async def test_corrupt_sqlite_file_is_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"garbage" * 1000)
    engine = create_engine(f"sqlite:///{path}")
    with pytest.raises(DatabaseUnavailable):
        await check_connection(engine)
    await engine.dispose()


async def test_unreachable_postgres_is_unavailable() -> None:
    engine = create_engine("postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(DatabaseUnavailable):
        await check_connection(engine)
    await engine.dispose()


@pytest.mark.skipif(not POSTGRES_URL, reason="needs GUILDBOT_TEST_DATABASE_URL")
async def test_postgres_gets_pre_ping(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        assert engine.pool._pre_ping  # type: ignore[attr-defined]
        await check_connection(engine)
    finally:
        await engine.dispose()


@pytest.mark.skipif(not POSTGRES_URL, reason="needs GUILDBOT_TEST_DATABASE_URL")
async def test_postgres_sessions_cannot_hold_rows_past_the_outbox_lease(database_url: str) -> None:
    engine = create_engine(database_url, lease=timedelta(seconds=60))
    try:
        async with engine.connect() as connection:
            idle = await connection.scalar(text("SHOW idle_in_transaction_session_timeout"))
            locks = await connection.scalar(text("SHOW lock_timeout"))
    finally:
        await engine.dispose()
    # A session frozen in a transaction is ended after a third of the lease; a lock is
    # waited for at most half of it.
    assert (idle, locks) == ("20s", "30s")
