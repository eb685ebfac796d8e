"""The questions page: how a community's questions fare, and the topics nobody could take.

Counts here are of questions, not people, so they are shown as they are; what would say
something about a few people — the median times and the share the busiest helpers carry —
is withheld below five questions. Topics come from the questions' skills and tags, never
from their text.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from guildbot.bot.features.dashboard.suppression import THRESHOLD
from guildbot.storage.models import QuestionStatus
from guildbot.storage.repositories.dashboard import QuestionFacts

# A question nobody offered to help with within this long is "unanswered after a working
# day" (a day, not hours of the clock: the bot does not know each asker's working hours).
WORKING_DAY = timedelta(days=1)
TOP_HELPERS = 3
MAX_TOPICS = 15


@dataclass(frozen=True, slots=True)
class Topic:
    """A skill or tag of questions that found nobody, and how many did."""

    name: str
    questions: int


@dataclass(frozen=True, slots=True)
class QuestionsFigures:
    """The page's figures; None where withheld."""

    asked: int
    connected: int
    resolved: int
    closed_unanswered: int
    unanswered_after_a_day: int
    median_to_help: timedelta | None
    median_to_resolution: timedelta | None
    top_helpers_share: float | None  # of connected questions, the 3 busiest helpers' share
    nobody_topics: tuple[Topic, ...]
    nobody_untagged: int  # questions that found nobody and carry no skill or tag


def unstaffed_candidates(facts: Sequence[QuestionFacts]) -> set[str]:
    """The skills and tags of the questions that found nobody (to look up who knows them)."""
    return {tag for f in facts if _found_nobody(f) for tag in f.tags}


def questions_figures(
    facts: Sequence[QuestionFacts], now: datetime, staffed: set[str] | frozenset[str] = frozenset()
) -> QuestionsFigures:
    """The figures for `facts` (one community's questions of a period) as of `now`; a topic
    someone consenting knows (`staffed`) is not listed as having nobody (its questions
    waited for a busy expert, or were asked before they joined)."""
    helped = [f for f in facts if f.helper_id is not None or f.first_accepted_at is not None]
    resolved = [f for f in facts if f.status == QuestionStatus.RESOLVED.value]
    waits = [f.first_accepted_at - f.created_at for f in helped if f.first_accepted_at]
    resolutions = [f.closed_at - f.created_at for f in resolved if f.closed_at]
    late = [
        f
        for f in facts
        if now - f.created_at >= WORKING_DAY
        and (f.first_accepted_at is None or f.first_accepted_at - f.created_at > WORKING_DAY)
    ]
    helpers = Counter(f.helper_id for f in helped if f.helper_id is not None)
    busiest = sum(count for _, count in helpers.most_common(TOP_HELPERS))
    share = busiest / sum(helpers.values()) if sum(helpers.values()) >= THRESHOLD else None
    nobody = [f for f in facts if _found_nobody(f)]
    topics = Counter(tag for f in nobody for tag in dict.fromkeys(f.tags) if tag not in staffed)
    return QuestionsFigures(
        asked=len(facts),
        connected=len(helped),
        resolved=len(resolved),
        closed_unanswered=sum(
            1 for f in facts if f.status == QuestionStatus.CLOSED.value and f.helper_id is None
        ),
        unanswered_after_a_day=len(late),
        median_to_help=_median(waits),
        median_to_resolution=_median(resolutions),
        top_helpers_share=share,
        nobody_topics=tuple(
            Topic(name, count)
            for name, count in sorted(topics.items(), key=lambda item: (-item[1], item[0]))[
                :MAX_TOPICS
            ]
        ),
        nobody_untagged=sum(1 for f in nobody if not f.tags),
    )


def _found_nobody(facts: QuestionFacts) -> bool:
    """Nobody was there to ask, or everyone asked said no, and nobody helped."""
    if facts.helper_id is not None or facts.first_accepted_at is not None:
        return False
    return facts.invited == 0 or facts.turned_down >= facts.invited


def _median(durations: Sequence[timedelta]) -> timedelta | None:
    if len(durations) < THRESHOLD:
        return None
    seconds = statistics.median(d.total_seconds() for d in durations)
    return timedelta(seconds=round(seconds))


def spoken(duration: timedelta | None) -> str | None:
    """ "3 h 20 min", "2 days 4 h", "45 min": a duration as a reader takes it in."""
    if duration is None:
        return None
    minutes = int(duration.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} day{'s' if days != 1 else ''}" + (f" {hours} h" if hours else "")
    if hours:
        return f"{hours} h" + (f" {minutes} min" if minutes else "")
    return f"{minutes} min"
