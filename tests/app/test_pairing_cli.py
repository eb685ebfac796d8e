"""`guildbot pair solve`: JSON in, JSON out; bad files are one line and status 2."""

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


MEMBERS_AND = '{"members": [{"id": "a"}, {"id": "b"}, {"id": "c"}], '
WEIGHT_RANGE = 'weight "department" must be a finite number from 0 to 10'


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
        # Nesting: Python's parser gives up (RecursionError) near 1,000 levels; ours at 20.
        ("[" * 100_000 + "]" * 100_000, "nested more than 20 levels deep"),
        ('{"members": ' + "[" * 50_000 + "]" * 50_000 + "}", "nested more than 20 levels deep"),
        ('{"members": [], "date": ' + "[" * 30 + "]" * 30 + "}", "nested more than 20 levels"),
        # Weights: finite numbers from 0 to 10 (NaN, infinities and 1e308 broke the solver).
        *(
            (MEMBERS_AND + f'"weights": {{"department": {value}}}}}', WEIGHT_RANGE)
            for value in ("NaN", "Infinity", "-Infinity", "1e308", "1e400", "-1", "10.5")
        ),
        ('{"members": [], "seed": 1' + "0" * 5_000 + "}", "integer of more than 4300 digits"),
        (MEMBERS_AND + '"date": 20261105}', '"date" must be an ISO date such as "2026-11-05"'),
        (MEMBERS_AND + '"history": [{"date": 20261105, "groups": []}]}', "must be an ISO date"),
        ('{"members": [{"id": "\\ud800"}, {"id": "b"}]}', "unpaired surrogate"),
        ('{"members": [{"id": "a", "timezone": "' + "x" * 5_000 + '"}]}', "unknown time zone"),
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
    assert len(line) < 300  # a huge value is not echoed whole


def test_a_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pair", "solve", "--input", str(tmp_path / "nope.json")]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "cannot read" in line
    assert "No such file or directory" in line


def test_round_dates_at_the_ends_of_the_calendar_are_solved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Noon UTC on 9999-12-31 is past the last representable day in Kiritimati (UTC+14).
    for day, zone in (("9999-12-31", "Pacific/Kiritimati"), ("0001-01-01", "Etc/GMT+12")):
        members = [{"id": "a", "timezone": zone}, {"id": "b"}]
        path = write(tmp_path, json.dumps({"members": members, "date": day}))
        assert main(["pair", "solve", "--input", str(path), "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["groups"][0]["members"] == ["a", "b"]


KEYS = ("members", "group_size", "seed", "history", "never", "weights", "date")
FIELDS = ("id", "department", "timezone", "skills", "groups", "new")
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and the infinities included
    | st.text(max_size=6)
    | st.sampled_from(["UTC", "Europe/Paris", "2026-11-05", "20261105", "2026-W45-4", "m1", "m2"])
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS + FIELDS) | st.text(max_size=4), inner, max_size=5)
    ),
    max_leaves=24,
)
# Hypothesis draws NaN and the infinities rarely among all floats: these come up often.
NUMBERS = (
    st.floats()
    | st.integers(-10, 20)
    | st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -1e-308, 10.0, 10.000001])
)
NAMES = ["m1", "m2", "m3", "m4", "m5", "m6", "m7"]
IDS = st.sampled_from(NAMES)
MEMBER = st.fixed_dictionaries(
    {"id": IDS},
    optional={
        "department": st.sampled_from(["Finance", "Health", ""]),
        "timezone": st.sampled_from(["UTC", "Asia/Tokyo", "America/Toronto"]),
        "skills": st.lists(st.sampled_from(["excel", "sql"])),
    },
)
ROUND = st.fixed_dictionaries(
    {
        "date": st.sampled_from(["2026-11-05", "20261001", "2026-W40-1", "2026-10-05"]),
        "groups": st.lists(st.lists(IDS, max_size=3), max_size=3),
    }
)
# Valid in shape, with any number where a weight goes: these reach the solver.
SHAPED = st.fixed_dictionaries(
    {"members": st.lists(MEMBER, max_size=8, unique_by=lambda m: m["id"])},
    optional={
        "group_size": st.integers(1, 7),
        "seed": st.integers(),
        "history": st.lists(ROUND, max_size=3),
        "never": st.lists(st.lists(IDS, min_size=2, max_size=2), max_size=3),
        "weights": st.dictionaries(
            st.sampled_from(["department", "timezone", "new", "skills"]), NUMBERS
        ),
        "date": st.sampled_from(["2026-11-05", "9999-12-31", "0001-01-01"]),
    },
)


@st.composite
def requests(draw: st.DrawFn) -> dict[str, Any]:
    """A request-shaped object, sometimes with one value (top level or in a member or round)
    replaced by any JSON value."""
    request: dict[str, Any] = draw(SHAPED)
    where = draw(st.sampled_from(["nowhere", "top", "member", "round"]))
    value = draw(JSON_VALUES)
    if where == "top":
        request[draw(st.sampled_from(KEYS))] = value
    elif where == "member" and request["members"]:
        member = draw(st.sampled_from(request["members"]))
        member[draw(st.sampled_from(FIELDS[:4]))] = value
    elif where == "round" and request.get("history"):
        past = draw(st.sampled_from(request["history"]))
        past[draw(st.sampled_from(["date", "groups"]))] = value
    return request


def solved_or_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    path = write(tmp_path, content)
    status = main(["pair", "solve", "--input", str(path), "--json"])
    captured = capsys.readouterr()
    assert status in (0, 2)
    if status == 0:
        assert captured.err == ""
        assert set(json.loads(captured.out)) == {"groups", "total", "unmatched"}
    else:
        assert captured.out == ""
        [line] = captured.err.splitlines()
        assert line.startswith("guildbot: pair solve: ")


ONE_FILE_FOR_ALL_EXAMPLES = [HealthCheck.function_scoped_fixture]


@settings(max_examples=300, deadline=None, suppress_health_check=ONE_FILE_FOR_ALL_EXAMPLES)
@given(requests().map(json.dumps))
def test_any_request_shaped_input_is_solved_or_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    solved_or_refused_in_one_line(tmp_path, capsys, content)


@settings(max_examples=300, deadline=None, suppress_health_check=ONE_FILE_FOR_ALL_EXAMPLES)
@given(st.one_of(JSON_VALUES.map(json.dumps), st.text(max_size=40)))
def test_any_json_or_text_is_solved_or_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    solved_or_refused_in_one_line(tmp_path, capsys, content)
