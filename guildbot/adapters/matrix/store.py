"""Where the Matrix device keeps its keys, room state and sync position: with Guildbot's own
data, through mautrix's stores, in tables of their own (``crypto_*`` and ``mx_*``, migrated
by mautrix beside Alembic's). A restart, or the standby instance taking over, is the same
device.

On PostgreSQL that is the same database. On SQLite it is a second file beside the database
(``guildbot.db`` → ``guildbot-matrix.db``): SQLite has one writer at a time, and a deferred
transaction that reads and then writes fails at once (no waiting) when another connection
wrote in between — mautrix's connection and Guildbot's would make each other's writes fail
under load. In its own file each keeps its one writer."""

from __future__ import annotations

from pathlib import PurePath

from mautrix.client.state_store.asyncpg import PgStateStore
from mautrix.crypto.store import StateStore as CryptoStateStore
from mautrix.crypto.store.asyncpg import PgCryptoStore
from mautrix.util.async_db import Database
from sqlalchemy.engine import make_url

from guildbot.contract.errors import ConfigError


def companion_file(path: str) -> str:
    """The SQLite file beside `path` that holds the Matrix device's tables."""
    database = PurePath(path)
    return str(database.with_name(f"{database.stem}-matrix{database.suffix or '.db'}"))


def mautrix_url(database_url: str) -> str:
    """Where mautrix keeps the device, as its URL: our PostgreSQL database
    (``postgres://…``, asyncpg), or the SQLite file beside ours (``sqlite:PATH``)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        path = url.database or ""
        if not path or path == ":memory:":
            raise ConfigError(
                "GUILDBOT_DATABASE_URL", "Matrix keeps its device keys in the database: use a file"
            )
        return f"sqlite:{companion_file(path)}"
    if url.get_backend_name() == "postgresql":
        plain = url.set(drivername="postgres")
        return plain.render_as_string(hide_password=False)
    raise ConfigError("GUILDBOT_DATABASE_URL", "Matrix needs SQLite or PostgreSQL")


async def open_databases(database_url: str) -> list[Database]:
    """The device's store and the room state store, migrated: [crypto, state]. They share
    one connection pool (as mautrix's bridges do): on SQLite its one connection, so the two
    never fail each other's writes either."""
    url = mautrix_url(database_url)
    crypto = Database.create(
        url, upgrade_table=PgCryptoStore.upgrade_table, db_args={"min_size": 1, "max_size": 4}
    )
    await crypto.start()
    state = Database.create(url, upgrade_table=PgStateStore.upgrade_table)
    state.override_pool(crypto)
    await state.start()
    return [crypto, state]


def crypto_store(database: Database, user_id: str, pickle_key: str) -> PgCryptoStore:
    """The Olm account, sessions and devices of the bot's account."""
    return PgCryptoStore(user_id, pickle_key, database)


class RoomStateStore(PgStateStore, CryptoStateStore):  # type: ignore[misc]
    """Room members and encryption settings: what syncing records and encrypting reads.
    (mautrix's own bridges combine the two the same way; the client store's
    `is_encrypted` may answer None — not known yet — where the crypto one says bool.)"""


def state_store(database: Database) -> RoomStateStore:
    """The room state store over `database`."""
    return RoomStateStore(database)
