"""The README's demo transcripts are what `guildbot demo` prints: each block's commands are
typed into a fresh demo (its clock starts at a fixed moment), and every line the README
shows must appear in the output, in order ("…" stands for the rest of a line, or for lines
left out)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli import guildbot

README = Path(__file__).parents[2] / "README.md"
PROMPT = re.compile(r"^\[[^\]]+\] > (.*)$")


def transcripts() -> list[str]:
    """The ```text blocks that are demo sessions (they start at a prompt)."""
    blocks = re.findall(r"```text\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)
    return [block for block in blocks if PROMPT.match(block.splitlines()[0])]


def pattern(line: str) -> re.Pattern[str]:
    """A README line as a pattern: literal, with "…" matching anything."""
    parts = [re.escape(part) for part in line.rstrip().split("…")]
    return re.compile("^" + ".*".join(parts) + "$")


def missing(expected: list[str], actual: list[str]) -> str | None:
    """The first README line not found (in order) in the output, or None."""
    position = 0
    for line in expected:
        if line.strip() == "…":
            continue
        wanted = pattern(line)
        while position < len(actual) and not wanted.match(actual[position].rstrip()):
            position += 1
        if position == len(actual):
            return line
        position += 1
    return None


def test_the_readme_has_demo_transcripts() -> None:
    assert len(transcripts()) >= 4


@pytest.mark.parametrize("number", range(len(transcripts())))
def test_a_readme_transcript_is_what_the_demo_prints(number: int, tmp_path: Path) -> None:
    block = transcripts()[number]
    lines = block.rstrip("\n").splitlines()
    typed = [match.group(1) for line in lines if (match := PROMPT.match(line))]
    result = guildbot(tmp_path, "demo", typed="\n".join([*typed, "quit"]) + "\n")
    assert result.returncode == 0, result.stderr
    output = [line for line in result.stdout.splitlines() if line.strip()]
    absent = missing(lines, output)
    assert absent is None, f"README line not printed by the demo:\n{absent}\n\n{result.stdout}"
