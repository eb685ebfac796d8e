"""`community language COMMUNITY en|fr|both [fr]`: what a community posts in its channel.

Messages to one person follow that person's language; the channel's posts (events,
announcements, reminders, the welcome) follow this setting (`bot.i18n.channels`).
"""

from __future__ import annotations

from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.i18n import Language, translate
from guildbot.bot.i18n import quoted as quoted_in
from guildbot.bot.i18n.channels import ChannelLanguage, parse_channel_language
from guildbot.bot.lookup import find_community
from guildbot.bot.policy import require_manager
from guildbot.contract.richtext import RichText
from guildbot.storage.engine import Database
from guildbot.storage.repositories.audit import AuditLog

_ACTION = "community.language"


class CommunityLanguages:
    """Facilitators choose the language of their community's channel posts."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def set(self, ctx: Context, rest: str) -> Reply:
        typed, setting = _split(rest)
        if setting is None:
            if not typed:
                raise UsageError("community", "language")
            raise UserError(unknown_setting(ctx.language, rest.strip().rsplit(" ", 1)[-1]))
        async with self.database.transaction() as session:
            community = await find_community(session, typed)
            await require_manager(ctx, session, community, _ACTION)
            before = community.language
            community.language = setting.value
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                _ACTION,
                "community",
                community.id,
                {"from": before, "to": setting.value},
            )
        return Reply(language_set(ctx.language, community.name, setting))


def _split(rest: str) -> tuple[str, ChannelLanguage | None]:
    """The community and the setting: the setting is the last word or two ("both fr")."""
    words = rest.split()
    for taken in (2, 1):
        if len(words) > taken:
            setting = parse_channel_language(" ".join(words[-taken:]))
            if setting is not None:
                return " ".join(words[:-taken]), setting
    return (" ".join(words[:-1]) if len(words) > 1 else ""), None


def language_set(language: Language, community: str, setting: ChannelLanguage) -> RichText:
    return translate(
        language, "community-language-set", community=community, setting=_setting_id(setting)
    )


def unknown_setting(language: Language, typed: str) -> RichText:
    return translate(language, "community-language-unknown", typed=quoted_in(language, typed, 30))


def _setting_id(setting: ChannelLanguage) -> str:
    # Fluent selects on a bare identifier; "en+fr" is not one.
    return setting.value.replace("+", "-")
