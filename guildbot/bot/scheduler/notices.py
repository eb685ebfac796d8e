"""What the scheduler tells the person who scheduled a message when it could not be posted
as planned, in that person's language (`locales/*/scheduler.ftl`). Times are instants, so
each reader sees them in their own zone."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.i18n import Language, language_of, translate
from guildbot.contract.richtext import Instant, RichText
from guildbot.storage.models import OutboxKind
from guildbot.storage.repositories.members import MemberRepository

_KINDS = {kind.value for kind in OutboxKind}


async def owner_language(session: AsyncSession, member_id: int) -> Language:
    """The language a notice to a row's owner is written in: theirs, from their stored
    locale (English when it is one we do not speak: the scheduler knows no other default)."""
    member = await MemberRepository(session).get(member_id)
    return language_of(member.locale if member is not None else None)


def _due(at: datetime) -> Instant:
    return Instant(at, f"{at:%Y-%m-%d %H:%M} UTC")


def _kind(kind: str) -> str:
    """The row's kind as the catalogue selects on it (anything unknown: a message)."""
    return kind if kind in _KINDS else "message"


def uncertain(language: Language, kind: str, due: datetime) -> RichText:
    return translate(language, "scheduler-uncertain", kind=_kind(kind), due=_due(due))


def missed(language: Language, kind: str, due: datetime) -> RichText:
    return translate(language, "scheduler-missed", kind=_kind(kind), due=_due(due))


def missed_several(language: Language, count: int, kind: str, latest: datetime) -> RichText:
    return translate(
        language, "scheduler-missed-several", count=count, kind=_kind(kind), due=_due(latest)
    )


def undeliverable(language: Language, kind: str, due: datetime, code: str | None) -> RichText:
    if code is None:
        return translate(language, "scheduler-undeliverable", kind=_kind(kind), due=_due(due))
    return translate(
        language, "scheduler-undeliverable-code", kind=_kind(kind), due=_due(due), code=code
    )


def incident(language: Language, kinds: list[str], at: datetime) -> RichText:
    """One question for every message of one incident the platform could not account for."""
    kind = _kind(kinds[0]) if len(set(kinds)) == 1 else "message"
    return translate(language, "scheduler-incident", count=len(kinds), kind=kind, at=_due(at))


def incident_listing(
    language: Language, lines: list[tuple[str, datetime, str, str, str]]
) -> RichText:
    """The messages of an incident: (kind, due, platform, channel, first words) each; a
    direct message's `channel` is "" and a group conversation's `platform` is ""."""
    parts = [translate(language, "scheduler-incident-listing")]
    for kind, due, platform, channel, words in lines:
        shown, at = _kind(kind), _due(due)
        if not channel:
            line = translate(language, "scheduler-listed-direct", kind=shown, due=at, words=words)
        elif not platform:
            line = translate(language, "scheduler-listed-group", kind=shown, due=at, words=words)
        else:
            line = translate(
                language,
                "scheduler-listed-channel",
                kind=shown,
                due=at,
                platform=platform,
                channel=channel,
                words=words,
            )
        parts.append(line)
    return RichText.joined("\n", parts)
