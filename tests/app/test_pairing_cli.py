"""`guildbot pair solve`: JSON in, JSON out; bad files are one line and status 2."""

import json
from pathlib import Path

import pytest

from guildbot.app.cli import main

REQUEST = {
    "group_size": 2,
    "seed": 7,
    "members": [
        {"id": "m1", "department": "Finance", "timezone": "America/Toronto", "skills": ["excel"]},
        {"id": "m2", "department": "Finance", "timezone": "America/Toronto", "skills": []},
        {"id": "m3", "department": "Health", "timezone": "Europe/Paris", "skills": ["excel"]},
        {"id": "m4", "department": "Health", "timezone": "America/Toronto"},
        {"id": "m5", "department": "Transport", "timezone": "America/Vancouver"},
    ],
    "history": [
        {"date": "2026-09-21", "groups": [["m1", "m3"], ["m2", "m4", "m5"]]},
        {"date": "2026-10-05", "groups": [["m1", "m4"], ["m2", "m3", "m5"]]},
    ],
    "never": [["m1", "m5"]],
}


def write(tmp_path: Path, content: str) -> Path:
    path = tmp_path / "round.json"
    path.write_text(content, encoding="utf-8")
    return path


def test_json_output_has_the_documented_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, json.dumps(REQUEST))
    assert main(["pair", "solve", "--input", str(path), "--json"]) == 0
    output = json.loads(capsys.readouterr().out)
    assert set(output) == {"groups", "total", "unmatched"}
    assert output["unmatched"] == []
    placed = sorted(m for g in output["groups"] for m in g["members"])
    assert placed == ["m1", "m2", "m3", "m4", "m5"]
    for group in output["groups"]:
        assert set(group) == {"members", "score", "reason"}
        assert {"m1", "m5"} - set(group["members"])  # never together
        assert {"m1", "m4"} - set(group["members"])  # last round's partners are not repeated
    assert output["total"] == pytest.approx(sum(g["score"] for g in output["groups"]), abs=0.01)
    # Same input, same seed: the same groups.
    assert main(["pair", "solve", "--input", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == output


def test_plain_output_lists_groups_and_the_total(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, json.dumps(REQUEST))
    assert main(["pair", "solve", "--input", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[-1].startswith("total ")
    assert lines[-1].endswith("2 groups · unmatched: none")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"members": [', "is not valid JSON (line 1, column 14: Expecting value)"),
        ("[1, 2]", 'expected a JSON object with "members"'),
        ('{"group_size": 9, "members": []}', "group size must be between 2 and 6, not 9"),
        ('{"members": [{"id": "a", "timezone": "Mars/Base"}]}', "unknown time zone 'Mars/Base'"),
        ('{"members": [{"id": "a"}], "never": [["a", "z"]]}', "unknown member 'z'"),
    ],
)
def test_bad_input_is_one_clear_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    path = write(tmp_path, content)
    assert main(["pair", "solve", "--input", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.splitlines()
    assert line.startswith("guildbot: pair solve: ")
    assert message in line


def test_a_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pair", "solve", "--input", str(tmp_path / "nope.json")]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "cannot read" in line
    assert "No such file or directory" in line
