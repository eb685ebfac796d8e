"""What the calendar answers about a community's iCal feed, in the reader's language."""

from __future__ import annotations

from guildbot.bot.context import Reply
from guildbot.bot.i18n import Language, translate
from guildbot.contract.richtext import Link, RichText


def which_community(language: Language) -> RichText:
    """`event feed` where no community is meant."""
    return translate(language, "calendar-feed-which-community")


def for_members(language: Language, community: str) -> RichText:
    """A private feed asked for by someone outside the community."""
    return translate(language, "calendar-feed-for-members", community=community)


def feed(language: Language, community: str, slug: str, private: bool, link: str | None) -> Reply:
    """A community's feed: its link, or how to export it when there is no web address."""
    state = "private" if private else "public"
    if link is None:
        return Reply(
            translate(
                language, "calendar-feed-no-address", community=community, state=state, slug=slug
            )
        )
    return Reply(
        translate(language, "calendar-feed", community=community, state=state, link=Link(link)),
        context=translate(language, "calendar-feed-subscribe"),
    )
