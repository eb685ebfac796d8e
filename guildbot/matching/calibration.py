"""Self-calibration: fit the ranker's weights from the deployment's own resolved questions.

The history is what a deployment already stores: dated evidence (`Evidence`) and the
questions that were resolved, with who resolved them (`Resolution`). `calibrate` turns it into
training examples on rolling folds *inside* the history — the index is built from the
evidence before a cut, and the questions asked after it (up to the next cut) are scored
against it, exactly as a question is routed — and fits a `RankingModel` on them.

The model is a conditional logit (a listwise softmax): for each resolved question, the chance
that candidate *m* is its resolver is ``exp(w·x_m) / Σ_j exp(w·x_j)`` over the candidates'
features (`FEATURES`). Fitting maximises that likelihood with an L2 penalty (``l2/2 · |w|²``):
convex, so one answer for one history whatever the start; deterministic; a few hundred
questions fit in well under a second; and the penalty is what keeps a small history from
over-fitting. Why not gradient-boosted trees (LightGBM LambdaRank): with tens to a few
hundred resolved questions per community there is too little to grow trees on, a linear model
over scale-free features transfers across time, its weights can be shown in `routing status`,
and it needs nothing beyond numpy and scipy.

Below `FitSettings.min_examples` scored examples the fit is not trusted and `PRIOR_MODEL`
is used. Pure: plain values in, plain values out (no clock, no I/O).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import numpy as np
import numpy.typing as npt
from scipy.optimize import minimize

from guildbot.matching.experts import (
    FEATURES,
    PRIOR_MODEL,
    Evidence,
    ExpertIndex,
    Query,
    RankerConfig,
    RankingModel,
)

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Resolution:
    """A resolved question: what was asked (and by whom), when it was asked, who resolved it."""

    query: Query
    resolver: int
    at: datetime


@dataclass(frozen=True, slots=True)
class FitSettings:
    """How the history is split and the model fitted. The defaults were chosen on validation
    folds inside the training periods of five Stack Exchange archives (never their test
    periods); `guildbot eval routing` reports what they give."""

    # Fold cuts as shares of the resolved questions: the index holds the evidence before
    # a cut, and the questions up to the next cut (the last: the end) are the examples.
    folds: tuple[float, ...] = (0.5, 0.6, 0.7, 0.8, 0.9)
    # Fewer scored examples than this and the prior is used. On validation (the last n
    # examples of each fold's history), a fit on 5 examples beat the prior on two archives of
    # five, on 10 on four (all but physics, whose history is never that short), on 80 on all.
    min_examples: int = 10
    # Only the most recent examples are scored: beyond 300 the validation MRR stopped moving.
    max_examples: int = 600
    l2: float = 10.0  # the penalty's strength (validated among 1, 3, 10, 30 and 100)
    # Each example keeps its resolver, the best few candidates by every feature and a
    # seeded random sample of the others: the softmax over them is nearly the full one.
    top_per_feature: int = 30
    random_candidates: int = 100
    seed: int = 15
    # Refit when the model is this old, or this many resolutions came since.
    refit_after: timedelta = timedelta(days=1)
    refit_every: int = 25


@dataclass(frozen=True, slots=True)
class Example:
    """One resolved question as the fit sees it: candidates' features and which is the
    resolver."""

    matrix: FloatArray  # candidates x FEATURES
    truth: int


@dataclass(frozen=True, slots=True)
class Calibration:
    """What `calibrate` decided, and why."""

    model: RankingModel
    examples: int  # scored examples found in the history
    resolutions: int  # resolved questions in the history
    reason: str


def calibrate(
    evidence: Iterable[Evidence],
    resolutions: Sequence[Resolution],
    config: RankerConfig | None = None,
    settings: FitSettings | None = None,
    prior: RankingModel = PRIOR_MODEL,
) -> Calibration:
    """Fit the ranking model on the history; the prior if the history is too small."""
    settings = settings or FitSettings()
    found = examples_from_history(evidence, resolutions, config, settings)
    ordered = sorted(r.at for r in resolutions)
    end = _aware(ordered[-1]) if ordered else None
    if len(found) < settings.min_examples:
        model = replace(prior, source="prior", examples=len(found), history=len(resolutions))
        reason = (
            f"prior: {len(found)} usable resolved questions in the history, "
            f"{settings.min_examples} needed to fit"
        )
        return Calibration(model, len(found), len(resolutions), reason)
    weights = fit_weights(found, settings.l2)
    model = RankingModel(
        weights=dict(zip(FEATURES, (float(w) for w in weights), strict=True)),
        source="fitted",
        examples=len(found),
        history=len(resolutions),
        fitted_at=end,
    )
    reason = (
        f"fitted on {len(found)} resolved questions ({len(settings.folds)} rolling folds "
        f"inside a history of {len(resolutions)})"
    )
    return Calibration(model, len(found), len(resolutions), reason)


def examples_from_history(
    evidence: Iterable[Evidence],
    resolutions: Sequence[Resolution],
    config: RankerConfig | None = None,
    settings: FitSettings | None = None,
) -> list[Example]:
    """Training examples on rolling folds inside the history, in one pass.

    Evidence is added in date order; at each fold's cut (the time its first question was
    asked) the questions of that fold are scored against the index as it is, so no example
    sees evidence from its own time or later. A question whose resolver has no evidence yet,
    or who asked it, is no example (nobody could have ranked them).
    """
    settings = settings or FitSettings()
    config = config or RankerConfig()
    ordered = sorted(enumerate(resolutions), key=lambda p: (_aware(p[1].at), p[0]))
    questions = [r for _, r in ordered]
    n = len(questions)
    cuts = sorted({min(n, max(0, int(n * share))) for share in settings.folds})
    bounds = [(a, b) for a, b in zip(cuts, [*cuts[1:], n], strict=True) if b > a]
    if not bounds:
        return []
    first = max(bounds[0][0], n - settings.max_examples)
    # A total order, so the same history gives the same index (and fit) however it is listed.
    items = sorted(
        evidence,
        key=lambda e: (
            _aware(e.at),
            e.member_id,
            e.kind.value,
            -1 if e.thread is None else e.thread,
            e.text,
            e.tags,
            -1.0 if e.weight is None else e.weight,
        ),
    )
    index = ExpertIndex(replace(config, model=PRIOR_MODEL))
    added = 0
    out: list[Example] = []
    for start, stop in bounds:
        if stop <= first:
            continue
        cut = _aware(questions[start].at)
        while added < len(items) and _aware(items[added].at) < cut:
            index.add(items[added])
            added += 1
        for position in range(max(start, first), stop):
            example = _example(index, questions[position], settings, position)
            if example is not None:
                out.append(example)
    return out


def _example(
    index: ExpertIndex, question: Resolution, settings: FitSettings, position: int
) -> Example | None:
    asker = question.query.asker_id
    if question.resolver == asker or index.evidence_count(question.resolver) == 0:
        return None
    rows = index.features(question.query, question.at)
    members = np.asarray(rows.members, dtype=np.int64)
    keep = members != (asker if asker is not None else -1)
    members, matrix = members[keep], rows.matrix[keep]
    truth = np.flatnonzero(members == question.resolver)
    if len(truth) != 1 or len(members) < 2:
        return None
    chosen = sample_candidates(matrix, int(truth[0]), settings, position)
    return Example(matrix[chosen], int(np.flatnonzero(chosen == truth[0])[0]))


def sample_candidates(
    matrix: FloatArray, truth: int, settings: FitSettings, position: int
) -> npt.NDArray[np.intp]:
    """The resolver, the best candidates by each feature and a seeded random sample."""
    n = len(matrix)
    if n <= settings.random_candidates + settings.top_per_feature:
        return np.arange(n)
    chosen = {truth}
    k = min(settings.top_per_feature, n - 1)
    for column in matrix.T:
        chosen.update(np.argpartition(-column, k)[:k].tolist())
    rng = np.random.default_rng([settings.seed, position])
    chosen.update(rng.choice(n, size=settings.random_candidates, replace=False).tolist())
    return np.asarray(sorted(chosen), dtype=np.intp)


def fit_weights(examples: Sequence[Example], l2: float) -> FloatArray:
    """Weights maximising the examples' softmax likelihood minus ``l2/2 · |w|²``."""
    matrix = np.vstack([e.matrix for e in examples])
    sizes = np.asarray([len(e.matrix) for e in examples])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    truths = starts + np.asarray([e.truth for e in examples])
    chosen = matrix[truths].sum(axis=0)
    segment = np.repeat(np.arange(len(examples)), sizes)

    def objective(w: FloatArray) -> tuple[float, FloatArray]:
        scores = matrix @ w
        top = np.maximum.reduceat(scores, starts)
        exp = np.exp(scores - top[segment])
        total = np.add.reduceat(exp, starts)
        loss = float(np.sum(np.log(total) + top) - scores[truths].sum())
        share = exp / total[segment]
        gradient = matrix.T @ share - chosen
        return loss + 0.5 * l2 * float(w @ w), gradient + l2 * w

    start = np.zeros(matrix.shape[1])
    result = minimize(objective, start, jac=True, method="L-BFGS-B", options={"maxiter": 1000})
    weights = np.asarray(result.x, dtype=np.float64)
    if not np.all(np.isfinite(weights)):
        return start
    return weights


def needs_refit(
    model: RankingModel,
    resolutions: int,
    newest: datetime | None,
    now: datetime,
    settings: FitSettings | None = None,
) -> bool:
    """Whether to refit now: never fitted, `refit_every` resolutions since the fit, or a fit
    older than `refit_after` with something new since.

    `resolutions` is how many resolved questions the history holds now; `newest` when the
    latest was asked (None: none yet).
    """
    settings = settings or FitSettings()
    if resolutions == 0:
        return False
    if model.fitted_at is None:
        # The prior: worth another look once enough has been resolved to fit at all.
        return model.history == 0 or resolutions - model.history >= settings.refit_every
    if resolutions - model.history >= settings.refit_every:
        return True
    fresh = newest is not None and _aware(newest) > model.fitted_at
    return fresh and _aware(now) - model.fitted_at >= settings.refit_after


def describe(model: RankingModel, top: int = 6) -> str:
    """One paragraph for `routing status`: where the weights come from and the largest."""
    head = (
        f"fitted on {model.examples} resolved questions of {model.history}"
        + (f", up to {model.fitted_at:%Y-%m-%d %H:%M} UTC" if model.fitted_at else "")
        if model.source == "fitted"
        else "prior weights (too few resolved questions to fit"
        + (f": {model.examples} usable of {model.history})" if model.history else ")")
    )
    ranked = sorted(
        ((name, w) for name, w in model.weights.items() if w and math.isfinite(w)),
        key=lambda kv: (-abs(kv[1]), kv[0]),
    )
    weights = ", ".join(f"{name} {w:+.2f}" for name, w in ranked[:top])
    return f"ranking model: {head}; largest weights: {weights}"


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)
