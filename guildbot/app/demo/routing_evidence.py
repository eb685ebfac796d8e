"""Expert-routing history for the demo organisation: questions its people answered before.

With it, `ask` in the demo routes on more than declared skills: Lea Schmidt has resolved PDF
questions, Grace Kim has researched with screen-reader users, Li Wei knows survey weights.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.matching.experts import EvidenceKind
from guildbot.storage.models import ExpertiseEvidence

# person, kind, days ago, the question they helped with, its skills
DEMO_EVIDENCE: tuple[tuple[str, EvidenceKind, int, str, tuple[str, ...]], ...] = (
    (
        "Lea Schmidt",
        EvidenceKind.ACCEPTED,
        20,
        "How do I tag a scanned PDF so screen readers announce the headings?",
        ("pdf accessibility",),
    ),
    (
        "Lea Schmidt",
        EvidenceKind.ACCEPTED,
        75,
        "Our PDF forms fail the accessibility checker: where do I start?",
        ("pdf accessibility", "accessibility"),
    ),
    (
        "Grace Kim",
        EvidenceKind.ACCEPTED,
        40,
        "How do we recruit screen reader users for usability testing?",
        ("user research", "accessibility"),
    ),
    (
        "Rahul Nair",
        EvidenceKind.ANSWERED,
        15,
        "Which WCAG 2.1 criteria apply to our date picker?",
        ("wcag", "accessibility"),
    ),
    (
        "Li Wei",
        EvidenceKind.ACCEPTED,
        30,
        "How should I apply survey weights in R for a stratified sample?",
        ("statistics", "r"),
    ),
    (
        "Mei Chen",
        EvidenceKind.THANKS,
        10,
        "Confidence intervals for rates in small areas",
        ("statistics",),
    ),
    (
        "Samuel Adeyemi",
        EvidenceKind.ACCEPTED,
        25,
        "How do I rotate secrets in a Kubernetes cluster without downtime?",
        ("kubernetes", "cybersecurity"),
    ),
    (
        "Nadia Benali",
        EvidenceKind.ACCEPTED,
        50,
        "How do I rewrite a regulation summary in plain language?",
        ("plain language", "legal"),
    ),
)


async def seed_expertise_evidence(
    session: AsyncSession, member_ids: dict[str, int], now: datetime
) -> None:
    """Add the demo's history of answered questions as expertise evidence."""
    for person, kind, days_ago, text, tags in DEMO_EVIDENCE:
        session.add(
            ExpertiseEvidence(
                member_id=member_ids[person],
                kind=kind.value,
                text=text,
                tags=list(tags),
                at=now - timedelta(days=days_ago),
            )
        )
    await session.flush()
