"""Communities and their roles."""

from __future__ import annotations

from guildbot.bot.grammar import Alias, CommandSpec, Subcommand
from guildbot.bot.i18n import Language
from guildbot.contract.commands import TargetKind

COMMUNITY = CommandSpec(
    name="community",
    summary="communities of practice: create, join, leave, browse",
    subcommands=(
        Subcommand(
            "create",
            "community create NAME [-- DESCRIPTION]",
            "start a community (you become its admin)",
        ),
        Subcommand(
            "join",
            "community join COMMUNITY",
            "join a community",
            target=TargetKind.COMMUNITY,
        ),
        Subcommand(
            "leave",
            "community leave COMMUNITY",
            "leave a community",
            target=TargetKind.COMMUNITY,
        ),
        Subcommand("list", "community list", "every community, with its size"),
        Subcommand(
            "info",
            "community info COMMUNITY",
            "about one community",
            target=TargetKind.COMMUNITY,
        ),
        Subcommand(
            "link",
            "community link COMMUNITY",
            "make this channel the community's channel (facilitators)",
            target=TargetKind.COMMUNITY,
        ),
        Subcommand(
            "rename",
            "community rename COMMUNITY -- NEW NAME",
            "give a community a new name; its short name stays (facilitators)",
            target=TargetKind.COMMUNITY,
        ),
        Subcommand(
            "remove",
            "community remove @member COMMUNITY",
            "take a member out of a community (facilitators; admins by admins)",
        ),
        Subcommand(
            "archive",
            "community archive COMMUNITY",
            "keep a community as it is, no longer active (admins)",
            target=TargetKind.COMMUNITY,
        ),
        Subcommand(
            "unarchive",
            "community unarchive COMMUNITY",
            "bring an archived community back (admins)",
            target=TargetKind.COMMUNITY,
        ),
        Subcommand(
            "welcome",
            "community welcome COMMUNITY [en|fr] on|off|-- TEXT",
            "greet people who join its channel (facilitators; off by default)",
            target=TargetKind.COMMUNITY,
        ),
        Subcommand(
            "language",
            "community language COMMUNITY en|fr|both [fr]",
            "what the community posts in its channel: English, French, or both (facilitators)",
            target=TargetKind.COMMUNITY,
        ),
    ),
    default="list",
    examples=("community create Plain Language -- Writing people understand",),
    aliases=(Alias("communauté", Language.FR), Alias("communaute", Language.FR)),
)

ROLE = CommandSpec(
    name="role",
    summary="give or take a community role (facilitators and admins)",
    subcommands=(
        Subcommand(
            "grant",
            "role grant @member member|facilitator|admin [COMMUNITY]",
            "give a member a role",
        ),
        Subcommand(
            "revoke",
            "role revoke @member facilitator|admin [COMMUNITY]",
            "take a role back (they stay a member)",
        ),
    ),
    examples=("role grant @li.wei facilitator data-science",),
)

SPECS = (COMMUNITY, ROLE)
