"""Shared fixtures: a fresh database per test on SQLite, or on PostgreSQL when
GUILDBOT_TEST_DATABASE_URL points at one (the suite then creates its own database and drops it).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from guildbot.app.build import Guildbot, build
from guildbot.bot.clock import ManualClock
from guildbot.bot.config import Settings
from guildbot.bot.scheduler.delivery import Sleep
from guildbot.storage import migrate
from guildbot.storage.engine import create_engine
from guildbot.storage.models import Base
from tests.fakes import Harness, RecordingAdapter, clock_sleep

POSTGRES_URL = os.environ.get("GUILDBOT_TEST_DATABASE_URL", "").strip()
START = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)


def pytest_report_header() -> str:
    backend = "postgresql" if POSTGRES_URL else "sqlite"
    return f"guildbot test database backend: {backend}"


def _admin_url() -> str:
    return (
        make_url(POSTGRES_URL)
        .set(drivername="postgresql+asyncpg")
        .render_as_string(hide_password=False)
    )


async def _create_postgres_database(name: str) -> str:
    engine = create_engine(_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await engine.dispose()
    return make_url(_admin_url()).set(database=name).render_as_string(hide_password=False)


async def _drop_postgres_database(name: str) -> None:
    engine = create_engine(_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database migrated once per session: a SQLite file to copy, or a PostgreSQL database."""
    if POSTGRES_URL:
        name = f"guildbot_test_{uuid.uuid4().hex[:12]}"
        url = asyncio.run(_create_postgres_database(name))
        asyncio.run(_migrate(url))
        yield url
        asyncio.run(_drop_postgres_database(name))
    else:
        path = tmp_path_factory.mktemp("template") / "template.db"
        url = f"sqlite:///{path}"
        asyncio.run(_migrate(url))
        yield url


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    try:
        await migrate.upgrade(engine)
    finally:
        await engine.dispose()


@pytest.fixture
async def database_url(migrated_template: str, tmp_path: Path) -> AsyncIterator[str]:
    """A migrated, empty database for one test."""
    if POSTGRES_URL:
        engine = create_engine(migrated_template)
        try:
            async with engine.begin() as connection:
                tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
                await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        finally:
            await engine.dispose()
        yield migrated_template
    else:
        path = tmp_path / "guildbot.db"
        shutil.copyfile(make_url(migrated_template).database or "", path)
        yield f"sqlite:///{path}"


@pytest.fixture
def fresh_database_url(tmp_path: Path) -> Iterator[str]:
    """An empty, unmigrated database (for migration tests)."""
    if POSTGRES_URL:
        name = f"guildbot_fresh_{uuid.uuid4().hex[:12]}"
        yield asyncio.run(_create_postgres_database(name))
        asyncio.run(_drop_postgres_database(name))
    else:
        yield f"sqlite:///{tmp_path / 'fresh.db'}"


@pytest.fixture
def clock() -> ManualClock:
    """Time that moves only when a test says so."""
    return ManualClock(START)


@pytest.fixture
async def app(database_url: str, clock: ManualClock) -> AsyncIterator[Guildbot]:
    """The wired application on the test database."""
    guildbot = await build(Settings(database_url=database_url), clock=clock)
    yield guildbot
    await guildbot.close()


@pytest.fixture
def adapter(clock: ManualClock) -> RecordingAdapter:
    """A fake platform that records what the bot sends, and when."""
    return RecordingAdapter(clock)


@pytest.fixture
def harness(app: Guildbot, adapter: RecordingAdapter) -> Harness:
    """Talk to the bot as named people through the recording adapter."""
    return Harness(app, adapter)


@pytest.fixture
def sleep(clock: ManualClock) -> Sleep:
    """Waiting, as the scheduler does it, moves the test's clock instead of real time."""
    return clock_sleep(clock)
