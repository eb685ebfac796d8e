"""`guildbot eval routing` on small archives written by the tests."""

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from guildbot.app.cli import main
from guildbot.app.evaluation import routing
from guildbot.app.evaluation.archive import ArchiveError, read_archive
from guildbot.app.evaluation.routing import (
    VALIDATION_FOLDS,
    bootstrap_interval,
    evaluate,
    format_pooled,
    pooled,
    reciprocal_rank_fusion,
    split,
)

TOPICS = {
    100: ("pdf accessibility tagging screen readers", "<pdf><accessibility>"),
    200: ("kubernetes cron jobs helm cluster", "<kubernetes>"),
    300: ("survey weights r package confidence", "<statistics><r>"),
}


def archive_xml(
    questions: int = 40,
    dated: bool = True,
    generalist_accepted: Callable[[int], bool] | None = None,
) -> str:
    """Experts 100, 200, 300 each answer their topic; asker 9 asks; 5 answers everything, and
    is the accepted answerer of question i where `generalist_accepted(i)`."""
    rows = []
    post = 1
    for i in range(questions):
        expert = (100, 200, 300)[i % 3]
        words, tags = TOPICS[expert]
        date = (
            f' CreationDate="2024-01-{1 + i % 28:02d}T{10 + i // 28:02d}:00:00.000"'
            if dated
            else ""
        )
        escaped = tags.replace("<", "&lt;").replace(">", "&gt;")
        q, accepted, other = post, post + 1, post + 2
        post += 3
        accepted_id = other if generalist_accepted and generalist_accepted(i) else accepted
        rows.append(
            f'<row Id="{q}" PostTypeId="1" AcceptedAnswerId="{accepted_id}"{date} '
            f'OwnerUserId="9" Title="Question {i} about {words}?" '
            f'Body="&lt;p&gt;Please help with {words}&lt;/p&gt;" Tags="{escaped}" />'
        )
        rows.append(
            f'<row Id="{accepted}" PostTypeId="2" ParentId="{q}" OwnerUserId="{expert}" '
            f'Body="&lt;p&gt;Answer on {words}&lt;/p&gt;" />'
        )
        rows.append(
            f'<row Id="{other}" PostTypeId="2" ParentId="{q}" OwnerUserId="5" Body="me too" />'
        )
    return '<?xml version="1.0" encoding="utf-8"?>\n<posts>\n' + "\n".join(rows) + "\n</posts>\n"


@pytest.fixture
def posts(tmp_path: Path) -> Path:
    path = tmp_path / "Posts.xml"
    path.write_text(archive_xml(), encoding="utf-8")
    return path


def test_the_protocol_splits_80_20_and_scores_known_answerers(posts: Path) -> None:
    data = split(read_archive(posts))
    assert data.questions == 40 and data.train == 32 and len(data.tests) == 8
    assert len(data.evidence) == 64  # every answer to a train question, accepted or not
    result = evaluate(read_archive(posts))
    assert result.scored == 8 and result.coverage == 1.0
    router = result.methods["guildbot"]
    assert router.mrr == 1.0 and router.p_at_1 == 1.0
    assert set(result.methods) == {"guildbot", "most-accepted", "tag overlap", "bm25", "rrf"}
    assert result.improvement >= 0.0
    # Every title here is a question; no chat line is misread.
    assert result.detector_recall == 1.0 and result.detector_false_positives == 0.0
    assert result.detector_precision == 1.0


def test_detector_precision_counts_misread_chat_lines(
    posts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "guildbot.app.evaluation.routing.CHAT_LINES", ("how do we all feel today, team?", "ok")
    )
    result = evaluate(read_archive(posts))
    assert result.detector_false_positives == 0.5
    assert result.detector_precision == 40 / 41


def test_ties_count_against_the_truth(tmp_path: Path) -> None:
    path = tmp_path / "Posts.xml"
    path.write_text(archive_xml(), encoding="utf-8")
    result = evaluate(read_archive(path))
    # most-accepted: 100, 200 and 300 have nearly the same count, so the truth often ties.
    assert result.methods["most-accepted"].mrr < 1.0


def test_files_without_dates_are_ordered_by_id(tmp_path: Path) -> None:
    path = tmp_path / "Posts.xml"
    path.write_text(archive_xml(dated=False), encoding="utf-8")
    result = evaluate(read_archive(path))
    assert not result.dated
    assert result.scored == 8


def test_figures_are_reproducible(posts: Path) -> None:
    first = evaluate(read_archive(posts)).as_dict()
    assert first == evaluate(read_archive(posts)).as_dict()
    assert bootstrap_interval([0.1, 0.5, 1.0]) == bootstrap_interval([0.1, 0.5, 1.0])


def test_validation_never_sees_the_test_period(posts: Path) -> None:
    archive = read_archive(posts)
    full = split(archive)
    test_period = {t.at for t in full.tests}
    held_out: list[datetime] = []
    for start, end in VALIDATION_FOLDS:
        fold = split(archive, (start, end))
        # The training period is 32 of 40 questions; each fold trains on its first part.
        assert fold.train == int(32 * start) and len(fold.tests) == int(32 * end) - fold.train
        seen = {t.at for t in fold.tests} | {e.at for e in fold.evidence}
        assert not seen & test_period
        assert max(e.at for e in fold.evidence) < min(t.at for t in fold.tests)
        held_out += [t.at for t in fold.tests]
    # The folds hold out the second half of the training period, each question once.
    assert len(held_out) == len(set(held_out)) == 16
    result = evaluate(archive, validation=True)
    assert result.validation and result.test == 16 and result.questions == 32
    assert result.methods["guildbot"].mrr == 1.0


def test_cli_validation_flag(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "routing", str(posts), "--validation"]) == 0
    assert "VALIDATION, the test period left out" in capsys.readouterr().out
    assert main(["eval", "routing", str(posts), "--validation", "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["validation"] is True and result["test"] == 16


def test_rrf_rewards_agreement() -> None:
    fused = reciprocal_rank_fusion([[3.0, 2.0, 1.0], [3.0, 1.0, 2.0]], [1, 2, 3])
    assert fused[0] == max(fused)


def test_cli_prints_tables_and_json(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "routing", str(posts)]) == 0
    out = capsys.readouterr().out
    assert "guildbot" in out and "most-accepted" in out and "MRR" in out and "coverage" in out
    assert main(["eval", "routing", str(posts), "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["scored"] == 8 and "guildbot" in result["methods"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('<posts><row Id="1" PostTypeId="1"', "not well-formed XML"),
        ("<posts></posts>", "no question rows"),
        ("not xml at all", "not well-formed XML"),
        ('<posts><row Id="x" PostTypeId="1" /></posts>', "unusable value"),
        (
            '<?xml version="1.0"?><!DOCTYPE posts [<!ENTITY a "aaaa">]><posts>&a;</posts>',
            "declares a DTD",
        ),
    ],
)
def test_a_bad_file_is_one_clear_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ArchiveError, match=expected):
        read_archive(path)
    assert main(["eval", "routing", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and expected in err and "Traceback" not in err


def test_a_missing_file_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "routing", str(tmp_path / "nope.xml")]) == 2
    assert "cannot read it" in capsys.readouterr().err


def test_a_huge_file_is_refused_before_parsing(
    posts: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("guildbot.app.evaluation.archive.MAX_FILE_BYTES", 100)
    assert main(["eval", "routing", str(posts)]) == 2
    assert "too large" in capsys.readouterr().err


def test_the_router_is_fitted_on_the_training_period_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two archives that agree on the training period and disagree on who answers in the
    # test period (the last 16 questions, in Id order): a fit that looked at the test period
    # would differ between them.
    def write(name: str, generalist_from: int) -> Path:
        path = tmp_path / name
        xml = archive_xml(
            80, dated=False, generalist_accepted=lambda i: i % 7 == 0 or i >= generalist_from
        )
        path.write_text(xml, encoding="utf-8")
        return path

    one, other = (
        evaluate(read_archive(write("a.xml", 80))),
        evaluate(read_archive(write("b.xml", 64))),
    )
    assert one.model[0].startswith("fitted on")
    assert one.model_weights == other.model_weights
    assert one.methods["guildbot"].mrr != other.methods["guildbot"].mrr

    seen: list[tuple[datetime, datetime]] = []
    real = routing.calibrate

    def recording(evidence, history, *args, **kwargs):  # type: ignore[no-untyped-def]
        evidence = list(evidence)
        seen.append((max(e.at for e in evidence), max(r.at for r in history)))
        return real(evidence, history, *args, **kwargs)

    monkeypatch.setattr(routing, "calibrate", recording)
    archive = read_archive(write("c.xml", 80))
    evaluate(archive)
    first_test = min(t.at for t in split(archive).tests)
    assert seen and all(e < first_test and h < first_test for e, h in seen)
    seen.clear()
    evaluate(archive, validation=True)
    for (evidence_end, history_end), fold in zip(seen, VALIDATION_FOLDS, strict=True):
        held_out = min(t.at for t in split(archive, fold).tests)
        assert evidence_end < held_out and history_end < held_out


def test_the_load_re_ranking_is_replayed_and_reported(
    posts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = evaluate(read_archive(posts))
    assert set(result.capped) == {3, 2, 1}
    for figures in result.capped.values():
        assert 0.0 < figures.mrr <= 1.0 and 0.0 < figures.load <= 1 / 3 + 1e-9
    # A cap of one open request spreads the suggestions most.
    assert result.capped[1].load <= result.capped[3].load
    assert main(["eval", "routing", str(posts), str(posts)]) == 0
    out = capsys.readouterr().out
    assert "weekly cap 3: MRR" in out and "ranking model:" in out
    *_, routing_line, similar_line = out.strip().splitlines()
    assert routing_line.startswith("pooled over 2 files (16 scored questions)")
    assert similar_line.startswith("pooled similar questions: ")
    assert "similar questions: " in out  # each file's own line too


def test_pooling_weights_files_by_scored_questions(posts: Path) -> None:
    result = evaluate(read_archive(posts))
    summary = pooled([result, result])
    assert summary.scored == 2 * result.scored
    assert summary.router == pytest.approx(result.methods["guildbot"].mrr)
    assert summary.ratio == pytest.approx(1 + result.improvement)
    assert "x" in format_pooled(summary)
