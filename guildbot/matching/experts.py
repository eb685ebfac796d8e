"""Expert routing: an expertise index over dated, weighted evidence, and the ranker.

Evidence is anything that shows a member knows something: a declared skill, a question they
answered (an accepted answer, or a question the asker marked resolved by them, weighs more),
thanks, a colleague's referral. Each item has a date and decays with a configurable half-life.

The ranker scores a question against that evidence with four signals, each scaled to [0, 1]
by its best value and added:

- **neighbours**: the questions most similar to this one (BM25 over each evidence item's text
  and tags) vote for the members who answered them, weighted by similarity and by evidence
  weight ("who answered questions like this?");
- **profile**: BM25 of the question against each member's whole body of evidence ("whose
  expertise covers these words?"), with little length normalisation and a high saturation
  point, so that a member who answered many questions on a topic is not penalised for having
  answered many questions;
- **skills**: the member's decayed evidence in the question's tags or skills ("who answers in
  this tag?"), counted, not saturated;
- **activity**: the log of each member's evidence weight decayed with a short half-life
  (30 days), a small prior for people who answer *now*: someone who last helped two years
  ago is less likely to pick up today's question than someone who helped last week.

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
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from guildbot.matching.text import tokenize

FloatArray = npt.NDArray[np.float64]
# Per-item similarities are float32: half the memory traffic over every evidence item.
Float32Array = npt.NDArray[np.float32]

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_SECONDS_PER_DAY = 86_400.0
# Exponents past this are folded into a new reference time, so weights stay finite.
_MAX_EXPONENT = 600.0
TAG_PREFIX = "tag:"
# Cached BM25 weights are recomputed when the average item length moves by more than this.
AVERAGE_DRIFT = 0.02
# Below this many items every term votes for neighbours, however common.
MIN_COMMON_LIMIT = 1_000
# A reason's topic is read from a member's most similar items only.
TOPIC_ITEMS = 8
TOPIC_TERMS = 8


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

    half_life_days: float = 365.0  # how fast expertise evidence fades
    activity_half_life_days: float = 30.0  # how fast "recently active" fades
    k1: float = 1.2  # BM25 over single evidence items (neighbours)
    b: float = 0.75
    # BM25 over each member's whole body of evidence (profile): milder length normalisation
    # and later saturation than over single items (a long record is expertise, not noise).
    profile_k1: float = 3.0
    profile_b: float = 0.3
    neighbours: int = 300  # how many similar evidence items vote
    tag_weight: float = 3.0  # a tag counts as this many occurrences of a word
    # Neighbour votes and skill evidence are divided by (a member's total evidence)^focus:
    # 0 counts volume only (the busiest member wins every broad question), 1 counts only
    # the share of their record that is on topic.
    focus: float = 0.5
    neighbour_weight: float = 1.0
    profile_weight: float = 1.0
    skill_weight: float = 0.5
    activity_weight: float = 0.3
    # Terms in more than this share of evidence items do not vote for neighbours.
    common_term_share: float = 0.25
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


# The ranker's signals, in the order `signal_weights` gives them.
SIGNALS = ("neighbours", "profile", "skills", "activity")


def signal_weights(config: RankerConfig) -> dict[str, float]:
    """Each signal's weight in the ranker's total."""
    return {
        "neighbours": config.neighbour_weight,
        "profile": config.profile_weight,
        "skills": config.skill_weight,
        "activity": config.activity_weight,
    }


_KIND_CODE = {kind: code for code, kind in enumerate(EvidenceKind)}


class _Postings:
    """A growing pair of arrays (evidence index, term frequency) for one term."""

    __slots__ = ("items", "size", "tfs")

    def __init__(self) -> None:
        # 32-bit: at 100,000 members x 20 items the postings are most of the index's memory.
        self.items = np.empty(4, dtype=np.int32)
        self.tfs = np.empty(4, dtype=np.float32)
        self.size = 0

    def append(self, item: int, tf: float) -> None:
        if self.size == len(self.items):
            self.items = np.resize(self.items, self.size * 2)
            self.tfs = np.resize(self.tfs, self.size * 2)
        self.items[self.size] = item
        self.tfs[self.size] = tf
        self.size += 1

    def view(self) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
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


@dataclass(frozen=True, slots=True)
class _TermCache:
    size: int
    generation: int
    average: float
    item_weights: npt.NDArray[np.float32]
    members: npt.NDArray[np.intp]
    member_tf: FloatArray


@dataclass
class _Scores:
    """Per-member signals for one query (dense over member slots)."""

    total: FloatArray
    relevant: npt.NDArray[np.bool_]  # some evidence shares a word or tag with the query
    similarity: Float32Array  # per evidence item, for reasons
    terms: list[str]
    signals: dict[str, FloatArray]  # each signal before its weight (see `SIGNALS`)


class ExpertIndex:
    """Every member's evidence, searchable, updated incrementally."""

    def __init__(self, config: RankerConfig | None = None) -> None:
        self.config = config or RankerConfig()
        self._slot_of: dict[int, int] = {}
        self._member_ids: list[int] = []
        self._item_slot = _Growing(np.int64)
        self._item_gain = _Growing(np.float64)  # weight · 2^((t - t0)/half-life)
        self._item_length = _Growing(np.float64)
        self._item_kind = _Growing(np.int8)
        self._item_day = _Growing(np.float64)  # days since 2000-01-01, for "most recently"
        self._declared: dict[int, str] = {}  # item -> the skill a DECLARED item names
        self._postings: dict[str, _Postings] = {}
        self._member_gain = _Growing(np.float64)  # Σ gain, per member slot
        # Σ 2^((t - t0)/activity half-life), per member slot: recent activity
        self._member_recent = _Growing(np.float64)
        self._member_length = _Growing(np.float64)  # Σ gain · length, per member slot
        self._member_items: list[array[int]] = []
        self._reference = _EPOCH
        self._removed: set[int] = set()
        self._caches: dict[str, _TermCache] = {}
        self._generation = 0  # bumped when weights change in place (removal, rebase)
        self._live_items = 0
        self._total_length = 0.0

    # -- building -------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._item_slot.size

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
        if self._days(at) / self._shortest_half_life > _MAX_EXPONENT:
            self._rebase(at)
        days = self._days(at)
        gain = weight * 2.0 ** max(days / config.half_life_days, -_MAX_EXPONENT)
        # Activity counts contributions, whatever their weight: it measures presence.
        recent = 2.0 ** max(days / config.activity_half_life_days, -_MAX_EXPONENT)
        counts: dict[str, float] = dict(Counter(tokenize(evidence.text)))
        for tag in evidence.tags:
            key = TAG_PREFIX + tag.casefold()
            counts[key] = counts.get(key, 0.0) + config.tag_weight
        length = float(sum(counts.values()))
        index = self._item_slot.append(slot)
        self._item_gain.append(gain)
        self._item_length.append(length)
        self._item_kind.append(_KIND_CODE[evidence.kind])
        self._item_day.append((at - _EPOCH).total_seconds() / _SECONDS_PER_DAY)
        if evidence.kind is EvidenceKind.DECLARED:
            self._declared[index] = (evidence.tags or (evidence.text,))[0]
        for term, tf in counts.items():
            postings = self._postings.get(term)
            if postings is None:
                postings = self._postings[term] = _Postings()
            postings.append(index, float(tf))
        self._member_gain.data[slot] += gain
        self._member_recent.data[slot] += recent
        self._member_length.data[slot] += gain * length
        self._live_items += 1
        self._total_length += length
        self._member_items[slot].append(index)

    def remove_member(self, member_id: int) -> None:
        """Forget a member's evidence (erasure, opt-out): they are never suggested again."""
        slot = self._slot_of.get(member_id)
        if slot is None:
            return
        self._removed.add(member_id)
        gains = self._item_gain.view()
        item_length = self._item_length.view()
        for index in self._member_items[slot]:
            if gains[index] > 0:
                self._live_items -= 1
                self._total_length -= float(item_length[index])
            gains[index] = 0.0
        self._generation += 1
        self._member_gain.data[slot] = 0.0
        self._member_recent.data[slot] = 0.0
        self._member_length.data[slot] = 0.0

    def evidence_count(self, member_id: int) -> int:
        """How many items of evidence a member has (0 once removed)."""
        slot = self._slot_of.get(member_id)
        if slot is None or member_id in self._removed:
            return 0
        return len(self._member_items[slot])

    def _slot(self, member_id: int) -> int:
        slot = self._slot_of.get(member_id)
        if slot is None:
            slot = len(self._member_ids)
            self._slot_of[member_id] = slot
            self._member_ids.append(member_id)
            self._member_gain.append(0.0)
            self._member_recent.append(0.0)
            self._member_length.append(0.0)
            self._member_items.append(array("q"))
        elif member_id in self._removed:
            self._removed.discard(member_id)
        return slot

    def _days(self, at: datetime) -> float:
        return (at - self._reference).total_seconds() / _SECONDS_PER_DAY

    @property
    def _shortest_half_life(self) -> float:
        return min(self.config.half_life_days, self.config.activity_half_life_days)

    def _rebase(self, at: datetime) -> None:
        days = self._days(at)
        factor = 2.0 ** (-days / self.config.half_life_days)
        self._item_gain.data *= factor
        self._member_gain.data *= factor
        self._member_length.data *= factor
        self._member_recent.data *= 2.0 ** (-days / self.config.activity_half_life_days)
        self._reference = at
        self._generation += 1

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
        self,
        scores: _Scores | None,
        query: Query,
        exclude: Iterable[int],
        limit: int | None,
        relevant_only: bool = False,
    ) -> list[Candidate]:
        if scores is None:
            return []
        total = scores.total.copy()
        if relevant_only:
            total[~scores.relevant] = -np.inf
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

    def signals(self, query: Query, now: datetime) -> tuple[list[int], dict[str, FloatArray]]:
        """Each signal's value per member before weighting (for evaluation): member ids and,
        per signal in `SIGNALS`, an array aligned with them. Members without live evidence
        are left out."""
        scores = self._score(query, now)
        if scores is None:
            return [], {name: np.zeros(0) for name in SIGNALS}
        slots = np.asarray(
            [s for m, s in self._slot_of.items() if m not in self._removed], dtype=np.intp
        )
        slots = slots[np.isfinite(scores.total[slots])]
        members = [self._member_ids[s] for s in slots]
        return members, {name: values[slots] for name, values in scores.signals.items()}

    def _score(self, query: Query, now: datetime) -> _Scores | None:
        members = len(self._member_ids)
        items = self._item_slot.size
        if members == 0 or items == 0 or self._live_items == 0:
            return None
        config = self.config
        at = now if now.tzinfo else now.replace(tzinfo=UTC)
        days = self._days(at)
        decay = 2.0 ** max(-days / config.half_life_days, -_MAX_EXPONENT)
        item_slot = self._item_slot.view()
        item_gain = self._item_gain.view()
        counts = Counter(tokenize(query.text))
        for tag in query.tags:
            counts[TAG_PREFIX + tag.casefold()] += 1
        terms = [t for t in counts if t in self._postings]

        member_gain = self._member_gain.view() * decay
        member_length = self._member_length.view() * decay
        active = member_gain > 0
        active_members = max(1, int(np.count_nonzero(active)))
        average_member = max(float(member_length.sum()) / active_members, 1e-12)
        k1, b = config.profile_k1, config.profile_b
        member_norm = k1 * (1.0 - b + b * member_length / average_member)
        similarity = np.zeros(items, dtype=np.float32)
        profile = np.zeros(members)
        skills = np.zeros(members)
        common_limit = max(config.common_term_share * self._live_items, MIN_COMMON_LIMIT)
        for term in terms:
            cache = self._term_cache(term)
            item_ids, _ = self._postings[term].view()
            df = len(item_ids)
            if df <= common_limit:
                # Neighbours: BM25 of the query against each evidence item. A term in most
                # items barely tells them apart, so it is left to the profile (and saves time).
                idf = math.log(1.0 + (self._live_items - df + 0.5) / (df + 0.5))
                similarity[item_ids] += np.float32(idf) * cache.item_weights
            # Profile: BM25 against each member's decayed body of evidence.
            holders = len(cache.members)
            member_idf = math.log(1.0 + (active_members - holders + 0.5) / (holders + 0.5))
            tf_member = cache.member_tf * decay
            profile[cache.members] += (
                member_idf * tf_member * (k1 + 1.0) / (tf_member + member_norm[cache.members])
            )
            if term.startswith(TAG_PREFIX):
                # Skills: how much evidence a member has in this tag, unsaturated.
                skills[cache.members] += tf_member
        nearest = _top(similarity, config.neighbours)
        vote = np.asarray(
            np.bincount(
                item_slot[nearest],
                weights=similarity[nearest] * item_gain[nearest],
                minlength=members,
            ),
            dtype=np.float64,
        )
        recent = self._member_recent.view() * 2.0 ** max(
            -days / config.activity_half_life_days, -_MAX_EXPONENT
        )
        # Halfway between "how much on this topic" and "what share of their record is on it".
        record = np.maximum(member_gain, 1e-300) ** config.focus
        signals = {
            "neighbours": _scaled(vote / record),
            "profile": _scaled(profile),
            "skills": _scaled(skills / record),
            "activity": np.log(_scaled(recent) + config.activity_floor),
        }
        total = sum(
            (weight * signals[name] for name, weight in signal_weights(config).items()),
            start=np.zeros(members),
        )
        total[~active] = -np.inf
        relevant = (vote > 0) | (profile > 0)
        return _Scores(
            total=total, relevant=relevant, similarity=similarity, terms=terms, signals=signals
        )

    def _term_cache(self, term: str) -> _TermCache:
        """Per-term arrays that only change when the term gets new evidence.

        Item weights are BM25's term-frequency part for each posting (zero for removed
        members' items); member aggregates are Σ gain·tf per member. Rebuilt lazily when the
        term's postings grew, a member was removed, or the average item length drifted.
        """
        postings = self._postings[term]
        average = self._total_length / max(1, self._live_items)
        cache = self._caches.get(term)
        if (
            cache is not None
            and cache.size == postings.size
            and cache.generation == self._generation
            and abs(cache.average - average) <= AVERAGE_DRIFT * max(average, 1e-9)
        ):
            return cache
        item_ids, tfs = postings.view()
        gains = self._item_gain.view()[item_ids]
        k1, b = self.config.k1, self.config.b
        lengths = self._item_length.view()[item_ids]
        norm = k1 * (1.0 - b + b * lengths / max(average, 1e-9))
        weights = tfs * (k1 + 1.0) / (tfs + norm) * (gains > 0)
        slots = self._item_slot.view()[item_ids]
        member_tf = np.asarray(np.bincount(slots, weights=gains * tfs), dtype=np.float64)
        holders = np.flatnonzero(member_tf)
        cache = _TermCache(
            size=postings.size,
            generation=self._generation,
            average=average,
            item_weights=np.asarray(weights, dtype=np.float32),
            members=holders,
            member_tf=member_tf[holders],
        )
        self._caches[term] = cache
        return cache

    def warm(self) -> None:
        """Prepare every term's cached weights now (after a bulk load), not on first use."""
        for term in self._postings:
            self._term_cache(term)

    # -- reasons --------------------------------------------------------------------------

    def reason(self, member_id: int, query: Query, now: datetime) -> str:
        """One line saying why this member suits this question."""
        scores = self._score(query, now)
        if scores is None:
            return "no recorded expertise yet"
        return self._reason(member_id, scores)

    def _reason(self, member_id: int, scores: _Scores) -> str:
        slot = self._slot_of.get(member_id)
        if slot is None:
            return "no recorded expertise yet"
        similarity = scores.similarity
        gains = self._item_gain.view()
        indices = np.frombuffer(self._member_items[slot], dtype=np.int64)
        indices = indices[gains[indices] > 0]
        relevant = indices[similarity[indices] > 0]
        relevant = relevant[np.argsort(-similarity[relevant], kind="stable")]
        kinds = self._item_kind.view()[relevant]
        topic = self._topic(relevant, scores.terms)
        parts: list[str] = []
        declared = relevant[kinds == _KIND_CODE[EvidenceKind.DECLARED]]
        if len(declared):
            names = _unique(self._declared.get(int(i), "") for i in declared[:10])
            parts.append("declared " + _join(names[:3]))
        accepted = kinds == _KIND_CODE[EvidenceKind.ACCEPTED]
        answered = relevant[accepted | (kinds == _KIND_CODE[EvidenceKind.ANSWERED])]
        if len(answered):
            resolved = int(np.count_nonzero(accepted))
            latest = _EPOCH + timedelta(days=float(self._item_day.view()[answered].max()))
            if resolved == len(answered):
                what = f"resolved {_count(resolved, 'question')}"
            else:
                what = f"answered {_count(len(answered), 'question')}"
                what += f" ({resolved} resolved)" if resolved else ""
            parts.append(f"{what}{topic}, most recently in {latest:%B %Y}")
        thanks = relevant[kinds == _KIND_CODE[EvidenceKind.THANKS]]
        if len(thanks):
            about = "" if len(answered) else topic
            parts.append(f"thanked {_count(len(thanks), 'time')}{about}")
        referrals = int(np.count_nonzero(kinds == _KIND_CODE[EvidenceKind.REFERRAL]))
        if referrals:
            parts.append(f"suggested by colleagues {_count(referrals, 'time')}")
        if not parts:
            return f"active helper ({_count(len(indices), 'contribution')} on record)"
        return "; ".join(parts)

    def _topic(self, items: npt.NDArray[np.int64], terms: Sequence[str]) -> str:
        """ " on X and Y": the query's tags and words the most similar items share."""
        chosen = np.sort(items[:TOPIC_ITEMS])
        shared: list[tuple[int, int, str]] = []
        # The rarest terms name a topic best; common ones are not worth a look-up.
        rarest = sorted(terms, key=lambda t: self._postings[t].size)[:TOPIC_TERMS]
        for order, term in enumerate(rarest):
            postings, _ = self._postings[term].view()
            found = np.searchsorted(postings, chosen)
            found = np.minimum(found, len(postings) - 1)
            hits = int(np.count_nonzero(postings[found] == chosen))
            if hits:
                name = term.removeprefix(TAG_PREFIX)
                # Tags first (they name topics), then words by how many items share them.
                shared.append((0 if term.startswith(TAG_PREFIX) else 1, -hits * 100 + order, name))
        names = _unique(name for _, _, name in sorted(shared))
        return f" on {_join(names[:2])}" if names else ""

    # -- ranking with the organisation's rules --------------------------------------------

    def ranking(self, query: Query, now: datetime) -> Ranking:
        """Score `query` once; then take candidates and suggestions from the result."""
        return Ranking(self, query, self._score(query, now))

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
        return self.ranking(query, now).suggest(
            states, asker_department, limit, exclude, relevant_only=False
        )


@dataclass
class Ranking:
    """One query's scores: candidates for the organisation to describe, then suggestions."""

    index: ExpertIndex
    query: Query
    scores: _Scores | None

    def candidates(
        self, limit: int | None = None, exclude: Iterable[int] = (), relevant_only: bool = True
    ) -> list[Candidate]:
        """The best candidates, without the asker; `relevant_only` drops members whose
        evidence shares no word or tag with the question."""
        return self.index._candidates(self.scores, self.query, exclude, limit, relevant_only)

    def suggest(
        self,
        states: Mapping[int, MemberState] | None,
        asker_department: int | None = None,
        limit: int = 5,
        exclude: Iterable[int] = (),
        relevant_only: bool = True,
    ) -> list[Suggestion]:
        """The best `limit` members after the organisation's adjustments, with reasons."""
        if self.scores is None:
            return []
        shortlist = self.candidates(
            None if states is None else self.index.config.shortlist, exclude, relevant_only
        )
        adjusted = adjust(shortlist, states, asker_department, self.index.config)
        return [
            Suggestion(c.member_id, c.score, self.index._reason(c.member_id, self.scores))
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


def _top(similarity: Float32Array, k: int) -> npt.NDArray[np.intp]:
    """The `k` items of highest positive similarity."""
    items = np.flatnonzero(similarity > 0)
    if len(items) > k > 0:
        items = items[np.argpartition(-similarity[items], k - 1)[:k]]
    return items


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
