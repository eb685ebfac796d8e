"""The app-command tree, built from the core's command catalogue.

The catalogue's own entries (``/ask``, ``/coffee``, ``/event``, ``/announce``) and the
umbrella ``/guild`` become Discord commands: a command taking one line gets one text option;
any other is a group with a subcommand per form, the form's summary as its description, an
option for the community or event it acts on (with autocomplete) where the form names one,
and a free ``details`` option. ``/guild`` takes any command line, with completions for
command forms and skills. Every callback only builds the command line and hands it on: the
grammar, not Discord, decides what it means.

Every description is a `locale_str` carrying its translations (the catalogue's own, and the
adapter's option prompts from `Phrases`); `CatalogueTranslator` hands them to discord.py,
which sends them as ``description_localizations`` (French: Discord's ``fr``). Names stay the
grammar's words in every language: they are what is typed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import discord
from discord import app_commands

from guildbot.contract.commands import (
    CommandCatalogue,
    CommandForm,
    CommandInfo,
    LineEntry,
    TargetKind,
)
from guildbot.contract.phrases import Phrases
from guildbot.contract.text import without_control_characters

log = logging.getLogger(__name__)

Interaction = discord.Interaction[Any]
OnLine = Callable[[Interaction, str], Awaitable[None]]
"""What a command callback calls with the neutral command line ("coffee join accessibility")."""
Suggest = Callable[[str, str], Awaitable[list[tuple[str, str]]]]
"""Completions for what is being typed: (kind, typed) -> [(label, value)]."""
AppCommand = app_commands.Command[Any, ..., Any] | app_commands.Group

MAX_DESCRIPTION = 100
MAX_CHOICE = 100
_SPACES = re.compile(r"[ \t\r\n]+")
# Where a description keeps its translations, by language tag, for `CatalogueTranslator`.
TRANSLATIONS = "translations"


class CatalogueTranslator(app_commands.Translator):
    """Gives discord.py each description's translation for a Discord locale: the one of the
    locale's language ("fr" for Discord's ``fr``), if the description has one."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        translations: Mapping[str, str] = string.extras.get(TRANSLATIONS) or {}
        return translations.get(locale.value.split("-", 1)[0])


def described(english: str, translations: Mapping[str, str]) -> app_commands.locale_str:
    """A description in English with its translations (those that differ from it)."""
    base = _short(english)
    others = {tag: _short(text) for tag, text in translations.items()}
    return app_commands.locale_str(
        base, **{TRANSLATIONS: {tag: text for tag, text in others.items() if text != base}}
    )


class _Prompts:
    """The adapter's own option prompts, from the catalogues, in every language."""

    def __init__(self, phrases: Phrases) -> None:
        def each(words: Callable[[str], str]) -> app_commands.locale_str:
            default, *others = phrases.languages
            return described(words(default), {tag: words(tag) for tag in others})

        self.community = each(
            lambda tag: phrases.translate_plain(tag, "adapters-discord-option-community")
        )
        self.event = each(lambda tag: phrases.translate_plain(tag, "adapters-discord-option-event"))
        self.nothing_more = each(
            lambda tag: phrases.translate_plain(tag, "adapters-discord-option-nothing-more")
        )


def _entries(catalogue: CommandCatalogue) -> tuple[CommandInfo, ...]:
    return (*catalogue.own_entries, catalogue.umbrella)


def build_commands(
    catalogue: CommandCatalogue,
    on_line: OnLine,
    phrases: Phrases,
    suggest: Suggest | None = None,
) -> list[AppCommand]:
    """The catalogue's own entries (and the umbrella), ready for `CommandTree.add_command`:
    a command taking one line becomes one command with one option, any other a group with a
    subcommand per form; every description with its translations."""
    prompts = _Prompts(phrases)
    # A translation has the same entries and forms, in the same order (the contract's word).
    translated = [(tag, _entries(other)) for tag, other in catalogue.translations]
    commands: list[AppCommand] = []
    for index, info in enumerate(_entries(catalogue)):
        others = {tag: entries[index] for tag, entries in translated}
        if info.line is not None:
            commands.append(_line_command(info, others, catalogue, on_line, suggest))
            continue
        group = app_commands.Group(
            name=info.name,
            description=described(info.summary, {t: o.summary for t, o in others.items()}),
        )
        for number, form in enumerate(info.forms):
            form_in = {tag: other.forms[number].summary for tag, other in others.items()}
            group.add_command(_subcommand(info, form, form_in, prompts, on_line, suggest))
        commands.append(group)
    return commands


def line_of(*parts: str | None) -> str:
    """A command line from its parts, skipping empty ones (control characters dropped)."""
    cleaned = (without_control_characters(p).strip() for p in parts if p)
    return " ".join(part for part in cleaned if part)


def _line_command(
    info: CommandInfo,
    others: Mapping[str, CommandInfo],
    catalogue: CommandCatalogue,
    on_line: OnLine,
    suggest: Suggest | None,
) -> app_commands.Command[Any, ..., Any]:
    """One command with one free-text option: ``/ask QUESTION``, or the umbrella ``/guild
    LINE`` (which completes command forms and skills)."""
    umbrella = info is catalogue.umbrella
    line: LineEntry | None = info.line
    assert line is not None  # a command taking one line (`build_commands`)
    prompts = {tag: other.line.prompt for tag, other in others.items() if other.line}

    @app_commands.rename(text=line.option)
    @app_commands.describe(text=described(line.prompt, prompts))
    async def callback(interaction: Interaction, text: str | None = None) -> None:
        if umbrella:
            await on_line(interaction, line_of(text) or "help")
        else:
            await on_line(interaction, line_of(info.name, text))

    command: app_commands.Command[Any, ..., Any] = app_commands.Command(
        name=info.name,
        description=described(info.summary, {t: o.summary for t, o in others.items()}),
        callback=callback,
    )
    if umbrella:

        async def complete(
            interaction: Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            try:
                return await _complete_line(catalogue, without_control_characters(current), suggest)
            except Exception as error:  # a keystroke never shows an error: no suggestions
                log.warning("discord autocomplete failed kind=command (%s)", type(error).__name__)
                return []

        command.autocomplete("text")(complete)
    return command


async def _complete_line(
    catalogue: CommandCatalogue, current: str, suggest: Suggest | None
) -> list[app_commands.Choice[str]]:
    """Command forms that start with what was typed; skills after a form that takes them."""
    typed = current.lstrip().lower()
    skill_forms = [
        f"{info.name} {form.name} "
        for info in catalogue.commands
        for form in info.forms
        if form.target is TargetKind.SKILL
    ]
    form_typed = next((f for f in skill_forms if typed.startswith(f)), None)
    if form_typed is not None and suggest is not None:
        head, _, last = current.lstrip()[len(form_typed) :].rpartition(",")
        prefix = current.lstrip()[: len(form_typed)] + (head + ", " if head else "")
        return [
            _choice(prefix + name, prefix + name)
            for _label, name in await suggest("skill", last.strip())
            if len(prefix + name) <= MAX_CHOICE
        ][:25]
    usages = [
        form.usage
        for info in catalogue.commands
        for form in info.forms
        if form.usage.lower().startswith(typed) or (not typed)
    ]
    return [_choice(u, u.split(" [")[0].split(" …")[0]) for u in usages][:25]


def _subcommand(
    info: CommandInfo,
    form: CommandForm,
    summaries: Mapping[str, str],
    prompts: _Prompts,
    on_line: OnLine,
    suggest: Suggest | None,
) -> app_commands.Command[Any, ..., Any]:
    """One form; a first argument naming a community or an event gets its own option, so
    Discord can complete it. What follows is the form's usage (``ID [@member]``): the same
    words in every language."""
    prefix = (info.name, form.name)
    description = described(form.summary, summaries)
    if form.target is TargetKind.COMMUNITY:

        @app_commands.describe(community=prompts.community, details=_short(form.details or "—"))
        async def with_community(
            interaction: Interaction, community: str | None = None, details: str | None = None
        ) -> None:
            await on_line(interaction, line_of(*prefix, community, details))

        command: app_commands.Command[Any, ..., Any] = app_commands.Command(
            name=form.name, description=description, callback=with_community
        )
        _autocomplete(command, "community", "community", suggest)
        return command
    if form.target is TargetKind.EVENT:

        @app_commands.describe(event=prompts.event, details=_short(form.details or "—"))
        async def with_event(
            interaction: Interaction, event: str | None = None, details: str | None = None
        ) -> None:
            await on_line(interaction, line_of(*prefix, event, details))

        by_event: app_commands.Command[Any, ..., Any] = app_commands.Command(
            name=form.name, description=description, callback=with_event
        )
        _autocomplete(by_event, "event", "event", suggest)
        return by_event

    @app_commands.describe(details=_short(form.details) if form.details else prompts.nothing_more)
    async def plain(interaction: Interaction, details: str | None = None) -> None:
        await on_line(interaction, line_of(*prefix, details))

    return app_commands.Command(name=form.name, description=description, callback=plain)


def _autocomplete(
    command: app_commands.Command[Any, ..., Any],
    option: str,
    kind: str,
    suggest: Suggest | None,
) -> None:
    if suggest is None:
        return

    async def complete(interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
        try:
            found = await suggest(kind, without_control_characters(current))
        except Exception as error:  # a keystroke never shows an error: just no suggestions
            log.warning("discord autocomplete failed kind=%s (%s)", kind, type(error).__name__)
            return []
        return [_choice(label, value) for label, value in found][:25]

    command.autocomplete(option)(complete)


def _choice(label: str, value: str) -> app_commands.Choice[str]:
    return app_commands.Choice(name=_short(label, MAX_CHOICE), value=value[:MAX_CHOICE])


def _short(text: str, limit: int = MAX_DESCRIPTION) -> str:
    # Runs of ASCII white space become one space; a no-break space stays (French writes one
    # before a colon).
    text = " ".join(_SPACES.split(text.strip(" \t\r\n"))) or "—"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def same_commands(local: list[dict[str, Any]], registered: list[dict[str, Any]]) -> bool:
    """Whether Discord already has these commands, so syncing can be skipped.

    Discord allows 200 command creations a day per application, and every instance would
    otherwise re-register the whole tree on every start. `local` is what discord.py would
    send (`Command.get_translated_payload`, with its ``description_localizations``),
    `registered` what Discord returns (`AppCommand.to_dict()`);
    the two spell defaults differently, so both are reduced to the fields Guildbot sets.
    """
    return sorted(map(_canonical, local), key=repr) == sorted(map(_canonical, registered), key=repr)


def _canonical(payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": payload.get("name"),
        "type": payload.get("type", 1),
        "description": payload.get("description", ""),
        "description_localizations": sorted(
            (payload.get("description_localizations") or {}).items()
        ),
        "required": bool(payload.get("required", False)),
        "autocomplete": bool(payload.get("autocomplete", False)),
        "choices": sorted(
            (str(c.get("name")), str(c.get("value"))) for c in payload.get("choices") or []
        ),
        "bounds": tuple(
            payload.get(key) for key in ("min_value", "max_value", "min_length", "max_length")
        ),
        "options": sorted(map(_canonical, payload.get("options") or []), key=repr),
    }
