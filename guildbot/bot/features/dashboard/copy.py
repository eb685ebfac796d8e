"""What the dashboard command says."""

from __future__ import annotations

from guildbot.bot.context import Reply
from guildbot.bot.rich import say
from guildbot.contract.richtext import Link

NOT_ON = say(
    "The dashboard is not switched on for this Guildbot yet: an operator turns it on with "
    "GUILDBOT_DASHBOARD=on (see the README's “Facilitator dashboard”)."
)
NOTHING_TO_SHOW = say(
    "The dashboard shows the communities you facilitate, and you do not facilitate any yet."
)


def link(url: str, community: str | None) -> Reply:
    """The private answer carrying the sign-in link."""
    where = say(" (it opens on {community})", community=community) if community else say("")
    return Reply(
        say(
            "Your dashboard link{where}: {link}", where=where, link=Link(url, "open the dashboard")
        ),
        context=say(
            "It works once, for 15 minutes, and only signs you in: please don't forward it."
        ),
    )
