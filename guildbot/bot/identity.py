"""Who is acting: the member behind a platform user, created on first contact."""

from __future__ import annotations

import logging
import re

from sqlalchemy.exc import IntegrityError

from guildbot.bot.clock import Clock
from guildbot.bot.context import Actor, UserError
from guildbot.bot.i18n.languages import DEFAULT_LANGUAGE, Language, language_of
from guildbot.bot.lookup import find_timezone
from guildbot.bot.text import clean_field
from guildbot.contract.adapter import ProfileLookup
from guildbot.contract.refs import MemberRef
from guildbot.storage.engine import Database
from guildbot.storage.models import Member
from guildbot.storage.repositories.members import MemberRepository

log = logging.getLogger(__name__)

DEFAULT_LOCALE = "en"  # a member's, when the platform does not say (the column's default)


class Identities:
    """Resolves platform users to members."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        default_timezone: str,
        default_locale: str = DEFAULT_LOCALE,
    ) -> None:
        self.database = database
        self.clock = clock
        self.default_timezone = default_timezone
        # Given to members whose platform does not say (GUILDBOT_DEFAULT_LOCALE), and the
        # language of those whose locale is one we do not speak.
        self.default_locale = default_locale
        self.default_language = language_of(default_locale)

    async def language_of(self, ref: MemberRef) -> Language:
        """The language to answer a platform user in before (or without) resolving them as
        an actor: a member's own, else the default. Creates nobody."""
        async with self.database.transaction() as session:
            member = await MemberRepository(session).by_identity(
                ref.platform, ref.workspace_id, ref.user_id
            )
        return self.default_language if member is None else self.language_for(member.locale)

    def language_for(self, locale: str) -> Language:
        """The language a member with this stored locale reads (`Member.locale`): theirs when we
        speak it, else the operator's default. What copy for someone other than the actor
        (an expert's DM, a coffee intro, a reminder) is written in."""
        return language_of(locale, self.default_language)

    def _actor(self, member: Member, ref: MemberRef) -> Actor:
        return actor_of(member, ref, self.default_language)

    async def resolve_actor(self, ref: MemberRef, lookup: ProfileLookup) -> Actor | None:
        """The member behind a platform user, created on first contact.

        Returns None when we have never met the user and the platform cannot tell us who they
        are: then nothing is stored, rather than a half-made member. A user whose verified
        e-mail is already a member's (imported, or met on another platform) is that member.
        """
        async with self.database.transaction() as session:
            member = await MemberRepository(session).by_identity(
                ref.platform, ref.workspace_id, ref.user_id
            )
            if member is not None:
                return self._actor(member, ref)
        profile = await lookup(ref)
        if profile is None:
            return None
        try:
            async with self.database.transaction() as session:
                members = MemberRepository(session)
                now = self.clock.now()
                timezone = self.default_timezone
                if profile.timezone:
                    try:
                        timezone = find_timezone(profile.timezone)
                    except UserError:
                        timezone = self.default_timezone
                email = (profile.email or "").strip().lower() or None
                known = await members.by_email(email) if email else None
                if known is not None:
                    await members.link_identity(
                        known.id, ref.platform, ref.workspace_id, ref.user_id, now
                    )
                    log.info("member id=%s linked on platform=%s by e-mail", known.id, ref.platform)
                    return self._actor(known, ref)
                member = await members.add(
                    Member(
                        display_name=clean_field(profile.display_name, "name", 120),
                        timezone=timezone,
                        email=email,
                        created_at=now,
                        locale=language_tag(profile.locale) or self.default_locale,
                    )
                )
                await members.link_identity(
                    member.id, ref.platform, ref.workspace_id, ref.user_id, now
                )
                log.info("new member id=%s from platform=%s", member.id, ref.platform)
                return self._actor(member, ref)
        except (IntegrityError, UserError):
            # Another event for the same person won the race: read whoever exists now
            # instead of failing the request.
            async with self.database.transaction() as session:
                member = await MemberRepository(session).by_identity(
                    ref.platform, ref.workspace_id, ref.user_id
                )
                return None if member is None else self._actor(member, ref)


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
MAX_LOCALE = 16  # the column's width


def language_tag(locale: str | None) -> str | None:
    """A platform's language tag ("en-GB", "es-419", "zh_CN") as a member's locale; None for
    nothing or anything else (the member then keeps the default)."""
    tag = (locale or "").strip().replace("_", "-")
    if len(tag) > MAX_LOCALE or not _LANGUAGE_TAG.fullmatch(tag):
        return None
    return tag


def actor_of(
    member: Member, ref: MemberRef, default_language: Language = DEFAULT_LANGUAGE
) -> Actor:
    """The acting member, as handlers see them (in `default_language` when their locale's
    language is not one we speak)."""
    return Actor(
        member_id=member.id,
        display_name=member.display_name,
        is_admin=member.is_admin,
        timezone=member.timezone,
        ref=ref,
        locale=member.locale,
        language=language_of(member.locale, default_language),
    )
