"""`guildbot eval routing --signals`: each feature alone, the prior, the calibrated model and
the hindsight fit, computed with the same ranker and protocol as the tables."""

import json
from pathlib import Path

import pytest

from guildbot.app.cli import main
from guildbot.app.evaluation.archive import read_archive
from guildbot.app.evaluation.routing import evaluate
from guildbot.app.evaluation.signals import analyse, format_report
from guildbot.matching.experts import FEATURES
from tests.app.evaluation.test_routing_eval import archive_xml


def generalist_accepted(i: int) -> bool:
    """A busy generalist is accepted now and then, so no signal is perfect."""
    return i % 5 == 0 or i % 7 == 0


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    path = tmp_path / "Posts.xml"
    path.write_text(archive_xml(60, generalist_accepted=generalist_accepted), encoding="utf-8")
    return path


def test_the_calibrated_line_is_the_router_of_the_tables(posts: Path) -> None:
    archive = read_archive(posts)
    report = analyse(archive)
    test, validation = evaluate(archive), evaluate(archive, validation=True)
    assert report.test.scored == test.scored and report.validation.scored == validation.scored
    assert report.test.calibrated == pytest.approx(test.methods["guildbot"].mrr)
    assert report.validation.calibrated == pytest.approx(validation.methods["guildbot"].mrr)
    assert report.test.best_baseline_mrr == test.methods[test.best_baseline].mrr
    assert 0.0 < report.test.prior <= 1.0


def test_the_report_is_reproducible_and_covers_every_feature(posts: Path) -> None:
    report = analyse(read_archive(posts))
    assert set(report.test.alone) == set(FEATURES)
    assert all(0.0 <= v <= 1.0 for v in report.validation.alone.values())
    assert analyse(read_archive(posts)).as_dict() == report.as_dict()


def test_cli_prints_the_report_and_json(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "routing", str(posts), "--signals"]) == 0
    out = capsys.readouterr().out
    assert "profile alone" in out and "hindsight" in out and "best baseline" in out
    assert main(["eval", "routing", str(posts), "--signals", "--json"]) == 0
    [report] = json.loads(capsys.readouterr().out)
    assert set(report["test"]["alone"]) == set(FEATURES)


def test_the_report_reads_as_a_table(posts: Path) -> None:
    lines = format_report(analyse(read_archive(posts))).splitlines()
    assert lines[1].split() == ["valid.", "test"]
    assert len(lines) == 2 + len(FEATURES) + 4 + 1
