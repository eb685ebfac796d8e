"""What expert routing's tests share: the people who know things, ticks, and where messages
went."""

from __future__ import annotations

from sqlalchemy import select

from guildbot.bot.scheduler.tick import Ticker
from guildbot.contract.outbound import Button, OutboundMessage
from guildbot.storage.models import PlatformIdentity
from tests.fakes import Harness, RecordingAdapter, Sent

PDF_QUESTION = "ask How do I check the accessibility of a scanned PDF for screen readers?"


async def deliver(ticker: Ticker, adapter: RecordingAdapter) -> list[Sent]:
    """Run one tick; what it sent."""
    before = len(adapter.sent)
    await ticker.tick()
    return adapter.sent[before:]


def to(messages: list[Sent], user: str) -> list[Sent]:
    """Messages delivered privately to `user` (the fake adapter opens "G<user>")."""
    return [m for m in messages if m.to.channel_id == f"G{user}"]


def button(message: OutboundMessage, action: str) -> Button:
    return next(b for b in message.buttons if b.action_id == action)


async def member_id(harness: Harness, user: str) -> int:
    async with harness.app.database.transaction() as session:
        return (
            await session.scalars(
                select(PlatformIdentity.member_id).where(PlatformIdentity.user_id == user)
            )
        ).one()


async def experts(harness: Harness) -> None:
    """Lea and Rahul know accessibility (Lea: PDFs); Omar and Kim know Kubernetes."""
    await harness.text("lea", "expertise add pdf accessibility, accessibility")
    await harness.text("rahul", "expertise add accessibility, wcag")
    await harness.text("omar", "expertise add kubernetes")
    await harness.text("kim", "expertise add kubernetes, accessibility")
    await harness.text("amara", "profile")


async def facilitated_community(harness: Harness, facilitator: str) -> None:
    """Fay (the first member: an admin) creates the Accessibility CoP, `facilitator` joins
    and facilitates it, and Amara joins."""
    await harness.text("fay", "community create Accessibility CoP")
    await harness.text(facilitator, "community join accessibility cop")
    await harness.text("fay", f"role grant @{facilitator} facilitator accessibility-cop")
    await harness.text("amara", "community join accessibility cop")
