"""Expert routing: an expertise index over dated, weighted evidence, and the ranker.

Evidence is anything that shows a member knows something: a declared skill, a question they
answered (an accepted answer, or a question the asker marked resolved by them, weighs more),
thanks, a colleague's referral. Each item has a date and decays with a configurable half-life.

For a question the index computes, for every member, a row of *features* (`FEATURES`):

- nine query signals, each scaled to [0, 1] by its best value and given both as is and as
  a logarithm: **neighbours** (the evidence items most similar to the question, by BM25,
  vote for whoever gave them), the same divided by the square root of the member's record
  (**focus**), **profile** BM25 of the question against each member's whole record (ours:
  k1 3, b 0.3; the standard k1 1.2, b 0.75; and **plain BM25** over the raw words of their
  record, undecayed), **skills** (decayed evidence in the question's tags, counted, and its
  focus form), **related tags** (a walk from the question's tags to the tags that appear with
  them on the same items, then to the members who hold those) and **co-answerers** (everyone
  who answered the questions most similar to this one, not only the item's own author);
- nine facts about the member, whatever the question: the size of their record, accepted and
  all answers, a smoothed acceptance rate, activity with half-lives of 7, 30, 90 and 365 days
  (each scaled to the most active member) and the time since their last contribution.

A `RankingModel` weighs them: a member's score is the weighted sum of their row, a
conditional-logit model whose softmax over the candidates is the chance that each one is the
person who resolves the question. Its weights are fitted from the deployment's own resolved
questions (`matching.calibration`); until there are enough, `PRIOR_MODEL` applies.

Then come the organisation's adjustments, as a re-ranking after scoring: never the asker, only
members who consented, not those away, at most `weekly_cap` open requests a week, load spread
among near-equal candidates and a small bonus for another department at near-ties. Every
suggestion carries a one-line reason a person understands, in the question's own words.

The index updates incrementally: `add` appends to growing posting arrays in O(terms). Decay
needs no rebuild either: an item's weight is stored as ``weight · 2^((t - t0)/half_life)``, and
``2^(-(now - t0)/half_life)`` is one factor per query. Pure: plain values in, plain values out.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from guildbot.matching.text import normalise, tokenize, word_runs

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
# A phrase in a reason is at most this many of the question's words.
PHRASE_WORDS = 3
# Standard BM25, one of the profile signals.
STANDARD_K1 = 1.2
STANDARD_B = 0.75
# Activity is counted with these half-lives (days), each its own feature.
ACTIVITY_HALF_LIVES = (7.0, 30.0, 90.0, 365.0)
# The walk from a question's tags reaches at most this many related tags.
RELATED_TAGS = 20
# Scaled signals enter the model also as log(value + LOG_FLOOR).
LOG_FLOOR = 0.01
ACTIVITY_FLOOR = 0.05
# The acceptance rate is smoothed toward the community's with this many pseudo-answers.
ACCEPTANCE_PRIOR_ANSWERS = 5.0


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


# The query signals, each entering the model as is and as a logarithm.
QUERY_SIGNALS = (
    "neighbours",
    "neighbours focus",
    "profile",
    "standard bm25",
    "plain bm25",
    "skills",
    "skills focus",
    "related tags",
    "co-answerers",
)
# What the index knows of each member whatever the question.
MEMBER_FEATURES = (
    "record",
    "accepted",
    "answers",
    "acceptance",
    *(f"active {int(h)}d" for h in ACTIVITY_HALF_LIVES),
    "since last",
)
FEATURES = (
    *QUERY_SIGNALS,
    *(f"log {name}" for name in QUERY_SIGNALS),
    *MEMBER_FEATURES,
)


@dataclass(frozen=True, slots=True)
class RankingModel:
    """Weights over `FEATURES`: a member's score is the weighted sum of their features.

    `source` says where the weights come from ("prior", or "fitted" from the deployment's
    resolved questions); `examples` how many resolved questions the fit saw; `fitted_at` the
    end of the history it was fitted on, and `history` how many resolutions that held. Plain
    values, so a model can be stored as JSON (`as_json`, `from_json`) and compared.
    """

    weights: Mapping[str, float]
    source: str = "prior"
    examples: int = 0
    history: int = 0
    fitted_at: datetime | None = None

    def vector(self) -> npt.NDArray[np.float64]:
        """The weights in the order of `FEATURES` (a feature the model lacks weighs 0)."""
        return np.asarray([float(self.weights.get(name, 0.0)) for name in FEATURES])

    def as_json(self) -> dict[str, Any]:
        """Plain JSON-ready values."""
        return {
            "weights": {name: float(self.weights.get(name, 0.0)) for name in FEATURES},
            "source": self.source,
            "examples": self.examples,
            "history": self.history,
            "fitted_at": None if self.fitted_at is None else self.fitted_at.isoformat(),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RankingModel:
        """The model `as_json` wrote; features this version does not know are ignored."""
        raw = data.get("weights", {})
        if not isinstance(raw, Mapping):
            raise ValueError("a ranking model's weights must be an object")
        weights = {name: float(raw[name]) for name in FEATURES if name in raw}
        if not all(math.isfinite(w) for w in weights.values()):
            raise ValueError("a ranking model's weights must be finite numbers")
        fitted = data.get("fitted_at")
        return cls(
            weights=weights,
            source=str(data.get("source", "prior")),
            examples=int(data.get("examples", 0)),
            history=int(data.get("history", 0)),
            fitted_at=None if fitted is None else datetime.fromisoformat(str(fitted)),
        )


# The robust prior, for a history too small to fit (see `matching.calibration`): the
# geometric mean of what the question says (neighbours, profile, skills) and of how much and
# how lately the member helps, chosen on validation folds of five archives' training periods.
PRIOR_MODEL = RankingModel(
    weights={
        "log neighbours": 1.0,
        "log profile": 1.0,
        "log skills": 1.0,
        "record": 1.0,
        "active 30d": 1.0,
        "since last": 0.5,
    }
)


@dataclass(frozen=True, slots=True)
class RankerConfig:
    """The ranker's parameters. The defaults are the ones `guildbot eval routing` measures."""

    half_life_days: float = 365.0  # how fast expertise evidence fades
    k1: float = 1.2  # BM25 over single evidence items (neighbours)
    b: float = 0.75
    # BM25 over each member's whole body of evidence (profile): milder length normalisation
    # and later saturation than over single items (a long record is expertise, not noise).
    profile_k1: float = 3.0
    profile_b: float = 0.3
    neighbours: int = 300  # how many similar evidence items vote
    tag_weight: float = 3.0  # a tag counts as this many occurrences of a word
    # Terms in more than this share of evidence items do not vote for neighbours.
    common_term_share: float = 0.25
    weights: Mapping[EvidenceKind, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    model: RankingModel = PRIOR_MODEL  # how the features are weighed
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
    # The question it is about, when known: members with evidence on the same question are
    # co-answerers.
    thread: int | None = None


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


class Why(StrEnum):
    """What one clause of a reason says (`ReasonPart`)."""

    DECLARED = "declared"  # declared `names`
    RESOLVED = "resolved"  # resolved `count` questions on `names`, the latest in `latest`
    ANSWERED = "answered"  # answered `count` (`resolved` of them resolved) on `names`
    THANKED = "thanked"  # thanked `count` times (for help on `names`, when there are some)
    SUGGESTED = "suggested"  # suggested by colleagues `count` times
    ACTIVE_RECENTLY = "active_recently"  # `count` contributions in the last 30 days
    ACTIVE = "active"  # `count` contributions on record, the latest in `latest`
    NOTHING = "nothing"  # no recorded expertise yet


@dataclass(frozen=True, slots=True)
class ReasonPart:
    """One clause of why a member suits a question, as plain values, so that whoever shows
    it can word it in its reader's language (`reason_words` is the English one)."""

    why: Why
    names: tuple[str, ...] = ()  # skills declared, or the topic in the question's words
    count: int = 0
    resolved: int = 0
    latest: datetime | None = None


def reason_words(parts: Sequence[ReasonPart]) -> str:
    """The reason in English, its clauses joined by semicolons."""
    return "; ".join(_words(part) for part in parts)


def _words(part: ReasonPart) -> str:
    topic = _join(part.names)
    month = f"{part.latest:%B %Y}" if part.latest is not None else ""
    match part.why:
        case Why.DECLARED:
            return "declared " + topic
        case Why.RESOLVED:
            return f"resolved {_count(part.count, 'question')} on {topic}, most recently in {month}"
        case Why.ANSWERED:
            some = f" ({part.resolved} resolved)" if part.resolved else ""
            what = f"answered {_count(part.count, 'question')}{some}"
            return f"{what} on {topic}, most recently in {month}"
        case Why.THANKED:
            about = f" for help on {topic}" if topic else ""
            return f"thanked {_count(part.count, 'time')}{about}"
        case Why.SUGGESTED:
            return f"suggested by colleagues {_count(part.count, 'time')}"
        case Why.ACTIVE_RECENTLY:
            return f"active helper: {_count(part.count, 'contribution')} in the last 30 days"
        case Why.ACTIVE:
            return (
                f"active helper ({_count(part.count, 'contribution')} on record, "
                f"most recently in {month})"
            )
    return "no recorded expertise yet"


NO_EXPERTISE = (ReasonPart(Why.NOTHING),)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A member to ask, with why: in English (`reason`) and as its parts (`why`)."""

    member_id: int
    score: float
    reason: str
    why: tuple[ReasonPart, ...] = ()


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
    member_count: FloatArray  # Σ tf per holder, undecayed and unweighted (plain BM25)


@dataclass
class _Scores:
    """Per-member features for one query (dense over member slots), and the model's total."""

    total: FloatArray
    relevant: npt.NDArray[np.bool_]  # some evidence shares a word or tag with the query
    similarity: Float32Array  # per evidence item, for reasons
    terms: list[str]
    query: Query
    signals: dict[str, FloatArray]  # each query signal scaled to [0, 1]
    member: dict[str, FloatArray]  # each member feature

    def column(self, name: str, slots: npt.NDArray[np.intp]) -> FloatArray:
        """One feature over some member slots."""
        if name in self.member:
            return self.member[name][slots]
        if name.startswith("log "):
            return np.log(self.signals[name[4:]][slots] + LOG_FLOOR)
        return self.signals[name][slots]


@dataclass(frozen=True, slots=True)
class FeatureRows:
    """Every candidate's features for one question: `matrix[i]` is `members[i]`'s row, in
    the order of `FEATURES`."""

    members: list[int]
    matrix: FloatArray


class ExpertIndex:
    """Every member's evidence, searchable, updated incrementally."""

    def __init__(self, config: RankerConfig | None = None) -> None:
        self.config = config or RankerConfig()
        self._weights = self.config.model.vector()
        self._slot_of: dict[int, int] = {}
        self._member_ids: list[int] = []
        self._item_slot = _Growing(np.int64)
        self._item_gain = _Growing(np.float64)  # weight · 2^((t - t0)/half-life)
        self._item_length = _Growing(np.float64)
        self._item_kind = _Growing(np.int8)
        self._item_day = _Growing(np.float64)  # days since 2000-01-01, for "most recently"
        self._item_thread = _Growing(np.int64)  # the question it is about, -1 if unknown
        self._declared: dict[int, str] = {}  # item -> the skill a DECLARED item names
        self._postings: dict[str, _Postings] = {}
        # How often two tags label the same item: the related-tags walk.
        self._tag_pairs: dict[str, Counter[str]] = {}
        self._thread_slots: dict[int, list[int]] = {}  # members with evidence on a question
        self._member_gain = _Growing(np.float64)  # Σ gain, per member slot
        # Σ 2^((t - t0)/h) per member slot, one array per activity half-life h
        self._member_recent = [_Growing(np.float64) for _ in ACTIVITY_HALF_LIVES]
        self._member_length = _Growing(np.float64)  # Σ gain · length, per member slot
        self._member_words = _Growing(np.float64)  # Σ words of text, per member slot
        self._member_accepted = _Growing(np.float64)
        self._member_answers = _Growing(np.float64)  # accepted or not
        self._member_last = _Growing(np.float64)  # day of the latest contribution
        self._member_items: list[array[int]] = []
        self._reference = _EPOCH
        self._removed: set[int] = set()
        self._caches: dict[str, _TermCache] = {}
        self._generation = 0  # bumped when weights change in place (removal, rebase)
        self._live_items = 0
        self._total_length = 0.0
        self._latest_day = -math.inf

    # -- the model ------------------------------------------------------------------------

    @property
    def model(self) -> RankingModel:
        """The weights the ranking uses now."""
        return self.config.model

    def use(self, model: RankingModel) -> None:
        """Rank with `model` from now on (a refit): no rebuild."""
        self.config = replace(self.config, model=model)
        self._weights = model.vector()

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
        counts: dict[str, float] = dict(Counter(tokenize(evidence.text)))
        words = float(sum(counts.values()))
        tags = list(dict.fromkeys(TAG_PREFIX + tag.casefold() for tag in evidence.tags))
        for tag in evidence.tags:
            key = TAG_PREFIX + tag.casefold()
            counts[key] = counts.get(key, 0.0) + config.tag_weight
        length = float(sum(counts.values()))
        day = (at - _EPOCH).total_seconds() / _SECONDS_PER_DAY
        index = self._item_slot.append(slot)
        self._item_gain.append(gain)
        self._item_length.append(length)
        self._item_kind.append(_KIND_CODE[evidence.kind])
        self._item_day.append(day)
        self._item_thread.append(-1 if evidence.thread is None else evidence.thread)
        if evidence.kind is EvidenceKind.DECLARED:
            self._declared[index] = (evidence.tags or (evidence.text,))[0]
        for term, tf in counts.items():
            postings = self._postings.get(term)
            if postings is None:
                postings = self._postings[term] = _Postings()
            postings.append(index, float(tf))
        for tag in tags:
            pairs = self._tag_pairs.setdefault(tag, Counter())
            pairs.update(other for other in tags if other != tag)
        if evidence.thread is not None:
            slots = self._thread_slots.setdefault(evidence.thread, [])
            if slot not in slots:
                slots.append(slot)
        self._member_gain.data[slot] += gain
        # Activity counts contributions, whatever their weight: it measures presence.
        for recent, half_life in zip(self._member_recent, ACTIVITY_HALF_LIVES, strict=True):
            recent.data[slot] += 2.0 ** max(days / half_life, -_MAX_EXPONENT)
        if evidence.kind in (EvidenceKind.ACCEPTED, EvidenceKind.ANSWERED):
            self._member_answers.data[slot] += 1.0
            if evidence.kind is EvidenceKind.ACCEPTED:
                self._member_accepted.data[slot] += 1.0
        self._member_last.data[slot] = max(self._member_last.data[slot], day)
        self._latest_day = max(self._latest_day, day)
        self._member_length.data[slot] += gain * length
        self._member_words.data[slot] += words
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
        for values in (
            self._member_gain,
            *self._member_recent,
            self._member_length,
            self._member_words,
            self._member_accepted,
            self._member_answers,
        ):
            values.data[slot] = 0.0
        self._member_last.data[slot] = -math.inf

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
            for recent in self._member_recent:
                recent.append(0.0)
            self._member_length.append(0.0)
            self._member_words.append(0.0)
            self._member_accepted.append(0.0)
            self._member_answers.append(0.0)
            self._member_last.append(-math.inf)
            self._member_items.append(array("q"))
        elif member_id in self._removed:
            self._removed.discard(member_id)
        return slot

    def _days(self, at: datetime) -> float:
        return (at - self._reference).total_seconds() / _SECONDS_PER_DAY

    @property
    def _shortest_half_life(self) -> float:
        return min(self.config.half_life_days, *ACTIVITY_HALF_LIVES)

    def _rebase(self, at: datetime) -> None:
        days = self._days(at)
        factor = 2.0 ** (-days / self.config.half_life_days)
        self._item_gain.data *= factor
        self._member_gain.data *= factor
        self._member_length.data *= factor
        for recent, half_life in zip(self._member_recent, ACTIVITY_HALF_LIVES, strict=True):
            recent.data *= 2.0 ** (-days / half_life)
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

        A candidate's score is their likelihood relative to the best candidate's under the
        model (exp of the score difference). Ties keep the order of member ids, so results
        are reproducible.
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
        return [
            Candidate(self._member_ids[i], math.exp(min(0.0, float(total[i]) - best)))
            for i in order
            if np.isfinite(total[i])
        ]

    def scores(self, query: Query, now: datetime) -> dict[int, float]:
        """Every member's score under the model (for evaluation and tests)."""
        scores = self._score(query, now)
        if scores is None:
            return {}
        return {
            member_id: float(scores.total[slot])
            for member_id, slot in self._slot_of.items()
            if member_id not in self._removed
        }

    def features(
        self, query: Query, now: datetime, members: Iterable[int] | None = None
    ) -> FeatureRows:
        """The features (`FEATURES`) of `members` (default: every member with live evidence,
        in slot order) for `query`: what the model weighs, for fitting and evaluation."""
        scores = self._score(query, now)
        if scores is None:
            return FeatureRows([], np.zeros((0, len(FEATURES))))
        if members is None:
            slots = np.asarray(
                [s for m, s in self._slot_of.items() if m not in self._removed], dtype=np.intp
            )
            slots = slots[np.isfinite(scores.total[slots])]
        else:
            slots = np.asarray([self._slot_of[m] for m in members], dtype=np.intp)
        matrix = np.column_stack([scores.column(name, slots) for name in FEATURES])
        return FeatureRows([self._member_ids[s] for s in slots], matrix.reshape(len(slots), -1))

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
        relative_length = member_length / average_member
        norms = (
            (
                config.profile_k1,
                config.profile_k1 * (1.0 - config.profile_b + config.profile_b * relative_length),
            ),
            (STANDARD_K1, STANDARD_K1 * (1.0 - STANDARD_B + STANDARD_B * relative_length)),
        )
        # Plain BM25 (k1 1.2, b 0.75): each member's text as one document, undecayed and
        # unweighted, the textbook baseline as one more signal.
        member_words = self._member_words.view()
        plain_norm = STANDARD_K1 * (
            1.0
            - STANDARD_B
            + STANDARD_B * member_words / max(float(member_words.sum()) / active_members, 1e-12)
        )
        plain = np.zeros(members)
        similarity = np.zeros(items, dtype=np.float32)
        profiles = (np.zeros(members), np.zeros(members))
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
            for profile, (k1, norm) in zip(profiles, norms, strict=True):
                profile[cache.members] += (
                    member_idf * tf_member * (k1 + 1.0) / (tf_member + norm[cache.members])
                )
            if term.startswith(TAG_PREFIX):
                # Skills: how much evidence a member has in this tag, unsaturated.
                skills[cache.members] += tf_member
            else:
                count = cache.member_count
                plain[cache.members] += (
                    member_idf * count * (STANDARD_K1 + 1.0) / (count + plain_norm[cache.members])
                )
        nearest = _top(similarity, config.neighbours)
        vote = np.asarray(
            np.bincount(
                item_slot[nearest],
                weights=similarity[nearest] * item_gain[nearest],
                minlength=members,
            ),
            dtype=np.float64,
        )
        focus = np.sqrt(np.maximum(member_gain, 1e-300))
        signals = {
            "neighbours": _scaled(vote),
            "neighbours focus": _scaled(vote / focus),
            "profile": _scaled(profiles[0]),
            "standard bm25": _scaled(profiles[1]),
            "plain bm25": _scaled(plain),
            "skills": _scaled(skills),
            "skills focus": _scaled(skills / focus),
            "related tags": _scaled(self._related_tags(terms, members)),
            "co-answerers": _scaled(self._co_answerers(nearest, similarity, members)),
        }
        member = self._member_features(member_gain)
        total = self._total(signals, member)
        total[~active] = -np.inf
        relevant = (vote > 0) | (profiles[0] > 0)
        return _Scores(
            total=total,
            relevant=relevant,
            similarity=similarity,
            terms=terms,
            query=query,
            signals=signals,
            member=member,
        )

    def _total(
        self, signals: Mapping[str, FloatArray], member: Mapping[str, FloatArray]
    ) -> FloatArray:
        """The model's score of every member: its weights times their features."""
        weights = dict(zip(FEATURES, self._weights, strict=True))
        total = np.zeros(len(self._member_ids))
        for name, values in signals.items():
            linear, logarithm = weights[name], weights["log " + name]
            if linear:
                total += linear * values
            if logarithm:
                total += logarithm * np.log(values + LOG_FLOOR)
        for name, values in member.items():
            if weights[name]:
                total += weights[name] * values
        return total

    def _related_tags(self, terms: Sequence[str], members: int) -> FloatArray:
        """A walk from the question's tags: to the tags that label the same items (half its
        weight stays on the question's own), then to each member's share of those tags."""
        tags = [t for t in terms if t.startswith(TAG_PREFIX)]
        walk = np.zeros(members)
        if not tags:
            return walk
        reached: dict[str, float] = {}
        for tag in tags:
            reached[tag] = reached.get(tag, 0.0) + 0.5 / len(tags)
            pairs = self._tag_pairs.get(tag)
            if pairs:
                total = sum(pairs.values())
                for other, count in pairs.items():
                    reached[other] = reached.get(other, 0.0) + 0.5 / len(tags) * count / total
        for tag, share in sorted(reached.items(), key=lambda kv: (-kv[1], kv[0]))[:RELATED_TAGS]:
            if tag not in self._postings:
                continue
            cache = self._term_cache(tag)
            held = float(cache.member_tf.sum())
            if held > 0:
                walk[cache.members] += share * cache.member_tf / held
        return walk

    def _co_answerers(
        self, nearest: npt.NDArray[np.intp], similarity: Float32Array, members: int
    ) -> FloatArray:
        """Everyone with evidence on the questions most similar to this one, weighted by
        the closest item's similarity: people who answer the same questions."""
        votes = np.zeros(members)
        threads = self._item_thread.view()[nearest]
        known = threads >= 0
        if not known.any():
            return votes
        best: dict[int, float] = {}
        for thread, value in zip(
            threads[known].tolist(), similarity[nearest][known].tolist(), strict=True
        ):
            if value > best.get(thread, 0.0):
                best[thread] = value
        for thread, value in best.items():
            votes[self._thread_slots[thread]] += value
        return votes

    def _member_features(self, member_gain: FloatArray) -> dict[str, FloatArray]:
        """What the index knows of each member whatever the question, all scale-free (each
        relative to the most active member, or in days), so models transfer across time."""
        accepted = self._member_accepted.view()
        answers = self._member_answers.view()
        community = float(accepted.sum()) / max(1.0, float(answers.sum()))
        top = float(member_gain.max()) if len(member_gain) else 0.0
        features = {
            "record": np.log1p(member_gain / max(top, 1e-300) * 1000.0),
            "accepted": np.log1p(accepted),
            "answers": np.log1p(answers),
            "acceptance": (accepted + ACCEPTANCE_PRIOR_ANSWERS * community)
            / (answers + ACCEPTANCE_PRIOR_ANSWERS),
        }
        for recent, half_life in zip(self._member_recent, ACTIVITY_HALF_LIVES, strict=True):
            values = recent.view()
            features[f"active {int(half_life)}d"] = np.log(
                _scaled(np.asarray(values, dtype=np.float64)) + ACTIVITY_FLOOR
            )
        last = self._member_last.view()
        since = np.where(np.isfinite(last), np.maximum(self._latest_day - last, 0.0), 1e6)
        features["since last"] = -np.log1p(since)
        return features

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
            member_count=np.asarray(
                np.bincount(slots, weights=tfs * (gains > 0), minlength=len(member_tf)),
                dtype=np.float64,
            )[holders],
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
            return reason_words(NO_EXPERTISE)
        return reason_words(self._reason(member_id, scores))

    def _reason(self, member_id: int, scores: _Scores) -> tuple[ReasonPart, ...]:
        slot = self._slot_of.get(member_id)
        if slot is None:
            return NO_EXPERTISE
        similarity = scores.similarity
        gains = self._item_gain.view()
        indices = np.frombuffer(self._member_items[slot], dtype=np.int64)
        indices = indices[gains[indices] > 0]
        relevant = indices[similarity[indices] > 0]
        relevant = relevant[np.argsort(-similarity[relevant], kind="stable")]
        kinds = self._item_kind.view()[relevant]
        parts: list[ReasonPart] = []
        declared = relevant[kinds == _KIND_CODE[EvidenceKind.DECLARED]]
        if len(declared):
            names = _unique(self._declared.get(int(i), "") for i in declared[:10])
            parts.append(ReasonPart(Why.DECLARED, tuple(names[:3])))
        helped = (kinds == _KIND_CODE[EvidenceKind.ACCEPTED]) | (
            kinds == _KIND_CODE[EvidenceKind.ANSWERED]
        )
        topic, on_topic = self._topic(relevant[helped], scores)
        if len(on_topic):
            on_kinds = self._item_kind.view()[on_topic]
            resolved = int(np.count_nonzero(on_kinds == _KIND_CODE[EvidenceKind.ACCEPTED]))
            latest = _EPOCH + timedelta(days=float(self._item_day.view()[on_topic].max()))
            if resolved == len(on_topic):
                parts.append(ReasonPart(Why.RESOLVED, topic, resolved, latest=latest))
            else:
                parts.append(ReasonPart(Why.ANSWERED, topic, len(on_topic), resolved, latest))
        thanks = relevant[kinds == _KIND_CODE[EvidenceKind.THANKS]]
        if len(thanks):
            thanked_topic, _ = self._topic(thanks, scores)
            about = thanked_topic if not parts else ()
            parts.append(ReasonPart(Why.THANKED, about, len(thanks)))
        referrals = int(np.count_nonzero(kinds == _KIND_CODE[EvidenceKind.REFERRAL]))
        if referrals:
            parts.append(ReasonPart(Why.SUGGESTED, count=referrals))
        if not parts:
            return self._activity_reason(indices)
        return tuple(parts)

    def _activity_reason(self, indices: npt.NDArray[np.int64]) -> tuple[ReasonPart, ...]:
        """No evidence on the topic: say how much and how lately they help."""
        if not len(indices):
            return NO_EXPERTISE
        item_days = self._item_day.view()[indices]
        recent = int(np.count_nonzero(item_days >= self._latest_day - 30.0))
        latest = _EPOCH + timedelta(days=float(item_days.max()))
        if recent:
            return (ReasonPart(Why.ACTIVE_RECENTLY, count=recent),)
        return (ReasonPart(Why.ACTIVE, count=len(indices), latest=latest),)

    def _topic(
        self, items: npt.NDArray[np.int64], scores: _Scores
    ) -> tuple[tuple[str, ...], npt.NDArray[np.int64]]:
        """What these items have in common with the question, in the question's words (one
        or two skills or phrases; none when nothing is shared), and the items that have it.

        The question's tags (skills) come first; otherwise the longest phrase of the
        question — up to `PHRASE_WORDS` adjacent words, as the asker wrote them — whose every
        word is in one item. Never a lone common word: a single word names a topic only
        when it is among the question's rarest terms.
        """
        if not len(items):
            return (), items
        chosen = items[:TOPIC_ITEMS]
        tags = [tag for tag in scores.query.tags if TAG_PREFIX + tag.casefold() in self._postings]
        named: list[tuple[int, str, npt.NDArray[np.int64]]] = []
        for order, tag in enumerate(_unique(tags)):
            holding = self._holding(TAG_PREFIX + tag.casefold(), items)
            if len(holding):
                named.append((-len(holding) * 100 + order, tag, holding))
        if named:
            named.sort(key=lambda entry: entry[0])
            names = [tag for _, tag, _ in named[:2]]
            holding = np.unique(np.concatenate([h for _, _, h in named[:2]]))
            return tuple(names), holding
        rare = set(sorted(scores.terms, key=lambda t: self._postings[t].size)[:TOPIC_TERMS])
        found: list[tuple[int, int, int, str, list[str], npt.NDArray[np.int64]]] = []
        for order, (phrase, words) in enumerate(_phrases(scores.query.text)):
            if len(words) == 1 and words[0] not in rare:
                continue
            holding = items
            for word in words:
                if word not in self._postings:
                    holding = items[:0]
                    break
                holding = self._holding(word, holding)
            if len(np.intersect1d(holding, chosen)):
                found.append((-len(words), -len(holding), order, phrase, words, holding))
        if not found:
            return (), items[:0]
        # The best phrase, and a second one about other words if it covers other items.
        found.sort(key=lambda entry: entry[:3])
        first = found[0]
        picked = [first]
        for entry in found[1:]:
            if not set(entry[4]) & set(first[4]) and len(np.setdiff1d(entry[5], first[5])):
                picked.append(entry)
                break
        holding = np.unique(np.concatenate([entry[5] for entry in picked]))
        return tuple(entry[3] for entry in picked), holding

    def _holding(self, term: str, items: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Those of `items` (any order) that contain `term`."""
        postings, _ = self._postings[term].view()
        if not len(items) or not len(postings):
            return items[:0]
        found = np.minimum(np.searchsorted(postings, items), len(postings) - 1)
        held: npt.NDArray[np.int64] = items[postings[found] == items]
        return held

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
        suggestions = []
        for c in adjusted[:limit]:
            why = self.index._reason(c.member_id, self.scores)
            suggestions.append(Suggestion(c.member_id, c.score, reason_words(why), why))
        return suggestions


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


def _phrases(text: str) -> list[tuple[str, list[str]]]:
    """Every phrase of up to `PHRASE_WORDS` adjacent content words of `text`, as written,
    with its tokens: longest first."""
    out: list[tuple[str, list[str]]] = []
    for run in word_runs(text):
        for size in range(min(PHRASE_WORDS, len(run)), 0, -1):
            for start in range(len(run) - size + 1):
                words = run[start : start + size]
                out.append((" ".join(words), [normalise(w) for w in words]))
    return list(dict((phrase.casefold(), (phrase, words)) for phrase, words in out).values())
