"""What a member can see, export and erase of what Guildbot holds about them."""

from __future__ import annotations

from guildbot.bot.grammar import Alias, CommandSpec, Subcommand
from guildbot.bot.i18n import Language

PRIVACY = CommandSpec(
    name="privacy",
    summary="see, export or erase what Guildbot holds about you",
    subcommands=(
        Subcommand("show", "privacy", "a summary of what is stored about you"),
        Subcommand("export", "privacy export", "all of it, as JSON"),
        Subcommand("erase", "privacy erase", "delete it (asks first)"),
    ),
    default="show",
    aliases=(Alias("confidentialité", Language.FR), Alias("confidentialite", Language.FR)),
)

SPECS = (PRIVACY,)
