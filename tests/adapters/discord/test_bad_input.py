"""What members type cannot hurt: oversized options and control characters get a polite
answer and change nothing; autocomplete matches what was typed literally, stays within
Discord's limits, and shows no error when something goes wrong behind it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from guildbot.app.build import Guildbot
from guildbot.bot.adapter_support.completions import Suggestions
from guildbot.contract.adapter import Replies
from guildbot.storage.models import Question
from tests.adapters.discord.conftest import ANA
from tests.adapters.discord.mock_discord import GUILD, MockDiscord
from tests.adapters.discord.rig import (
    DiscordRig,
    content_of,
    interaction_payload,
    start_rig,
)
from tests.replies import nothing

HOSTILE = ["%", "_", "\\", "\x00", "x" * 7000, "'; drop table skills; --", "\u202e\x00evil"]


async def questions(app: Guildbot) -> int:
    async with app.database.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(Question)) or 0)


async def complete(rig: DiscordRig, interaction_id: str, data: dict[str, Any]) -> list[Any]:
    payload = interaction_payload(
        interaction_id,
        user=rig.mock.users[ANA],
        channel_id="800000000000000001",
        guild_id=GUILD,
        interaction_type=4,  # autocomplete
        data=data,
    )
    before = len(rig.mock.calls)
    rig.adapter.client._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
    [answer] = await rig.mock.wait_for("POST", rf"/interactions/{interaction_id}/[^/]+/callback")
    assert rig.mock.calls.index(answer) >= before
    assert answer.body["type"] == 8  # autocomplete result
    choices: list[Any] = answer.body["data"]["choices"]
    assert len(choices) <= 25
    assert all(1 <= len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
    return choices


async def test_oversized_and_control_characters_get_a_polite_answer(
    app: Guildbot, mock_discord: MockDiscord
) -> None:
    rig = await start_rig(mock_discord, app)
    try:
        [too_long] = await rig.command("ask", {"question": "x" * 7000}, user=ANA)
        assert "characters long" in content_of(too_long)
        assert await questions(app) == 0
        question = "how do I deploy\x00 kubernetes on\x07 our cluster?"
        [nul] = await rig.command("ask", {"question": question}, user=ANA)
    finally:
        await rig.close()
    # A NUL byte would reach PostgreSQL (which refuses it) as "something went wrong".
    assert "went wrong" not in content_of(nul), content_of(nul)


@pytest.mark.parametrize("typed", [t for t in HOSTILE if t != "\x00"])
async def test_suggestions_match_what_was_typed_literally(app: Guildbot, typed: str) -> None:
    suggest = Suggestions(app.database).suggest
    for kind in ("community", "skill", "event"):
        assert await suggest(kind, typed) == []  # no wildcard, no error
    assert await suggest("skill", "kube") == [("kubernetes", "kubernetes")]


async def test_control_characters_are_as_good_as_nothing_typed(app: Guildbot) -> None:
    suggest = Suggestions(app.database).suggest
    for kind in ("community", "skill", "event"):
        assert await suggest(kind, "\x00\x1b") == await suggest(kind, "")  # PostgreSQL: no error


async def test_autocomplete_through_the_tree_with_hostile_input(
    app: Guildbot, mock_discord: MockDiscord
) -> None:
    rig = await start_rig(mock_discord, app, suggest=Suggestions(app.database).suggest)
    try:
        for n, typed in enumerate(HOSTILE):
            option = {"name": "command", "type": 3, "value": typed, "focused": True}
            data = {"id": "930000000000000001", "name": "guild", "type": 1, "options": [option]}
            await complete(rig, f"98000000000000000{n}", data)
        option["value"] = "expertise add kube"
        [choice] = await complete(rig, "980000000000000010", data)
        assert choice["value"] == "expertise add kubernetes"
    finally:
        await rig.close()


async def test_autocomplete_shows_nothing_rather_than_an_error(mock_discord: MockDiscord) -> None:
    async def broken(kind: str, typed: str) -> list[tuple[str, str]]:
        raise RuntimeError("database is down")

    async def core(_event: Any) -> Replies:
        return nothing()

    rig = await start_rig(mock_discord, dispatch=core, suggest=broken)
    try:
        option = {"name": "community", "type": 3, "value": "acc", "focused": True}
        sub = {"name": "join", "type": 1, "options": [option]}
        data = {"id": "930000000000000002", "name": "coffee", "type": 1, "options": [sub]}
        assert await complete(rig, "980000000000000020", data) == []
    finally:
        await rig.close()
