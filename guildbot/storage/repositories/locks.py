"""One row's lock for the rest of a transaction, on PostgreSQL and on SQLite."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute


async def lock_row(session: AsyncSession, key: InstrumentedAttribute[Any], value: object) -> None:
    """Hold the lock of the row whose `key` column equals `value` until the transaction ends,
    so what is then read from it and decided stays true until commit.

    Call it first in the unit of work. PostgreSQL: `SELECT … FOR UPDATE` on the row (a racing
    transaction waits here, then reads what the first committed). SQLite: a write that changes
    nothing, as the transaction's first statement, takes the database's write lock at once
    (one pooled connection already queues a process's units of work; this also waits out
    another process on the same file instead of reading a snapshot it cannot write from).
    """
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(select(key).where(key == value).with_for_update())
        return
    await session.execute(
        update(key.class_)
        .where(key == value)
        .values({key.key: key})
        .execution_options(synchronize_session=False)
    )
