"""Running the `guildbot` command as an operator would: a fresh process, in a folder of the
test's own, with nothing of this environment but PATH and what the test sets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def guildbot(
    cwd: Path, *args: str, env: dict[str, str] | None = None, typed: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`guildbot ARGS` in `cwd`; `typed` is what is typed at it (nothing by default)."""
    return subprocess.run(
        [sys.executable, "-m", "guildbot.app.cli", *args],
        input=typed,
        stdin=None if typed is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", **(env or {})},
        timeout=120,
        check=False,
    )
