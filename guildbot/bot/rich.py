"""Writing the bot's messages: copy templates with typed values, as rich text.

`say("Added *{skill}*. See `expertise list`.", skill=name)` gives a `RichText` of a text, a
bold piece and a code piece. In a template — the bot's own copy, never people's words —
``*…*`` is bold and ```…``` is code; ``{name}`` is a value: a string or number is shown as
written (a title with an asterisk in it stays an asterisk), a piece (`Mention`, `Instant`…)
or `RichText` is itself. ``{{`` and ``}}`` are literal braces.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from guildbot.contract.richtext import Bold, Code, Piece, RichText, Text

Value = str | int | float | Piece | RichText


class TemplateError(ValueError):
    """A template that cannot be read: an unclosed span, or a value nobody gave."""


def say(template: str, /, **values: Value) -> RichText:
    """The template with its values, as rich text."""
    pieces: list[str | Piece | RichText] = []
    for kind, body in _spans(template):
        parts = [_value(part, values) if is_value else part for is_value, part in body]
        if kind == "":
            pieces.extend(parts)
            continue
        wrap = Bold if kind == "*" else Code
        words = ""
        for part in parts:
            if isinstance(part, str):
                words += part
            elif isinstance(part, RichText):
                words += part.plain()
            elif isinstance(part, Text | Bold | Code):
                words += part.text
            else:  # a mention or a link stays what it is; the words around it are wrapped
                if words:
                    pieces.append(wrap(words))
                    words = ""
                pieces.append(part)
        if words:
            pieces.append(wrap(words))
    return RichText.of(*pieces)


def plain(text: RichText | str) -> str:
    """Plain words of rich text (or a string)."""
    return text if isinstance(text, str) else text.plain()


def joined(separator: str, parts: list[RichText]) -> RichText:
    """`parts` with `separator` between them."""
    return RichText.joined(separator, parts)


def _value(name: str, values: Mapping[str, Value]) -> str | Piece | RichText:
    if name not in values:
        raise TemplateError(f"no value for {{{name}}}")
    value = values[name]
    return str(value) if isinstance(value, int | float) else value


@lru_cache(maxsize=4096)
def _spans(template: str) -> tuple[tuple[str, tuple[tuple[bool, str], ...]], ...]:
    """The template as spans ("" plain, "*" bold, "`" code), each a list of (is_value, part)."""
    spans: list[tuple[str, tuple[tuple[bool, str], ...]]] = []
    kind = ""
    body: list[tuple[bool, str]] = []
    literal = ""
    index = 0
    while index < len(template):
        char = template[index]
        pair = template[index : index + 2]
        if pair in ("{{", "}}"):
            literal += char
            index += 2
            continue
        if char == "{":
            end = template.find("}", index)
            if end == -1:
                raise TemplateError(f"unclosed {{ in {template!r}")
            if literal:
                body.append((False, literal))
                literal = ""
            body.append((True, template[index + 1 : end].strip()))
            index = end + 1
            continue
        if char in "*`" and kind in ("", char):
            if literal:
                body.append((False, literal))
                literal = ""
            spans.append((kind, tuple(body)))
            body = []
            kind = "" if kind == char else char
            index += 1
            continue
        literal += char
        index += 1
    if kind:
        raise TemplateError(f"unclosed {kind} in {template!r}")
    if literal:
        body.append((False, literal))
    spans.append((kind, tuple(body)))
    return tuple(span for span in spans if span[1])
