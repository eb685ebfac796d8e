"""Where the Matrix device's tables live: PostgreSQL's own database, SQLite's file beside."""

from __future__ import annotations

import pytest

from guildbot.adapters.matrix.store import mautrix_url
from guildbot.contract.errors import ConfigError


def test_postgresql_keeps_the_device_in_the_same_database() -> None:
    assert (
        mautrix_url("postgresql+asyncpg://bot:p%40ss@db.internal:5432/guildbot")
        == "postgres://bot:p%40ss@db.internal:5432/guildbot"
    )


def test_sqlite_keeps_it_in_a_file_beside_the_database() -> None:
    assert mautrix_url("sqlite+aiosqlite:///guildbot.db") == "sqlite:guildbot-matrix.db"
    assert mautrix_url("sqlite:////srv/bot/data.sqlite") == "sqlite:/srv/bot/data-matrix.sqlite"


@pytest.mark.parametrize("url", ["sqlite+aiosqlite://", "sqlite:///:memory:"])
def test_an_in_memory_database_cannot_keep_a_device(url: str) -> None:
    with pytest.raises(ConfigError) as refused:
        mautrix_url(url)
    assert refused.value.variable == "GUILDBOT_DATABASE_URL"
