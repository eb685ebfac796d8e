"""The help command: what I can do, or how to use one command."""

from __future__ import annotations

from guildbot.bot.grammar import Alias, CommandSpec, Subcommand
from guildbot.bot.i18n import Language

HELP = CommandSpec(
    name="help",
    summary="what I can do, or how to use one command",
    subcommands=(Subcommand("", "help [COMMAND]", "list commands, or explain one"),),
    default="",
    examples=("help", "help expertise"),
    aliases=(Alias("aide", Language.FR),),
)

SPECS = (HELP,)
