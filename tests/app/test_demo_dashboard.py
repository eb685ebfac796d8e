"""`guildbot demo --dashboard`: the demo serves the facilitator dashboard beside its console,
and `dashboard` typed in it gives a link that opens the demo organisation's pages, which
show the Data Science Network's numbers (its colleagues and past are seeded for it)."""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import aiohttp

from tests.adapters.processes import free_port

LINK = re.compile(r"\((http://127\.0\.0\.1:\d+/dashboard/sign-in\?token=[^\s)]+)\)")
ROW = re.compile(r'<th scope="row">(.*?)</th>(.*?)</tr>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.DOTALL)
DEPARTMENTS = (
    "Digital Services", "Finance", "Health", "Environment", "Transport", "Statistics Office",
    "Legal Services", "Human Resources",
)  # fmt: skip


def rows(page: str) -> dict[str, list[str]]:
    """Each table row of a page by its header: its cells' text ("fewer than 5" where
    withheld)."""
    return {
        TAG.sub("", name).strip(): [TAG.sub("", cell).strip() for cell in CELL.findall(cells)]
        for name, cells in ROW.findall(page)
    }


def counted(cells: Sequence[str]) -> list[int]:
    """The cells that show a number of 5 or more."""
    return [int(cell.replace(",", "")) for cell in cells if cell.replace(",", "").isdigit()
            and int(cell.replace(",", "")) >= 5]  # fmt: skip


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
        process.stdin.write(b"as Li Wei\nadvance 7d\nadvance 7d\ndashboard data-science\n")
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
            pages = {"participation": page}
            for tab in ("questions", "coffee", "events", "network"):
                url = f"http://127.0.0.1:{port}/dashboard/c/data-science/{tab}"
                async with session.get(url) as response:
                    assert response.status == 200, tab
                    pages[tab] = await response.text()
        # Every department has a row of its own, counted (none pooled), and some are active.
        participation = rows(pages["participation"])
        assert not [name for name in participation if name.startswith("Other departments")]
        for department in DEPARTMENTS:
            assert counted(participation[department][:1]), department
        assert sum(len(counted(participation[d][1:3])) for d in DEPARTMENTS) >= 8
        questions = rows(pages["questions"])
        assert counted(questions["Asked"]) and counted(questions["Resolved"])
        assert "too few" not in "".join(questions["Median time to the first “I can help”"])
        coffee = rows(pages["coffee"])
        assert counted(coffee["Opted in"]) and counted(coffee["Rounds held"])
        assert re.fullmatch(r"\d+% \(\d+ of \d+ groups\)", coffee["Groups that met (of those "
                            "asked how it went)"][0])  # fmt: skip
        events = rows(pages["events"])
        assert any(counted(cells[1:2]) for cells in events.values()), "someone going to an event"
        # The matrix of new ties between departments: some pairs of departments show theirs.
        network = rows(pages["network"])
        assert sum(len(counted(network[d][:-1])) for d in DEPARTMENTS) >= 4
    finally:
        process.stdin.write(b"quit\n")
        await process.stdin.drain()
        assert await asyncio.wait_for(process.wait(), 30) == 0
