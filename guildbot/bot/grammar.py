"""The one command grammar, shared by every platform.

`parse` turns what a member typed — ``/guild expertise add k8s``, ``expertise add k8s``,
``@Guildbot help`` after the adapter removed the mention — into an `Invocation`, or a
`ParseFailure` that says what was wrong. It never raises: every input gets an answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process

from guildbot.bot.i18n.languages import DEFAULT_LANGUAGE, Language
from guildbot.contract.commands import (
    CommandCatalogue,
    CommandForm,
    CommandInfo,
    LineEntry,
    TargetKind,
)

MAX_COMMAND_CHARS = 4_000
# Slash commands that stand for the whole grammar rather than one command.
UMBRELLA_PREFIXES = ("guild", "guildbot")
_QUOTES = {'"': '"', "'": "'", "“": "”", "‘": "’"}


@dataclass(frozen=True, slots=True)
class Alias:
    """Another word for a command or one of its forms, in a language (``aide`` for ``help``,
    ``créer`` for ``create``, in French): typed, it is the command or form; help shows it to
    readers of its language."""

    word: str
    language: Language


@dataclass(frozen=True, slots=True)
class Subcommand:
    """One form of a command, with its usage line; `target` is what its first argument names
    (platforms offer completions for it); `aliases`, its words in other languages."""

    name: str
    usage: str
    summary: str
    target: TargetKind | None = None
    aliases: tuple[Alias, ...] = ()

    def word(self, language: Language) -> str:
        """What a reader of `language` types for the form (its alias there, else its name)."""
        return next((a.word for a in self.aliases if a.language is language), self.name)

    def named(self, word: str) -> bool:
        """Whether `word` (case folded) is the form's name or one of its aliases."""
        folded = word.casefold()
        return folded == self.name or any(a.word == folded for a in self.aliases)

    def details(self, command: str) -> str:
        """What may follow the form's name (and its target), for platforms that ask for it
        in a field of its own: ``coffee join [COMMUNITY]`` -> ``""``."""
        words = self.usage.split()
        skip = 2 if len(words) > 1 and words[0] == command and words[1] == self.name else 1
        tail = words[skip:]
        if self.target is not None and tail:
            tail = tail[1:]
        return " ".join(tail)


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """A command: its summary, its forms, and an example or two for help."""

    name: str
    summary: str
    subcommands: tuple[Subcommand, ...]
    # The form used when no subcommand is typed (``profile`` shows the profile).
    default: str | None = None
    examples: tuple[str, ...] = ()
    # The form used when the first word is not a form's name (``announce #general …``).
    fallback: str | None = None
    # Platforms give the command an entry of its own (``/coffee``); the others are reached
    # through the umbrella command (``/guild profile``).
    own_entry: bool = False
    # A command that is mostly free text: one entry, one line (``/ask How do I…?``).
    line: LineEntry | None = None
    aliases: tuple[Alias, ...] = ()

    def word(self, language: Language) -> str:
        """What a reader of `language` types for the command (its alias there, else its
        name)."""
        return next((a.word for a in self.aliases if a.language is language), self.name)

    def sub(self, name: str | None) -> Subcommand | None:
        """The form called `name`, if any."""
        return next((s for s in self.subcommands if s.name == name), None)

    def sub_named(self, word: str) -> Subcommand | None:
        """The form `word` names, by its name or an alias (case folded)."""
        return next((s for s in self.subcommands if s.name and s.named(word)), None)

    @property
    def usage(self) -> str:
        """Every form's usage line, one per line."""
        return "\n".join(s.usage for s in self.subcommands)


class FailureReason(StrEnum):
    """Why a command line could not be understood."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    UNKNOWN_COMMAND = "unknown_command"
    UNKNOWN_SUBCOMMAND = "unknown_subcommand"


@dataclass(frozen=True, slots=True)
class Invocation:
    """A command line that names a known command and form.

    `args` are the words after the form (quotes group words); `rest` is the same text
    verbatim, for commands whose argument is free text such as a skill list or a title.
    """

    command: str
    subcommand: str
    args: tuple[str, ...]
    rest: str


@dataclass(frozen=True, slots=True)
class ParseFailure:
    """A command line that could not be understood, with what is needed to help."""

    reason: FailureReason
    typed: str
    command: str | None = None
    suggestion: str | None = None


def tokenize(text: str) -> list[str]:
    """Split on whitespace; quotes group words when they close, and are kept when they don't."""
    tokens: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char.isspace():
            if current:
                tokens.append("".join(current))
                current = []
            index += 1
            continue
        closing = _QUOTES.get(char)
        if closing is not None and not current:
            end = text.find(closing, index + 1)
            if end != -1:
                tokens.append(text[index + 1 : end])
                index = end + 1
                continue
        current.append(char)
        index += 1
    if current:
        tokens.append("".join(current))
    return tokens


def _split_first_word(text: str) -> tuple[str, str]:
    parts = text.split(maxsplit=1)
    if not parts:
        return "", ""
    return parts[0], parts[1] if len(parts) > 1 else ""


def strip_prefixes(text: str) -> str:
    """Remove a leading slash and the umbrella command: ``/guild help`` -> ``help``."""
    stripped = text.strip()
    first, remainder = _split_first_word(stripped)
    if first.lstrip("/").casefold() in UMBRELLA_PREFIXES:
        return remainder.strip()
    if stripped.startswith("/"):
        return stripped[1:].strip()
    return stripped


def command_named(word: str, commands: Mapping[str, CommandSpec]) -> CommandSpec | None:
    """The command `word` names, by its name or an alias (case folded)."""
    folded = word.casefold()
    spec = commands.get(folded)
    if spec is not None:
        return spec
    return next((s for s in commands.values() if any(a.word == folded for a in s.aliases)), None)


def suggested_command(
    word: str, commands: Mapping[str, CommandSpec], language: Language = DEFAULT_LANGUAGE
) -> str | None:
    """The command word closest to a mistyped one: among the words of the reader's language
    first (``aidr`` -> ``aide`` in French, ``profl`` -> ``profile`` in English), then any."""
    own = [spec.word(language) for spec in commands.values()]
    every = own + [a.word for spec in commands.values() for a in spec.aliases]
    return closest(word, own) or closest(word, every)


def suggested_subcommand(
    word: str, spec: CommandSpec, language: Language = DEFAULT_LANGUAGE
) -> str | None:
    """The form word closest to a mistyped one, among the reader's words first (``créé`` ->
    ``créer`` in French), then any of the form's words."""
    forms = [s for s in spec.subcommands if s.name]
    own = [s.word(language) for s in forms]
    every = own + [s.name for s in forms] + [a.word for s in forms for a in s.aliases]
    return closest(word, own) or closest(word, every)


def closest(word: str, choices: list[str], cutoff: float = 60.0) -> str | None:
    """The most similar choice to `word`, or None when nothing is close."""
    if not word or not choices:
        return None
    found = process.extractOne(word.casefold(), choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    return None if found is None else str(found[0])


def parse(
    text: str, commands: Mapping[str, CommandSpec], language: Language = DEFAULT_LANGUAGE
) -> Invocation | ParseFailure:
    """Understand a command line against `commands` (a suggestion for a mistyped command
    prefers the words of `language`). Total: returns a value for every string."""
    if len(text) > MAX_COMMAND_CHARS:
        return ParseFailure(FailureReason.TOO_LONG, typed=text[:40])
    line = strip_prefixes(text)
    if not line:
        return ParseFailure(FailureReason.EMPTY, typed="")
    word, remainder = _split_first_word(line)
    spec = command_named(word, commands)
    if spec is None:
        return ParseFailure(
            FailureReason.UNKNOWN_COMMAND,
            typed=word[:40],
            suggestion=suggested_command(word, commands, language),
        )
    if spec.name == "help":
        return Invocation("help", "", tuple(tokenize(remainder)), remainder.strip())
    sub_word, sub_remainder = _split_first_word(remainder)
    if not sub_word:
        if spec.default is None:
            return ParseFailure(FailureReason.UNKNOWN_SUBCOMMAND, typed="", command=spec.name)
        return Invocation(spec.name, spec.default, (), "")
    sub = spec.sub_named(sub_word)
    if sub is None and spec.fallback is not None:
        return Invocation(spec.name, spec.fallback, tuple(tokenize(remainder)), remainder.strip())
    if sub is None:
        return ParseFailure(
            FailureReason.UNKNOWN_SUBCOMMAND,
            typed=sub_word[:40],
            command=spec.name,
            suggestion=suggested_subcommand(sub_word, spec, language),
        )
    return Invocation(spec.name, sub.name, tuple(tokenize(sub_remainder)), sub_remainder.strip())


UMBRELLA = CommandInfo(
    name="guild",
    summary="Any Guildbot command (try: help)",
    forms=(),
    own_entry=True,
    line=LineEntry("command", "A command line, e.g. help · profile · expertise add k8s"),
)


def catalogue_of(commands: Mapping[str, CommandSpec]) -> CommandCatalogue:
    """Every command as platforms list them natively."""
    return CommandCatalogue(
        commands=tuple(
            CommandInfo(
                name=spec.name,
                summary=spec.summary,
                forms=tuple(
                    CommandForm(
                        name=sub.name or spec.default or "show",
                        usage=sub.usage,
                        summary=sub.summary,
                        target=sub.target,
                        details=sub.details(spec.name),
                    )
                    for sub in spec.subcommands
                ),
                own_entry=spec.own_entry,
                default=spec.default,
                line=spec.line,
            )
            for spec in commands.values()
        ),
        umbrella=UMBRELLA,
    )
