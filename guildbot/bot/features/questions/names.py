"""Members as expert routing's messages name them: a mention people can click on the
message's platform (their name where they have no identity there), with their department."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.features.questions.copy import person, someone
from guildbot.bot.i18n import Language
from guildbot.bot.people import mention
from guildbot.contract.richtext import Mention, RichText
from guildbot.storage.repositories.expertise import ExpertiseRepository, NamedMember


async def people(
    session: AsyncSession, member_ids: Iterable[int], platform: str, language: Language
) -> dict[int, RichText]:
    """Each member (that exists) by id, as lists name them on `platform`, for a reader of
    `language`."""
    named = await ExpertiseRepository(session).named(member_ids)
    return {
        member_id: person(
            language, await mention(session, member_id, who.display_name, platform), who.department
        )
        for member_id, who in named.items()
    }


async def member(session: AsyncSession, member_id: int) -> NamedMember | None:
    """A member's name and department."""
    return (await ExpertiseRepository(session).named([member_id])).get(member_id)


async def mentioned(
    session: AsyncSession, member_id: int, platform: str, language: Language
) -> Mention | str:
    """A member as a mention on `platform` (their name where they have none; "someone", in
    the reader's `language`, if they are gone)."""
    found = await member(session, member_id)
    name = found.display_name if found else someone(language)
    return await mention(session, member_id, name, platform)
