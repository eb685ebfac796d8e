"""What the calendar answers about a community's iCal feed."""

from __future__ import annotations

from guildbot.bot.context import Reply
from guildbot.bot.rich import say
from guildbot.contract.richtext import Link, RichText

WHICH_COMMUNITY = say("Which community? For example: `event feed accessibility`.")


def for_members(community: str) -> RichText:
    """A private feed asked for by someone outside the community."""
    return say("{community}'s calendar is for its members.", community=community)


def feed(community: str, slug: str, private: bool, link: str | None) -> Reply:
    """A community's feed: its link, or how to export it when there is no web address."""
    state = "private: keep this link to yourself" if private else "public"
    if link is None:
        return Reply(
            say(
                "{community}'s calendar feed is {state}, but this Guildbot has no public web "
                "address yet (GUILDBOT_PUBLIC_URL); your operator can export it with "
                "`guildbot calendar export {slug}`.",
                community=community,
                state=state,
                slug=slug,
            )
        )
    return Reply(
        say(
            "{community}'s calendar ({state}): {link}",
            community=community,
            state=state,
            link=Link(link),
        ),
        context=say("Subscribe to it in Outlook, Google Calendar or Apple Calendar."),
    )
