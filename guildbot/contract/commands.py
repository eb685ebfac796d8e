"""The commands the core understands, described for platforms that list them natively.

Discord registers application commands with typed options, Slack's manifest lists slash
commands, Teams' manifest lists command suggestions. All of them are built from this
catalogue, which the core derives from its own command specs: a platform never keeps a list
of its own, and never guesses a command's shape from its usage text. Whatever a platform
collects, it hands back as one command line for the core's grammar.

The catalogue is written in English and carries its `translations`: the same commands
described in another language, for platforms that show a member the words of their own
(Discord's ``description_localizations``, Teams' localization files). What is typed never
changes with the language, only what is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TargetKind(StrEnum):
    """What a form's first argument names, so a platform can offer completions for it."""

    COMMUNITY = "community"
    EVENT = "event"
    MEMBER = "member"
    SKILL = "skill"


@dataclass(frozen=True, slots=True)
class CommandForm:
    """One form of a command (``coffee join``): its usage line and what it does.

    `target` is what its first argument names, if anything; `details` describes whatever else
    may follow (free text for the grammar).
    """

    name: str
    usage: str
    summary: str
    target: TargetKind | None = None
    details: str = ""


@dataclass(frozen=True, slots=True)
class LineEntry:
    """A command shown as one entry taking one line of text: the option's name and prompt."""

    option: str
    prompt: str


@dataclass(frozen=True, slots=True)
class CommandInfo:
    """A command with its forms. `own_entry`: platforms give it an entry of its own (``/ask``,
    ``/coffee``); the others are reached through the umbrella command (``/guild …``)."""

    name: str
    summary: str
    forms: tuple[CommandForm, ...]
    own_entry: bool = False
    # The form used when no form is named (``/coffee`` alone is ``coffee status``).
    default: str | None = None
    # A short hint for platforms that show one (Slack's usage hint).
    hint: str = ""
    # Set for a command that is mostly free text (``/ask How do I…?``): platforms show it as
    # one entry taking one line, rather than one entry per form.
    line: LineEntry | None = None


@dataclass(frozen=True, slots=True)
class CommandCatalogue:
    """Every command, in the order help lists them, and the umbrella command's name."""

    commands: tuple[CommandInfo, ...]
    # The entry that takes any command line (``/guild expertise add k8s``).
    umbrella: CommandInfo
    # The same commands in other languages, by language tag ("fr"): the same names, forms
    # and order as these, only the summaries and prompts translated.
    translations: tuple[tuple[str, CommandCatalogue], ...] = ()

    def get(self, name: str) -> CommandInfo | None:
        """The command called `name`."""
        return next((c for c in self.commands if c.name == name), None)

    @property
    def own_entries(self) -> tuple[CommandInfo, ...]:
        """The commands that get an entry of their own, in order."""
        return tuple(c for c in self.commands if c.own_entry)

    def translated(self, language: str) -> CommandCatalogue | None:
        """The commands described in `language` (a tag such as "fr"), if translated."""
        return dict(self.translations).get(language)
