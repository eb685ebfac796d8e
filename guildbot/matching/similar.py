"""Similar questions: earlier resolved questions that may already answer a new one.

Each question is a TF-IDF vector (sublinear term frequency, smoothed inverse document
frequency, L2-normalised) over its content tokens and its tags (a tag counts as
`TAG_WEIGHT` occurrences of a token of its own). The similarity of two questions is the
cosine of their vectors — a number from 0 to 1 that means the same on a small community and
a large one, so one threshold serves every deployment. Only earlier questions at or above
`threshold` are offered, best first; and no more than `limit`.

Why not the routing index's BM25: BM25 scores are unbounded and depend on the collection's
size, so "near-duplicate" has no fixed line in them; the cosine does. Why not embeddings:
nothing may be downloaded at run time. Pure: no I/O.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from guildbot.matching.text import tokenize

TAG_WEIGHT = 1
# Chosen on the dev archives (see `guildbot eval routing`'s similar-questions line and the
# labelled sample in docs/similar-questions-labels.csv): below it, few offers answer it.
DEFAULT_THRESHOLD = 0.45
DEFAULT_LIMIT = 3
# Questions with fewer content tokens than this are too short to judge alike.
MIN_TOKENS = 3


@dataclass(frozen=True, slots=True)
class Match:
    """An earlier question like the new one, and how alike (cosine, 0-1)."""

    key: int
    similarity: float


def terms(text: str, tags: Iterable[str] = ()) -> Counter[str]:
    """The question's terms and counts: content tokens, and each tag as its own term."""
    counts = Counter(tokenize(text))
    for tag in tags:
        counts[f"#{tag.casefold()}"] += TAG_WEIGHT
    return counts


class SimilarQuestions:
    """Earlier questions by key, searchable by likeness. Add and remove one at a time;
    inverse document frequencies follow the collection as it is."""

    def __init__(self) -> None:
        self._terms: dict[int, Counter[str]] = {}
        self._postings: defaultdict[str, set[int]] = defaultdict(set)
        self._norms: dict[int, float] | None = None  # None: to be computed at the next search

    def __len__(self) -> int:
        return len(self._terms)

    def __contains__(self, key: int) -> bool:
        return key in self._terms

    def add(self, key: int, text: str, tags: Sequence[str] = ()) -> None:
        """Add (or replace) a question."""
        self.remove(key)
        counts = terms(text, tags)
        if sum(counts.values()) < MIN_TOKENS:
            return
        self._terms[key] = counts
        self._norms = None
        for term in counts:
            self._postings[term].add(key)

    def remove(self, key: int) -> None:
        """Forget a question (erased, or no longer resolved)."""
        counts = self._terms.pop(key, None)
        if counts is None:
            return
        self._norms = None
        for term in counts:
            holders = self._postings[term]
            holders.discard(key)
            if not holders:
                del self._postings[term]

    def similar(
        self,
        text: str,
        tags: Sequence[str] = (),
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = DEFAULT_LIMIT,
        exclude: Iterable[int] = (),
    ) -> list[Match]:
        """The earlier questions at least `threshold` alike, best first (ties: older key
        first), at most `limit`."""
        query = terms(text, tags)
        if sum(query.values()) < MIN_TOKENS or not self._terms:
            return []
        left_out = set(exclude)
        if self._norms is None:
            self._norms = {key: self._norm(key) for key in self._terms}
        norms = self._norms
        query_vector = self._vector(query)
        scores: defaultdict[int, float] = defaultdict(float)
        for term, weight in query_vector.items():
            for key in self._postings.get(term, ()):
                if key not in left_out:
                    scores[key] += weight * self._weight(key, term)
        matches = [
            Match(key, min(1.0, score / norms[key])) for key, score in scores.items() if score > 0
        ]
        found = [m for m in matches if m.similarity >= threshold]
        found.sort(key=lambda m: (-m.similarity, m.key))
        return found[:limit]

    # -- weights ----------------------------------------------------------------------------

    def _idf(self, term: str) -> float:
        # Smoothed: a term in every question still weighs a little; one in none weighs most.
        n = len(self._terms)
        return math.log((1 + n) / (1 + len(self._postings.get(term, ())))) + 1.0

    def _weight(self, key: int, term: str) -> float:
        return (1.0 + math.log(self._terms[key][term])) * self._idf(term)

    def _norm(self, key: int) -> float:
        # Recomputed for all after any change: idf moves with every question added.
        return math.sqrt(sum(self._weight(key, t) ** 2 for t in self._terms[key])) or 1.0

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        raw = {t: (1.0 + math.log(c)) * self._idf(t) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {t: v / norm for t, v in raw.items()}
