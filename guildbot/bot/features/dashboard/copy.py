"""What the dashboard command says, in the reader's language (messages in
`bot/i18n/locales/*/dashboard.ftl`; the web pages are the dashboard's own)."""

from __future__ import annotations

from guildbot.bot.context import Reply
from guildbot.bot.i18n import Language, translate, translate_plain
from guildbot.contract.richtext import Link, RichText


def not_on(language: Language) -> RichText:
    return translate(language, "dashboard-not-on")


def nothing_to_show(language: Language) -> RichText:
    return translate(language, "dashboard-nothing-to-show")


def link(language: Language, url: str, community: str | None) -> Reply:
    """The private answer carrying the sign-in link."""
    shown = Link(url, translate_plain(language, "dashboard-link-label"))
    text = (
        translate(language, "dashboard-link-opens-on", community=community, link=shown)
        if community
        else translate(language, "dashboard-link", link=shown)
    )
    return Reply(text, context=translate(language, "dashboard-link-hint"))
