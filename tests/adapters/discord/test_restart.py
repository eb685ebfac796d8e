"""A button works wherever and whenever it is pressed: a second instance, started after the
one that sent it stopped, does the whole action — nothing a button needs lives in a process."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from guildbot.app.build import Guildbot, build
from guildbot.bot.config import Settings
from guildbot.storage.models import CalendarEvent
from tests.adapters.discord.conftest import ANA
from tests.adapters.discord.mock_discord import GUILD, MockDiscord
from tests.adapters.discord.rig import content_of, start_rig

CHANNEL = "800000000000000001"


def buttons_of(call: Any) -> list[dict[str, Any]]:
    body = call.body.get("data", call.body) if call.path.startswith("/interactions/") else call.body
    return [b for row in body.get("components", []) for b in row["components"]]


async def test_an_event_draft_is_created_by_another_instance_after_a_restart(
    app: Guildbot, database_url: str, mock_discord: MockDiscord
) -> None:
    first = await start_rig(mock_discord, app, confirmations=app.confirmations())
    try:
        await first.command(
            "guild", {"command": "community create Accessibility"}, guild=GUILD, channel=CHANNEL
        )
        [echo] = await first.command(
            "event",
            {"details": "Show and tell tomorrow 15:00 where: Room 201"},
            sub="create",
            guild=GUILD,
            channel=CHANNEL,
        )
    finally:
        await first.close()  # the instance that sent the button is gone
    [create, _cancel] = buttons_of(echo)
    assert create["label"] == "Create" and len(create["custom_id"]) <= 100

    second_app = await build(Settings(database_url=database_url), clock=app.clock)
    second = await start_rig(mock_discord, second_app, confirmations=second_app.confirmations())
    try:
        [done] = await second.press(
            create["custom_id"], "Create", user=ANA, guild=GUILD, channel=CHANNEL
        )
        async with second_app.database.transaction() as session:
            events = await session.scalar(select(func.count(CalendarEvent.id)))
            event = (await session.scalars(select(CalendarEvent))).first()
    finally:
        await second.close()
        await second_app.close()
    assert content_of(done).startswith("Created event 1")
    assert events == 1 and event is not None
    assert (event.title, event.location) == ("Show and tell", "Room 201")
