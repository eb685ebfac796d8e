"""Several instances starting at once on one new database: one applies the migrations, the
others wait for it and find the schema current (PostgreSQL: an advisory lock; SQLite: a file
lock beside the database)."""

from __future__ import annotations

import asyncio
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
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "guildbot.app.cli",
            "db",
            "upgrade",
            cwd=tmp_path,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(STARTING)
    ]
    async with asyncio.timeout(120):
        outputs = await asyncio.gather(*(p.communicate() for p in processes))
    for process, (stdout, stderr) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, stderr.decode()
        assert "up to date" in stdout.decode()
        assert b"Traceback" not in stderr
    engine = create_engine(fresh_database_url)
    try:
        assert await migrate.current_revision(engine) == migrate.head_revision()
    finally:
        await engine.dispose()
