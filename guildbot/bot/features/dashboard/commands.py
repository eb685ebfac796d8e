"""`dashboard [COMMUNITY]`: a facilitator's private sign-in link to the web dashboard."""

from __future__ import annotations

from guildbot.bot.grammar import CommandSpec, Subcommand
from guildbot.contract.commands import TargetKind

DASHBOARD = CommandSpec(
    name="dashboard",
    summary="a private link to your communities' dashboard (facilitators and admins)",
    subcommands=(
        Subcommand(
            "open",
            "dashboard [COMMUNITY]",
            "a sign-in link for you alone, valid once for 15 minutes",
            target=TargetKind.COMMUNITY,
        ),
    ),
    default="open",
    fallback="open",
    examples=("dashboard", "dashboard accessibility"),
)

SPECS = (DASHBOARD,)
