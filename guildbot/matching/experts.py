"""Expert routing: an expertise index over dated, weighted evidence, and the ranker.

Evidence is anything that shows a member knows something: a declared skill, a question they
answered (an accepted answer, or a question the asker marked resolved by them, weighs more),
thanks, a colleague's referral. Each item has a date and decays with a configurable half-life.

The ranker scores a question against that evidence with three signals, each scaled to [0, 1]
by its best value and added:

- **neighbours**: the questions most similar to this one (BM25 over each evidence item's text
  and tags) vote for the members who answered them, weighted by similarity and by evidence
  weight ("who answered questions like this?");
- **profile**: BM25 of the question against each member's whole body of evidence ("whose
  expertise covers these words?");
- **activity**: the log of each member's decayed evidence weight, a small prior that prefers
  people who answer, and answered recently.

Then come the organisation's adjustments: never the asker, only members who consented, not
those away, at most `weekly_cap` open requests a week, load spread among near-equal candidates
and a small bonus for another department at near-ties. Every suggestion carries a one-line
reason a person understands.

The index updates incrementally: `add` appends to growing posting arrays in O(terms). Decay
needs no rebuild either: an item's weight is stored as ``weight · 2^((t - t0)/half_life)``, and
``2^(-(now - t0)/half_life)`` is one factor per query. Pure: plain values in, plain values out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from guildbot.matching.text import tokenize

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_SECONDS_PER_DAY = 86_400.0
# Exponents past this are folded into a new reference time, so weights stay finite.
_MAX_EXPONENT = 600.0
TAG_PREFIX = "tag:"


class EvidenceKind(StrEnum):
    """What a piece of evidence is."""

    DECLARED = "declared"  # the member declared a skill
    ANSWERED = "answered"  # answered a question (not the accepted answer)
    ACCEPTED = "accepted"  # their answer was accepted, or the asker marked it resolved by them
    THANKS = "thanks"  # someone thanked them for help
    REFERRAL = "referral"  # a colleague suggested them for a question


DEFAULT_WEIGHTS: Mapping[EvidenceKind, float] = {
    EvidenceKind.DECLARED: 2.0,
    EvidenceKind.ANSWERED: 1.0,
    EvidenceKind.ACCEPTED: 4.0,
    EvidenceKind.THANKS: 2.0,
    EvidenceKind.REFERRAL: 1.0,
}


@dataclass(frozen=True, slots=True)
class RankerConfig:
    """The ranker's parameters. The defaults are the ones `guildbot eval routing` measures."""

    half_life_days: float = 365.0
    k1: float = 1.2
    b: float = 0.75
    neighbours: int = 300  # how many similar evidence items vote
    tag_weight: float = 3.0  # a tag counts as this many occurrences of a word
    neighbour_weight: float = 1.0
    profile_weight: float = 1.5
    activity_weight: float = 0.2
    activity_floor: float = 0.05
    weights: Mapping[EvidenceKind, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    # Organisation adjustments, in units of the top candidate's score (1.0).
    weekly_cap: int = 3
    load_penalty: float = 0.03  # per open request this week: spreads load among near-equals
    cross_department_bonus: float = 0.03
    shortlist: int = 50  # candidates considered for the organisation's adjustments


@dataclass(frozen=True, slots=True)
class Evidence:
    """One dated piece of expertise evidence for a member."""

    member_id: int
    kind: EvidenceKind
    at: datetime
    text: str = ""
    tags: tuple[str, ...] = ()
    weight: float | None = None  # None: the configured weight of its kind


@dataclass(frozen=True, slots=True)
class Query:
    """A question to route."""

    text: str
    tags: tuple[str, ...] = ()
    asker_id: int | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A member scored for a query, before the organisation's adjustments."""

    member_id: int
    score: float  # 1.0 for the best candidate


@dataclass(frozen=True, slots=True)
class MemberState:
    """What the organisation knows about a candidate right now."""

    member_id: int
    consented: bool = True
    away: bool = False
    department_id: int | None = None
    open_requests: int = 0  # invitations still open from the last seven days


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A member to ask, with why."""

    member_id: int
    score: float
    reason: str


class _Postings:
    """A growing pair of arrays (evidence index, term frequency) for one term."""

    __slots__ = ("items", "size", "tfs")

    def __init__(self) -> None:
        self.items = np.empty(4, dtype=np.int64)
        self.tfs = np.empty(4, dtype=np.float64)
        self.size = 0

    def append(self, item: int, tf: float) -> None:
        if self.size == len(self.items):
            self.items = np.resize(self.items, self.size * 2)
            self.tfs = np.resize(self.tfs, self.size * 2)
        self.items[self.size] = item
        self.tfs[self.size] = tf
        self.size += 1

    def view(self) -> tuple[IntArray, FloatArray]:
        return self.items[: self.size], self.tfs[: self.size]


class _Growing:
    """A numpy array with amortised O(1) append."""

    __slots__ = ("data", "size")

    def __init__(self, dtype: type[np.generic]) -> None:
        self.data: npt.NDArray[Any] = np.zeros(16, dtype=dtype)
        self.size = 0

    def append(self, value: float) -> int:
        if self.size == len(self.data):
            self.data = np.concatenate([self.data, np.zeros_like(self.data)])
        self.data[self.size] = value
        self.size += 1
        return self.size - 1

    def view(self) -> npt.NDArray[Any]:
        return self.data[: self.size]


@dataclass
class _Scores:
    """Per-member signals for one query (dense over member slots)."""

    total: FloatArray
    similarity: FloatArray  # per evidence item, for reasons
    terms: list[str]


class ExpertIndex:
    """Every member's evidence, searchable, updated incrementally."""

    def __init__(self, config: RankerConfig | None = None) -> None:
        self.config = config or RankerConfig()
        self._slot_of: dict[int, int] = {}
        self._member_ids: list[int] = []
        self._item_slot = _Growing(np.int64)
        self._item_gain = _Growing(np.float64)  # weight · 2^((t - t0)/half-life)
        self._item_length = _Growing(np.float64)
        self._items: list[Evidence] = []
        self._postings: dict[str, _Postings] = {}
        self._member_gain = _Growing(np.float64)  # Σ gain, per member slot
        self._member_length = _Growing(np.float64)  # Σ gain · length, per member slot
        self._member_items: list[list[int]] = []
        self._reference = _EPOCH
        self._removed: set[int] = set()

    # -- building -------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._items)

    @property
    def member_count(self) -> int:
        """How many members have evidence."""
        return len(self._member_ids) - len(self._removed)

    def members(self) -> list[int]:
        """The ids of members with evidence."""
        return [m for m in self._member_ids if m not in self._removed]

    def add_many(self, evidence: Iterable[Evidence]) -> None:
        """Add several items."""
        for item in evidence:
            self.add(item)

    def add(self, evidence: Evidence) -> None:
        """Add one item: O(its terms), no rebuild."""
        config = self.config
        weight = (
            config.weights.get(evidence.kind, 1.0) if evidence.weight is None else (evidence.weight)
        )
        if weight <= 0:
            return
        slot = self._slot(evidence.member_id)
        at = evidence.at if evidence.at.tzinfo else evidence.at.replace(tzinfo=UTC)
        exponent = self._days(at) / config.half_life_days
        if exponent > _MAX_EXPONENT:
            self._rebase(at)
            exponent = self._days(at) / config.half_life_days
        gain = weight * 2.0 ** max(exponent, -_MAX_EXPONENT)
        counts: dict[str, float] = dict(Counter(tokenize(evidence.text)))
        for tag in evidence.tags:
            key = TAG_PREFIX + tag.casefold()
            counts[key] = counts.get(key, 0.0) + config.tag_weight
        length = float(sum(counts.values()))
        index = self._item_slot.append(slot)
        self._item_gain.append(gain)
        self._item_length.append(length)
        self._items.append(evidence)
        for term, tf in counts.items():
            postings = self._postings.get(term)
            if postings is None:
                postings = self._postings[term] = _Postings()
            postings.append(index, float(tf))
        self._member_gain.data[slot] += gain
        self._member_length.data[slot] += gain * length
        self._member_items[slot].append(index)

    def remove_member(self, member_id: int) -> None:
        """Forget a member's evidence (erasure, opt-out): they are never suggested again."""
        slot = self._slot_of.get(member_id)
        if slot is None:
            return
        self._removed.add(member_id)
        gains = self._item_gain.view()
        for index in self._member_items[slot]:
            gains[index] = 0.0
        self._member_gain.data[slot] = 0.0
        self._member_length.data[slot] = 0.0

    def evidence_of(self, member_id: int) -> list[Evidence]:
        """A member's evidence, oldest first."""
        slot = self._slot_of.get(member_id)
        if slot is None or member_id in self._removed:
            return []
        return [self._items[i] for i in self._member_items[slot]]

    def _slot(self, member_id: int) -> int:
        slot = self._slot_of.get(member_id)
        if slot is None:
            slot = len(self._member_ids)
            self._slot_of[member_id] = slot
            self._member_ids.append(member_id)
            self._member_gain.append(0.0)
            self._member_length.append(0.0)
            self._member_items.append([])
        elif member_id in self._removed:
            self._removed.discard(member_id)
        return slot

    def _days(self, at: datetime) -> float:
        return (at - self._reference).total_seconds() / _SECONDS_PER_DAY

    def _rebase(self, at: datetime) -> None:
        shift = self._days(at) / self.config.half_life_days
        factor = 2.0 ** (-shift)
        self._item_gain.data *= factor
        self._member_gain.data *= factor
        self._member_length.data *= factor
        self._reference = at

    # -- scoring --------------------------------------------------------------------------

    def candidates(
        self,
        query: Query,
        now: datetime,
        exclude: Iterable[int] = (),
        limit: int | None = None,
    ) -> list[Candidate]:
        """Members by relevance to `query` (best first, 1.0 for the best), without the asker.

        Ties keep the order of member ids, so results are reproducible.
        """
        return self._candidates(self._score(query, now), query, exclude, limit)

    def _candidates(
        self, scores: _Scores | None, query: Query, exclude: Iterable[int], limit: int | None
    ) -> list[Candidate]:
        if scores is None:
            return []
        total = scores.total.copy()
        blocked = set(exclude) | self._removed
        if query.asker_id is not None:
            blocked.add(query.asker_id)
        for member_id in blocked:
            slot = self._slot_of.get(member_id)
            if slot is not None:
                total[slot] = -np.inf
        count = len(total) if limit is None else min(limit, len(total))
        if count <= 0:
            return []
        if count < len(total):
            top = np.argpartition(-total, count - 1)[:count]
        else:
            top = np.arange(len(total))
        order = top[np.lexsort((top, -total[top]))]
        best = float(total[order[0]]) if len(order) else 0.0
        if not np.isfinite(best):
            return []
        low = float(np.min(total[np.isfinite(total)]))
        span = best - low if best > low else 1.0
        return [
            Candidate(self._member_ids[i], (float(total[i]) - low) / span)
            for i in order
            if np.isfinite(total[i])
        ]

    def scores(self, query: Query, now: datetime) -> dict[int, float]:
        """Every member's raw relevance score (for evaluation and tests)."""
        scores = self._score(query, now)
        if scores is None:
            return {}
        return {
            member_id: float(scores.total[slot])
            for member_id, slot in self._slot_of.items()
            if member_id not in self._removed
        }

    def _score(self, query: Query, now: datetime) -> _Scores | None:
        members = len(self._member_ids)
        items = len(self._items)
        if members == 0 or items == 0:
            return None
        config = self.config
        at = now if now.tzinfo else now.replace(tzinfo=UTC)
        decay = 2.0 ** max(-self._days(at) / config.half_life_days, -_MAX_EXPONENT)
        item_slot = self._item_slot.view()
        item_gain = self._item_gain.view()
        item_length = self._item_length.view()
        counts = Counter(tokenize(query.text))
        for tag in query.tags:
            counts[TAG_PREFIX + tag.casefold()] += 1
        terms = [t for t in counts if t in self._postings]

        # Neighbours: BM25 of the query against each evidence item.
        live = item_gain > 0
        live_items = max(1, int(np.count_nonzero(live)))
        average_item = float(item_length[live].mean()) if live.any() else 1.0
        similarity = np.zeros(items)
        member_gain = self._member_gain.view() * decay
        member_length = self._member_length.view() * decay
        active = member_gain > 0
        active_members = max(1, int(np.count_nonzero(active)))
        average_member = float(member_length[active].sum()) / active_members
        profile = np.zeros(members)
        k1, b = config.k1, config.b
        for term in terms:
            item_ids, tfs = self._postings[term].view()
            df = len(item_ids)
            idf = math.log(1.0 + (live_items - df + 0.5) / (df + 0.5))
            norm = k1 * (1.0 - b + b * item_length[item_ids] / max(average_item, 1e-9))
            similarity[item_ids] += idf * tfs * (k1 + 1.0) / (tfs + norm)
            # Profile: the member's decayed term frequency.
            tf_member = np.bincount(
                item_slot[item_ids], weights=item_gain[item_ids] * tfs * decay, minlength=members
            )
            holders = int(np.count_nonzero(tf_member))
            member_idf = math.log(1.0 + (active_members - holders + 0.5) / (holders + 0.5))
            member_norm = k1 * (1.0 - b + b * member_length / max(average_member, 1e-12))
            profile += member_idf * tf_member * (k1 + 1.0) / (tf_member + member_norm)
        similarity[~live] = 0.0
        neighbours = min(config.neighbours, items)
        if neighbours < items:
            nearest = np.argpartition(-similarity, neighbours - 1)[:neighbours]
        else:
            nearest = np.arange(items)
        nearest = nearest[similarity[nearest] > 0]
        vote = np.asarray(
            np.bincount(
                item_slot[nearest],
                weights=similarity[nearest] * item_gain[nearest],
                minlength=members,
            ),
            dtype=np.float64,
        )
        activity = np.log(_scaled(member_gain) + config.activity_floor)
        total = (
            config.neighbour_weight * _scaled(vote)
            + config.profile_weight * _scaled(profile)
            + config.activity_weight * activity
        )
        total[~active] = -np.inf
        return _Scores(total=total, similarity=similarity, terms=terms)

    # -- reasons --------------------------------------------------------------------------

    def reason(self, member_id: int, query: Query, now: datetime) -> str:
        """One line saying why this member suits this question."""
        scores = self._score(query, now)
        similarity = scores.similarity if scores is not None else np.zeros(len(self._items))
        return self._reason(member_id, query, similarity)

    def _reason(self, member_id: int, query: Query, similarity: FloatArray) -> str:
        slot = self._slot_of.get(member_id)
        if slot is None:
            return "no recorded expertise yet"
        indices = self._member_items[slot]
        relevant = [i for i in indices if similarity[i] > 0 and self._item_gain.data[i] > 0]
        wanted = {t for t in tokenize(query.text)} | {t.casefold() for t in query.tags}
        parts: list[str] = []
        by_kind: dict[EvidenceKind, list[Evidence]] = {}
        for index in sorted(relevant, key=lambda i: -similarity[i]):
            item = self._items[index]
            by_kind.setdefault(item.kind, []).append(item)
        declared = by_kind.get(EvidenceKind.DECLARED, [])
        if declared:
            names = _unique(tag for item in declared for tag in item.tags or (item.text,))
            parts.append("declared " + _join(names[:3]))
        answered = by_kind.get(EvidenceKind.ACCEPTED, []) + by_kind.get(EvidenceKind.ANSWERED, [])
        if answered:
            accepted = len(by_kind.get(EvidenceKind.ACCEPTED, []))
            topic = _topic(answered, wanted)
            latest = max(item.at for item in answered)
            what = f"answered {_count(len(answered), 'question')}"
            if accepted:
                what += f" ({accepted} resolved)" if accepted < len(answered) else ""
                if accepted == len(answered):
                    what = f"resolved {_count(accepted, 'question')}"
            parts.append(f"{what}{topic}, most recently in {latest:%B %Y}")
        thanks = by_kind.get(EvidenceKind.THANKS, [])
        if thanks:
            parts.append(f"thanked {_count(len(thanks), 'time')}{_topic(thanks, wanted)}")
        referrals = by_kind.get(EvidenceKind.REFERRAL, [])
        if referrals:
            parts.append(f"suggested by colleagues {_count(len(referrals), 'time')}")
        if not parts:
            total = len([i for i in indices if self._item_gain.data[i] > 0])
            return f"active helper ({_count(total, 'contribution')} on record)"
        return "; ".join(parts)

    # -- ranking with the organisation's rules --------------------------------------------

    def rank(
        self,
        query: Query,
        now: datetime,
        states: Mapping[int, MemberState] | None = None,
        asker_department: int | None = None,
        limit: int = 5,
        exclude: Iterable[int] = (),
    ) -> list[Suggestion]:
        """The best `limit` members to ask, after the organisation's adjustments.

        `states` describes the shortlisted candidates (see `candidates`); a member missing
        from it is treated as not consenting. Pass None to skip the adjustments (evaluation).
        """
        scores = self._score(query, now)
        if scores is None:
            return []
        shortlist = self._candidates(
            scores, query, exclude, None if states is None else self.config.shortlist
        )
        adjusted = adjust(shortlist, states, asker_department, self.config)
        return [
            Suggestion(c.member_id, c.score, self._reason(c.member_id, query, scores.similarity))
            for c in adjusted[:limit]
        ]


def adjust(
    candidates: Sequence[Candidate],
    states: Mapping[int, MemberState] | None,
    asker_department: int | None,
    config: RankerConfig,
) -> list[Candidate]:
    """Apply consent, availability, the weekly cap, load spreading and the department bonus.

    Adjustments are a few hundredths of the best score, so they only reorder candidates that
    are near-equal on expertise; relevance still decides between clearly different people.
    """
    if states is None:
        return list(candidates)
    kept: list[Candidate] = []
    for candidate in candidates:
        state = states.get(candidate.member_id)
        if state is None or not state.consented or state.away:
            continue
        if state.open_requests >= config.weekly_cap:
            continue
        score = candidate.score - config.load_penalty * state.open_requests
        if (
            asker_department is not None
            and state.department_id is not None
            and state.department_id != asker_department
        ):
            score += config.cross_department_bonus
        kept.append(Candidate(candidate.member_id, score))
    kept.sort(key=lambda c: (-c.score, c.member_id))
    return kept


def _scaled(values: FloatArray) -> FloatArray:
    finite = values[np.isfinite(values)]
    top = float(finite.max()) if finite.size else 0.0
    if top <= 0:
        return np.zeros_like(values)
    return np.asarray(values / top, dtype=np.float64)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _topic(items: Sequence[Evidence], wanted: set[str]) -> str:
    """ " on X and Y": the query's tags and words these items share, most frequent first."""
    shared: Counter[str] = Counter()
    for item in items:
        words = {t.casefold() for t in item.tags} | set(tokenize(item.text))
        shared.update(words & wanted)
    names = [name for name, _ in shared.most_common(2)]
    return f" on {_join(names)}" if names else ""
