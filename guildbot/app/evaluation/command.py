"""The `guildbot eval` command line:
`guildbot eval routing FILE.xml [FILE.xml …] [--json] [--validation | --signals]`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from guildbot.app.evaluation.archive import ArchiveError, read_archive
from guildbot.app.evaluation.routing import (
    FileResult,
    evaluate,
    format_pooled,
    format_table,
    pooled,
)
from guildbot.app.evaluation.signals import SignalReport, analyse, format_report
from guildbot.app.evaluation.similar import pooled_line

EXIT_BAD_INPUT = 2


def add_parser(commands: Any) -> None:
    """Add `eval routing` to the `guildbot` parser's subcommands."""
    evaluation = commands.add_parser("eval", help="measure Guildbot on real data")
    kinds = evaluation.add_subparsers(dest="eval_command", required=True)
    routing = kinds.add_parser(
        "routing",
        help="replay Stack Exchange Posts.xml archives through the expert router",
        description="Replays each archive (questions by date, first 80 % train, last 20 % "
        "test; the router fits its model on the training questions only) and prints "
        "coverage, MRR, P@1, Hit@5 and load for the router and baselines, the router after "
        "the load re-ranking, and a line pooled over the files.",
    )
    routing.add_argument("files", nargs="+", type=Path, metavar="FILE.xml")
    routing.add_argument("--json", action="store_true", help="print the results as JSON")
    routing.add_argument(
        "--validation",
        action="store_true",
        help="leave each file's test period out and pool five rolling folds inside its "
        "training period (train on the first 50-90 %%, validate on the next 10 %%): for "
        "tuning the router without looking at the test period",
    )
    routing.add_argument(
        "--signals",
        action="store_true",
        help="instead, show each of the ranker's features alone, the robust prior, the model "
        "calibrated on the training period and one fitted on the period itself (in "
        "hindsight, a diagnosis): how far the features could go",
    )


def run(args: argparse.Namespace) -> int:
    """Evaluate every file; one clear line and exit status 2 for a file that cannot be used."""
    try:
        return _run(args)
    except BrokenPipeError:
        # Piped into `head` and cut short: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run(args: argparse.Namespace) -> int:
    results: list[FileResult | SignalReport] = []
    for path in args.files:
        try:
            archive = read_archive(path)
        except ArchiveError as error:
            print(f"guildbot: eval routing: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        if args.signals:
            report = analyse(archive)
            results.append(report)
            if not args.json:
                print(format_report(report), flush=True)
                print()
            continue
        result = evaluate(archive, validation=args.validation)
        results.append(result)
        if not args.json:
            print(format_table(result), flush=True)
            print()
    files = [r for r in results if isinstance(r, FileResult)]
    if args.json:
        print(json.dumps([r.as_dict() for r in results], indent=2))
    elif len(files) > 1:
        print(format_pooled(pooled(files)))
        similar = [r.similar for r in files if r.similar is not None]
        if similar:
            print(pooled_line(similar))
    return 0
