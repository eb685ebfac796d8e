"""One async engine factory for SQLite and PostgreSQL, and the unit-of-work session maker."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

SQLITE_BUSY_TIMEOUT_MS = 5_000


class DatabaseUnavailable(Exception):
    """The database URL is malformed, or the database cannot be opened or queried."""


def async_url(url: str) -> URL:
    """Parse `url` and pick the async driver: aiosqlite for SQLite, asyncpg for PostgreSQL."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseUnavailable(f"not a database URL ({exc})") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+aiosqlite")
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+asyncpg")
    raise DatabaseUnavailable(f"unsupported database {backend!r}: use sqlite or postgresql")


def is_sqlite(engine: AsyncEngine) -> bool:
    """True for SQLite engines (single process; see the scheduler's refusal to share it)."""
    return engine.dialect.name == "sqlite"


def create_engine(url: str, **engine_options: Any) -> AsyncEngine:
    """Create the engine for `url` with the settings each backend needs.

    SQLite: WAL (readers do not block the writer), foreign keys enforced, a busy timeout, and
    one pooled connection, so every write in the process goes through a single writer and
    concurrent tasks queue in the pool instead of failing with "database is locked".
    PostgreSQL: pre-ping, so connections dropped by a restart or a proxy are replaced quietly.
    """
    parsed = async_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_async_engine(
            parsed,
            pool_size=1,
            max_overflow=0,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            **engine_options,
        )
        in_memory = parsed.database in (None, "", ":memory:")
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas(in_memory))
        return engine
    return create_async_engine(parsed, pool_pre_ping=True, **engine_options)


def _sqlite_pragmas(in_memory: bool) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            if not in_memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    return on_connect


async def check_connection(engine: AsyncEngine) -> None:
    """Open a connection and run a query, turning any failure into `DatabaseUnavailable`."""
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
            if is_sqlite(engine):
                # A corrupt file opens fine; reading the schema is what fails.
                await connection.execute(text("SELECT count(*) FROM sqlite_master"))
    except (DBAPIError, SQLAlchemyError, OSError, ValueError) as exc:
        raise DatabaseUnavailable(_first_line(exc)) from None


def _first_line(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    message = str(original).strip().splitlines()
    return message[0] if message else type(original).__name__


class Database:
    """The engine plus a session factory: one `AsyncSession` per unit of work."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session inside a transaction: committed on success, rolled back on any error."""
        async with self._sessions() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
