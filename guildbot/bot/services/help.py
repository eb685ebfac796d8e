"""Help text, generated from the grammar so it can never drift from what is parsed."""

from __future__ import annotations

from guildbot.bot.grammar import COMMANDS, CommandSpec, closest
from guildbot.bot.services.base import Reply, quoted


def overview() -> Reply:
    """Every command with its one-line summary."""
    lines = ["*Guildbot* connects people who share a craft across departments. Commands:"]
    lines += [f"• `{name}` — {spec.summary}" for name, spec in COMMANDS.items()]
    return Reply(
        "\n".join(lines), context="Type `help COMMAND` for details, e.g. `help expertise`."
    )


def command_help(spec: CommandSpec) -> Reply:
    """One command's forms and examples."""
    lines = [f"*{spec.name}* — {spec.summary}"]
    lines += [f"• `{sub.usage}` — {sub.summary}" for sub in spec.subcommands]
    if spec.examples:
        lines.append("Examples: " + ", ".join(f"`{example}`" for example in spec.examples))
    return Reply("\n".join(lines))


def help_for(topic: str) -> Reply:
    """`help [COMMAND]`."""
    word = topic.strip().lstrip("/").split(maxsplit=1)[0].casefold() if topic.strip() else ""
    if not word:
        return overview()
    spec = COMMANDS.get(word)
    if spec is not None:
        return command_help(spec)
    suggestion = closest(word, list(COMMANDS))
    hint = f" Did you mean `{suggestion}`?" if suggestion else ""
    listing = overview()
    return Reply(
        f"There's no command {quoted(word, 30)}.{hint}\n{listing.text}", context=listing.context
    )


def usage(command: str, subcommand: str | None = None, problem: str = "") -> Reply:
    """The usage line(s) for a command, after what was wrong."""
    spec = COMMANDS[command]
    sub = spec.sub(subcommand) if subcommand is not None else None
    lines = [problem] if problem else []
    if sub is not None and sub.name:
        lines.append(f"Usage: `{sub.usage}`")
    else:
        lines.append("Usage:\n" + "\n".join(f"`{s.usage}`" for s in spec.subcommands))
    return Reply("\n".join(lines), context=f"More: `help {command}`")
