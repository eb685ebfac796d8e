"""The message catalogues (Fluent ``.ftl`` files, one folder per language) and `translate`.

A message is written in the markup of `bot.rich.say` (``*bold*``, ```code```), so a
translator moves emphasis with the words. Values are never read as that markup: Fluent
formats the message with a *marker* in place of each value (numbers excepted, which Fluent
needs for plurals and writes with the language's separators), and the markers then become
`say`'s values. A string that is a bare identifier (``timezone``) is given to Fluent as it is,
so a message can select on it (``{ $field -> [timezone] … }``): it has no markup in it.

A message missing in a language falls back to English (logged at DEBUG: the catalogue is
being translated); one missing everywhere is its id, logged as an error. Neither raises.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable

from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.types import fluent_number
from fluent.syntax import ast

from guildbot.bot.i18n.languages import DEFAULT_LANGUAGE, Language, language_of
from guildbot.bot.rich import TemplateError, Value, say
from guildbot.contract.richtext import Piece, RichText

log = logging.getLogger(__name__)

# Private-use characters: nobody's words reach Fluent, so none can forge a marker.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{_OPEN}([A-Za-z0-9_-]+){_CLOSE}")
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


class CatalogueError(ValueError):
    """A catalogue file Fluent cannot read (its syntax errors, by file and line)."""


def marker(name: str) -> str:
    """Where the value `name` goes, in text given to Fluent or Babel."""
    return f"{_OPEN}{name}{_CLOSE}"


def _escaped(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


def from_markers(text: str, values: Mapping[str, Value]) -> RichText:
    """Formatted text (the translator's words and markup, with markers) as rich text, each
    marker replaced by its value as a value."""
    template: list[str] = []
    last = 0
    for found in _MARKER.finditer(text):
        template.append(_escaped(text[last : found.start()]))
        template.append(f"{{{found[1]}}}" if found[1] in values else "")
        last = found.end()
    template.append(_escaped(text[last:]))
    return say("".join(template), **values)


def _as_written(text: str, values: Mapping[str, Value]) -> RichText:
    """Formatted text whose markup cannot be read: its words as written, values still
    values (better a stray asterisk than no answer)."""
    parts: list[str | Piece | RichText] = []
    last = 0
    for found in _MARKER.finditer(text):
        parts.append(text[last : found.start()])
        value = values.get(found[1], "")
        parts.append(str(value) if isinstance(value, int | float) else value)
        last = found.end()
    parts.append(text[last:])
    return RichText.of(*parts)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Every language's messages, read once."""

    bundles: Mapping[Language, FluentBundle]
    resources: Mapping[Language, tuple[tuple[str, ast.Resource], ...]]

    @classmethod
    def load(cls, root: Traversable) -> Catalogue:
        """The ``ROOT/LANGUAGE/*.ftl`` files of every language (a missing folder: no
        messages in that language, so everything falls back to English)."""
        bundles: dict[Language, FluentBundle] = {}
        resources: dict[Language, tuple[tuple[str, ast.Resource], ...]] = {}
        for language in Language:
            # Without isolating marks: chat clients show them as stray characters.
            bundle = FluentBundle([language.value], use_isolating=False)
            folder = root / language.value
            files_read: list[tuple[str, ast.Resource]] = []
            entries = sorted(folder.iterdir(), key=lambda e: e.name) if folder.is_dir() else []
            for entry in entries:
                if not entry.name.endswith(".ftl"):
                    continue
                resource = FluentResource(entry.read_text(encoding="utf-8"))
                junk = [item for item in resource.body if isinstance(item, ast.Junk)]
                if junk:
                    problems = "; ".join(str(a.message) for j in junk for a in j.annotations)
                    raise CatalogueError(f"{language.value}/{entry.name}: {problems}")
                bundle.add_resource(resource)
                files_read.append((entry.name, resource))
            bundles[language] = bundle
            resources[language] = tuple(files_read)
        return cls(bundles, resources)

    def ids(self, language: Language) -> set[str]:
        """The ids of the messages written in `language`."""
        return {
            item.id.name
            for _, resource in self.resources[language]
            for item in resource.body
            if isinstance(item, ast.Message)
        }

    def has(self, language: Language, message_id: str) -> bool:
        """Whether `language` has the message (without falling back)."""
        return self.bundles[language].has_message(message_id)

    def translate(self, locale: str, message_id: str, /, **values: Value) -> RichText:
        """The message in the language of `locale` (an unknown one: the default), as rich
        text with its values."""
        language = language_of(locale)
        if not self.has(language, message_id):
            if language is not DEFAULT_LANGUAGE:
                log.debug("message %s not in %s yet; English used", message_id, language)
            language = DEFAULT_LANGUAGE
            if not self.has(language, message_id):
                log.error("no message %s in any catalogue", message_id)
                return RichText.of(message_id)
        bundle = self.bundles[language]
        pattern = bundle.get_message(message_id).value
        if pattern is None:
            log.error("message %s in %s has no value", message_id, language)
            return RichText.of(message_id)
        shown = {name: value for name, value in values.items() if not _given_as_is(value)}
        args = {name: _argument(name, value) for name, value in values.items()}
        result, errors = bundle.format_pattern(pattern, args)
        for error in errors:
            # Names of variables or messages only, never a value: values are people's words.
            log.warning("message %s in %s: %s", message_id, language, error)
        text = result if isinstance(result, str) else message_id
        try:
            return from_markers(text, shown)
        except TemplateError:
            log.warning("message %s in %s: unbalanced markup", message_id, language)
            return _as_written(text, shown)


def _argument(name: str, value: Value) -> object:
    """What Fluent gets for a value: the value itself, or its marker. An id (``id``,
    ``..._id``) is a number written without separators: `event show 1234`, never 1,234."""
    if not _given_as_is(value):
        return marker(name)
    if isinstance(value, int) and (name == "id" or name.endswith(("_id", "-id"))):
        return fluent_number(value, useGrouping=False)
    return value


def _given_as_is(value: Value) -> bool:
    """Whether Fluent gets the value itself (numbers, for plurals; bare identifiers, for
    selectors) rather than a marker."""
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and _IDENTIFIER.fullmatch(value) is not None


@functools.cache
def catalogue() -> Catalogue:
    """Guildbot's own catalogues, shipped in this package (read once: they never change
    while the process runs)."""
    return Catalogue.load(files("guildbot.bot.i18n") / "locales")


def translate(locale: str, message_id: str, /, **values: Value) -> RichText:
    """Message `message_id` in the language of `locale`, as rich text (see `Catalogue`)."""
    return catalogue().translate(locale, message_id, **values)


def translate_plain(locale: str, message_id: str, /, **values: Value) -> str:
    """The same, as plain words (button labels, platform command descriptions)."""
    return translate(locale, message_id, **values).plain()
