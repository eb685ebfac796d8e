"""`guildbot eval routing`: replay a Q&A archive through the live ranker, with baselines.

The protocol (issue 5), exactly:

1. questions ordered by CreationDate, or by Id where the file has no dates;
2. only questions whose accepted answer exists and has an owner count; the first 80 % are
   train, the last 20 % test;
3. evidence = every answer (accepted or not) to a train question, dated at its question;
4. candidates = everyone who answered a train question, minus the test question's asker;
5. truth = the accepted answerer; a test question is scored only if the truth is a
   candidate; coverage = scored / test;
6. metrics over the full ranking: MRR, P@1, Hit@5, where ties count against the truth.

Where a file has no dates, its questions are dated one day apart in Id order, so that evidence
still ages (the router's half-life is counted in those days).

With ``validation`` the test period is left out altogether and the protocol runs on rolling
folds inside the training period: train on its first 50 %, validate on the next 10 %; train
on the first 60 %, validate on the next 10 %; … up to 90 % (five folds, results pooled). That
is where the router's defaults are tuned, so the test period (the last 20 % of the file) is
never looked at while choosing them; pooling five folds gives small files more questions.

The router calibrates itself as a deployment would (`matching.calibration.calibrate`): on
each split it fits its ranking model on that split's training questions only — rolling folds
nested inside them — and is then measured on the held-out questions, which the fit never saw.

Load is the share of all top-3 suggestions (over every test question) that go to the single
most-suggested member. The organisation's load re-ranking (weekly cap, near-tie spreading) is
replayed separately in time order and reported beside it. The router's MRR gets a bootstrap
95 % interval with a fixed seed, so every figure is the same run to run.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta

import numpy as np

from guildbot.app.evaluation.archive import Archive, Question
from guildbot.app.evaluation.chat_lines import CHAT_LINES
from guildbot.app.evaluation.similar import SimilarResult, format_line, measure
from guildbot.matching.calibration import Calibration, FitSettings, Resolution, calibrate
from guildbot.matching.experts import (
    Candidate,
    Evidence,
    EvidenceKind,
    ExpertIndex,
    MemberState,
    Query,
    RankerConfig,
    adjust,
)
from guildbot.matching.text import is_question, tokenize

TRAIN_SHARE = 0.8
BOOTSTRAP_SAMPLES = 2_000
BOOTSTRAP_SEED = 5
RRF_K = 60
BM25_K1 = 1.2
BM25_B = 0.75
UNDATED_START = datetime(2000, 1, 1, tzinfo=UTC)
ROUTER = "guildbot"
# (train up to, validate up to) as shares of the training period.
VALIDATION_FOLDS = ((0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.0))
BASELINES = ("most-accepted", "tag overlap", "bm25", "rrf")
# The organisation's load re-ranking is replayed with these weekly caps (3 is the default).
WEEKLY_CAPS = (3, 2, 1)
INVITED = 2  # the live flow's first wave
OPEN_FOR = timedelta(days=7)

Scorer = Callable[["TestQuestion", Sequence[int]], Sequence[float]]


@dataclass(frozen=True, slots=True)
class TestQuestion:
    """A held-out question: what it says, who asked, who really answered it."""

    text: str
    tags: tuple[str, ...]
    asker: int | None
    truth: int
    at: datetime


@dataclass
class MethodResult:
    """One method's figures on one file."""

    mrr: float
    p_at_1: float
    hit_at_5: float
    load: float


@dataclass
class FileResult:
    """Everything reported for one archive."""

    file: str
    questions: int  # with an accepted answer that has an owner
    train: int
    test: int
    scored: int
    coverage: float
    dated: bool
    validation: bool = False  # rolling folds inside the training period, pooled
    methods: dict[str, MethodResult] = field(default_factory=dict)
    mrr_ci95: tuple[float, float] = (0.0, 0.0)
    best_baseline: str = ""
    improvement: float = 0.0  # router MRR over the best baseline's, relative
    detector_recall: float = 0.0  # question titles recognised as questions
    detector_false_positives: float = 0.0  # share of ordinary chat lines taken for questions
    # Of everything the detector flags among the titles and the chat lines, the share that are
    # titles (real questions).
    detector_precision: float = 0.0
    # The router after the organisation's re-ranking, replayed in time order: weekly cap ->
    # figures (the top two are invited; unanswered invitations stay open for seven days).
    capped: dict[int, MethodResult] = field(default_factory=dict)
    model: list[str] = field(default_factory=list)  # what each split's calibration did
    model_weights: list[dict[str, float]] = field(default_factory=list)
    similar: SimilarResult | None = None  # the similar-questions step (not on validation)

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-ready values."""
        data = asdict(self)
        data["mrr_ci95"] = list(self.mrr_ci95)
        data["capped"] = {str(cap): asdict(f) for cap, f in self.capped.items()}
        return data


@dataclass
class _Split:
    evidence: list[Evidence]
    tests: list[TestQuestion]
    train: int
    questions: int
    dated: bool
    history: list[Resolution]  # the train questions, resolved: what the router fits on


def split(archive: Archive, fold: tuple[float, float] | None = None) -> _Split:
    """Steps 1-3 and 5 of the protocol: order, filter, split, evidence, test questions.

    With a `fold` (start, end), the test period is dropped first; questions in the first
    `start` share of the training period are train, those up to `end` are held out.
    """
    answers = {answer.id: answer for answer in archive.answers}
    by_question: dict[int, list[int]] = defaultdict(list)
    for answer in archive.answers:
        by_question[answer.parent_id].append(answer.id)
    usable = [
        q
        for q in archive.questions
        if q.accepted_answer_id is not None
        and q.accepted_answer_id in answers
        and answers[q.accepted_answer_id].owner is not None
    ]
    dated = bool(usable) and all(q.created is not None for q in usable)
    if dated:
        usable.sort(key=lambda q: (q.created or UNDATED_START, q.id))
    else:
        usable.sort(key=lambda q: q.id)
    when = {
        q.id: (q.created if dated and q.created else UNDATED_START + timedelta(days=i))
        for i, q in enumerate(usable)
    }
    if fold is None:
        cut = int(len(usable) * TRAIN_SHARE)
    else:
        period = int(len(usable) * TRAIN_SHARE)
        cut, end = int(period * fold[0]), int(period * fold[1])
        usable = usable[:end]
    evidence: list[Evidence] = []
    for question in usable[:cut]:
        for answer_id in sorted(by_question[question.id]):
            answer = answers[answer_id]
            if answer.owner is None:
                continue
            accepted = answer.id == question.accepted_answer_id
            evidence.append(
                Evidence(
                    member_id=answer.owner,
                    kind=EvidenceKind.ACCEPTED if accepted else EvidenceKind.ANSWERED,
                    at=when[question.id],
                    text=f"{_question_text(question)} {answer.body}",
                    tags=question.tags,
                    thread=question.id,
                )
            )
    history = [
        Resolution(
            Query(_question_text(q), q.tags, q.owner),
            answers[q.accepted_answer_id].owner or 0,
            when[q.id],
        )
        for q in usable[:cut]
        if q.accepted_answer_id is not None
    ]
    tests = []
    for question in usable[cut:]:
        assert question.accepted_answer_id is not None
        truth = answers[question.accepted_answer_id].owner
        assert truth is not None
        tests.append(
            TestQuestion(
                text=_question_text(question),
                tags=question.tags,
                asker=question.owner,
                truth=truth,
                at=when[question.id],
            )
        )
    return _Split(evidence, tests, cut, len(usable), dated, history)


def evaluate(
    archive: Archive,
    config: RankerConfig | None = None,
    validation: bool = False,
    fit_settings: FitSettings | None = None,
) -> FileResult:
    """Run the protocol on one archive: the router and every baseline.

    `validation` leaves the test period out and pools rolling folds inside the training
    period (`VALIDATION_FOLDS`), for tuning.
    """
    config = config or RankerConfig()
    splits = [split(archive, f) for f in VALIDATION_FOLDS] if validation else [split(archive)]
    tallies: dict[str, _Tally] = {name: _Tally() for name in (ROUTER, *BASELINES)}
    capped: dict[int, _Tally] = {cap: _Tally() for cap in WEEKLY_CAPS}
    calibrations: list[Calibration] = []
    tests = scored = 0
    for data in splits:
        # The router fits its weights on this split's training questions only: rolling
        # folds inside them, never the questions it is then measured on.
        calibration = calibrate(data.evidence, data.history, config, fit_settings)
        calibrations.append(calibration)
        index = ExpertIndex(replace(config, model=calibration.model))
        index.add_many(data.evidence)
        candidates = sorted(index.members())
        known = set(candidates)
        tests += len(data.tests)
        scored += sum(1 for t in data.tests if t.truth in known and t.truth != t.asker)

        def router(
            test: TestQuestion, members: Sequence[int], index: ExpertIndex = index
        ) -> list[float]:
            scores = index.scores(Query(test.text, test.tags, test.asker), test.at)
            return [scores.get(m, -math.inf) for m in members]

        methods: dict[str, Scorer] = {ROUTER: router, **_baselines(data.evidence, candidates)}
        for name, scorer in methods.items():
            _measure(scorer, data.tests, candidates, tallies[name])
        for cap, tally in capped.items():
            _measure_capped(index, data, replace(index.config, weekly_cap=cap), tally)
    last = splits[-1]
    result = FileResult(
        file=archive.name,
        questions=last.questions,
        train=splits[0].train,
        test=tests,
        scored=scored,
        coverage=scored / tests if tests else 0.0,
        dated=last.dated,
        validation=validation,
    )
    for name, tally in tallies.items():
        result.methods[name] = tally.figures()
    result.capped = {cap: tally.figures() for cap, tally in capped.items()}
    result.model = [c.reason for c in calibrations]
    result.model_weights = [dict(c.model.weights) for c in calibrations]
    result.mrr_ci95 = bootstrap_interval([1.0 / r for r in tallies[ROUTER].ranks])
    best = max(BASELINES, key=lambda n: (result.methods[n].mrr, n))
    result.best_baseline = best
    base = result.methods[best].mrr
    result.improvement = (result.methods[ROUTER].mrr / base - 1.0) if base > 0 else 0.0
    titles = [q.title for q in archive.questions if q.title]
    found = sum(map(is_question, titles))
    misread = sum(map(is_question, CHAT_LINES))
    result.detector_recall = found / len(titles) if titles else 0.0
    result.detector_false_positives = misread / len(CHAT_LINES)
    result.detector_precision = found / (found + misread) if found + misread else 0.0
    if not validation:
        result.similar = measure(archive)
    return result


@dataclass
class _Tally:
    """One method's ranks and top-3 suggestions, pooled over one or more splits."""

    ranks: list[int] = field(default_factory=list)
    top3: Counter[int] = field(default_factory=Counter)
    suggestions: int = 0

    def figures(self) -> MethodResult:
        ranks, n = self.ranks, len(self.ranks)
        load = self.top3.most_common(1)[0][1] / self.suggestions if self.suggestions else 0.0
        if n == 0:
            return MethodResult(0.0, 0.0, 0.0, load)
        return MethodResult(
            mrr=sum(1.0 / r for r in ranks) / n,
            p_at_1=sum(r == 1 for r in ranks) / n,
            hit_at_5=sum(r <= 5 for r in ranks) / n,
            load=load,
        )


def _measure(
    scorer: Scorer,
    tests: Sequence[TestQuestion],
    candidates: Sequence[int],
    tally: _Tally | None = None,
) -> tuple[MethodResult, list[int]]:
    tally = _Tally() if tally is None else tally
    first = len(tally.ranks)
    for test in tests:
        members = [m for m in candidates if m != test.asker]
        if not members:
            continue
        scores = np.asarray(scorer(test, members), dtype=np.float64)
        ids = np.asarray(members)
        order = np.lexsort((ids, -scores))[:3]
        tally.top3.update(int(ids[i]) for i in order)
        tally.suggestions += len(order)
        if test.truth == test.asker or test.truth not in set(members):
            continue
        truth_score = scores[members.index(test.truth)]
        # Ties count against the truth: every other member scoring as much ranks above it.
        tally.ranks.append(int(np.count_nonzero(scores >= truth_score)))
    return tally.figures(), tally.ranks[first:]


def _measure_capped(index: ExpertIndex, data: _Split, config: RankerConfig, tally: _Tally) -> None:
    """The router's ranking after the organisation's re-ranking (`adjust`: the weekly cap and
    near-tie spreading), replayed over the test questions in time order. The top `INVITED`
    of each question are invited; when its real answerer is among them the question is taken
    at once (and its invitations closed), otherwise they stay open for `OPEN_FOR`. A member
    over the cap is not dropped from the measure but ranked after everyone who is not."""
    invited: deque[tuple[datetime, int]] = deque()
    for test in data.tests:
        while invited and invited[0][0] <= test.at - OPEN_FOR:
            invited.popleft()
        open_requests = Counter(member for _, member in invited)
        ranked = index.candidates(Query(test.text, test.tags, test.asker), test.at)
        if not ranked:
            continue
        states = {
            c.member_id: MemberState(c.member_id, open_requests=open_requests[c.member_id])
            for c in ranked
        }
        kept = adjust(ranked, states, None, config)
        held = {c.member_id for c in kept}
        order: list[Candidate] = kept + [c for c in ranked if c.member_id not in held]
        asked = [c.member_id for c in order[:INVITED]]
        if test.truth not in asked:
            # Nobody asked takes it: their invitations stay open (the question waits for an
            # escalation). Had its answerer been asked, it would be taken at once, and every
            # invitation for it closed.
            invited.extend((test.at, member) for member in asked)
        tally.top3.update(c.member_id for c in order[:3])
        tally.suggestions += min(3, len(order))
        if test.truth == test.asker:
            continue
        position = next((i for i, c in enumerate(order) if c.member_id == test.truth), None)
        if position is None:
            continue
        truth = order[position]
        # Ties count against the truth, as in `_measure`.
        if truth.member_id in held:
            ties = sum(1 for c in kept if c.score >= truth.score)
        else:
            ties = len(kept) + sum(1 for c in order[len(kept) :] if c.score >= truth.score)
        tally.ranks.append(ties)


def bootstrap_interval(values: Sequence[float]) -> tuple[float, float]:
    """95 % percentile bootstrap interval of the mean, with a fixed seed."""
    if not values:
        return (0.0, 0.0)
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    data = np.asarray(values, dtype=np.float64)
    means = data[rng.integers(0, len(data), size=(BOOTSTRAP_SAMPLES, len(data)))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return (float(low), float(high))


# -- baselines ----------------------------------------------------------------------------


def _baselines(evidence: Sequence[Evidence], candidates: Sequence[int]) -> dict[str, Scorer]:
    accepted: Counter[int] = Counter()
    answers: Counter[int] = Counter()
    tags: dict[int, Counter[str]] = defaultdict(Counter)
    documents: dict[int, Counter[str]] = defaultdict(Counter)
    for item in evidence:
        answers[item.member_id] += 1
        if item.kind is EvidenceKind.ACCEPTED:
            accepted[item.member_id] += 1
        tags[item.member_id].update(item.tags)
        documents[item.member_id].update(tokenize(item.text))
    bm25 = _Bm25(documents)
    # Who holds each tag, and how often: a question's tag overlap touches only them.
    holders: dict[str, dict[int, int]] = defaultdict(dict)
    for member, counts in tags.items():
        for tag, count in counts.items():
            holders[tag][member] = count

    def most_accepted(test: TestQuestion, members: Sequence[int]) -> list[float]:
        return [float(accepted[m]) for m in members]

    def tag_overlap(test: TestQuestion, members: Sequence[int]) -> list[float]:
        totals: Counter[int] = Counter()
        for tag in test.tags:
            totals.update(holders.get(tag, {}))
        return [float(totals[m]) for m in members]

    def lexical(test: TestQuestion, members: Sequence[int]) -> list[float]:
        return bm25.scores(tokenize(test.text), members)

    def activity(test: TestQuestion, members: Sequence[int]) -> list[float]:
        return [float(answers[m]) for m in members]

    def fusion(test: TestQuestion, members: Sequence[int]) -> list[float]:
        return reciprocal_rank_fusion(
            [f(test, members) for f in (tag_overlap, lexical, activity)], members
        )

    return {
        "most-accepted": most_accepted,
        "tag overlap": tag_overlap,
        "bm25": lexical,
        "rrf": fusion,
    }


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[float]], members: Sequence[int], k: int = RRF_K
) -> list[float]:
    """Σ 1/(k + rank) over several score lists (ties broken by member id, reproducibly)."""
    fused = np.zeros(len(members))
    ids = np.asarray(members)
    for scores in rankings:
        order = np.lexsort((ids, -np.asarray(scores, dtype=np.float64)))
        fused[order] += 1.0 / (k + np.arange(1, len(members) + 1))
    return [float(v) for v in fused]


class _Bm25:
    """Okapi BM25 (k1 1.2, b 0.75) over one document per candidate.

    Scores are accumulated term by term over each term's holders only, in the order a
    per-member loop would add them, so the figures are the textbook loop's to the last bit.
    """

    def __init__(self, documents: Mapping[int, Counter[str]]) -> None:
        self.documents = documents
        self.lengths = {m: sum(d.values()) for m, d in documents.items()}
        self.average = sum(self.lengths.values()) / max(1, len(documents))
        frequency: Counter[str] = Counter()
        for document in documents.values():
            frequency.update(document.keys())
        n = len(documents)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in frequency.items()}
        self.postings: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for member, document in documents.items():
            for term, tf in document.items():
                holders, tfs = self.postings[term]
                holders.append(member)
                tfs.append(tf)
        self.norm = {
            m: BM25_K1 * (1 - BM25_B + BM25_B * length / self.average)
            for m, length in self.lengths.items()
        }

    def scores(self, query: Sequence[str], members: Sequence[int]) -> list[float]:
        terms = [t for t in set(query) if t in self.idf]
        totals: dict[int, float] = {}
        for term in terms:
            idf = self.idf[term]
            holders, tfs = self.postings[term]
            for member, tf in zip(holders, tfs, strict=True):
                totals[member] = totals.get(member, 0.0) + idf * tf * (BM25_K1 + 1) / (
                    tf + self.norm[member]
                )
        return [totals.get(member, 0.0) for member in members]


def _question_text(question: Question) -> str:
    return f"{question.title} {question.body}"


# -- report -------------------------------------------------------------------------------


def format_table(result: FileResult) -> str:
    """The plain-text report for one file."""
    if result.validation:
        head = (
            f"{result.file}: VALIDATION, the test period left out: {result.questions} "
            f"questions in the training period, {len(VALIDATION_FOLDS)} rolling folds "
            f"(train on its first {result.train} or more, validate on the next 10 %), "
            f"{result.test} held out, {result.scored} scored (coverage {result.coverage:.1%})"
        )
    else:
        head = (
            f"{result.file}: {result.questions} questions with an accepted answer, "
            f"{result.train} train, {result.test} test, {result.scored} scored "
            f"(coverage {result.coverage:.1%})"
        )
    lines = [
        head + ("" if result.dated else "; no dates: Id order"),
        f"  {'method':<14} {'MRR':>6} {'P@1':>6} {'Hit@5':>6} {'load':>6}",
    ]
    for name, figures in result.methods.items():
        lines.append(
            f"  {name:<14} {figures.mrr:6.3f} {figures.p_at_1:6.3f} "
            f"{figures.hit_at_5:6.3f} {figures.load:6.3f}"
        )
    low, high = result.mrr_ci95
    lines.append(
        f"  router MRR 95% CI [{low:.3f}, {high:.3f}]; vs best baseline "
        f"({result.best_baseline}) {result.improvement:+.1%}"
    )
    if result.capped:
        lines.append(
            "  after the load re-ranking (top two invited; unanswered, open a week): "
            + "; ".join(
                f"weekly cap {cap}: MRR {f.mrr:.3f}, load {f.load:.3f}"
                for cap, f in result.capped.items()
            )
        )
    for reason in dict.fromkeys(result.model):
        lines.append(f"  ranking model: {reason}")
    lines.append(
        f"  question detector: recall {result.detector_recall:.1%} of titles, "
        f"{result.detector_false_positives:.1%} of {len(CHAT_LINES)} chat lines misread, "
        f"precision {result.detector_precision:.1%}"
    )
    if result.similar is not None:
        lines.append(format_line(result.similar))
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Pooled:
    """The router and the best baselines over several files, weighted by scored questions."""

    files: int
    scored: int
    router: float
    best_baselines: float  # each file's own best baseline
    best_single: str  # the one baseline best over all files
    best_single_mrr: float
    load_ok: bool  # the router's load at most most-accepted's on every file

    @property
    def ratio(self) -> float:
        """Router MRR over the pooled best baselines'."""
        return self.router / self.best_baselines if self.best_baselines > 0 else 0.0


def pooled(results: Sequence[FileResult]) -> Pooled:
    """Pool files' figures, each file weighted by its scored questions."""
    scored = sum(r.scored for r in results)
    weight = max(1, scored)
    router = sum(r.methods[ROUTER].mrr * r.scored for r in results) / weight
    best = sum(r.methods[r.best_baseline].mrr * r.scored for r in results) / weight
    single = {
        name: sum(r.methods[name].mrr * r.scored for r in results) / weight for name in BASELINES
    }
    top = max(BASELINES, key=lambda n: (single[n], n))
    load_ok = all(
        r.methods[ROUTER].load <= r.methods["most-accepted"].load + 1e-12 for r in results
    )
    return Pooled(len(results), scored, router, best, top, single[top], load_ok)


def format_pooled(summary: Pooled) -> str:
    """The pooled line."""
    return (
        f"pooled over {summary.files} files ({summary.scored} scored questions): router MRR "
        f"{summary.router:.3f}, each file's best baseline {summary.best_baselines:.3f} "
        f"(x{summary.ratio:.2f}), best single baseline {summary.best_single} "
        f"{summary.best_single_mrr:.3f}; router load at most most-accepted's on every file: "
        f"{'yes' if summary.load_ok else 'no'}"
    )
