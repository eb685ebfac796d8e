"""What keeps the catalogues whole, checked by the test suite (`make test`).

- every message is written in every language, with the same variables;
- every message formats to rich text (its ``*`` and backticks balanced) whatever it is given;
- every id the code names literally (``translate(language, "help-intro")``) exists, and
  every message is used (literally, or by a prefix the code builds ids from).
"""

from __future__ import annotations

import ast as python
import re
from collections.abc import Iterable
from pathlib import Path

from fluent.syntax import ast
from fluent.syntax.visitor import Visitor

from guildbot.bot.i18n.catalogue import Catalogue, marker
from guildbot.bot.i18n.languages import DEFAULT_LANGUAGE, Language

# The functions whose second argument is a message id.
TRANSLATING = frozenset({"translate", "translate_plain"})


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:  # noqa: N802 - the Visitor's naming
        self.names.add(node.id.name)
        self.generic_visit(node)


def variables(message: ast.Message) -> set[str]:
    """The variables a message uses, in any of its variants."""
    found = _Variables()
    found.visit(message)
    return found.names


def messages(catalogue: Catalogue, language: Language) -> dict[str, ast.Message]:
    """Every message of `language`, by id."""
    return {
        item.id.name: item
        for _, resource in catalogue.resources[language]
        for item in resource.body
        if isinstance(item, ast.Message)
    }


def catalogue_problems(catalogue: Catalogue) -> list[str]:
    """What is wrong between the languages' catalogues, one line each (none: all is well)."""
    problems: list[str] = []
    written = {language: messages(catalogue, language) for language in Language}
    every = sorted(set().union(*(set(m) for m in written.values())))
    for message_id in every:
        present = [language for language in Language if message_id in written[language]]
        for language in Language:
            if language not in present:
                problems.append(f"{message_id}: missing in {language.value}")
        shapes = {language: variables(written[language][message_id]) for language in present}
        reference = shapes[present[0]]
        for language in present[1:]:
            if shapes[language] != reference:
                problems.append(
                    f"{message_id}: variables {sorted(shapes[language])} in {language.value}, "
                    f"{sorted(reference)} in {present[0].value}"
                )
        for language in present:
            problems += _format_problems(catalogue, language, message_id, shapes[language])
    return problems


def _format_problems(
    catalogue: Catalogue, language: Language, message_id: str, names: set[str]
) -> list[str]:
    """Format with numbers (plural variants) and with text (the default variants): the
    result must be rich text, not the fallback of unbalanced markup."""
    bundle = catalogue.bundles[language]
    pattern = bundle.get_message(message_id).value
    if pattern is None:
        return [f"{message_id}: no value in {language.value}"]
    problems = []
    for given in (dict.fromkeys(names, 1), {name: marker(name) for name in names}):
        text, errors = bundle.format_pattern(pattern, dict(given))
        if errors:
            problems.append(f"{message_id} in {language.value}: {errors[0]}")
        elif isinstance(text, str) and not _balanced(text):
            problems.append(f"{message_id} in {language.value}: unbalanced * or `")
    return problems


def _balanced(text: str) -> bool:
    open_span = ""
    for char in text:
        if char in "*`" and open_span in ("", char):
            open_span = "" if open_span == char else char
    return not open_span


def ids_in_code(sources: Iterable[Path]) -> dict[str, list[str]]:
    """The message ids the code names literally, with where (``path:line``)."""
    used: dict[str, list[str]] = {}
    for path in sources:
        tree = python.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in python.walk(tree):
            if not isinstance(node, python.Call) or len(node.args) < 2:
                continue
            function = node.func
            name = (
                function.id
                if isinstance(function, python.Name)
                else function.attr
                if isinstance(function, python.Attribute)
                else ""
            )
            message_id = node.args[1]
            if (
                name in TRANSLATING
                and isinstance(message_id, python.Constant)
                and isinstance(message_id.value, str)
            ):
                used.setdefault(message_id.value, []).append(f"{path}:{node.lineno}")
    return used


def usage_problems(
    catalogue: Catalogue, used: dict[str, list[str]], built_prefixes: tuple[str, ...]
) -> list[str]:
    """Ids the code names that no catalogue has, and messages nothing uses."""
    known = catalogue.ids(DEFAULT_LANGUAGE)
    problems = [
        f"{message_id}: used at {', '.join(where)} but in no catalogue"
        for message_id, where in sorted(used.items())
        if message_id not in known
    ]
    problems += [
        f"{message_id}: in the catalogue but never used"
        for message_id in sorted(known)
        if message_id not in used and not message_id.startswith(built_prefixes)
    ]
    return problems


_SENTENCE = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]{2,}")


def literals_in(path: Path, functions: Iterable[str] | None = None) -> list[str]:
    """Words of a sentence written in code (``"Hello there"``) rather than taken from a
    catalogue, in the module at `path` or only in its `functions`: ``path:line: text`` each.
    Docstrings are not words anyone reads in chat."""
    tree = python.parse(path.read_text(encoding="utf-8"), filename=str(path))
    wanted = set(functions) if functions is not None else None
    scopes: list[python.AST] = (
        [tree]
        if wanted is None
        else [
            node
            for node in python.walk(tree)
            if isinstance(node, python.FunctionDef | python.AsyncFunctionDef)
            and node.name in wanted
        ]
    )
    docstrings = {
        id(node.body[0].value)
        for node in python.walk(tree)
        # async functions too: a service's coroutines are where replies are written
        if isinstance(
            node, python.Module | python.FunctionDef | python.AsyncFunctionDef | python.ClassDef
        )
        and node.body
        and isinstance(node.body[0], python.Expr)
        and isinstance(node.body[0].value, python.Constant)
    }
    found = []
    for scope in scopes:
        for node in python.walk(scope):
            if (
                isinstance(node, python.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and _SENTENCE.search(node.value)
            ):
                found.append(f"{path}:{node.lineno}: {node.value}")
    return found
