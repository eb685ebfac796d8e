"""`guildbot demo --dashboard`: the demo serves the facilitator dashboard beside its console,
and `dashboard` typed in it gives a link that opens the demo organisation's pages."""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

import aiohttp

from tests.adapters.processes import free_port

LINK = re.compile(r"\((http://127\.0\.0\.1:\d+/dashboard/sign-in\?token=[^\s)]+)\)")


async def test_the_demo_serves_its_dashboard_while_it_runs(tmp_path: Path) -> None:
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "guildbot.app.cli", "demo", "--dashboard",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT, cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "GUILDBOT_HTTP_PORT": str(port)},
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(b"as Li Wei\nadvance 7d\ndashboard data-science\n")
        await process.stdin.drain()
        link = None
        while link is None:
            line = (await asyncio.wait_for(process.stdout.readline(), 60)).decode()
            assert line, "the demo ended before giving a link"
            found = LINK.search(line)
            link = found.group(1) if found else None
        assert f":{port}/" in link
        # A browser keeps cookies of 127.0.0.1; aiohttp does when told to.
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            async with session.get(link) as signed_in:
                assert signed_in.status == 200
                page = await signed_in.text()
            assert "Data Science Network: participation" in page
            for tab in ("questions", "coffee", "events", "network"):
                url = f"http://127.0.0.1:{port}/dashboard/c/data-science/{tab}"
                async with session.get(url) as response:
                    assert response.status == 200, tab
    finally:
        process.stdin.write(b"quit\n")
        await process.stdin.drain()
        assert await asyncio.wait_for(process.wait(), 30) == 0
