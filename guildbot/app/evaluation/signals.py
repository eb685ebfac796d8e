"""`guildbot eval routing --signals`: what each of the ranker's features carries, and how far
the fitted model is from what these features could give at best.

For each file, on validation (the rolling folds inside the training period) and on test (the
last 20 %), the MRR of:

- each feature alone (`FEATURES`: the query signals, their logarithms, the member facts);
- the robust prior (`PRIOR_MODEL`), what a deployment without history uses;
- the calibrated model, fitted on each split's training questions only, as in the tables;
- the weights fitted on the period's own questions, in hindsight. That line is a diagnosis,
  never a setting: fitting the questions one is measured on is fitting the answer. It says
  how much of the gap to a target better weights could close at all; the rest needs new
  evidence.

The best built-in baseline of each period is printed beside them, for scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace

import numpy as np
import numpy.typing as npt

from guildbot.app.evaluation.archive import Archive
from guildbot.app.evaluation.routing import VALIDATION_FOLDS, evaluate, split
from guildbot.matching.calibration import (
    Example,
    FitSettings,
    calibrate,
    fit_weights,
    sample_candidates,
)
from guildbot.matching.experts import FEATURES, PRIOR_MODEL, ExpertIndex, Query, RankerConfig


@dataclass
class PeriodFigures:
    """MRRs in one period (validation or test)."""

    scored: int
    alone: dict[str, float] = field(default_factory=dict)
    prior: float = 0.0
    calibrated: float = 0.0
    hindsight: float = 0.0
    best_baseline: str = ""
    best_baseline_mrr: float = 0.0


@dataclass
class SignalReport:
    """The feature analysis of one file."""

    file: str
    validation: PeriodFigures
    test: PeriodFigures

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-ready values."""
        return asdict(self)


def analyse(
    archive: Archive, config: RankerConfig | None = None, settings: FitSettings | None = None
) -> SignalReport:
    """Measure each feature, the prior, the calibrated model and the hindsight fit."""
    config = config or RankerConfig()
    settings = settings or FitSettings()
    return SignalReport(
        file=archive.name,
        validation=_period(archive, config, settings, validation=True),
        test=_period(archive, config, settings, validation=False),
    )


def _period(
    archive: Archive, config: RankerConfig, settings: FitSettings, validation: bool
) -> PeriodFigures:
    folds = [split(archive, fold) for fold in VALIDATION_FOLDS] if validation else [split(archive)]
    questions: list[Example] = []
    calibrated: list[float] = []
    for data in folds:
        model = calibrate(data.evidence, data.history, config, settings).model
        index = ExpertIndex(replace(config, model=model))
        index.add_many(data.evidence)
        weights = model.vector()
        for test in data.tests:
            if test.truth == test.asker:
                continue
            rows = index.features(Query(test.text, test.tags, test.asker), test.at)
            members = np.asarray(rows.members, dtype=np.int64)
            keep = members != (test.asker if test.asker is not None else -1)
            members, matrix = members[keep], rows.matrix[keep]
            truth = np.flatnonzero(members == test.truth)
            if len(truth) != 1:
                continue
            example = Example(matrix, int(truth[0]))
            questions.append(example)
            calibrated.append(_reciprocal(example, weights))
    figures = PeriodFigures(scored=len(questions))
    for column, name in enumerate(FEATURES):
        alone = np.zeros(len(FEATURES))
        alone[column] = 1.0
        figures.alone[name] = _mrr(questions, alone)
    figures.prior = _mrr(questions, PRIOR_MODEL.vector())
    figures.calibrated = float(np.mean(calibrated)) if calibrated else 0.0
    if questions:
        sampled = []
        for position, q in enumerate(questions):
            chosen = sample_candidates(q.matrix, q.truth, settings, position)
            sampled.append(Example(q.matrix[chosen], int(np.flatnonzero(chosen == q.truth)[0])))
        figures.hindsight = _mrr(questions, fit_weights(sampled, settings.l2))
    result = evaluate(archive, config, validation=validation, fit_settings=settings)
    figures.best_baseline = result.best_baseline
    figures.best_baseline_mrr = result.methods[result.best_baseline].mrr
    return figures


def _reciprocal(example: Example, weights: npt.NDArray[np.float64]) -> float:
    scores = example.matrix @ weights
    # Ties count against the truth.
    return 1.0 / int(np.count_nonzero(scores >= scores[example.truth]))


def _mrr(questions: Sequence[Example], weights: npt.NDArray[np.float64]) -> float:
    if not questions:
        return 0.0
    return float(np.mean([_reciprocal(q, weights) for q in questions]))


def format_report(report: SignalReport) -> str:
    """The plain-text report for one file."""
    validation, test = report.validation, report.test
    lines = [
        f"{report.file}: the ranker's features, MRR on validation ({validation.scored} scored, "
        f"rolling folds in the training period) and test ({test.scored} scored, last 20 %)",
        f"  {'':<40} {'valid.':>7} {'test':>7}",
    ]
    for name in FEATURES:
        lines.append(
            f"  {name + ' alone':<40} {validation.alone[name]:>7.3f} {test.alone[name]:>7.3f}"
        )
    rows = [
        ("robust prior (no history)", validation.prior, test.prior),
        ("calibrated on the training period", validation.calibrated, test.calibrated),
        ("fitted on the period itself (hindsight)", validation.hindsight, test.hindsight),
    ]
    for label, on_validation, on_test in rows:
        lines.append(f"  {label:<40} {on_validation:>7.3f} {on_test:>7.3f}")
    lines.append(
        f"  {'best baseline (' + validation.best_baseline + ' / ' + test.best_baseline + ')':<40} "
        f"{validation.best_baseline_mrr:>7.3f} {test.best_baseline_mrr:>7.3f}"
    )
    lines.append(
        "  (the hindsight line is a diagnosis: weights fitted on the questions they are then "
        "measured on would be fitting the answer)"
    )
    return "\n".join(lines)
