"""Coffee pairing: groups of a chosen size that maximise a score, explained and reproducible.

Pure: plain values in, plain values out, no I/O and nothing else of the project but the exact
search of `exact_groups`. The score of two people is the sum of

* **cross-department**: `weights.department` when their departments differ (half when one is
  unknown);
* **time-zone overlap**: `weights.timezone` × the share of a 09:00-17:00 working day they have
  in common;
* **expertise**: `weights.skills` × 0.6-1.0 for one to three shared skills, 0.3 for
  complementary ones (both declared skills, none in common);
* **language**: when the request asks for a shared language, `LANGUAGE_PENALTY` off a pair
  whose working languages (both known) have none in common — effectively forbidden unless
  nothing else works, like last round's partners; `PRACTICE_BONUS` when one wants to
  practise a language the other works in (second-language practice pairs, on request);
* **new acquaintance**: `weights.new` × (1 - 2·familiarity), where familiarity adds
  0.5 ** (rounds ago / 4) for every past meeting, so memories fade: a pair that met four rounds
  ago scores the same as strangers with no bonus, one that met in the most recent round is
  also penalised by `LAST_ROUND_PENALTY` (effectively forbidden unless nothing else works).

A group's score is the sum over its pairs divided by (size - 1), so a trio is not worth
more than a pair just for being bigger. Never-pairs are hard constraints.

How (fast and near-optimal, see `benchmarks/pairing.py`):

1. a sparse candidate graph of each member's `K_BEST` best partners: exact (chunked, numpy)
   up to `DENSE_LIMIT` members, above that drawn from a seeded sample of random members,
   members in the same time zone and members sharing a skill;
2. for pairs, a maximum-weight matching heuristic on that graph: greedy by weight (ties broken
   by the seed), augmenting paths for cardinality, then vectorised 2-opt swaps until no swap
   gains; for larger groups, greedy growth along the graph;
3. whoever is left (an odd count, members the sparse graph could not place) is paired among
   themselves or folded into the group that gains most where the sizes have room,
   preferring people who have not had a group of another size recently (rotation); then
   swaps between groups, on exact scores, improve the result until none gains (they also
   mend a never-pair the last people left had to be grouped against);
4. up to `EXACT_LIMIT` members the groups are instead the exact optimum (`exact_groups`,
   dynamic programming over subsets); for groups of three or more up to `POLISH_LIMIT`
   members, a few groups at a time are regrouped exactly (see `benchmarks/pairing_exact.py`);
5. whoever still breaks a never-pair is taken out and placed where they can be, or told why.

The sizes are `group_sizes`: within one of the size asked for, and 2 to 6; never-pairs that
rule out every grouping of those sizes make the nearest sizes that allow one.

Every step draws its randomness from `seed` and the members are sorted by id first, so the
same request always gives the same groups.
"""

from __future__ import annotations

import math
import reprlib
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeGuard
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from guildbot.matching.exact_groups import best_partition

MIN_GROUP_SIZE = 2
MAX_GROUP_SIZE = 6
K_BEST = 30
DENSE_LIMIT = 4_000
# Above this many members the LP start (~15 s at 100,000) is skipped: greedy starts instead.
LP_LIMIT = 50_000
# Up to this many members the groups are the exact optimum (`exact_groups`): at most ~0.06 s
# at 15 whatever the size, but up to 0.55 s at 16 and 2.8 s at 18 (benchmarks/pairing_exact.py).
EXACT_LIMIT = 15
# Larger rounds of three or more a group are polished by regrouping this many people at a
# time exactly (a few ms each; at most `_POLISH_PASSES` passes of one per group), up to
# `POLISH_LIMIT` members: ~0.2 s at 60 members and +0.5 % on the total there, but under
# +0.1 % above 100 members for twice the solve time (`benchmarks/pairing_exact.py`).
POLISH_PEOPLE = 12
POLISH_LIMIT = 100
_POLISH_PASSES = 3
HALF_LIFE_ROUNDS = 4.0
LAST_ROUND_PENALTY = 100.0
# Below the last round's penalty: two strangers with no language in common are still worse
# company than last week's partner would be only if nothing else is possible.
LANGUAGE_PENALTY = 50.0
# About what crossing departments is worth at the default weight: practice is asked for.
PRACTICE_BONUS = 1.0
# Per recent group of another size than asked for (decayed by 0.95 per round): who gets the
# trio (or, for larger groups, the one a person short) rotates.
ROTATION_PENALTY = 1.0
ROTATION_DECAY = 0.95
WORKING_HOURS = 8.0
NEVER = -1.0e9
# Weights (and `variety`) are finite numbers from 0 to this. The bot's settings allow 0 to 5;
# the bound keeps a pair's best score (four weights) well under LAST_ROUND_PENALTY, so last
# round's partners stay excluded, and every score far above NEVER, so never-pairs stay apart.
WEIGHT_LIMIT = 10.0
_GAIN_EPSILON = 1e-9
_EVEN_OUT_GROUPS = 32
_MAX_PASSES = 60
# Sampled candidates per member above DENSE_LIMIT: random, same time zone, sharing a skill.
_SAMPLE_RANDOM = 96
_SAMPLE_ZONE = 64
_SAMPLE_SKILL = 64
_CHUNK_PAIRS = 2_000_000

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


class PairingInputError(ValueError):
    """A request the solver cannot work with (bad group size, duplicate ids, unknown zone)."""


# Values quoted in error messages are cut short: a message stays one readable line.
_QUOTE = reprlib.Repr()
_QUOTE.maxlevel, _QUOTE.maxlist, _QUOTE.maxdict = 2, 3, 3
_QUOTE.maxstring, _QUOTE.maxlong, _QUOTE.maxother = 40, 40, 40


def _quoted(value: object) -> str:
    return _QUOTE.repr(value)


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each part of the score counts."""

    department: float = 1.0
    timezone: float = 0.5
    new: float = 1.0
    skills: float = 0.5


@dataclass(frozen=True, slots=True)
class Candidate:
    """A member taking part in a round."""

    id: str
    department: str = ""
    timezone: str = "UTC"
    skills: frozenset[str] = frozenset()
    # The languages they work in ("en", "fr"; empty: not said, fits anyone), and one they
    # would like to practise with someone who works in it ("": none).
    languages: frozenset[str] = frozenset()
    practice: str = ""


@dataclass(frozen=True, slots=True)
class PastRound:
    """A round already held: its date and its groups of member ids.

    The date orders the rounds (the latest is the most recent round): a `date`, or an ISO 8601
    string in any form `date.fromisoformat` reads (2026-11-05, 20261105, 2026-W45-4).
    """

    date: date | str
    groups: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class PairingRequest:
    """Everything a round needs. `on` is the round's date, for time-zone offsets."""

    members: Sequence[Candidate]
    group_size: int = 2
    seed: int = 0
    history: Sequence[PastRound] = ()
    never: Sequence[tuple[str, str]] = ()
    weights: Weights = field(default_factory=Weights)
    on: date | None = None
    # Up to this much seeded noise per pair while optimising (never in reported scores), so
    # that another seed picks among near-optimal groupings: a re-roll that changes something.
    variety: float = 0.0
    # Keep people who share no working language apart (see `LANGUAGE_PENALTY`).
    shared_language: bool = False


class Why(StrEnum):
    """What one part of a group's reason says (the words are each reader's language's:
    `reason_words` writes the English)."""

    TWO_DEPARTMENTS = "two-departments"  # names: the two departments, in member order
    ONE_DEPARTMENT = "one-department"  # names: the department both are in
    DEPARTMENTS = "departments"  # number: how many departments; names: which
    NEVER_MET = "never-met"
    MET = "met"  # number: how many rounds ago (1: the last round)
    SAME_HOURS = "same-hours"
    SOME_HOURS = "some-hours"  # number: hours of working day in common
    NO_HOURS = "no-hours"
    SHARED_SKILLS = "shared-skills"  # names: up to three skills all of them have
    COMPLEMENTARY = "complementary"  # names: up to four of their skills
    FOLDED = "folded"  # a group larger than asked, so nobody is left out


# A stored reason part beyond these was not written by the solver (see `from_json`).
_MAX_STORED_SIZE = 100
_MAX_STORED_NUMBER = 10_000
_MAX_STORED_NAMES = 50
_MAX_STORED_NAME = 200


@dataclass(frozen=True, slots=True)
class ReasonPart:
    """One part of why a group was formed: plain values, stored with the group, so that each
    reader gets it in their own language. `size` is the group's."""

    why: Why
    size: int
    number: float = 0.0
    names: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """Plain JSON values (see `from_json`)."""
        return {
            "why": self.why.value,
            "size": self.size,
            "number": self.number,
            "names": list(self.names),
        }

    @classmethod
    def from_json(cls, data: Any) -> ReasonPart | None:
        """The part `as_json` wrote; None for anything else (a stored value is not trusted)."""
        if not isinstance(data, dict):
            return None
        why, size, number, names = (data.get(k) for k in ("why", "size", "number", "names"))
        if not isinstance(why, str) or why not in {w.value for w in Why}:
            return None
        if not _whole(size) or not MIN_GROUP_SIZE <= size <= _MAX_STORED_SIZE:
            return None
        if isinstance(number, bool) or not isinstance(number, int | float):
            return None
        if not 0 <= number <= _MAX_STORED_NUMBER:  # NaN too
            return None
        if not isinstance(names, list) or len(names) > _MAX_STORED_NAMES:
            return None
        if not all(isinstance(n, str) and len(n) <= _MAX_STORED_NAME for n in names):
            return None
        return cls(Why(why), size, float(number), tuple(names))


def _whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def reason_words(parts: Sequence[ReasonPart]) -> str:
    """The reason in English, as the solver reports it and stores it with the group."""
    return "; ".join(_english(part) for part in parts)


def _english(part: ReasonPart) -> str:
    pair = part.size == MIN_GROUP_SIZE
    match part.why:
        case Why.TWO_DEPARTMENTS:
            return " × ".join(part.names)
        case Why.ONE_DEPARTMENT:
            return f"both in {part.names[0] if part.names else ''}"
        case Why.DEPARTMENTS:
            return f"{part.number:g} departments: " + ", ".join(part.names)
        case Why.NEVER_MET:
            return "never met" if pair else "none have met"
        case Why.MET:
            when = "in the last round" if part.number <= 1 else f"{part.number:g} rounds ago"
            return f"{'met' if pair else 'two of them met'} {when}"
        case Why.SAME_HOURS:
            return "same working hours"
        case Why.SOME_HOURS:
            return f"{part.number:g} h of working day in common"
        case Why.NO_HOURS:
            return "no working hours in common"
        case Why.SHARED_SKILLS:
            return f"{'both know' if pair else 'shared'} {', '.join(part.names)}"
        case Why.COMPLEMENTARY:
            return "complementary: " + ", ".join(part.names)
        case Why.FOLDED:
            return f"a group of {part.size} so nobody is left out"


@dataclass(frozen=True, slots=True)
class Group:
    """A group, its score and why it was made (`reason` is `parts` in English)."""

    members: tuple[str, ...]
    score: float
    reason: str
    parts: tuple[ReasonPart, ...] = ()


class Alone(StrEnum):
    """Why a member could not be placed."""

    NOBODY_ELSE = "nobody-else"  # no one else is taking part this round
    ALL_NEVER_PAIRS = "all-never-pairs"  # everyone else is on their never-pair list
    NOBODY_LEFT = "nobody-left"  # no one else could be paired with them
    NEVER_PAIR = "never-pair"  # no group could take them without breaking a never-pair


ALONE_WORDS = {
    Alone.NOBODY_ELSE: "no one else is taking part this round",
    Alone.ALL_NEVER_PAIRS: "everyone else taking part this round is on a never-pair list",
    Alone.NOBODY_LEFT: "no one else could be paired with them",
    Alone.NEVER_PAIR: "no group could take them without breaking a never-pair",
}


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A member nobody could be grouped with, and why (`reason` is `why` in English)."""

    id: str
    why: Alone

    @property
    def reason(self) -> str:
        """Why, in English."""
        return ALONE_WORDS[self.why]


@dataclass(frozen=True, slots=True)
class Pairing:
    """The solver's answer."""

    groups: tuple[Group, ...]
    total: float
    unmatched: tuple[Unmatched, ...]


def group_sizes(count: int, size: int) -> list[int]:
    """The sizes of the groups `count` people form, largest first: `size` each where they
    divide evenly, otherwise sizes that differ by at most one and never exceed
    `MAX_GROUP_SIZE` (unless `size` does).

    The remainder is folded in, one person per group, when that many groups exist and
    `size + 1` is allowed: an odd count of pairs makes one trio, 7 at 3 is 4 + 3. Otherwise
    one more group, a person or more short: 11 at 6 is 6 + 5, 5 at 3 is 3 + 2, 7 at 6 is
    4 + 3. Fewer people than `size` (but at least two) form one smaller group.
    """
    if count < MIN_GROUP_SIZE:
        return []
    if count < size:
        return [count]
    groups, remainder = divmod(count, size)
    foldable = remainder <= groups and size + 1 <= max(size, MAX_GROUP_SIZE)
    if remainder and not foldable:
        groups += 1  # then count / groups <= size, and >= 2 (count > size >= 3 here)
    return [count // groups + (k < count % groups) for k in range(groups)]


# -- the problem as arrays ---------------------------------------------------------------------


@dataclass
class _Problem:
    ids: list[str]
    departments: list[str]
    skills: list[frozenset[str]]
    dept: Ints
    offset: Floats
    bits: npt.NDArray[np.uint64]
    has_skills: Bools
    hist_keys: Ints
    hist_fam: Floats
    hist_ago: Ints
    never_keys: Ints
    off_size: Floats
    weights: Weights
    group_size: int
    variety: float = 0.0
    noise_seed: int = 0
    # Bit masks of each member's working languages and of the one they want to practise.
    spoken: Ints = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    practising: Ints = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    shared_language: bool = False

    @property
    def n(self) -> int:
        return len(self.ids)

    def keys(self, i: Ints, j: Ints) -> Ints:
        return np.minimum(i, j) * self.n + np.maximum(i, j)

    def scores(self, i: Ints, j: Ints, exact: bool = False) -> Floats:
        """Pair scores, vectorised; `NEVER` for never-pairs and for i == j.

        Unless `exact`, the request's seeded `variety` noise is added (optimisation only).
        """
        w = self.weights
        di, dj = self.dept[i], self.dept[j]
        unknown = (di < 0) | (dj < 0)
        total = w.department * np.where(unknown, 0.5, (di != dj).astype(np.float64))
        gap = np.abs(self.offset[i] - self.offset[j])
        total += w.timezone * np.clip(1.0 - gap / WORKING_HOURS, 0.0, 1.0)
        if w.skills:
            shared = np.bitwise_count(self.bits[i] & self.bits[j]).sum(axis=-1)
            both = self.has_skills[i] & self.has_skills[j]
            total += w.skills * np.where(
                shared > 0, 0.4 + 0.2 * np.minimum(shared, 3), np.where(both, 0.3, 0.0)
            )
        keys = self.keys(i, j)
        fam = np.zeros(keys.shape, dtype=np.float64)
        last = np.zeros(keys.shape, dtype=np.bool_)
        if self.hist_keys.size:
            pos = np.minimum(np.searchsorted(self.hist_keys, keys), self.hist_keys.size - 1)
            found = self.hist_keys[pos] == keys
            fam = np.where(found, self.hist_fam[pos], 0.0)
            last = found & (self.hist_ago[pos] == 0)
        total += w.new * (1.0 - 2.0 * fam)
        total -= LAST_ROUND_PENALTY * last
        if self.spoken.size:
            total += self._language_scores(i, j)
        bad = i == j
        if self.never_keys.size:
            pos = np.minimum(np.searchsorted(self.never_keys, keys), self.never_keys.size - 1)
            bad = bad | (self.never_keys[pos] == keys)
        if self.variety and not exact:
            total += self.variety * _unit_hash(keys, self.noise_seed)
        return np.where(bad, NEVER, total)

    def score(self, i: int, j: int) -> float:
        return float(self.scores(np.array([i]), np.array([j]))[0])

    def _language_scores(self, i: Ints, j: Ints) -> Floats:
        si, sj = self.spoken[i], self.spoken[j]
        part = np.zeros(i.shape, dtype=np.float64)
        if self.shared_language:
            apart = (si != 0) & (sj != 0) & ((si & sj) == 0)
            part -= LANGUAGE_PENALTY * apart
        practice = ((self.practising[i] & sj) != 0) | ((self.practising[j] & si) != 0)
        scores: Floats = part + PRACTICE_BONUS * practice
        return scores


def _unit_hash(keys: Ints, seed: int) -> Floats:
    """A deterministic number in [0, 1) per key and seed (splitmix64)."""
    with np.errstate(over="ignore"):
        x = keys.astype(np.uint64) + np.uint64(seed % 2**64) * np.uint64(0x9E3779B97F4A7C15)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        x = x ^ (x >> np.uint64(31))
    unit: Floats = (x >> np.uint64(11)).astype(np.float64) / float(2**53)
    return unit


def _by_date(history: Sequence[PastRound]) -> list[PastRound]:
    """Past rounds oldest first, by date (not by spelling: "20261001" sorts after "2026-11-05"
    as a string); rounds on the same day keep their order."""
    days = [_round_day(past.date, position) for position, past in enumerate(history, 1)]
    order = sorted(range(len(history)), key=lambda k: (days[k], k))
    return [history[k] for k in order]


def _round_day(value: date | str, position: int) -> date:
    if isinstance(value, datetime):  # a datetime does not compare with a date
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise PairingInputError(f"past round #{position}: {_quoted(value)} is not a date") from None


def _zone_offsets(zones: Sequence[str], on: date | None) -> Floats:
    cache: dict[str, float] = {}
    if on is not None:
        # Noon UTC on the first or last representable day is another day in some zones, out of
        # range: a day later or earlier changes no offset that matters.
        on = min(max(on, date.min + _ONE_DAY), date.max - _ONE_DAY)
    instants = (
        [datetime(on.year, on.month, on.day, 12, tzinfo=UTC)]
        if on is not None
        else [datetime(2026, 1, 15, 12, tzinfo=UTC), datetime(2026, 7, 15, 12, tzinfo=UTC)]
    )
    out = np.empty(len(zones), dtype=np.float64)
    for index, name in enumerate(zones):
        if name not in cache:
            try:
                zone = ZoneInfo(name or "UTC")
            except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: name too long
                raise PairingInputError(f"unknown time zone {_quoted(name)}") from None
            hours = [
                (at.astimezone(zone).utcoffset() or _ZERO).total_seconds() / 3600 for at in instants
            ]
            cache[name] = sum(hours) / len(hours)
        out[index] = cache[name]
    return out


_ZERO = timedelta(0)
_ONE_DAY = timedelta(days=1)


def _problem(request: PairingRequest, members: Sequence[Candidate]) -> _Problem:
    ids = [m.id for m in members]
    index = {member_id: i for i, member_id in enumerate(ids)}
    n = len(ids)
    dept_names = sorted({m.department for m in members if m.department})
    dept_index = {name: i for i, name in enumerate(dept_names)}
    dept = np.array([dept_index.get(m.department, -1) for m in members], dtype=np.int64)
    offset = _zone_offsets([m.timezone for m in members], request.on)
    holders: dict[str, int] = {}
    for m in members:
        for skill in m.skills:
            holders[skill] = holders.get(skill, 0) + 1
    shared_skills = sorted(s for s, count in holders.items() if count >= 2)
    bit_of = {s: b for b, s in enumerate(shared_skills)}
    words = max(1, math.ceil(len(shared_skills) / 64))
    bits = np.zeros((n, words), dtype=np.uint64)
    for i, m in enumerate(members):
        for skill in m.skills:
            b = bit_of.get(skill)
            if b is not None:
                bits[i, b // 64] |= np.uint64(1 << (b % 64))
    has_skills = np.array([bool(m.skills) for m in members], dtype=np.bool_)

    rounds = _by_date(request.history)
    pair_i: list[int] = []
    pair_j: list[int] = []
    pair_ago: list[int] = []
    off_size = np.zeros(n, dtype=np.float64)
    for ago, past in enumerate(reversed(rounds)):
        for group in past.groups:
            known = sorted({index[x] for x in group if x in index})
            if len(group) != request.group_size:
                for i in known:
                    off_size[i] += ROTATION_DECAY**ago
            for a_pos, a in enumerate(known):
                for b in known[a_pos + 1 :]:
                    pair_i.append(a)
                    pair_j.append(b)
                    pair_ago.append(ago)
    if pair_i:
        raw_keys = np.array(pair_i, dtype=np.int64) * n + np.array(pair_j, dtype=np.int64)
        ago_arr = np.array(pair_ago, dtype=np.int64)
        hist_keys, inverse = np.unique(raw_keys, return_inverse=True)
        hist_fam = np.zeros(hist_keys.size, dtype=np.float64)
        np.add.at(hist_fam, inverse, 0.5 ** (ago_arr / HALF_LIFE_ROUNDS))
        hist_ago = np.full(hist_keys.size, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(hist_ago, inverse, ago_arr)
    else:
        hist_keys = np.zeros(0, dtype=np.int64)
        hist_fam = np.zeros(0, dtype=np.float64)
        hist_ago = np.zeros(0, dtype=np.int64)
    never = [(index[a], index[b]) for a, b in request.never if a in index and b in index and a != b]
    never_keys = np.unique(np.array([min(a, b) * n + max(a, b) for a, b in never], dtype=np.int64))
    spoken, practising = _language_masks(members)
    return _Problem(
        ids=ids,
        departments=[m.department for m in members],
        skills=[m.skills for m in members],
        dept=dept,
        offset=offset,
        bits=bits,
        has_skills=has_skills,
        hist_keys=hist_keys,
        hist_fam=hist_fam,
        hist_ago=hist_ago,
        never_keys=never_keys,
        off_size=off_size,
        weights=request.weights,
        group_size=request.group_size,
        variety=max(0.0, float(request.variety)),
        noise_seed=_seed(request.seed),
        spoken=spoken,
        practising=practising,
        shared_language=request.shared_language,
    )


def _language_masks(members: Sequence[Candidate]) -> tuple[Ints, Ints]:
    """Each member's working languages and practice language as bit masks (empty arrays
    when nobody said any: the score then skips languages altogether)."""
    names = sorted({x for m in members for x in m.languages} | {m.practice for m in members})
    names = [name for name in names if name][:62]
    if not names:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    bit = {name: 1 << position for position, name in enumerate(names)}
    spoken = np.array([sum(bit.get(x, 0) for x in m.languages) for m in members], dtype=np.int64)
    practising = np.array([bit.get(m.practice, 0) for m in members], dtype=np.int64)
    return spoken, practising


# -- the candidate graph ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CandidateGraph:
    """An undirected weighted graph on members 0..n-1: edge e joins u[e] < v[e], weight w[e]."""

    n: int
    u: Ints
    v: Ints
    w: Floats


def _top_k(scores: Floats, columns: Ints, k: int) -> tuple[Ints, Ints]:
    """Per row, the (row offset, column) of the k best entries above NEVER."""
    rows, width = scores.shape
    if width > k:
        best = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    else:
        best = np.broadcast_to(np.arange(width), (rows, width))
    picked = np.take_along_axis(scores, best, axis=1)
    chosen_columns = np.take_along_axis(columns, best, axis=1)
    keep = picked > NEVER / 2
    row_index = np.broadcast_to(np.arange(rows)[:, None], best.shape)
    return row_index[keep].astype(np.int64), chosen_columns[keep].astype(np.int64)


def _sampled_columns(problem: _Problem, rows: Ints, rng: np.random.Generator) -> Ints:
    n = problem.n
    count = rows.size
    random_part = rng.integers(0, n, size=(count, _SAMPLE_RANDOM))
    order = np.argsort(problem.offset, kind="stable")
    sorted_offsets = problem.offset[order]
    starts = np.searchsorted(sorted_offsets, problem.offset[rows], side="left")
    ends = np.searchsorted(sorted_offsets, problem.offset[rows], side="right")
    pick = starts[:, None] + (rng.random((count, _SAMPLE_ZONE)) * (ends - starts)[:, None]).astype(
        np.int64
    )
    zone_part = order[np.minimum(pick, n - 1)]
    skill_part = _skill_samples(problem, rows, rng)
    return np.concatenate([random_part, zone_part, skill_part], axis=1).astype(np.int64)


def _skill_samples(problem: _Problem, rows: Ints, rng: np.random.Generator) -> Ints:
    """For each row, members who share one of its (randomly chosen) skills; random if none."""
    n = problem.n
    words = problem.bits.shape[1]
    member_list: list[int] = []
    skill_list: list[int] = []
    for word in range(words):
        column = problem.bits[:, word]
        for bit in range(64):
            mask = (column >> np.uint64(bit)) & np.uint64(1)
            holders = np.nonzero(mask)[0]
            if holders.size:
                member_list.extend(holders.tolist())
                skill_list.extend([word * 64 + bit] * holders.size)
    fallback = rng.integers(0, n, size=(rows.size, _SAMPLE_SKILL))
    if not member_list:
        return fallback
    members = np.array(member_list, dtype=np.int64)
    skills = np.array(skill_list, dtype=np.int64)
    by_skill = np.argsort(skills, kind="stable")
    holders_sorted = members[by_skill]
    skill_ids, skill_start, skill_count = np.unique(
        skills[by_skill], return_index=True, return_counts=True
    )
    skill_slot = np.full(int(skills.max()) + 1, -1, dtype=np.int64)
    skill_slot[skill_ids] = np.arange(skill_ids.size)
    by_member = np.argsort(members, kind="stable")
    member_skills = skill_slot[skills[by_member]]
    member_start = np.searchsorted(members[by_member], rows, side="left")
    member_count = np.searchsorted(members[by_member], rows, side="right") - member_start
    has = member_count > 0
    chosen = member_start[:, None] + (
        rng.random((rows.size, _SAMPLE_SKILL)) * member_count[:, None]
    ).astype(np.int64)
    chosen = np.minimum(chosen, member_skills.size - 1)
    slot = member_skills[chosen]
    holder_pos = skill_start[slot] + (rng.random(slot.shape) * skill_count[slot]).astype(np.int64)
    sampled = holders_sorted[holder_pos]
    return np.where(has[:, None], sampled, fallback)


def candidate_graph(
    problem: _Problem, k: int = K_BEST, seed: int = 0, dense: bool | None = None
) -> CandidateGraph:
    """Each member's `k` best partners (exact when dense), as one undirected graph."""
    n = problem.n
    rng = np.random.default_rng(_seed(seed) + 1)
    use_dense = n <= DENSE_LIMIT if dense is None else dense
    k = min(k, n - 1)
    out_i: list[Ints] = []
    out_j: list[Ints] = []
    if use_dense:
        step = max(1, _CHUNK_PAIRS // max(n, 1))
        everyone = np.arange(n, dtype=np.int64)
        for start in range(0, n, step):
            rows = np.arange(start, min(n, start + step), dtype=np.int64)
            ii = np.repeat(rows, n)
            jj = np.tile(everyone, rows.size)
            block = problem.scores(ii, jj).reshape(rows.size, n)
            columns = np.broadcast_to(everyone, (rows.size, n))
            r, c = _top_k(block, columns, k)
            out_i.append(rows[r])
            out_j.append(c)
    else:
        width = _SAMPLE_RANDOM + _SAMPLE_ZONE + _SAMPLE_SKILL
        step = max(1, _CHUNK_PAIRS // width)
        for start in range(0, n, step):
            rows = np.arange(start, min(n, start + step), dtype=np.int64)
            columns = _sampled_columns(problem, rows, rng)
            block = problem.scores(np.repeat(rows, width), columns.ravel()).reshape(
                rows.size, width
            )
            # A member sampled twice must not take two of the k places.
            order = np.argsort(columns, axis=1, kind="stable")
            sorted_columns = np.take_along_axis(columns, order, axis=1)
            duplicate = np.zeros_like(sorted_columns, dtype=np.bool_)
            duplicate[:, 1:] = sorted_columns[:, 1:] == sorted_columns[:, :-1]
            np.put_along_axis(
                block, order, np.where(duplicate, NEVER, np.take_along_axis(block, order, 1)), 1
            )
            r, c = _top_k(block, columns, k)
            out_i.append(rows[r])
            out_j.append(c)
    if not out_i:
        empty = np.zeros(0, dtype=np.int64)
        return CandidateGraph(n, empty, empty, np.zeros(0, dtype=np.float64))
    i = np.concatenate(out_i)
    j = np.concatenate(out_j)
    keys = np.sort(np.minimum(i, j) * n + np.maximum(i, j))
    keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])]
    u, v = keys // n, keys % n
    return CandidateGraph(n, u, v, problem.scores(u, v))


# -- maximum-weight matching heuristic ---------------------------------------------------------


class _EdgeLookup:
    def __init__(self, n: int, u: Ints, v: Ints, w: Floats) -> None:
        self.n = n
        keys = u * n + v
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.w = w[order]

    def weights(self, a: Ints, b: Ints) -> Floats:
        """Weights of edges (a, b); -inf where there is no edge or either end is -1."""
        if self.keys.size == 0:
            return np.full(a.shape, -np.inf)
        query = np.minimum(a, b) * self.n + np.maximum(a, b)
        pos = np.minimum(np.searchsorted(self.keys, query), self.keys.size - 1)
        found = (self.keys[pos] == query) & (a >= 0) & (b >= 0) & (a != b)
        return np.where(found, self.w[pos], -np.inf)


def _normalise_edges(n: int, u: Ints, v: Ints, w: Floats) -> tuple[Ints, Ints, Floats]:
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    w = np.asarray(w, dtype=np.float64)
    keep = (u != v) & np.isfinite(w) & (w > NEVER / 2)
    a, b, w = np.minimum(u, v)[keep], np.maximum(u, v)[keep], w[keep]
    keys = a * n + b
    # Keep the heaviest of parallel edges.
    order = np.lexsort((-w, keys))
    keys, w = keys[order], w[order]
    first = np.ones(keys.size, dtype=np.bool_)
    first[1:] = keys[1:] != keys[:-1]
    keys, w = keys[first], w[first]
    return keys // n, keys % n, w


def max_weight_pairs(
    n: int, u: Ints, v: Ints, w: Floats, seed: int = 0, max_passes: int = _MAX_PASSES
) -> Ints:
    """A near-maximum-weight matching that places as many vertices as it can.

    Returns `mate`: mate[i] is i's partner, or -1. Steps:

    1. up to `LP_LIMIT` vertices, the LP relaxation: a maximum-weight assignment on the graph's
       bipartite double cover (scipy's sparse LAPJV) is a set of cycles; 2-cycles are pairs,
       longer cycles give their heavier alternate edges;
    2. greedy by weight over whoever is still free;
    3. augmenting paths (Edmonds' blossoms, bounded search) so as many as possible are placed;
    4. 2-opt: pairs (a, b) and (c, d) joined by an edge a-c become (a, c) and (b, d) when that
       gains, in batches of non-overlapping swaps until no swap gains.

    Ties are broken by a tiny seeded jitter, so another seed can give other, equally good pairs.
    """
    u, v, w = _normalise_edges(n, u, v, w)
    mate = np.full(n, -1, dtype=np.int64)
    if u.size == 0:
        return mate
    rng = np.random.default_rng(_seed(seed))
    mate_list = _assignment_pairs(n, u, v, w, rng) if n <= LP_LIMIT else [-1] * n
    order = np.lexsort((rng.random(u.size), -w))
    for a, b in zip(u[order].tolist(), v[order].tolist(), strict=True):
        if mate_list[a] < 0 and mate_list[b] < 0:
            mate_list[a] = b
            mate_list[b] = a
    indptr, neighbours = _adjacency(n, u, v, w)
    _augment(mate_list, indptr, neighbours)
    mate[:] = mate_list
    lookup = _EdgeLookup(n, u, v, w)
    csr = _csr(n, u, v, w) if n <= LP_LIMIT else None
    for _ in range(max_passes):
        if _two_opt_pass(mate, u, v, w, lookup):
            continue
        if csr is None or not _three_opt_pass(mate, csr, lookup):
            break
    return mate


def _assignment_pairs(n: int, u: Ints, v: Ints, w: Floats, rng: np.random.Generator) -> list[int]:
    """Pairs rounded from the LP relaxation (see `max_weight_pairs`); all -1 if infeasible.

    Vertices are relabelled in a seeded random order, so another seed breaks ties among
    equally good assignments differently. Costs are whole thousandths of a point: LAPJV is
    fast on ties and slow on near-ties, and this is only the starting point. They must be
    integers (held exactly in floats): with fractional costs scipy's LAPJVsp compares sums
    that rounding makes unequal and can loop forever (a 23-member round never returned).
    """
    mate = [-1] * n
    label = rng.permutation(n)
    top = float(w.max()) + 1.0
    thousandths = np.round((top - w) * 1_000.0) + 1.0
    cost = np.concatenate([thousandths, thousandths])
    matrix = csr_matrix(
        (cost, (label[np.concatenate([u, v])], label[np.concatenate([v, u])])), shape=(n, n)
    )
    try:
        rows, columns = min_weight_full_bipartite_matching(matrix)
    except ValueError:  # no cycle cover: every vertex starts free instead
        return mate
    vertex = np.argsort(label)  # label -> vertex
    successor = np.empty(n, dtype=np.int64)
    successor[vertex[rows]] = vertex[columns]
    along = _EdgeLookup(n, u, v, w).weights(np.arange(n, dtype=np.int64), successor)
    two_cycles = successor[successor] == np.arange(n)
    for a in np.nonzero(two_cycles)[0].tolist():
        mate[a] = int(successor[a])
    seen = two_cycles | (successor == np.arange(n))
    successor_list = successor.tolist()
    for start in np.nonzero(~seen)[0].tolist():
        if seen[start]:
            continue
        cycle = [start]
        nxt = successor_list[start]
        while nxt != start:
            cycle.append(nxt)
            nxt = successor_list[nxt]
        nodes = np.array(cycle, dtype=np.int64)
        seen[nodes] = True
        for k in _alternate_edges(along[nodes]).tolist():
            first, second = cycle[k], cycle[(k + 1) % len(cycle)]
            mate[first] = second
            mate[second] = first
    return mate


def _alternate_edges(along: Floats) -> Ints:
    """In a cycle whose edge k joins vertex k to k + 1, the heaviest set of every other edge.

    Even cycles have two such sets; an odd cycle leaves one vertex out, wherever it costs least.
    """
    length = along.size
    half = length // 2
    doubled = np.concatenate([along, along])
    starts = np.arange(length if length % 2 else 2, dtype=np.int64)
    # Sums of doubled[first], doubled[first + 2], ... (half terms), by prefix sums per parity.
    totals = np.empty(starts.size, dtype=np.float64)
    for parity in (0, 1):
        series = np.concatenate([[0.0], np.cumsum(doubled[parity::2])])
        mine = starts[starts % 2 == parity] // 2
        totals[starts % 2 == parity] = series[mine + half] - series[mine]
    first = int(starts[int(np.argmax(totals))])
    return (first + 2 * np.arange(half, dtype=np.int64)) % length


def _csr(n: int, u: Ints, v: Ints, w: Floats) -> tuple[Ints, Ints, Floats]:
    """Neighbour lists (indptr, neighbours, weights), heaviest neighbour first."""
    a = np.concatenate([u, v])
    b = np.concatenate([v, u])
    weight = np.concatenate([w, w])
    order = np.lexsort((-weight, a))
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(a, minlength=n), out=indptr[1:])
    return indptr, b[order], weight[order]


def _adjacency(n: int, u: Ints, v: Ints, w: Floats) -> tuple[list[int], list[int]]:
    """Neighbour lists as Python lists, for the loops that walk them one by one."""
    indptr, neighbours, _ = _csr(n, u, v, w)
    return indptr.tolist(), neighbours.tolist()


def _augment(mate: list[int], indptr: list[int], neighbours: list[int], limit: int = 3_000) -> None:
    """Edmonds' augmenting paths (with blossoms) from each free vertex, search bounded."""
    free = sum(1 for x in mate if x < 0)
    for root in range(len(mate)):
        if free < MIN_GROUP_SIZE:
            break  # a path needs two free ends
        if mate[root] < 0 and indptr[root] < indptr[root + 1]:
            end, parent = _find_path(root, mate, indptr, neighbours, limit)
            if end >= 0:
                free -= 2
            while end >= 0:
                previous = parent[end]
                following = mate[previous]
                mate[end] = previous
                mate[previous] = end
                end = following


def _find_path(
    root: int, mate: list[int], indptr: list[int], neighbours: list[int], limit: int
) -> tuple[int, dict[int, int]]:
    parent: dict[int, int] = {}
    base: dict[int, int] = {}
    members: dict[int, list[int]] = {}  # a blossom's base -> the vertices it contains
    used = {root}
    queue = deque([root])

    def base_of(x: int) -> int:
        return base.get(x, x)

    def lowest_common_ancestor(a: int, b: int) -> int:
        seen: set[int] = set()
        while True:
            a = base_of(a)
            seen.add(a)
            if mate[a] < 0:
                break
            a = parent[mate[a]]
        while True:
            b = base_of(b)
            if b in seen:
                return b
            b = parent[mate[b]]

    def mark(x: int, stem: int, child: int, blossom: set[int]) -> None:
        while base_of(x) != stem:
            blossom.add(base_of(x))
            blossom.add(base_of(mate[x]))
            parent[x] = child
            child = mate[x]
            x = parent[mate[x]]

    while queue:
        x = queue.popleft()
        for y in neighbours[indptr[x] : indptr[x + 1]]:
            if base_of(x) == base_of(y) or mate[x] == y:
                continue
            if y == root or (mate[y] >= 0 and mate[y] in parent):
                stem = lowest_common_ancestor(x, y)
                blossom: set[int] = set()
                mark(x, stem, y, blossom)
                mark(y, stem, x, blossom)
                merged = members.setdefault(stem, [stem])
                for old_base in blossom - {stem}:
                    for z in members.pop(old_base, [old_base]):
                        base[z] = stem
                        merged.append(z)
                        if z not in used:
                            used.add(z)
                            queue.append(z)
            elif y not in parent:
                parent[y] = x
                if mate[y] < 0:
                    return y, parent
                used.add(mate[y])
                queue.append(mate[y])
        if len(used) > limit:
            break
    return -1, parent


def _two_opt_pass(mate: Ints, u: Ints, v: Ints, w: Floats, lookup: _EdgeLookup) -> bool:
    mate_weight = np.where(mate >= 0, lookup.weights(np.arange(mate.size), mate), 0.0)
    b = mate[u]
    d = mate[v]
    not_mates = b != v
    cross = lookup.weights(b, d)
    gain = np.where(
        (b >= 0) & (d >= 0),
        w + cross - mate_weight[u] - mate_weight[v],
        np.where(b >= 0, w - mate_weight[u], np.where(d >= 0, w - mate_weight[v], w)),
    )
    gain = np.where(not_mates, gain, -np.inf)
    candidates = np.nonzero(gain > _GAIN_EPSILON)[0]
    if candidates.size == 0:
        return False
    candidates = candidates[np.argsort(-gain[candidates], kind="stable")]
    touched = np.zeros(mate.size, dtype=np.bool_)
    changed = False
    for e in candidates.tolist():
        a, c = int(u[e]), int(v[e])
        pa, pc = int(mate[a]), int(mate[c])
        if touched[a] or touched[c] or (pa >= 0 and touched[pa]) or (pc >= 0 and touched[pc]):
            continue
        for x in (a, c, pa, pc):
            if x >= 0:
                touched[x] = True
        mate[a], mate[c] = c, a
        if pa >= 0 and pc >= 0:
            mate[pa], mate[pc] = pc, pa
        elif pa >= 0:
            mate[pa] = -1
        elif pc >= 0:
            mate[pc] = -1
        changed = True
    return changed


def _three_opt_pass(
    mate: Ints, csr: tuple[Ints, Ints, Floats], lookup: _EdgeLookup, breadth: int = 10
) -> bool:
    """Rotate three pairs (a, b), (c, d), (e, f) into (b, c), (d, e), (f, a) when that gains.

    Candidates grow from positive partial gains (any gaining rotation has a starting point
    where every partial sum is positive), looking at d's `breadth` heaviest neighbours.
    """
    indptr, neighbours, weights = csr
    n = mate.size
    mate_weight = np.where(mate >= 0, lookup.weights(np.arange(n), mate), 0.0)
    b = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    c, w_bc = neighbours, weights
    a, d = mate[b], mate[c]
    g1 = w_bc - mate_weight[b]
    keep = (a >= 0) & (d >= 0) & (a != c) & (g1 > _GAIN_EPSILON)
    a, b, c, d, g1 = a[keep], b[keep], c[keep], d[keep], g1[keep]
    if a.size == 0:
        return False
    start = indptr[d]
    count = np.minimum(indptr[d + 1] - start, breadth)
    row = np.repeat(np.arange(a.size, dtype=np.int64), count)
    offsets = np.arange(row.size, dtype=np.int64) - np.repeat(np.cumsum(count) - count, count)
    slot = start[row] + offsets
    e, w_de = neighbours[slot], weights[slot]
    a, b, c, d, g1 = a[row], b[row], c[row], d[row], g1[row]
    f = mate[e]
    g2 = g1 + w_de - mate_weight[c]
    keep = (f >= 0) & (g2 > _GAIN_EPSILON)
    for x in (a, b, c, d):
        keep &= (e != x) & (f != x)
    a, b, c, d, e, f, g2 = a[keep], b[keep], c[keep], d[keep], e[keep], f[keep], g2[keep]
    gain = g2 - mate_weight[e] + lookup.weights(f, a)
    best = np.nonzero(gain > _GAIN_EPSILON)[0]
    if best.size == 0:
        return False
    best = best[np.argsort(-gain[best], kind="stable")]
    touched = np.zeros(n, dtype=np.bool_)
    changed = False
    for index in best.tolist():
        six = [int(x[index]) for x in (a, b, c, d, e, f)]
        if touched[six].any() or len(set(six)) < len(six):
            continue
        touched[six] = True
        pa, pb, pc, pd, pe, pf = six
        mate[pb], mate[pc] = pc, pb
        mate[pd], mate[pe] = pe, pd
        mate[pf], mate[pa] = pa, pf
        changed = True
    return changed


# -- groups -----------------------------------------------------------------------------------


def _groups_from_mate(mate: Ints) -> list[list[int]]:
    return [[i, int(mate[i])] for i in range(mate.size) if 0 <= i < mate[i]]


def _grow_groups(
    problem: _Problem, graph: CandidateGraph, targets: list[int], rng: np.random.Generator
) -> tuple[list[list[int]], list[int]]:
    """Groups of the `targets` sizes grown along the candidate graph; the rest left over."""
    n = problem.n
    indptr, neighbours = _adjacency(n, graph.u, graph.v, graph.w)
    degree = np.diff(np.array(indptr))
    order = np.lexsort((rng.random(n), degree)).tolist()
    assigned = [False] * n
    pool = list(order)
    groups: list[list[int]] = []
    cursor = 0
    while len(groups) < len(targets):
        size = targets[len(groups)]
        while cursor < len(order) and assigned[order[cursor]]:
            cursor += 1
        if cursor >= len(order):
            break
        first = order[cursor]
        assigned[first] = True
        group = [first]
        while len(group) < size:
            options = {
                y
                for x in group
                for y in neighbours[indptr[x] : indptr[x] + 2 * K_BEST]
                if not assigned[y]
            }
            if not options:
                pool = [x for x in pool if not assigned[x]]
                if not pool:
                    break
                picks = rng.choice(len(pool), size=min(64, len(pool)), replace=False)
                options = {pool[p] for p in picks.tolist()}
            best = _best_addition(problem, group, sorted(options))
            if best < 0:
                break
            assigned[best] = True
            group.append(best)
        if len(group) < size:
            for x in group:
                assigned[x] = False
            assigned[first] = True  # not a seed again; placed with the leftovers below
            groups.append([first])
            continue
        groups.append(group)
    leftovers = [x for x in range(n) if not assigned[x]]
    singles = [g[0] for g in groups if len(g) == 1]
    return [g for g in groups if len(g) > 1], leftovers + singles


def _best_addition(
    problem: _Problem, group: list[int], options: list[int], *, allow_never: bool = False
) -> int:
    """The option who adds most to `group`; -1 if none, or if each would break a never-pair
    (unless `allow_never`: then the fewest broken, for swaps to mend)."""
    if not options:
        return -1
    cand = np.array(options, dtype=np.int64)
    members = np.array(group, dtype=np.int64)
    pair = problem.scores(np.repeat(cand, members.size), np.tile(members, cand.size))
    pair = pair.reshape(cand.size, members.size)
    total = pair.sum(axis=1)
    if not allow_never:
        total = np.where((pair <= NEVER / 2).any(axis=1), -np.inf, total)
    best = int(np.argmax(total))
    return -1 if not np.isfinite(total[best]) else int(cand[best])


def _place_leftovers(
    problem: _Problem, groups: list[list[int]], leftovers: list[int], sizes: list[int]
) -> list[list[int]]:
    """Group leftovers among themselves while groups are due, then fold the rest in where
    the sizes have room: the groups are then exactly `sizes`.

    Never-pairs may leave no way to do that here (the last people left may all be on each
    other's lists); the groups are made anyway, with as few broken never-pairs as can be, for
    the swaps to mend and `_drop_never_pairs` to undo. Folding them in wherever they fit
    instead once made groups of 9 where 6 were asked for.

    Whoever had a group of another size recently is grouped first, so the people folded into
    a larger group this round are those who had one least recently (rotation).
    """
    want = min(sizes) if sizes else problem.group_size
    remaining = sorted(leftovers, key=lambda x: (-problem.off_size[x], x))
    while len(groups) < len(sizes) and len(remaining) >= want:
        group = [remaining.pop(0)]
        while len(group) < want:
            best = _best_addition(problem, group, remaining, allow_never=True)
            group.append(best)
            remaining.remove(best)
        groups.append(group)
    for x in remaining:
        groups[_best_fold(problem, groups, x, sizes)].append(x)
    return groups


def _best_fold(problem: _Problem, groups: list[list[int]], x: int, sizes: list[int]) -> int:
    """The group `x` adds most to among those the sizes have room for (one has: the groups
    fall short of `sizes` by the people still to fold in); one without a never-pair with `x`
    if there is such a group."""
    size = problem.group_size
    lengths = np.array([len(g) for g in groups], dtype=np.int64)
    width = int(lengths.max())
    table = np.full((len(groups), width), -1, dtype=np.int64)
    for index, group in enumerate(groups):
        table[index, : len(group)] = group
    valid = table >= 0
    safe = np.where(valid, table, 0)
    pair = problem.scores(np.full(safe.size, x), safe.ravel()).reshape(safe.shape)
    blocked = ((pair <= NEVER / 2) & valid).any(axis=1)
    gain = np.where(valid, pair, 0.0).sum(axis=1)
    # The group's pair-sum grows by `gain`; its divisor from (len - 1) to len.
    current = _pair_sums(problem, table, valid)
    before = current / np.maximum(lengths - 1, 1)
    after = (current + gain) / lengths
    # Rotation: everyone in a group of another size than asked for pays for their recent ones.
    others = np.where(valid, problem.off_size[safe], 0.0).sum(axis=1)
    off_after, off_before = lengths + 1 != size, lengths != size
    rotation = ROTATION_PENALTY * (off_after * (problem.off_size[x] + others) - off_before * others)
    value = np.where(blocked, NEVER, after - before - rotation)
    value = np.where(_room(lengths, sizes), value, -np.inf)
    return int(np.argmax(value))


def _room(lengths: Ints, sizes: list[int]) -> Bools:
    """Per group, whether one more member keeps the lengths within `sizes`: for every t, no
    more groups of t or more members than sizes of t or more."""
    target = np.sort(np.array(sizes, dtype=np.int64))
    ordered = np.sort(lengths)
    longer = ordered.size - np.searchsorted(ordered, lengths + 1, side="left")
    allowed = target.size - np.searchsorted(target, lengths + 1, side="left")
    fits: Bools = longer + 1 <= allowed
    return fits


def _pair_sums(problem: _Problem, table: Ints, valid: Bools, exact: bool = False) -> Floats:
    rows, width = table.shape
    if width < 2:
        return np.zeros(rows, dtype=np.float64)
    a_idx, b_idx = np.triu_indices(width, 1)
    a = table[:, a_idx]
    b = table[:, b_idx]
    ok = valid[:, a_idx] & valid[:, b_idx]
    pair = problem.scores(np.where(ok, a, 0).ravel(), np.where(ok, b, 1).ravel(), exact)
    pair = pair.reshape(a.shape)
    sums: Floats = np.where(ok, pair, 0.0).sum(axis=1)
    return sums


def _improve_groups(
    problem: _Problem,
    groups: list[list[int]],
    movers: Ints,
    partners: Ints,
    max_passes: int = _MAX_PASSES,
) -> list[list[int]]:
    """Swap members between groups while a swap gains (exact scores, rotation included).

    Candidate swaps: `partners[e]` moves into the group of `movers[e]`, replacing one of its
    other members, who takes `partners[e]`'s place.
    """
    if len(groups) < 2 or movers.size == 0:
        return groups
    size = problem.group_size
    n = problem.n
    width = max(len(g) for g in groups)
    for _ in range(max_passes):
        table = np.full((len(groups), width), -1, dtype=np.int64)
        gid = np.full(n, -1, dtype=np.int64)
        for index, group in enumerate(groups):
            table[index, : len(group)] = group
            gid[group] = index
        lengths = np.array([len(g) for g in groups], dtype=np.int64)
        g1 = gid[movers]
        g2 = gid[partners]
        ok = (g1 >= 0) & (g2 >= 0) & (g1 != g2)
        a, c, g1, g2 = movers[ok], partners[ok], g1[ok], g2[ok]
        if a.size == 0:
            break
        # Each other member x of a's group is a possible swap partner for c.
        xs = table[g1]  # (E, width)
        valid_x = (xs >= 0) & (xs != a[:, None])
        e_idx, slot = np.nonzero(valid_x)
        if e_idx.size == 0:
            break
        x = xs[e_idx, slot]
        c_e, g1_e, g2_e = c[e_idx], g1[e_idx], g2[e_idx]
        gain = _swap_gain(problem, table, lengths, x, c_e, g1_e, g2_e, size)
        best = np.nonzero(gain > _GAIN_EPSILON)[0]
        if best.size == 0:
            break
        best = best[np.argsort(-gain[best], kind="stable")]
        touched = np.zeros(len(groups), dtype=np.bool_)
        moved = False
        for index in best.tolist():
            first, second = int(g1_e[index]), int(g2_e[index])
            if touched[first] or touched[second]:
                continue
            touched[first] = touched[second] = True
            out, into = int(x[index]), int(c_e[index])
            groups[first][groups[first].index(out)] = into
            groups[second][groups[second].index(into)] = out
            moved = True
        if not moved:
            break
    return groups


def _swap_gain(
    problem: _Problem,
    table: Ints,
    lengths: Ints,
    x: Ints,
    c: Ints,
    g1: Ints,
    g2: Ints,
    size: int,
) -> Floats:
    """Gain of swapping x (in g1) with c (in g2)."""
    y1 = table[g1]
    y2 = table[g2]
    keep1 = (y1 >= 0) & (y1 != x[:, None])
    keep2 = (y2 >= 0) & (y2 != c[:, None])
    width = y1.shape[1]

    def sums(who: Ints, others: Ints, keep: Bools) -> Floats:
        safe = np.where(keep, others, 0)
        pair = problem.scores(np.repeat(who, width), safe.ravel()).reshape(others.shape)
        total: Floats = np.where(keep, pair, 0.0).sum(axis=1)
        return total

    in1 = sums(c, y1, keep1) - sums(x, y1, keep1)
    in2 = sums(x, y2, keep2) - sums(c, y2, keep2)
    gain = in1 / np.maximum(lengths[g1] - 1, 1) + in2 / np.maximum(lengths[g2] - 1, 1)
    off1 = lengths[g1] != size
    off2 = lengths[g2] != size
    lc, lx = problem.off_size[c], problem.off_size[x]
    gain -= ROTATION_PENALTY * np.where(off1, lc - lx, 0.0)
    gain -= ROTATION_PENALTY * np.where(off2, lx - lc, 0.0)
    return gain


# -- explanations -----------------------------------------------------------------------------


def _explain(
    problem: _Problem, group: Sequence[int], folded: bool, latest_met: int | None
) -> tuple[ReasonPart, ...]:
    parts: list[ReasonPart] = []
    size = len(group)
    departments = [problem.departments[i] for i in group]
    known = [d for d in departments if d]
    distinct = tuple(sorted(set(known)))
    if size == MIN_GROUP_SIZE:
        if len(known) == MIN_GROUP_SIZE and len(distinct) == MIN_GROUP_SIZE:
            parts.append(
                ReasonPart(Why.TWO_DEPARTMENTS, size, names=(departments[0], departments[1]))
            )
        elif len(distinct) == 1 and len(known) == MIN_GROUP_SIZE:
            parts.append(ReasonPart(Why.ONE_DEPARTMENT, size, names=distinct))
    elif distinct:
        parts.append(ReasonPart(Why.DEPARTMENTS, size, len(distinct), distinct))
    if latest_met is None:
        parts.append(ReasonPart(Why.NEVER_MET, size))
    else:
        parts.append(ReasonPart(Why.MET, size, latest_met + 1))
    offsets = [float(problem.offset[i]) for i in group]
    spread = max(offsets) - min(offsets)
    common = max(0.0, WORKING_HOURS - spread)
    if common >= WORKING_HOURS:
        parts.append(ReasonPart(Why.SAME_HOURS, size))
    elif common > 0:
        parts.append(ReasonPart(Why.SOME_HOURS, size, common))
    else:
        parts.append(ReasonPart(Why.NO_HOURS, size))
    counts: dict[str, int] = {}
    for i in group:
        for skill in problem.skills[i]:
            counts[skill] = counts.get(skill, 0) + 1
    shared = sorted(s for s, k in counts.items() if k >= MIN_GROUP_SIZE)
    if shared:
        parts.append(ReasonPart(Why.SHARED_SKILLS, size, names=tuple(shared[:3])))
    elif sum(1 for i in group if problem.skills[i]) >= MIN_GROUP_SIZE:
        unique = sorted({s for i in group for s in problem.skills[i]})
        parts.append(ReasonPart(Why.COMPLEMENTARY, size, names=tuple(unique[:4])))
    if folded:
        parts.append(ReasonPart(Why.FOLDED, size))
    return tuple(parts)


# -- the solver -------------------------------------------------------------------------------


def _seed(seed: int) -> int:
    return int(seed) % (2**63)


def _validate(request: PairingRequest) -> list[Candidate]:
    size = request.group_size
    if not isinstance(size, int) or not MIN_GROUP_SIZE <= size <= MAX_GROUP_SIZE:
        raise PairingInputError(
            f"group size must be between {MIN_GROUP_SIZE} and {MAX_GROUP_SIZE}, not {_quoted(size)}"
        )
    for key, value in _weights_dict(request.weights).items():
        _check_weight(f'weight "{key}"', value)
    _check_weight("variety", request.variety)
    seen: set[str] = set()
    for member in request.members:
        if member.id in seen:
            raise PairingInputError(f"member {_quoted(member.id)} appears twice")
        seen.add(member.id)
    _zone_offsets(sorted({m.timezone for m in request.members}), request.on)
    _by_date(request.history)
    return sorted(request.members, key=lambda m: m.id)


def _check_weight(name: str, value: object) -> None:
    """Refuse what is not a finite number in [0, WEIGHT_LIMIT] (NaN and infinities broke the
    score arithmetic; huge weights outweighed the never-pair and last-round penalties)."""
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    if number is None or not 0.0 <= number <= WEIGHT_LIMIT:  # NaN fails the comparison
        raise PairingInputError(
            f"{name} must be a finite number from 0 to {WEIGHT_LIMIT:g}, not {_quoted(value)}"
        )


def solve(request: PairingRequest) -> Pairing:
    """Form the round's groups. Deterministic for a request (member order does not matter)."""
    members = _validate(request)
    if len(members) < MIN_GROUP_SIZE:
        return Pairing(
            (),
            0.0,
            tuple(Unmatched(m.id, Alone.NOBODY_ELSE) for m in members),
        )
    problem = _problem(request, members)
    n = problem.n
    unmatched: list[Unmatched] = []
    blocked_everyone = _isolated(problem)
    for i in blocked_everyone:
        unmatched.append(Unmatched(problem.ids[i], Alone.ALL_NEVER_PAIRS))
    if blocked_everyone:
        kept = [m for i, m in enumerate(members) if i not in set(blocked_everyone)]
        if len(kept) < MIN_GROUP_SIZE:
            rest = tuple(Unmatched(m.id, Alone.NOBODY_LEFT) for m in kept)
            return Pairing((), 0.0, (*unmatched, *rest))
        problem = _problem(request, kept)
        n = problem.n
    groups, unplaced = _form_groups(problem, group_sizes(n, request.group_size), request.seed)
    for x in unplaced:
        unmatched.append(Unmatched(problem.ids[x], Alone.NEVER_PAIR))
    ordered = [sorted(group) for group in groups]
    scores, latest = _group_facts(problem, ordered)
    result = []
    for group, score, met in zip(ordered, scores.tolist(), latest, strict=True):
        parts = _explain(problem, group, len(group) != request.group_size, met)
        result.append(
            Group(tuple(problem.ids[i] for i in group), float(score), reason_words(parts), parts)
        )
    result.sort(key=lambda g: g.members)
    return Pairing(tuple(result), float(scores.sum()), tuple(sorted(unmatched, key=lambda u: u.id)))


def _form_groups(
    problem: _Problem, sizes: list[int], seed: int
) -> tuple[list[list[int]], list[int]]:
    """The groups (of `sizes` unless never-pairs prevent it) and whoever could not be placed.

    Small rounds are solved exactly: at 12-15 members the heuristic's trios were up to 3.5 %
    below the best in rounds without history and far more once who gets the group of four
    rotates, its pairs up to 10 % (who gets the trio); see `benchmarks/pairing_exact.py`.
    """
    if problem.n <= EXACT_LIMIT:
        # Never-pairs may rule out every grouping of these sizes (6 at 5 is one group of 6:
        # not with two never-pairs among them); then the nearest sizes that allow one.
        for option in _size_options(problem.n, sizes, problem.group_size):
            best = best_partition(problem.n, option, lambda rows: _group_values(problem, rows))
            if best is not None:
                return best[0], []
    return _heuristic_groups(problem, sizes, seed)


def _size_options(count: int, sizes: list[int], size: int) -> list[list[int]]:
    """`sizes`, then the other even splits of `count` people into groups of 2 to
    `max(size, MAX_GROUP_SIZE)`, nearest the size asked for first."""
    largest = max(size, MAX_GROUP_SIZE)
    splits = [[count // g + (k < count % g) for k in range(g)] for g in range(1, count // 2 + 1)]
    others = [s for s in splits if s != sizes and MIN_GROUP_SIZE <= min(s) <= max(s) <= largest]
    others.sort(key=lambda s: (abs(count / len(s) - size), len(s)))
    return [sizes, *others]


def _group_values(problem: _Problem, rows: Ints) -> Floats:
    """What the heuristic maximises, per group (rows of members, all of one size): the group's
    score, less the rotation penalty in a group of another size; -inf with a never-pair."""
    size = rows.shape[1]
    sums = _pair_sums(problem, rows, np.ones(rows.shape, dtype=np.bool_))
    values = sums / max(size - 1, 1)
    if size != problem.group_size:
        values -= ROTATION_PENALTY * problem.off_size[rows].sum(axis=1)
    # Weights are bounded, so only a never-pair (NEVER) takes a sum this low.
    scored: Floats = np.where(sums <= NEVER / 2, -np.inf, values)
    return scored


def _heuristic_groups(
    problem: _Problem, sizes: list[int], seed: int
) -> tuple[list[list[int]], list[int]]:
    """Candidate graph, matching or growth, leftovers placed, then swaps (module docstring)."""
    n = problem.n
    rng = np.random.default_rng(_seed(seed))
    graph = candidate_graph(problem, K_BEST, seed)
    if problem.group_size == MIN_GROUP_SIZE:
        mate = max_weight_pairs(n, graph.u, graph.v, graph.w, seed)
        groups = _groups_from_mate(mate)
        leftovers = [i for i in range(n) if mate[i] < 0]
    else:
        targets = [min(s, problem.group_size) for s in sizes]  # the remainder is folded in
        groups, leftovers = _grow_groups(problem, graph, targets, rng)
    groups = _place_leftovers(problem, groups, leftovers, sizes)
    # Swaps: every candidate edge for larger groups; around the folded groups for pairs; and
    # for whoever is grouped against a never-pair, with everyone.
    if problem.group_size == MIN_GROUP_SIZE:
        groups = _swap_around(problem, groups, _folded(groups, problem.group_size), passes=10)
    else:
        movers = np.concatenate([graph.u, graph.v])
        partners = np.concatenate([graph.v, graph.u])
        groups = _improve_groups(problem, groups, movers, partners)
    groups = _swap_around(problem, groups, _breaking(problem, groups))
    if problem.group_size > MIN_GROUP_SIZE and n <= POLISH_LIMIT:
        groups = _polish_exactly(problem, groups)
    # Up to one over the size (as an odd count of pairs makes a trio), never over 6 unless
    # asked: a group with room is one the reason "no group could take them" is true of.
    largest = min(problem.group_size + 1, max(problem.group_size, MAX_GROUP_SIZE))
    return _drop_never_pairs(problem, groups, max(largest, *sizes))


def _folded(groups: list[list[int]], size: int) -> list[int]:
    """Members of the groups of another size than asked for."""
    return [x for g in groups if len(g) != size for x in g]


def _breaking(problem: _Problem, groups: list[list[int]]) -> list[int]:
    """Members grouped with someone they are never to be paired with (vectorised: this runs
    on every round, up to 100,000 members)."""
    if problem.never_keys.size == 0 or not groups:
        return []
    width = max(len(g) for g in groups)
    table = np.full((len(groups), width), -1, dtype=np.int64)
    for index, group in enumerate(groups):
        table[index, : len(group)] = group
    a_idx, b_idx = np.triu_indices(width, 1)
    a, b = table[:, a_idx].ravel(), table[:, b_idx].ravel()
    ok = (a >= 0) & (b >= 0)
    a, b = a[ok], b[ok]
    broken = np.isin(problem.keys(a, b), problem.never_keys)
    return sorted(set(a[broken].tolist()) | set(b[broken].tolist()))


def _never_count(problem: _Problem, x: int, group: list[int]) -> int:
    others = np.array([y for y in group if y != x], dtype=np.int64)
    if others.size == 0 or problem.never_keys.size == 0:
        return 0
    return int((problem.scores(np.full(others.size, x), others, exact=True) <= NEVER / 2).sum())


def _swap_around(
    problem: _Problem, groups: list[list[int]], members: list[int], passes: int = _MAX_PASSES
) -> list[list[int]]:
    """Swaps of `members` with anyone, while one gains."""
    if not members:
        return groups
    n = problem.n
    movers = np.repeat(np.array(members, dtype=np.int64), n)
    partners = np.tile(np.arange(n, dtype=np.int64), len(members))
    return _improve_groups(problem, groups, movers, partners, max_passes=passes)


def _drop_never_pairs(
    problem: _Problem, groups: list[list[int]], largest: int
) -> tuple[list[list[int]], list[int]]:
    """Take out of each group whoever still breaks a never-pair in it (the one breaking most
    first), then fold each back into a group with room (under `largest`) and nobody on their
    list, if there is one; the others cannot be placed, and that is the honest reason."""
    out: list[int] = []
    breaking = set(_breaking(problem, groups))
    for group in (g for g in groups if breaking.intersection(g)):
        while True:
            counts = [_never_count(problem, x, group) for x in group]
            if max(counts, default=0) == 0:
                break
            worst = max(range(len(group)), key=lambda k: (counts[k], group[k]))
            out.append(group.pop(worst))
    kept = [g for g in groups if len(g) >= MIN_GROUP_SIZE]
    out += [x for g in groups if len(g) < MIN_GROUP_SIZE for x in g]
    fresh: list[list[int]] = []  # groups of those who fit nowhere, if they fit together
    for x in sorted(out):
        target = _fold_back(problem, kept, x, largest)
        if target >= 0:
            kept[target].append(x)
            continue
        among = [g for g in fresh if len(g) < largest and _fits(problem, x, g)]
        if among:
            among[0].append(x)
        else:
            fresh.append([x])
    kept += [g for g in fresh if len(g) >= MIN_GROUP_SIZE]
    return _even_out(problem, kept), [g[0] for g in fresh if len(g) < MIN_GROUP_SIZE]


def _fold_back(problem: _Problem, groups: list[list[int]], x: int, largest: int) -> int:
    """The group under `largest` members that `x` adds most to without a never-pair; -1 if
    none (vectorised over the groups)."""
    if not groups:
        return -1
    lengths = np.array([len(g) for g in groups], dtype=np.int64)
    table = np.full((len(groups), int(lengths.max())), -1, dtype=np.int64)
    for index, group in enumerate(groups):
        table[index, : len(group)] = group
    valid = table >= 0
    pair = problem.scores(np.full(table.size, x), np.where(valid, table, 0).ravel())
    pair = np.where(valid, pair.reshape(table.shape), 0.0)
    value = pair.sum(axis=1) / lengths
    allowed = (lengths < largest) & ~(pair <= NEVER / 2).any(axis=1)
    value = np.where(allowed, value, -np.inf)
    best = int(np.argmax(value))
    return best if math.isfinite(float(value[best])) else -1


def _even_out(problem: _Problem, groups: list[list[int]]) -> list[list[int]]:
    """Move members from the largest groups to the smallest while they differ by more than
    one and someone can move without breaking a never-pair (the one who gains most)."""
    while groups:
        lengths = [len(g) for g in groups]
        if max(lengths) - min(lengths) <= 1:
            break
        # A few groups of each length at most: this follows never-pairs that could not be
        # mended, in rounds of up to 100,000 members.
        small = [k for k, g in enumerate(groups) if len(g) == min(lengths)][:_EVEN_OUT_GROUPS]
        large = [k for k, g in enumerate(groups) if len(g) == max(lengths)][:_EVEN_OUT_GROUPS]
        moves = [
            (_with(problem, x, groups[to]) - _with(problem, x, groups[k]), x, k, to)
            for k in large
            for x in groups[k]
            for to in small
            if _fits(problem, x, groups[to])
        ]
        if not moves:
            break
        _, x, k, to = max(moves)
        groups[k].remove(x)
        groups[to].append(x)
    return groups


def _with(problem: _Problem, x: int, group: list[int]) -> float:
    """The sum of `x`'s scores with the others in `group`."""
    return sum(problem.score(x, y) for y in group if y != x)


def _fits(problem: _Problem, x: int, group: list[int]) -> bool:
    """Whether `x` can join `group` without breaking a never-pair."""
    return _never_count(problem, x, [*group, x]) == 0


def _polish_exactly(problem: _Problem, groups: list[list[int]]) -> list[list[int]]:
    """Regroup a few groups at a time exactly: each group with the groups it has the best
    pairs with, up to `POLISH_PEOPLE` people, replaced by their best regrouping (never worse:
    the current one is among those searched). Swaps of one member miss the moves that make
    three or more groups better at once."""
    lengths = [len(g) for g in groups]
    if len(groups) < 2 or max(lengths) - min(lengths) > 1:
        return groups  # best_partition takes two adjacent sizes (never-pairs broke a group)
    everyone = np.arange(problem.n, dtype=np.int64)
    pair = problem.scores(np.repeat(everyone, problem.n), np.tile(everyone, problem.n))
    pair = np.maximum(pair.reshape(problem.n, problem.n), 0.0)
    settled: set[frozenset[tuple[int, ...]]] = set()  # neighbourhoods already at their best
    for _ in range(_POLISH_PASSES):
        improved = False
        for first in range(len(groups)):
            chosen = _neighbourhood(groups, first, pair)
            key = frozenset(tuple(sorted(groups[k])) for k in chosen)
            if key not in settled:
                if _regroup_exactly(problem, groups, chosen):
                    improved = True
                else:
                    settled.add(key)
        if not improved:
            break
    return groups


def _neighbourhood(groups: list[list[int]], first: int, pair: Floats) -> list[int]:
    """Group `first` and the groups with the most to gain from its members, as many as fit."""
    members = np.array(groups[first], dtype=np.int64)
    group_of = np.full(pair.shape[0], len(groups), dtype=np.int64)  # unplaced: one past
    for index, group in enumerate(groups):
        group_of[group] = index
    towards = pair[members].sum(axis=0)
    affinity = np.bincount(group_of, weights=towards, minlength=len(groups) + 1)[:-1]
    chosen, people = [first], len(groups[first])
    for other in np.argsort(-affinity, kind="stable").tolist():
        if other != first and people + len(groups[other]) <= POLISH_PEOPLE:
            chosen.append(other)
            people += len(groups[other])
    return chosen


def _regroup_exactly(problem: _Problem, groups: list[list[int]], chosen: list[int]) -> bool:
    """Replace the `chosen` groups by the best regrouping of their members, if it gains."""
    people = np.array(sorted(x for k in chosen for x in groups[k]), dtype=np.int64)
    sizes = sorted((len(groups[k]) for k in chosen), reverse=True)

    def values(rows: Ints) -> Floats:
        return _group_values(problem, people[rows])

    best = best_partition(people.size, sizes, values)
    if best is None or best[1] <= _total_value(problem, [groups[k] for k in chosen]) + 1e-6:
        return False  # (a margin: the two totals are summed in different orders)
    for k, group in zip(chosen, best[0], strict=True):
        groups[k] = [int(people[x]) for x in group]
    return True


def _total_value(problem: _Problem, groups: list[list[int]]) -> float:
    """The sum of `_group_values` over the groups."""
    total = 0.0
    for size in {len(g) for g in groups}:
        rows = np.array([g for g in groups if len(g) == size], dtype=np.int64)
        total += float(_group_values(problem, rows).sum())
    return total


def _group_facts(problem: _Problem, groups: list[list[int]]) -> tuple[Floats, list[int | None]]:
    """Each group's score, and how many rounds ago two of its members last met (or None)."""
    if not groups:
        return np.zeros(0, dtype=np.float64), []
    width = max(len(g) for g in groups)
    table = np.full((len(groups), width), -1, dtype=np.int64)
    for index, group in enumerate(groups):
        table[index, : len(group)] = group
    valid = table >= 0
    lengths = valid.sum(axis=1)
    scores = _pair_sums(problem, table, valid, exact=True) / np.maximum(lengths - 1, 1)
    latest: list[int | None] = [None] * len(groups)
    if problem.hist_keys.size and width >= MIN_GROUP_SIZE:
        a_idx, b_idx = np.triu_indices(width, 1)
        a, b = table[:, a_idx], table[:, b_idx]
        ok = valid[:, a_idx] & valid[:, b_idx]
        keys = problem.keys(np.where(ok, a, 0), np.where(ok, b, 0))
        pos = np.minimum(np.searchsorted(problem.hist_keys, keys), problem.hist_keys.size - 1)
        found = ok & (problem.hist_keys[pos] == keys)
        ago = np.where(found, problem.hist_ago[pos], np.iinfo(np.int64).max).min(axis=1)
        latest = [None if value == np.iinfo(np.int64).max else int(value) for value in ago.tolist()]
    return scores, latest


def _isolated(problem: _Problem) -> list[int]:
    """Members whose never-list covers everyone else taking part."""
    if problem.never_keys.size == 0:
        return []
    a, b = problem.never_keys // problem.n, problem.never_keys % problem.n
    counts = np.bincount(np.concatenate([a, b]), minlength=problem.n)
    return [int(i) for i in np.nonzero(counts >= problem.n - 1)[0]]


def problem_for(request: PairingRequest) -> _Problem:
    """The scored problem behind a request (for benchmarks that build their own graph)."""
    return _problem(request, _validate(request))


def from_mapping(data: Mapping[str, object]) -> PairingRequest:
    """A request from the JSON shape of `guildbot pair solve` (see the README)."""
    members = _members_from(data)
    size = data.get("group_size", 2)
    seed = data.get("seed", 0)
    if isinstance(size, bool) or not isinstance(size, int):
        raise PairingInputError('"group_size" must be a whole number')
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise PairingInputError('"seed" must be a whole number')
    on = _date_from(data["date"], '"date"') if "date" in data else None
    return PairingRequest(
        members,
        size,
        seed,
        _history_from(data),
        _never_from(data, {m.id for m in members}),
        _weights_from(data),
        on,
    )


def _date_from(value: object, name: str) -> date:
    """An ISO 8601 date (`date.fromisoformat`: 2026-11-05, 20261105, 2026-W45-4)."""
    if not isinstance(value, str):
        raise PairingInputError(f'{name} must be an ISO date such as "2026-11-05"')
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PairingInputError(f"{name}: {_quoted(value)} is not a date") from None


def _members_from(data: Mapping[str, object]) -> list[Candidate]:
    members_raw = data.get("members")
    if not isinstance(members_raw, list):
        raise PairingInputError('"members" must be a list of members')
    members: list[Candidate] = []
    for position, raw in enumerate(members_raw, 1):
        if not isinstance(raw, dict):
            raise PairingInputError(f"member #{position} must be an object")
        member_id = raw.get("id")
        if not isinstance(member_id, str | int) or isinstance(member_id, bool):
            raise PairingInputError(f'member #{position} needs a string "id"')
        skills = raw.get("skills") or []
        if not isinstance(skills, list) or not all(isinstance(s, str) for s in skills):
            raise PairingInputError(
                f'member {_quoted(member_id)}: "skills" must be a list of strings'
            )
        department = raw.get("department") or ""
        timezone = raw.get("timezone") or "UTC"
        if not isinstance(department, str) or not isinstance(timezone, str):
            raise PairingInputError(
                f'member {_quoted(member_id)}: "department" and "timezone" must be strings'
            )
        members.append(Candidate(str(member_id), department, timezone, frozenset(skills)))
    return members


def _history_from(data: Mapping[str, object]) -> list[PastRound]:
    history: list[PastRound] = []
    for position, raw in enumerate(_list(data, "history"), 1):
        if not isinstance(raw, dict) or not isinstance(raw.get("groups"), list):
            raise PairingInputError(f'history round #{position} needs "date" and "groups"')
        when = _date_from(raw.get("date"), f"history round #{position}: date")
        groups = tuple(tuple(str(x) for x in _ids(g, position)) for g in raw["groups"])
        history.append(PastRound(when, groups))
    return history


def _never_from(data: Mapping[str, object], known: set[str]) -> list[tuple[str, str]]:
    never: list[tuple[str, str]] = []
    for position, raw in enumerate(_list(data, "never"), 1):
        pair = _ids(raw, position)
        if len(pair) != MIN_GROUP_SIZE:
            raise PairingInputError(f"never pair #{position} must name two members")
        a, b = str(pair[0]), str(pair[1])
        for x in (a, b):
            if x not in known:
                raise PairingInputError(f"never pair #{position}: unknown member {_quoted(x)}")
        never.append((a, b))
    return never


def _weights_from(data: Mapping[str, object]) -> Weights:
    raw = data.get("weights", {})
    if not isinstance(raw, dict):
        raise PairingInputError('"weights" must be an object')
    values = _weights_dict(Weights())
    for key in values:
        if key in raw:
            value = raw[key]
            _check_weight(f'weight "{key}"', value)
            values[key] = float(value)
    return Weights(**values)


def _weights_dict(weights: Weights) -> dict[str, float]:
    return {
        "department": weights.department,
        "timezone": weights.timezone,
        "new": weights.new,
        "skills": weights.skills,
    }


def _list(data: Mapping[str, object], key: str) -> list[object]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise PairingInputError(f'"{key}" must be a list')
    return value


def _ids(value: object, position: int) -> list[str | int]:
    if not isinstance(value, list) or not all(
        isinstance(x, str | int) and not isinstance(x, bool) for x in value
    ):
        raise PairingInputError(f"entry #{position} must be a list of member ids")
    return list(value)


def to_mapping(pairing: Pairing, decimals: int = 3) -> dict[str, object]:
    """The JSON shape of `guildbot pair solve --json`."""
    return {
        "groups": [
            {"members": list(g.members), "score": round(g.score, decimals), "reason": g.reason}
            for g in pairing.groups
        ],
        "total": round(pairing.total, decimals),
        "unmatched": [{"id": u.id, "reason": u.reason} for u in pairing.unmatched],
    }
