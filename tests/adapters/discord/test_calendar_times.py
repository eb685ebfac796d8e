"""Times the calendar sends reach Discord as timestamps (``<t:…>``), which each reader's
client shows in their own zone: the event's post in its channel, and a member's reminder."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.features.calendar import occurrences as occ
from guildbot.bot.scheduler.outbox import next_due
from guildbot.storage.repositories.calendar import CalendarRepository
from tests.adapters.discord.conftest import ANA, BO
from tests.adapters.discord.mock_discord import GUILD, MockDiscord
from tests.adapters.discord.rig import DiscordRig, body_of, content_of, start_rig

CHANNEL = "800000000000000001"


def buttons_of(call: Any) -> list[dict[str, Any]]:
    return [b for row in body_of(call).get("components", []) for b in row["components"]]


def stamp(at: datetime, style: str) -> str:
    return f"<t:{int(at.timestamp())}:{style}>"


def span(start: datetime, end: datetime) -> str:
    """An occurrence's start and end (Discord's markdown escapes the dash between them)."""
    return f"{stamp(start, 'F')}\\-{stamp(end, 't')}"


async def tick_until(
    app: Guildbot, rig: DiscordRig, clock: ManualClock, until: datetime
) -> list[str]:
    """Run the scheduler at each moment something is due up to `until`; what it posted."""

    async def no_sleep(seconds: float) -> None:
        clock.advance(timedelta(seconds=max(0.0, seconds)))

    ticker = app.ticker([rig.adapter], sleep=no_sleep)
    before = len(rig.mock.replies())
    await ticker.tick()
    for _ in range(50):
        async with app.database.transaction() as session:
            due = await next_due(session)
        if due is None or due > until:
            break
        clock.advance(max(due - clock.now(), timedelta(seconds=1)))
        await ticker.tick()
    return [content_of(call) for call in rig.mock.replies()[before:]]


async def test_an_event_post_and_a_reminder_carry_discord_timestamps(
    app: Guildbot, mock_discord: MockDiscord, clock: ManualClock
) -> None:
    rig = await start_rig(mock_discord, app, confirmations=app.confirmations())
    try:
        await rig.command(
            "guild", {"command": "community create Accessibility"}, guild=GUILD, channel=CHANNEL
        )
        [echo] = await rig.command(
            "event",
            {"details": "Show and tell in 3 days at 15:00 for 1h"},
            sub="create",
            guild=GUILD,
            channel=CHANNEL,
        )
        create = buttons_of(echo)[0]
        [done] = await rig.press(create["custom_id"], "Create", user=ANA, guild=GUILD)
        async with app.database.transaction() as session:
            event = await CalendarRepository(session).event(1)
        assert event is not None
        [first] = occ.upcoming(event, clock.now(), limit=1)
        start, end = first.at, first.at + occ.duration_of(event)

        [post] = await tick_until(app, rig, clock, clock.now())
        going = next(b for b in buttons_of_last(mock_discord) if b["label"] == "Going")
        [answered] = await rig.press(going["custom_id"], "Going", user=BO, guild=GUILD)
        sent = await tick_until(app, rig, clock, start)
    finally:
        await rig.close()

    # The echo, the reply, the post and the answer: every time a timestamp, none as text.
    for text in (content_of(echo), content_of(done), post, content_of(answered)):
        assert stamp(start, "F") in text, text
        assert "America/" not in text and " UTC" not in text, text
    assert span(start, end) in post
    reminders = [text for text in sent if text.startswith("⏰ Reminder: **Show and tell** starts")]
    direct = [text for text in reminders if stamp(start, "F") in text]
    assert len(direct) == 2, reminders  # 1 day and 15 minutes before, to Bo
    assert all(span(start, end) in text for text in direct)


def buttons_of_last(mock: MockDiscord) -> list[dict[str, Any]]:
    """The buttons of the latest message posted in the channel."""
    [*_, post] = [c for c in mock.replies() if c.path == f"/channels/{CHANNEL}/messages"]
    return buttons_of(post)
