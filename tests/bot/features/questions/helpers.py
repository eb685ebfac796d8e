"""What expert routing's tests share: the people who know things, ticks, and where messages
went."""

from __future__ import annotations

from tests.fakes import Harness, Sent

PDF_QUESTION = "ask How do I check the accessibility of a scanned PDF for screen readers?"


def to(messages: list[Sent], user: str) -> list[Sent]:
    """Messages delivered privately to `user` (the fake adapter opens "G<user>")."""
    return [m for m in messages if m.to.channel_id == f"G{user}"]


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
