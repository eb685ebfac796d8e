"""Coffee intros' command."""

from __future__ import annotations

from guildbot.bot.grammar import Alias, CommandSpec, Subcommand
from guildbot.bot.i18n import Language
from guildbot.contract.commands import TargetKind

COFFEE = CommandSpec(
    name="coffee",
    own_entry=True,
    summary="coffee intros across departments: join, snooze, and (facilitators) run them",
    subcommands=(
        Subcommand("status", "coffee status", "where you stand, and the next round"),
        Subcommand(
            "join",
            "coffee join [COMMUNITY]",
            "take part in a community's intros",
            target=TargetKind.COMMUNITY,
        ),
        Subcommand(
            "leave",
            "coffee leave [COMMUNITY]",
            "stop taking part",
            target=TargetKind.COMMUNITY,
        ),
        Subcommand(
            "snooze",
            "coffee snooze 3w|until DATE [COMMUNITY]",
            "no intros for a while (back automatically)",
        ),
        Subcommand("never", "coffee never @member", "never be grouped with someone (private)"),
        Subcommand("mine", "coffee mine", "your groups now, with their buttons again"),
        Subcommand("history", "coffee history", "your latest groups and how they went"),
        Subcommand(
            "language",
            "coffee language en|fr|both",
            "the languages you work in, so intros pair you with people you can talk to",
        ),
        Subcommand(
            "intro",
            "coffee intro COMMUNITY [en|fr] -- TEXT|off",
            "your own opening line for the community's intros, in English or French (facilitators)",
        ),
        Subcommand(
            "practice",
            "coffee practice fr|en|off",
            "ask for partners who work in a language you'd like to practise (or off)",
        ),
        Subcommand(
            "setup",
            "coffee setup COMMUNITY [weekly|every N weeks|monthly] [on DAY] [at HH:MM] "
            "[in ZONE] [groups of N] [standing|per-round] [shared-language|any-language]",
            "start a community's intros (facilitators)",
            target=TargetKind.COMMUNITY,
        ),
        Subcommand(
            "settings",
            "coffee settings [COMMUNITY] [same options as setup] "
            "[department=W timezone=W new=W skills=W]",
            "see or change them (facilitators)",
            target=TargetKind.COMMUNITY,
        ),
        Subcommand(
            "pause",
            "coffee pause [COMMUNITY]",
            "no rounds until resumed",
            target=TargetKind.COMMUNITY,
        ),
        Subcommand(
            "resume",
            "coffee resume [COMMUNITY]",
            "rounds again",
            target=TargetKind.COMMUNITY,
        ),
        Subcommand(
            "preview",
            "coffee preview [COMMUNITY]",
            "the next round's groups, privately, with re-roll (facilitators)",
            target=TargetKind.COMMUNITY,
        ),
        Subcommand(
            "stats",
            "coffee stats [COMMUNITY]",
            "participation, meeting and repeat rates, new connections (facilitators)",
            target=TargetKind.COMMUNITY,
        ),
    ),
    default="status",
    # Command words are matched case folded but not accent folded, so `cafe` (as typed on
    # keyboards without accents) is an alias of its own; help shows `café`, the first.
    aliases=(Alias("café", Language.FR), Alias("cafe", Language.FR)),
    examples=(
        "coffee join data-science",
        "coffee snooze 3w",
        "coffee setup data-science every 2 weeks on tuesday at 10:00 in America/Toronto",
    ),
)

SPECS = (COFFEE,)
