"""Driving the calendar through the harness and the scheduler, with time that only moves here."""

from __future__ import annotations

import re

from guildbot.contract.outbound import OutboundMessage
from guildbot.storage.models import (
    CalendarEvent,
)
from tests.fakes import Harness


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
    """`event create …`, then press [Create] ([Créer] for a French facilitator); the new
    event's id."""
    [echo] = await harness.say(user, f"event create {text}")
    assert echo.buttons and echo.buttons[0].label in ("Create", "Créer"), echo.text
    [done] = await harness.press(user, echo.buttons[0])
    created = re.match(r"(?:Created event (\d+):|Événement (\d+) créé\u00a0:)", done.text)
    assert created, done.text
    return int(created.group(1) or created.group(2))


async def cancel_event(harness: Harness, args: str, user: str = "ana") -> str:
    """`event cancel ARGS`, then press [Cancel it] when asked; the final answer."""
    [ask] = await harness.say(user, f"event cancel {args}")
    if not ask.buttons:
        return ask.text  # refused, or nothing to cancel
    assert [b.label for b in ask.buttons] == ["Cancel it", "Keep it"], ask.text
    [done] = await harness.press(user, ask.buttons[0])
    return done.text


async def event_row(harness: Harness, event_id: int) -> CalendarEvent:
    async with harness.app.database.transaction() as session:
        event = await session.get(CalendarEvent, event_id)
        assert event is not None
        return event


def to_member(message: OutboundMessage) -> str:
    """Who a direct message went to (the fake adapter names direct conversations G<user>)."""
    return message.to.channel_id.removeprefix("G")


async def edit_event(harness: Harness, args: str, user: str = "ana") -> str:
    """`event edit ARGS`, then press [Save] ([Enregistrer] for a French facilitator) when the
    edit is echoed; the final answer."""
    [reply] = await harness.say(user, f"event edit {args}")
    save = [b for b in reply.buttons if b.label in ("Save", "Enregistrer")]
    if not save:
        return reply.text  # refused, not understood, or nothing to change
    [done] = await harness.press(user, save[0])
    return done.text
