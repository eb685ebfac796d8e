"""Expert routing speed: index build, ranking latency, incremental updates, memory.

Two synthetic organisations — 10,000 members x 50 evidence items and 100,000 members x 20 —
each member with a few topics drawn from a Zipf-distributed vocabulary, like real Q&A text.
Each size runs in its own process, so its peak RSS is its own. In the 10k run, rank-bm25's
BM25Okapi scores the same corpus (one document per member, as its API expects) for the same
queries, for comparison.

    .venv/bin/python benchmarks/routing.py            # both sizes, then the fit at 100k
    .venv/bin/python benchmarks/routing.py --members 10000 --items 50
    .venv/bin/python benchmarks/routing.py --fit --members 100000 --items 20

Targets (issue 5): ranking p50 <= 10 ms at 10k and <= 50 ms at 100k, an update <= 1 ms, peak
RSS <= 1.5 GB at 100k, and Guildbot >= 10x faster per query than BM25Okapi at 10k. Issue 15
adds the time to fit the ranking model (`matching.calibration.calibrate`) on such a history:
every item is evidence, and 2,000 of them are also resolved questions (a question on the
member's topic, asked by someone else), so the fit scores its most recent examples on rolling
folds against an index it builds in one pass.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import numpy as np
from rank_bm25 import BM25Okapi

from guildbot.matching.calibration import FitSettings, Resolution, calibrate, describe
from guildbot.matching.experts import (
    Evidence,
    EvidenceKind,
    ExpertIndex,
    MemberState,
    Query,
)
from guildbot.matching.text import tokenize

NOW = datetime(2026, 11, 2, tzinfo=UTC)
VOCABULARY = 30_000
TOPICS = 400
WORDS_PER_TOPIC = 60
TAGS = 600
QUERIES = 200
UPDATES = 2_000
RESOLUTIONS = 2_000


class Organisation:
    """A reproducible synthetic organisation."""

    def __init__(self, members: int, items: int, seed: int = 7) -> None:
        self.rng = np.random.default_rng(seed)
        self.members = members
        self.items = items
        self.words = np.array([_word(i) for i in range(VOCABULARY)])
        ranks = np.arange(1, VOCABULARY + 1)
        self.zipf = (1.0 / ranks) / (1.0 / ranks).sum()
        self.topic_words = self.rng.choice(
            VOCABULARY, size=(TOPICS, WORDS_PER_TOPIC), replace=True, p=self.zipf
        )
        self.topic_tags = self.rng.integers(0, TAGS, size=(TOPICS, 3))
        self.member_topics = self.rng.integers(0, TOPICS, size=(members, 3))

    def text(self, topic: int, length: int = 14) -> str:
        local = self.rng.choice(self.topic_words[topic], size=length // 2)
        common = self.rng.choice(VOCABULARY, size=length - length // 2, p=self.zipf)
        return " ".join(self.words[np.concatenate([local, common])])

    def evidence(self, chunk_members: int = 5_000) -> Iterator[Evidence]:
        """Every member's items, generated in vectorised chunks and never all held at once."""
        for first in range(0, self.members, chunk_members):
            yield from self._chunk(first, min(first + chunk_members, self.members))

    def _chunk(self, first: int, last: int) -> list[Evidence]:
        count = (last - first) * self.items
        length = 14
        owners = np.repeat(np.arange(first, last), self.items)
        topics = self.member_topics[owners, self.rng.integers(0, 3, size=count)]
        local = self.topic_words[
            topics[:, None], self.rng.integers(0, WORDS_PER_TOPIC, size=(count, length // 2))
        ]
        common = self.rng.choice(VOCABULARY, size=(count, length - length // 2), p=self.zipf)
        words = self.words[np.concatenate([local, common], axis=1)]
        tags = self.topic_tags[topics, self.rng.integers(0, 3, size=count)]
        kinds = (EvidenceKind.ANSWERED, EvidenceKind.ACCEPTED, EvidenceKind.THANKS)
        kind_of = self.rng.integers(0, 3, size=count)
        ages = self.rng.uniform(0, 1000, size=count)
        return [
            Evidence(
                member_id=int(owners[i]) + 1,
                kind=kinds[kind_of[i]],
                at=NOW - timedelta(days=float(ages[i])),
                text=" ".join(words[i]),
                tags=(f"tag{tags[i]}",),
            )
            for i in range(count)
        ]

    def query(self) -> Query:
        topic = int(self.rng.integers(0, TOPICS))
        return Query(
            self.text(topic, 12),
            tags=(f"tag{self.topic_tags[topic][0]}",),
            asker_id=int(self.rng.integers(1, self.members + 1)),
        )


def _word(i: int) -> str:
    letters = "bcdfghjklmnprstvz"
    vowels = "aeiou"
    out = []
    i += 1
    while i:
        i, r = divmod(i, len(letters) * len(vowels))
        out.append(letters[r % len(letters)] + vowels[r // len(letters)])
    return "".join(out) + "x"


def _ms(seconds: list[float], q: float) -> float:
    return float(np.percentile(np.array(seconds) * 1000, q))


def run_size(members: int, items: int, compare: bool) -> None:
    org = Organisation(members, items)
    index = ExpertIndex()
    generated = build = 0.0
    stream = org.evidence()
    while True:
        started = time.perf_counter()
        chunk = list(itertools.islice(stream, 50_000))
        generated += time.perf_counter() - started
        if not chunk:
            break
        started = time.perf_counter()
        index.add_many(chunk)
        build += time.perf_counter() - started
    del chunk
    started = time.perf_counter()
    index.warm()
    warm = time.perf_counter() - started
    states = {m: MemberState(m, department_id=m % 40) for m in range(1, members + 1)}
    queries = [org.query() for _ in range(QUERIES)]
    index.rank(queries[0], NOW, states=states)  # warm-up
    ranking: list[float] = []
    scoring: list[float] = []
    for query in queries:
        started = time.perf_counter()
        index.rank(query, NOW, states=states, asker_department=3, limit=5)
        ranking.append(time.perf_counter() - started)
        started = time.perf_counter()
        index.candidates(query, NOW, limit=50)
        scoring.append(time.perf_counter() - started)
    updates: list[float] = []
    fresh = list(itertools.islice(Organisation(members, 1, seed=11).evidence(), UPDATES))
    for item in fresh:
        started = time.perf_counter()
        index.add(item)
        updates.append(time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{members:>7,} members x {items} items = {members * items:>9,} evidence: "
        f"generated in {generated:.1f} s, index built in {build:.1f} s "
        f"({members * items / build:,.0f} items/s), term weights prepared in {warm:.1f} s"
    )
    print(
        f"  rank (top 5, organisation rules, reasons): p50 {_ms(ranking, 50):.2f} ms, "
        f"p95 {_ms(ranking, 95):.2f} ms; relevance only (top 50): p50 {_ms(scoring, 50):.2f} ms"
    )
    print(
        f"  incremental update: p50 {_ms(updates, 50) * 1000:.0f} µs, "
        f"p99 {_ms(updates, 99) * 1000:.0f} µs, max {max(updates) * 1e3:.2f} ms"
    )
    print(f"  peak RSS {peak_mb:,.0f} MB")
    if compare:
        # The same corpus again (same seed), as one document per member for BM25Okapi.
        _compare_rank_bm25(
            Organisation(members, items).evidence(), queries, statistics.median(ranking)
        )


def _compare_rank_bm25(
    evidence: Iterator[Evidence], queries: list[Query], guildbot_p50: float
) -> None:
    documents: dict[int, list[str]] = {}
    for item in evidence:
        documents.setdefault(item.member_id, []).extend(tokenize(item.text))
    started = time.perf_counter()
    bm25 = BM25Okapi(list(documents.values()), k1=1.2, b=0.75)
    build = time.perf_counter() - started
    timings: list[float] = []
    for query in queries[:50]:
        tokens = tokenize(query.text)
        started = time.perf_counter()
        bm25.get_scores(tokens)
        timings.append(time.perf_counter() - started)
    p50 = statistics.median(timings)
    print(
        f"  rank-bm25 BM25Okapi on the same {len(documents):,} member documents: built in "
        f"{build:.1f} s, get_scores p50 {p50 * 1000:.1f} ms -> Guildbot's full ranking is "
        f"{p50 / guildbot_p50:.1f}x faster per query"
    )


def run_fit(members: int, items: int) -> None:
    """Time `calibrate` on the whole organisation's evidence with `RESOLUTIONS` resolved
    questions among it (the accepted items, spread over the history)."""
    org = Organisation(members, items)
    started = time.perf_counter()
    evidence = list(org.evidence())
    generated = time.perf_counter() - started
    rng = np.random.default_rng(3)
    accepted = [i for i, e in enumerate(evidence) if e.kind is EvidenceKind.ACCEPTED]
    chosen = sorted(rng.choice(len(accepted), size=RESOLUTIONS, replace=False).tolist())
    resolutions = []
    for position in chosen:
        item = evidence[accepted[position]]
        asker = int(rng.integers(1, members + 1))
        resolutions.append(Resolution(Query(item.text, item.tags, asker), item.member_id, item.at))
    settings = FitSettings()
    started = time.perf_counter()
    calibration = calibrate(evidence, resolutions, settings=settings)
    fitted = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{members:>7,} members x {items} items, {RESOLUTIONS:,} resolved questions: fitted in "
        f"{fitted:.1f} s ({calibration.examples} examples, at most {settings.max_examples}; "
        f"evidence generated in {generated:.1f} s); peak RSS {peak_mb:,.0f} MB"
    )
    print(f"  {describe(calibration.model)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int)
    parser.add_argument("--items", type=int)
    parser.add_argument("--fit", action="store_true", help="time the model fit instead")
    args = parser.parse_args()
    if args.fit:
        run_fit(args.members or 100_000, args.items or 20)
        return 0
    if args.members:
        run_size(args.members, args.items or 20, compare=args.members <= 10_000)
        return 0
    for members, items in ((10_000, 50), (100_000, 20)):
        # A process per size, so each peak RSS is that size's own.
        subprocess.run(
            [sys.executable, __file__, "--members", str(members), "--items", str(items)],
            check=True,
        )
    subprocess.run(
        [sys.executable, __file__, "--fit", "--members", "100000", "--items", "20"], check=True
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
