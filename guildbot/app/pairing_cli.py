"""`guildbot pair solve`: the pairing solver on a JSON file, for audits and tests.

Offline: it needs neither settings nor a database. Bad input is one line on stderr naming the
file and what is wrong, with exit status 2, whatever the file holds: never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from guildbot.matching.pairing import PairingInputError, from_mapping, solve, to_mapping

EXIT_BAD_INPUT = 2
# The documented shape is five levels deep (history > round > groups > group > id). Python's
# parser raises RecursionError near 1,000 levels, and repr and friends recurse too.
MAX_NESTING = 20


def add_parser(commands: Any) -> None:
    """Add `pair solve` to the CLI's subcommands."""
    pair = commands.add_parser("pair", help="coffee pairing tools")
    solve_parser = pair.add_subparsers(dest="pair_command", required=True).add_parser(
        "solve",
        help="form groups from a JSON file of members, history and never-pairs",
        description=(
            'Input: {"group_size": 2, "seed": 7, "members": [{"id": "m1", "department": '
            '"Finance", "timezone": "America/Toronto", "skills": ["excel"]}, ...], "history": '
            '[{"date": "2026-10-05", "groups": [["m1", "m2"], ...]}, ...], "never": [["m1", '
            '"m3"], ...]}. The latest history date is the most recent round.'
        ),
    )
    solve_parser.add_argument("--input", required=True, type=Path, help="the JSON file")
    solve_parser.add_argument(
        "--json", action="store_true", help='print {"groups": [...], "total": ..., "unmatched": []}'
    )


def run(args: argparse.Namespace) -> int:
    """Run `pair solve`; returns the exit status."""
    path: Path = args.input
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return _fail(f"cannot read {path}: {getattr(error, 'strerror', None) or error}")
    data, problem = _parse(text)
    if problem:
        return _fail(f"{path}{problem}")
    if not isinstance(data, dict):
        return _fail(f'{path}: expected a JSON object with "members"')
    try:
        pairing = solve(from_mapping(data))
    except PairingInputError as error:
        return _fail(f"{path}: {error}")
    output = to_mapping(pairing)
    if args.json:
        print(json.dumps(output, indent=2, ensure_ascii=False))
        return 0
    for group in pairing.groups:
        print(f"{' + '.join(group.members)}  {group.score:.2f}  {group.reason}")
    unmatched = ", ".join(f"{u.id} ({u.reason})" for u in pairing.unmatched) or "none"
    print(f"total {output['total']} · {len(pairing.groups)} groups · unmatched: {unmatched}")
    return 0


def _parse(text: str) -> tuple[object, str]:
    """The JSON value, or what is wrong with the text (to follow the file name)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return None, (
            f" is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        )
    except RecursionError:
        return None, f": JSON nested more than {MAX_NESTING} levels deep"
    except ValueError:  # the only other: Python's cap on the digits of an integer
        digits = sys.get_int_max_str_digits()
        return None, f" is not valid JSON here: an integer of more than {digits} digits"
    return data, _unusable(data)


def _unusable(data: object) -> str:
    """What makes a parsed value unusable: nesting too deep, or text that is not Unicode (JSON
    may escape half of a surrogate pair, which cannot be printed). Iterative, so it cannot
    recurse too deeply itself."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list) and depth > MAX_NESTING:
            return f": JSON nested more than {MAX_NESTING} levels deep"
        if isinstance(value, dict):
            stack.extend((key, depth) for key in value)
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str) and not _is_unicode(value):
            return ": text with an unpaired surrogate (such as \\ud800) is not Unicode"
    return ""


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _fail(message: str) -> int:
    print(f"guildbot: pair solve: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT
