"""One async engine factory for SQLite and PostgreSQL, and the unit-of-work session maker."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
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

# How long a write waits for another connection's (a CLI command beside the running bot, or a
# loaded machine's slow commit) before "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 15_000
# The shortest session limit derived from a lease (see `frozen_transaction_limit`).
MIN_SESSION_LIMIT = timedelta(milliseconds=100)


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


# libpq's sslmode values (what `psql` and most PostgreSQL URLs use).
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
# A PostgreSQL that does not answer is said to be so after this many seconds (libpq's
# connect_timeout in the URL changes it).
CONNECT_TIMEOUT_SECONDS = 10.0


def postgres_options(url: URL) -> tuple[URL, dict[str, Any]]:
    """The URL without libpq's options, and those options as asyncpg's connect arguments.

    Accepted: ``sslmode`` (disable … verify-full), ``sslrootcert``, ``sslcert``, ``sslkey``,
    ``connect_timeout`` (seconds), ``application_name``, and asyncpg's own ``ssl``. Anything
    else, or a value that cannot be used, raises `DatabaseUnavailable` with one line.
    """
    query = dict(url.query)
    args: dict[str, Any] = {"timeout": CONNECT_TIMEOUT_SECONDS}
    known = {"sslmode", "sslrootcert", "sslcert", "sslkey", "ssl", "connect_timeout"}
    known.add("application_name")
    unknown = sorted(set(query) - known)
    if unknown:
        raise DatabaseUnavailable(
            f"unknown option {unknown[0]!r} in the URL (PostgreSQL URLs here take "
            "sslmode, sslrootcert, sslcert, sslkey, connect_timeout and application_name)"
        )
    values = {name: _one(query, name) for name in query}
    if "connect_timeout" in values:
        try:
            timeout = float(values["connect_timeout"])
        except ValueError:
            timeout = -1.0
        if not 0 < timeout <= 3600:
            raise DatabaseUnavailable("connect_timeout must be a number of seconds (1 to 3600)")
        args["timeout"] = timeout
    if "application_name" in values:
        args["server_settings"] = {"application_name": values["application_name"]}
    mode = values.get("sslmode") or values.get("ssl")
    if mode is not None and mode not in SSL_MODES:
        raise DatabaseUnavailable(f"sslmode must be one of {', '.join(SSL_MODES)} (not {mode!r})")
    files: dict[str, str] = {
        name: values[name] for name in ("sslrootcert", "sslcert", "sslkey") if name in values
    }
    if files:
        args["ssl"] = ssl_context(mode or "verify-full", files)
    elif mode is not None:
        args["ssl"] = mode  # asyncpg reads libpq's modes as they are
    return url.set(query={}), args


def ssl_context(mode: str, files: dict[str, str]) -> ssl.SSLContext:
    """A TLS context for libpq's `mode` with its certificate files: the server's certificate
    checked against ``sslrootcert`` (and its host name for verify-full; libpq's require with a
    root certificate checks the chain, like verify-ca), a client certificate from ``sslcert``
    and ``sslkey``."""
    if mode == "disable":
        raise DatabaseUnavailable("sslmode=disable cannot be combined with certificate files")
    root = files.get("sslrootcert")
    try:
        context = ssl.create_default_context(cafile=root)
        if root is None and mode not in ("verify-ca", "verify-full"):
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        elif mode != "verify-full":
            context.check_hostname = False
        if "sslcert" in files:
            context.load_cert_chain(files["sslcert"], files.get("sslkey"))
        elif "sslkey" in files:
            raise DatabaseUnavailable("sslkey needs sslcert (the client certificate) too")
    except (OSError, ssl.SSLError) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        if getattr(error, "filename", None):
            reason = f"{reason}: {error.filename}"
        raise DatabaseUnavailable(f"cannot use the TLS certificate files: {reason}") from None
    return context


def _one(query: Any, name: str) -> str:
    value = query[name]
    if isinstance(value, tuple):
        if len(value) != 1:
            raise DatabaseUnavailable(f"{name} is given more than once in the URL")
        value = value[0]
    return str(value)


def is_sqlite(engine: AsyncEngine) -> bool:
    """True for SQLite engines (single process; see the scheduler's refusal to share it)."""
    return engine.dialect.name == "sqlite"


def frozen_transaction_limit(lease: timedelta) -> timedelta:
    """How long a PostgreSQL session may sit in an open transaction doing nothing before the
    server ends it (``idle_in_transaction_session_timeout``): a third of the outbox lease, so
    the row locks of a process frozen inside a transaction are gone well before its claims'
    leases end, and the others can take those claims over on time. No transaction of ours
    waits for anything but the database (none spans a platform call), so a live one is never
    idle that long."""
    return max(MIN_SESSION_LIMIT, lease / 3)


def lock_wait_limit(lease: timedelta) -> timedelta:
    """How long a statement waits for a row lock (``lock_timeout``): half the lease. Longer
    than `frozen_transaction_limit`, so a lock held by a frozen session is waited out (the
    server ends that session first) rather than failed; a lock held by something else for
    that long fails the statement instead of stalling this process's sends."""
    return max(MIN_SESSION_LIMIT, lease / 2)


def session_settings(lease: timedelta) -> dict[str, str]:
    """The PostgreSQL settings of every session of a process whose outbox leases last
    `lease` (milliseconds, as the server reads them)."""
    return {
        "idle_in_transaction_session_timeout": _milliseconds(frozen_transaction_limit(lease)),
        "lock_timeout": _milliseconds(lock_wait_limit(lease)),
    }


def _milliseconds(span: timedelta) -> str:
    return str(int(span.total_seconds() * 1000))


def create_engine(url: str, lease: timedelta | None = None, **engine_options: Any) -> AsyncEngine:
    """Create the engine for `url` with the settings each backend needs.

    SQLite: WAL (readers do not block the writer), foreign keys enforced, a busy timeout, and
    one pooled connection, so every write in the process goes through a single writer and
    concurrent tasks queue in the pool instead of failing with "database is locked".
    PostgreSQL: pre-ping, so connections dropped by a restart or a proxy are replaced quietly;
    with the outbox `lease`, sessions limited so that none can hold rows past it
    (`session_settings`).
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
    bare, connect_args = postgres_options(parsed)
    if lease is not None:
        connect_args["server_settings"] = {
            **connect_args.get("server_settings", {}),
            **session_settings(lease),
        }
    return create_async_engine(
        bare, pool_pre_ping=True, connect_args=connect_args, **engine_options
    )


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
    except TimeoutError:
        raise DatabaseUnavailable(
            "the database did not answer in time (check the host and port, or raise "
            "connect_timeout in the URL)"
        ) from None
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
