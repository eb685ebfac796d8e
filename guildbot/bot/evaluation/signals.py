"""`guildbot eval routing --signals`: what each of the router's signals carries, and how far
reweighting them could go.

For each file, on validation (the rolling folds inside the training period) and on test (the
last 20 %), the MRR of:

- each signal alone;
- the router with its default weights;
- the weights that do best on validation, searched over a grid — and what they give on test;
- the weights that do best on test, found in hindsight. That line is a diagnosis, never a
  setting: choosing weights on the test period is fitting the answer. It says whether a target
  is within reach of these signals at all. If even the hindsight weights fall short, no
  reweighting reaches the target and only a new kind of evidence can.

The best built-in baseline of each period is printed beside them, for scale.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import numpy as np
import numpy.typing as npt

from guildbot.bot.evaluation.archive import Archive
from guildbot.bot.evaluation.routing import VALIDATION_FOLDS, evaluate, split
from guildbot.matching.experts import SIGNALS, ExpertIndex, Query, RankerConfig, signal_weights

# Each signal's weight is taken from these values (scale does not matter, only ratios).
WEIGHT_GRID = (0.0, 0.25, 0.5, 1.0, 2.0)


@dataclass(frozen=True, slots=True)
class _Scored:
    """One scored question: every candidate's signals (rows) and where the truth is."""

    signals: npt.NDArray[np.float64]  # len(SIGNALS) x candidates
    truth: int


@dataclass
class PeriodFigures:
    """MRRs in one period (validation or test)."""

    scored: int
    alone: dict[str, float] = field(default_factory=dict)
    defaults: float = 0.0
    best_baseline: str = ""
    best_baseline_mrr: float = 0.0


@dataclass
class SignalReport:
    """The signal analysis of one file."""

    file: str
    validation: PeriodFigures
    test: PeriodFigures
    defaults: dict[str, float]
    chosen_on_validation: dict[str, float]
    chosen_validation_mrr: float
    chosen_test_mrr: float
    hindsight_on_test: dict[str, float]
    hindsight_test_mrr: float

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-ready values."""
        return asdict(self)


def analyse(archive: Archive, config: RankerConfig | None = None) -> SignalReport:
    """Measure each signal and the reachable weightings on one archive."""
    config = config or RankerConfig()
    validation = _scored(archive, config, validation=True)
    test = _scored(archive, config, validation=False)
    grid = _grid()
    on_validation = _mrr(validation, grid)
    on_test = _mrr(test, grid)
    # Ties go to the first weighting in grid order, so the result is the same run to run.
    chosen = int(np.argmax(on_validation))
    hindsight = int(np.argmax(on_test))
    defaults = np.asarray([list(signal_weights(config).values())])
    return SignalReport(
        file=archive.name,
        validation=_period(archive, validation, defaults, config, validation=True),
        test=_period(archive, test, defaults, config, validation=False),
        defaults=signal_weights(config),
        chosen_on_validation=_named(grid[chosen]),
        chosen_validation_mrr=float(on_validation[chosen]),
        chosen_test_mrr=float(on_test[chosen]),
        hindsight_on_test=_named(grid[hindsight]),
        hindsight_test_mrr=float(on_test[hindsight]),
    )


def _scored(archive: Archive, config: RankerConfig, validation: bool) -> list[_Scored]:
    """Every scored question of the period, with its candidates' signals."""
    folds = [split(archive, fold) for fold in VALIDATION_FOLDS] if validation else [split(archive)]
    out: list[_Scored] = []
    for data in folds:
        index = ExpertIndex(config)
        index.add_many(data.evidence)
        for test in data.tests:
            if test.truth == test.asker:
                continue
            members, signals = index.signals(Query(test.text, test.tags, test.asker), test.at)
            keep = [i for i, m in enumerate(members) if m != test.asker]
            kept = [members[i] for i in keep]
            if test.truth not in kept:
                continue
            matrix = np.vstack([signals[name][keep] for name in SIGNALS])
            out.append(_Scored(matrix, kept.index(test.truth)))
    return out


def _grid() -> npt.NDArray[np.float64]:
    weightings = [w for w in itertools.product(WEIGHT_GRID, repeat=len(SIGNALS)) if any(w)]
    return np.asarray(weightings, dtype=np.float64)


def _mrr(
    questions: Sequence[_Scored], weightings: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """MRR of every weighting (rows) over the questions; ties count against the truth."""
    reciprocal = np.zeros(len(weightings))
    for question in questions:
        totals = weightings @ question.signals
        ranks = np.count_nonzero(totals >= totals[:, question.truth : question.truth + 1], axis=1)
        reciprocal += 1.0 / ranks
    return reciprocal / max(1, len(questions))


def _period(
    archive: Archive,
    questions: Sequence[_Scored],
    defaults: npt.NDArray[np.float64],
    config: RankerConfig,
    validation: bool,
) -> PeriodFigures:
    figures = PeriodFigures(scored=len(questions))
    for row, name in enumerate(SIGNALS):
        alone = np.zeros((1, len(SIGNALS)))
        alone[0, row] = 1.0
        figures.alone[name] = float(_mrr(questions, alone)[0])
    figures.defaults = float(_mrr(questions, defaults)[0])
    result = evaluate(archive, config, validation=validation)
    figures.best_baseline = result.best_baseline
    figures.best_baseline_mrr = result.methods[result.best_baseline].mrr
    return figures


def _named(weights: npt.NDArray[np.float64]) -> dict[str, float]:
    return {name: float(w) for name, w in zip(SIGNALS, weights, strict=True)}


def format_report(report: SignalReport) -> str:
    """The plain-text report for one file."""
    validation, test = report.validation, report.test
    lines = [
        f"{report.file}: the router's signals, MRR on validation ({validation.scored} scored, "
        f"rolling folds in the training period) and test ({test.scored} scored, last 20 %)",
        f"  {'':<48} {'valid.':>7} {'test':>7}",
    ]
    for name in SIGNALS:
        lines.append(
            f"  {name + ' alone':<48} {validation.alone[name]:>7.3f} {test.alone[name]:>7.3f}"
        )
    rows = [
        (f"defaults {_weights(report.defaults)}", validation.defaults, test.defaults),
        (
            f"best on validation {_weights(report.chosen_on_validation)}",
            report.chosen_validation_mrr,
            report.chosen_test_mrr,
        ),
    ]
    for label, on_validation, on_test in rows:
        lines.append(f"  {label:<48} {on_validation:>7.3f} {on_test:>7.3f}")
    hindsight = f"best on test, in hindsight {_weights(report.hindsight_on_test)}"
    lines.append(f"  {hindsight:<48} {'':>7} {report.hindsight_test_mrr:>7.3f}")
    lines.append(
        f"  {'best baseline (' + validation.best_baseline + ' / ' + test.best_baseline + ')':<48} "
        f"{validation.best_baseline_mrr:>7.3f} {test.best_baseline_mrr:>7.3f}"
    )
    lines.append(
        "  (weights in the order " + ", ".join(SIGNALS) + "; the hindsight line is a diagnosis:"
        " choosing weights on the test period would be fitting the answer)"
    )
    return "\n".join(lines)


def _weights(weights: dict[str, float]) -> str:
    return "(" + ", ".join(f"{w:g}" for w in weights.values()) + ")"
