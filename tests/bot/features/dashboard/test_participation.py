"""The participation page counts members by department, and a department of four people
never appears with a number."""

from __future__ import annotations

import re

from aiohttp import web
from aiohttp.test_utils import TestClient

from tests.bot.features.dashboard.test_access import link_for, sign_in
from tests.fakes import Harness

Client = TestClient[web.Request, web.Application]
PEOPLE = {"Finance": 6, "Legal": 4, "Digital Services": 12}


async def community_of_departments(harness: Harness) -> None:
    await harness.text("ana", "community create Accessibility")
    await harness.text("ana", "profile set department Digital Services")
    for department, size in PEOPLE.items():
        for number in range(size - (1 if department == "Digital Services" else 0)):
            user = f"{department.split()[0].lower()}{number}"
            await harness.text(user, f"profile set department {department}")
            await harness.text(user, "community join accessibility")


def rows(page: str) -> dict[str, list[str]]:
    """Each table row's header and its cells, as plain words."""
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.DOTALL):
        header = re.search(r'<th scope="row">(.*?)</th>', row, re.DOTALL)
        if header:
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)
            found[header.group(1).strip()] = [re.sub(r"<[^>]+>", "", c).strip() for c in cells]
    return found


async def test_a_department_of_four_never_appears_with_a_number(
    harness: Harness, client: Client
) -> None:
    await community_of_departments(harness)
    await sign_in(client, await link_for(harness, "ana", "dashboard accessibility"))
    page = await (await client.get("/dashboard/c/accessibility")).text()
    table = rows(page)
    assert table["Digital Services"][0] == "12"
    # Legal (4) is pooled with the next smallest, Finance (6): 10 together, neither alone.
    assert table["Other departments (Finance, Legal)"][0] == "10"
    assert "Legal" not in table and "Finance" not in table
    assert "Members: 22" in page
    assert "4" not in {cell for cells in table.values() for cell in cells}
    assert '<html lang="en">' in page
    assert "<caption>" in page
