"""The directory's commands: profiles and the skills members declare."""

from __future__ import annotations

from guildbot.bot.grammar import Alias, CommandSpec, Subcommand
from guildbot.bot.i18n import Language
from guildbot.contract.commands import TargetKind

PROFILE = CommandSpec(
    name="profile",
    summary="see or update your profile",
    subcommands=(
        Subcommand("show", "profile", "show your profile"),
        Subcommand(
            "set",
            "profile set department|title|timezone|language VALUE",
            "change one field of your profile",
        ),
    ),
    default="show",
    examples=(
        "profile set timezone America/Toronto",
        "profile set title Data analyst",
        "profile set language fr",
    ),
    aliases=(Alias("profil", Language.FR),),
)

EXPERTISE = CommandSpec(
    name="expertise",
    summary="the skills you can help others with",
    subcommands=(
        Subcommand(
            "add",
            "expertise add SKILL[, SKILL…]",
            "declare skills you have",
            target=TargetKind.SKILL,
        ),
        Subcommand(
            "remove",
            "expertise remove SKILL[, SKILL…]",
            "remove skills",
            target=TargetKind.SKILL,
        ),
        Subcommand("list", "expertise list [@member]", "your skills, or another member's"),
        Subcommand(
            "review",
            "expertise review",
            "new skills members added, to accept or reject (facilitators and admins)",
        ),
    ),
    default="list",
    examples=(
        "expertise add k8s, plain language",
        "expertise list @amara.okafor",
        "expertise who pdf accessibility",
    ),
)

SPECS = (PROFILE, EXPERTISE)
