"""A year of the Data Science Network's questions, for the dashboard's demo.

Each past question was routed to up to three colleagues who declare one of its skills
(colleagues of other departments first, as the ranker prefers), and ended as questions do:
most taken within hours and resolved (which is expertise evidence for the helper, as
`questions.flow` records it), some taken after more than a working day, some declined by
everyone, some never answered and closed; a few on topics nobody in the organisation
declares, which found nobody to ask: the dashboard's recruiting list.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.matching.experts import EvidenceKind
from guildbot.storage.models import (
    ExpertiseEvidence,
    Invitation,
    InvitationStatus,
    Question,
    QuestionStatus,
)

FIRST_WEEK = datetime(2025, 12, 1, 14, 0)  # a Monday, 09:00 in Toronto (UTC here)

# What people asked about (the text is stored as asked; the dashboard shows only counts
# and skills).
STAFFED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("How do I weight survey responses for non-response in R?", ("statistics", "r")),
    ("Which test should I use to compare two small samples?", ("statistics",)),
    ("How do I compute confidence intervals for a ratio?", ("statistics",)),
    ("How do I pivot a wide table to long in pandas?", ("python",)),
    ("Why is my pandas merge producing duplicate rows?", ("python",)),
    ("How do I refresh a dataset nightly with a Python script?", ("python", "data engineering")),
    ("How can I speed up a slow SQL query with several joins?", ("sql",)),
    ("What is a good way to version our SQL views?", ("sql", "data engineering")),
    ("How do I build a pipeline that loads CSV drops into the warehouse?", ("data engineering",)),
    ("Which chart shows change over time for 12 regions best?", ("data visualisation",)),
    ("How do I make a chart readable for colour-blind readers?", ("data visualisation",)),
    ("How do I share a Power BI report with another department?", ("power bi",)),
    ("Can Power BI refresh from a SharePoint list automatically?", ("power bi", "excel")),
    ("How do I stop Excel from turning codes into dates?", ("excel",)),
    ("How do I publish a Tableau dashboard internally?", ("tableau",)),
    ("How do I validate a classification model with imbalanced classes?", ("machine learning",)),
    ("Which features leak the outcome in our prediction model?", ("machine learning", "python")),
    ("How do I join our records to census tracts?", ("gis",)),
    ("Which projection should I use for a national map?", ("gis",)),
    ("What licence should we publish this dataset under?", ("open data",)),
    ("Who should approve sharing this dataset with a university?", ("data governance", "privacy")),
    ("Can we publish counts this small without identifying anyone?", ("privacy", "statistics")),
    ("How do we evaluate whether the pilot program worked?", ("evaluation", "statistics")),
    ("How should we forecast next year's spending by program?", ("finance", "excel")),
    ("How do I turn the HR extract into a headcount dashboard?", ("human resources", "power bi")),
    ("How do I run R on the shared cloud workspace?", ("r", "cloud")),
)
# Topics nobody declares: their questions find nobody to ask.
UNSTAFFED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("How do I estimate the effect of the policy without a control group?", ("causal inference",)),
    ("Is difference-in-differences right for our before/after data?", ("causal inference",)),
    ("How do I read our 40 GB file in Spark?", ("spark",)),
    ("How much noise should differential privacy add to our tables?", ("differential privacy",)),
    ("How do I set priors for a Bayesian small-area model?", ("bayesian statistics",)),
    ("Which model forecasts weekly call volumes with holidays?", ("time series", "forecasting")),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Asker:
    """A member of the network as routing sees them: department, skills, since when."""

    member_id: int
    department: str
    skills: frozenset[str]
    joined_at: datetime


def question_times(rng: random.Random, now: datetime, people: Sequence[Asker]) -> list[datetime]:
    """When questions were asked: weekdays in working hours, more as the network grew."""
    week = FIRST_WEEK.replace(tzinfo=now.tzinfo)
    times = []
    while week < now - timedelta(days=2):
        members = sum(1 for p in people if p.joined_at <= week)
        for _ in range(round(members / 30) + rng.randint(0, 2)):
            at = week + timedelta(days=rng.randint(0, 4), minutes=rng.randint(0, 8 * 60))
            if at < now - timedelta(days=1):
                times.append(at)
        week += timedelta(weeks=1)
    return sorted(times)


def _delay(rng: random.Random, median_hours: float, sigma: float) -> timedelta:
    return timedelta(hours=median_hours * math.exp(rng.gauss(0, sigma)))


async def seed_question_history(
    session: AsyncSession,
    community_id: int,
    platform: str,
    workspace_id: str,
    people: Sequence[Asker],
    now: datetime,
    rng: random.Random,
) -> int:
    """Write the network's past questions, their invitations and the evidence they left;
    the number of questions."""
    planned: list[tuple[Question, list[Invitation], datetime | None]] = []
    for at in question_times(rng, now, people):
        here = [p for p in people if p.joined_at <= at]
        asker = rng.choice(here)
        unstaffed = rng.random() < 0.08
        text, tags = rng.choice(UNSTAFFED if unstaffed else STAFFED)
        question = Question(
            asker_id=asker.member_id,
            text=text,
            tags=list(tags),
            community_id=community_id,
            platform=platform,
            workspace_id=workspace_id,
            channel_id=None,
            thread_id=None,
            status=QuestionStatus.OPEN.value,
            created_at=at,
        )
        invitations = [] if unstaffed else _invite(rng, asker, tags, here, at)
        resolved_at = _end(rng, question, invitations, now)
        planned.append((question, invitations, resolved_at))
    session.add_all([question for question, _, _ in planned])
    await session.flush()
    for question, invitations, resolved_at in planned:
        for invitation in invitations:
            invitation.question_id = question.id
        session.add_all(invitations)
        if resolved_at is not None and question.helper_id is not None:
            session.add(
                ExpertiseEvidence(
                    member_id=question.helper_id,
                    kind=EvidenceKind.ACCEPTED.value,
                    text=question.text,
                    tags=list(question.tags),
                    question_id=question.id,
                    at=resolved_at,
                )
            )
    await session.flush()
    return len(planned)


def _invite(
    rng: random.Random, asker: Asker, tags: Sequence[str], here: Sequence[Asker], at: datetime
) -> list[Invitation]:
    """Up to three colleagues who declare one of the tags, mostly of other departments
    first (the ranker's bonus for bridging departments is a bonus, not a rule)."""
    knowing = [p for p in here if p.member_id != asker.member_id and p.skills & set(tags)]
    rng.shuffle(knowing)
    if rng.random() < 0.75:
        knowing.sort(key=lambda p: p.department == asker.department)
    return [
        Invitation(
            member_id=person.member_id,
            position=position,
            status=InvitationStatus.INVITED.value,
            reason=f"declared {', '.join(sorted(person.skills & set(tags)))}",
            due_at=at,
        )
        for position, person in enumerate(knowing[:3])
    ]


def _end(
    rng: random.Random, question: Question, invitations: list[Invitation], now: datetime
) -> datetime | None:
    """How the question ended (set on it and its invitations); when it was resolved."""
    at = question.created_at
    # Closed by its asker a few days on (questions of this week sooner: none ends after now).
    closed = min(at + timedelta(days=3), now - timedelta(minutes=30))
    draw = rng.random()
    if not invitations:
        question.status, question.closed_at = QuestionStatus.CLOSED.value, closed
        return None
    if draw < 0.07:  # everyone said no
        for invitation in invitations:
            invitation.status = InvitationStatus.DECLINED.value
            invitation.answered_at = at + (closed - at) * rng.random()
        question.status, question.closed_at = QuestionStatus.CLOSED.value, closed
        return None
    if draw < 0.12:  # nobody answered, and the asker closed it
        for invitation in invitations:
            invitation.status, invitation.answered_at = InvitationStatus.WITHDRAWN.value, closed
        question.status, question.closed_at = QuestionStatus.CLOSED.value, closed
        return None
    taken = at + _delay(rng, 3, 1.3)  # a tail beyond a working day
    if taken >= now:
        taken = at + (now - at) * rng.random()
    helper = rng.choices(invitations, [3, 2, 1][: len(invitations)])[0]
    for invitation in invitations:
        if invitation is helper:
            invitation.status, invitation.answered_at = InvitationStatus.ACCEPTED.value, taken
        elif rng.random() < 0.3:
            invitation.status = InvitationStatus.DECLINED.value
            invitation.answered_at = at + (taken - at) * rng.random()
        else:  # taken by a colleague before they answered
            invitation.status, invitation.answered_at = InvitationStatus.WITHDRAWN.value, taken
    question.helper_id = helper.member_id
    resolved = taken + _delay(rng, 20, 0.9)
    if rng.random() < 0.12 or resolved >= now:  # connected, not marked resolved (yet)
        question.status = QuestionStatus.CONNECTED.value
        return None
    question.status, question.closed_at = QuestionStatus.RESOLVED.value, resolved
    question.resolved_by_id = helper.member_id
    return resolved
