"""Alembic environment: async engine, batch mode for SQLite, the models' naming convention.

Guildbot applies migrations itself at start-up by handing Alembic an open connection
(`config.attributes["connection"]`); the `alembic` command line works too, from the URL.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from guildbot.storage.engine import create_engine
from guildbot.storage.migrate import ours
from guildbot.storage.models import Base

target_metadata = Base.metadata


def run_with_connection(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=ours,  # autogenerate leaves the Matrix device's tables alone
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_async_migrations(url: str) -> None:
    engine = create_engine(url)
    async with engine.connect() as connection:
        await connection.run_sync(run_with_connection)
    await engine.dispose()


def run_offline(url: str) -> None:
    context.configure(
        url=url, target_metadata=target_metadata, literal_binds=True, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


config = context.config
shared_connection = config.attributes.get("connection")
if shared_connection is not None:
    run_with_connection(shared_connection)
elif context.is_offline_mode():
    run_offline(config.get_main_option("sqlalchemy.url") or "")
else:
    asyncio.run(run_async_migrations(config.get_main_option("sqlalchemy.url") or ""))
