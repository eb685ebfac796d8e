"""The app-command tree, generated from the one command grammar.

``/ask``, ``/coffee``, ``/event``, ``/announce`` and ``/guild`` mirror the grammar: each
subcommand of coffee, event and announce is a Discord subcommand with the grammar's summary
as its description, an option for the community or event it acts on (with autocomplete) where
the grammar takes one, and a free ``details`` option described by the grammar's usage line.
``/guild`` takes any command line (help, profile, expertise, community, role, privacy…),
with completions for command forms and skills. Every callback only builds the command line
and hands it on: the grammar, not Discord, decides what it means.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord
from discord import app_commands

from guildbot.bot.grammar import COMMANDS, CommandSpec, Subcommand
from guildbot.bot.services.text import without_control_characters

log = logging.getLogger(__name__)

Interaction = discord.Interaction[Any]
OnLine = Callable[[Interaction, str], Awaitable[None]]
"""What a command callback calls with the neutral command line ("coffee join accessibility")."""
Suggest = Callable[[str, str], Awaitable[list[tuple[str, str]]]]
"""Completions for what is being typed: (kind, typed) -> [(label, value)]."""
AppCommand = app_commands.Command[Any, ..., Any] | app_commands.Group

GROUPS = ("coffee", "event", "announce")
MAX_DESCRIPTION = 100
MAX_CHOICE = 100
SKILL_FORMS = ("expertise add ", "expertise remove ", "expertise who ")


def build_commands(on_line: OnLine, suggest: Suggest | None = None) -> list[AppCommand]:
    """The five top-level commands, ready for `CommandTree.add_command`."""
    commands: list[AppCommand] = [_ask(on_line), _guild(on_line, suggest)]
    for name in GROUPS:
        spec = COMMANDS[name]
        group = app_commands.Group(name=name, description=_short(spec.summary))
        for sub in spec.subcommands:
            group.add_command(_subcommand(spec, sub, on_line, suggest))
        commands.append(group)
    return commands


def line_of(*parts: str | None) -> str:
    """A command line from its parts, skipping empty ones (control characters dropped)."""
    cleaned = (without_control_characters(p).strip() for p in parts if p)
    return " ".join(part for part in cleaned if part)


def _ask(on_line: OnLine) -> app_commands.Command[Any, ..., Any]:
    spec = COMMANDS["ask"]

    @app_commands.describe(
        question="Your question — or: mine · close ID · suggest ID @member · mode off|suggest|auto"
    )
    async def ask(interaction: Interaction, question: str | None = None) -> None:
        await on_line(interaction, line_of("ask", question))

    return app_commands.Command(name="ask", description=_short(spec.summary), callback=ask)


def _guild(on_line: OnLine, suggest: Suggest | None) -> app_commands.Command[Any, ..., Any]:
    @app_commands.describe(command="A command line, e.g. help · profile · expertise add k8s")
    async def guild(interaction: Interaction, command: str | None = None) -> None:
        await on_line(interaction, line_of(command) or "help")

    command: app_commands.Command[Any, ..., Any] = app_commands.Command(
        name="guild", description="Any Guildbot command (try: help)", callback=guild
    )

    @command.autocomplete("command")
    async def complete(interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
        try:
            return await _complete_line(without_control_characters(current), suggest)
        except Exception as error:  # a keystroke never shows an error: just no suggestions
            log.warning("discord autocomplete failed kind=command (%s)", type(error).__name__)
            return []

    return command


async def _complete_line(current: str, suggest: Suggest | None) -> list[app_commands.Choice[str]]:
    """Command forms that start with what was typed; skills after ``expertise add``."""
    typed = current.lstrip().lower()
    form = next((f for f in SKILL_FORMS if typed.startswith(f)), None)
    if form is not None and suggest is not None:
        head, _, last = current.lstrip()[len(form) :].rpartition(",")
        prefix = current.lstrip()[: len(form)] + (head + ", " if head else "")
        return [
            _choice(prefix + name, prefix + name)
            for _label, name in await suggest("skill", last.strip())
            if len(prefix + name) <= MAX_CHOICE
        ][:25]
    usages = [
        usage
        for spec in COMMANDS.values()
        for sub in spec.subcommands
        for usage in [sub.usage]
        if usage.lower().startswith(typed) or (not typed)
    ]
    return [_choice(u, u.split(" [")[0].split(" …")[0]) for u in usages][:25]


def _subcommand(
    spec: CommandSpec, sub: Subcommand, on_line: OnLine, suggest: Suggest | None
) -> app_commands.Command[Any, ..., Any]:
    """One subcommand; its first argument gets its own option when it names a community or
    an event, so Discord can complete it."""
    name = sub.name or spec.default or "show"
    words = sub.usage.split()
    # The usage without the command and form: "coffee join [COMMUNITY]" -> "[COMMUNITY]".
    tail = " ".join(words[2:] if len(words) > 1 and words[1] == name else words[1:])
    first = tail.split(" ")[0].strip("[]") if tail else ""
    rest = tail.split(" ", 1)[1] if " " in tail else ""
    prefix = (spec.name, name)
    description = _short(sub.summary)
    if first == "COMMUNITY":

        @app_commands.describe(
            community="Which community (its name or slug)", details=_short(rest or "—")
        )
        async def with_community(
            interaction: Interaction, community: str | None = None, details: str | None = None
        ) -> None:
            await on_line(interaction, line_of(*prefix, community, details))

        command: app_commands.Command[Any, ..., Any] = app_commands.Command(
            name=name, description=description, callback=with_community
        )
        _autocomplete(command, "community", "community", suggest)
        return command
    if first == "ID" and spec.name == "event":

        @app_commands.describe(event="Which event (its number)", details=_short(rest or "—"))
        async def with_event(
            interaction: Interaction, event: str | None = None, details: str | None = None
        ) -> None:
            await on_line(interaction, line_of(*prefix, event, details))

        by_event: app_commands.Command[Any, ..., Any] = app_commands.Command(
            name=name, description=description, callback=with_event
        )
        _autocomplete(by_event, "event", "event", suggest)
        return by_event

    @app_commands.describe(details=_short(tail or "nothing more is needed"))
    async def plain(interaction: Interaction, details: str | None = None) -> None:
        await on_line(interaction, line_of(*prefix, details))

    return app_commands.Command(name=name, description=description, callback=plain)


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
