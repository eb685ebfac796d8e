"""Several instances starting at once on one new database: one applies the migrations, the
others wait for it and find the schema current (PostgreSQL: an advisory lock; SQLite: a file
lock beside the database)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from guildbot.storage import migrate
from guildbot.storage.engine import create_engine

STARTING = 3


async def test_three_processes_migrating_a_new_database_at_once_all_succeed(
    fresh_database_url: str, tmp_path: Path
) -> None:
    env = {"PATH": "/usr/bin:/bin", "GUILDBOT_DATABASE_URL": fresh_database_url}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "guildbot.app.cli", "db", "upgrade"],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(STARTING)
    ]
    results = [(p.wait(timeout=120), *p.communicate()) for p in processes]
    for status, stdout, stderr in results:
        assert status == 0, stderr
        assert "up to date" in stdout
        assert "Traceback" not in stderr
    engine = create_engine(fresh_database_url)
    try:
        assert await migrate.current_revision(engine) == migrate.head_revision()
    finally:
        await engine.dispose()
