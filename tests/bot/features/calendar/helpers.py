"""Driving the calendar through the harness and the scheduler, with time that only moves here."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.tick import Ticker
from guildbot.contract.outbound import Button, OutboundMessage
from guildbot.storage.models import (
    CalendarEvent,
    OutboxMessage,
    OutboxStatus,
    PlatformIdentity,
    Schedule,
)
from tests.fakes import Harness, Sent


def make_ticker(harness: Harness, clock: ManualClock) -> Ticker:
    async def fake_sleep(seconds: float) -> None:
        clock.advance(timedelta(seconds=max(0.0, seconds)))

    return harness.app.ticker([harness.adapter], sleep=fake_sleep)


async def run_until(harness: Harness, clock: ManualClock, until: datetime) -> list[Sent]:
    """Tick at every moment something is due, up to `until`; what was sent meanwhile."""
    ticker = make_ticker(harness, clock)
    before = len(harness.adapter.sent)
    await ticker.tick()
    last = clock.now()
    for _ in range(10_000):
        async with harness.app.database.transaction() as session:
            schedule_due = await session.scalar(
                select(func.min(Schedule.next_due_at)).where(Schedule.active.is_(True))
            )
            outbox_due = await session.scalar(
                select(func.min(OutboxMessage.not_before)).where(
                    OutboxMessage.status == OutboxStatus.PENDING.value
                )
            )
        upcoming = [t for t in (schedule_due, outbox_due) if t is not None]
        if not upcoming:
            break
        step = max(min(upcoming), clock.now())
        if step <= last:
            step = last + timedelta(seconds=1)  # nothing left to do at that moment
        if step > until:
            break
        clock.advance(step - clock.now())
        last = step
        await ticker.tick()
    if clock.now() < until:
        clock.advance(until - clock.now())
        await ticker.tick()
    return harness.adapter.sent[before:]


async def setup_community(harness: Harness, *members: str) -> None:
    """Ana founds Accessibility in the channel (linking it); the others join as members."""
    await harness.say("ana", "community create Accessibility", where=harness.channel)
    for name in members:
        await harness.text(name, "community join accessibility")


async def read(harness: Harness, user: str, text: str) -> str:
    """The plain words of the bot's answer, as a member reads them whatever the platform's
    markup (members named are mentions: their names)."""
    return "\n".join(sent.message.text.plain() for sent in await harness.say(user, text))


async def create_event(harness: Harness, text: str, user: str = "ana") -> int:
    """`event create …`, then press [Create]; the new event's id."""
    [echo] = await harness.say(user, f"event create {text}")
    assert echo.buttons and echo.buttons[0].label == "Create", echo.text
    [done] = await harness.press(user, echo.buttons[0])
    assert done.text.startswith("Created event"), done.text
    return int(done.text.split()[2].rstrip(":"))


async def cancel_event(harness: Harness, args: str, user: str = "ana") -> str:
    """`event cancel ARGS`, then press [Cancel it] when asked; the final answer."""
    [ask] = await harness.say(user, f"event cancel {args}")
    if not ask.buttons:
        return ask.text  # refused, or nothing to cancel
    assert [b.label for b in ask.buttons] == ["Cancel it", "Keep it"], ask.text
    [done] = await harness.press(user, ask.buttons[0])
    return done.text


async def member_id(harness: Harness, user: str) -> int:
    async with harness.app.database.transaction() as session:
        return (
            await session.scalars(
                select(PlatformIdentity.member_id).where(PlatformIdentity.user_id == user)
            )
        ).one()


async def event_row(harness: Harness, event_id: int) -> CalendarEvent:
    async with harness.app.database.transaction() as session:
        event = await session.get(CalendarEvent, event_id)
        assert event is not None
        return event


def button(message: OutboundMessage, label: str) -> Button:
    return next(b for b in message.buttons if b.label == label)


def to_member(message: OutboundMessage) -> str:
    """Who a direct message went to (the fake adapter names direct conversations G<user>)."""
    return message.to.channel_id.removeprefix("G")
