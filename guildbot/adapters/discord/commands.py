"""The app-command tree, built from the core's command catalogue.

The catalogue's own entries (``/ask``, ``/coffee``, ``/event``, ``/announce``) and the
umbrella ``/guild`` become Discord commands: a command taking one line gets one text option;
any other is a group with a subcommand per form, the form's summary as its description, an
option for the community or event it acts on (with autocomplete) where the form names one,
and a free ``details`` option. ``/guild`` takes any command line, with completions for
command forms and skills. Every callback only builds the command line and hands it on: the
grammar, not Discord, decides what it means.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
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


def build_commands(
    catalogue: CommandCatalogue, on_line: OnLine, suggest: Suggest | None = None
) -> list[AppCommand]:
    """The catalogue's own entries (and the umbrella), ready for `CommandTree.add_command`:
    a command taking one line becomes one command with one option, any other a group with a
    subcommand per form."""
    commands: list[AppCommand] = []
    for info in (*catalogue.own_entries, catalogue.umbrella):
        if info.line is not None:
            commands.append(_line_command(info, info.line, catalogue, on_line, suggest))
            continue
        group = app_commands.Group(name=info.name, description=_short(info.summary))
        for form in info.forms:
            group.add_command(_subcommand(info, form, on_line, suggest))
        commands.append(group)
    return commands


def line_of(*parts: str | None) -> str:
    """A command line from its parts, skipping empty ones (control characters dropped)."""
    cleaned = (without_control_characters(p).strip() for p in parts if p)
    return " ".join(part for part in cleaned if part)


def _line_command(
    info: CommandInfo,
    line: LineEntry,
    catalogue: CommandCatalogue,
    on_line: OnLine,
    suggest: Suggest | None,
) -> app_commands.Command[Any, ..., Any]:
    """One command with one free-text option: ``/ask QUESTION``, or the umbrella ``/guild
    LINE`` (which completes command forms and skills)."""
    umbrella = info is catalogue.umbrella

    @app_commands.rename(text=line.option)
    @app_commands.describe(text=_short(line.prompt))
    async def callback(interaction: Interaction, text: str | None = None) -> None:
        if umbrella:
            await on_line(interaction, line_of(text) or "help")
        else:
            await on_line(interaction, line_of(info.name, text))

    command: app_commands.Command[Any, ..., Any] = app_commands.Command(
        name=info.name, description=_short(info.summary), callback=callback
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
    info: CommandInfo, form: CommandForm, on_line: OnLine, suggest: Suggest | None
) -> app_commands.Command[Any, ..., Any]:
    """One form; a first argument naming a community or an event gets its own option, so
    Discord can complete it."""
    prefix = (info.name, form.name)
    description = _short(form.summary)
    if form.target is TargetKind.COMMUNITY:

        @app_commands.describe(
            community="Which community (its name or slug)", details=_short(form.details or "—")
        )
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

        @app_commands.describe(
            event="Which event (its number)", details=_short(form.details or "—")
        )
        async def with_event(
            interaction: Interaction, event: str | None = None, details: str | None = None
        ) -> None:
            await on_line(interaction, line_of(*prefix, event, details))

        by_event: app_commands.Command[Any, ..., Any] = app_commands.Command(
            name=form.name, description=description, callback=with_event
        )
        _autocomplete(by_event, "event", "event", suggest)
        return by_event

    @app_commands.describe(details=_short(form.details or "nothing more is needed"))
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
    text = " ".join(text.split()) or "—"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def same_commands(local: list[dict[str, Any]], registered: list[dict[str, Any]]) -> bool:
    """Whether Discord already has these commands, so syncing can be skipped.

    Discord allows 200 command creations a day per application, and every instance would
    otherwise re-register the whole tree on every start. `local` is what discord.py would
    send (`Command.to_dict(tree)`), `registered` what Discord returns (`AppCommand.to_dict()`);
    the two spell defaults differently, so both are reduced to the fields Guildbot sets.
    """
    return sorted(map(_canonical, local), key=repr) == sorted(map(_canonical, registered), key=repr)


def _canonical(payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": payload.get("name"),
        "type": payload.get("type", 1),
        "description": payload.get("description", ""),
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
