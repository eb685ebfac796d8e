"""Help, written from the command specs themselves, so it never drifts from what is parsed."""

from __future__ import annotations

from collections.abc import Mapping

from guildbot.bot.context import Reply, quoted
from guildbot.bot.grammar import CommandSpec, ParseFailure, closest
from guildbot.bot.grammar import FailureReason as Why
from guildbot.bot.rich import joined, say
from guildbot.contract.richtext import RichText

Commands = Mapping[str, CommandSpec]
# The overview is also the first thing a newcomer reads (a personal install's welcome): it
# says how to set what times are shown in. (There is no language setting to mention.)
MORE = say(
    "Type `help COMMAND` for details, e.g. `help expertise`. Your time zone (for event times "
    "and reminders): `profile set timezone Europe/Paris`."
)


def overview(commands: Commands) -> Reply:
    """Every command with its one-line summary."""
    lines = [say("*Guildbot* connects people who share a craft across departments. Commands:")]
    lines += [
        say("• `{name}` — {summary}", name=name, summary=spec.summary)
        for name, spec in commands.items()
    ]
    return Reply(joined("\n", lines), context=MORE)


def command_help(spec: CommandSpec) -> Reply:
    """One command's forms and examples."""
    lines = [say("*{name}* — {summary}", name=spec.name, summary=spec.summary)]
    lines += [
        say("• `{usage}` — {summary}", usage=sub.usage, summary=sub.summary)
        for sub in spec.subcommands
    ]
    if spec.examples:
        examples = joined(", ", [say("`{example}`", example=e) for e in spec.examples])
        lines.append(say("Examples: {examples}", examples=examples))
    return Reply(joined("\n", lines))


def help_for(commands: Commands, topic: str) -> Reply:
    """`help [COMMAND]`."""
    word = topic.strip().lstrip("/").split(maxsplit=1)[0].casefold() if topic.strip() else ""
    if not word:
        return overview(commands)
    spec = commands.get(word)
    if spec is not None:
        return command_help(spec)
    suggestion = closest(word, list(commands))
    hint = say(" Did you mean `{s}`?", s=suggestion) if suggestion else RichText()
    listing = overview(commands)
    return Reply(
        say("There's no command {word}.{hint}\n{listing}", word=quoted(word, 30), hint=hint,
            listing=listing.text),
        context=listing.context,
    )  # fmt: skip


def usage(
    commands: Commands,
    command: str,
    subcommand: str | None = None,
    problem: RichText | None = None,
) -> Reply:
    """The usage line(s) for a command, after what was wrong."""
    spec = commands[command]
    sub = spec.sub(subcommand) if subcommand is not None else None
    lines: list[RichText] = [problem] if problem else []
    if sub is not None and sub.name:
        lines.append(say("Usage: `{usage}`", usage=sub.usage))
    else:
        lines.append(
            say(
                "Usage:\n{forms}",
                forms=joined("\n", [say("`{u}`", u=s.usage) for s in spec.subcommands]),
            )
        )
    return Reply(joined("\n", lines), context=say("More: `help {command}`", command=command))


def not_understood(commands: Commands, failure: ParseFailure) -> Reply:
    """What to say to a command line the grammar could not read."""
    if failure.reason is Why.EMPTY:
        return overview(commands)
    if failure.reason is Why.TOO_LONG:
        return Reply(say("That's too long for me: I can read up to {n} characters.", n="4,000"))
    if failure.reason is Why.UNKNOWN_SUBCOMMAND and failure.command is not None:
        hint = (
            say("Did you mean `{c} {s}`?", c=failure.command, s=failure.suggestion)
            if failure.suggestion
            else RichText()
        )
        return usage(commands, failure.command, None, hint)
    if failure.typed.strip().lstrip("#").isdigit():
        # A number alone answers a numbered choice; with none waiting, say so, not all help.
        return Reply(
            say(
                "There's nothing waiting for a number from you just now (choices expire after "
                "a while). Type `help` to see what I can do."
            )
        )
    hint = say(" Did you mean `{s}`?", s=failure.suggestion) if failure.suggestion else RichText()
    listing = overview(commands)
    return Reply(
        say("I don't know the command “{typed}”.{hint}\n{listing}", typed=failure.typed,
            hint=hint, listing=listing.text),
        context=listing.context,
    )  # fmt: skip
