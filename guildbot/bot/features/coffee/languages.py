"""The languages members meet in: `coffee language en|fr|both` (the languages they work in)
and `coffee practice fr|en|off` (one they would like to practise with someone who works in
it). A program with `shared-language` keeps people who share none apart
(`matching.pairing`'s `LANGUAGE_PENALTY`); practice partners are preferred on request.

A member who said nothing works in the language they read (their locale's).
"""

from __future__ import annotations

import unicodedata

from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.i18n import Language, language_of, translate
from guildbot.bot.i18n import quoted as quoted_in
from guildbot.contract.richtext import RichText
from guildbot.storage.engine import Database
from guildbot.storage.models import Member
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.coffee import Person

_ONE = {
    "en": "en",
    "english": "en",
    "anglais": "en",
    "fr": "fr",
    "french": "fr",
    "francais": "fr",
}
_BOTH = {"both", "en+fr", "fr+en", "en fr", "fr en", "bilingual", "bilingue", "les deux"}
_OFF = {"off", "none", "non", "aucune", "aucun"}


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.replace(",", " ").split())


def parse_working(typed: str) -> str | None:
    """What is stored for the languages someone works in ("en", "fr", "en+fr"), or None."""
    words = _folded(typed)
    if words in _BOTH:
        return "en+fr"
    return _ONE.get(words)


def parse_practice(typed: str) -> str | None:
    """The language someone wants to practise ("en", "fr"), "" for none, None if unread."""
    words = _folded(typed)
    if words in _OFF:
        return ""
    return _ONE.get(words)


def spoken_by(person: Person) -> frozenset[str]:
    """The languages a person works in, for the solver."""
    if person.working_languages:
        return frozenset(person.working_languages.split("+"))
    return frozenset({language_of(person.locale).value})


class CoffeeLanguages:
    """A member's languages for coffee."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def working(self, ctx: Context, rest: str) -> Reply:
        if not rest.strip():
            raise UsageError("coffee", "language")
        chosen = parse_working(rest)
        if chosen is None:
            raise UserError(_unknown(ctx.language, rest))
        await self._store(ctx, working=chosen)
        return Reply(translate(ctx.language, "coffee-language-set", languages=_id(chosen)))

    async def practice(self, ctx: Context, rest: str) -> Reply:
        if not rest.strip():
            raise UsageError("coffee", "practice")
        chosen = parse_practice(rest)
        if chosen is None:
            raise UserError(_unknown(ctx.language, rest))
        await self._store(ctx, practice=chosen)
        if not chosen:
            return Reply(translate(ctx.language, "coffee-practice-off"))
        return Reply(translate(ctx.language, "coffee-practice-set", language=chosen))

    async def _store(
        self, ctx: Context, *, working: str | None = None, practice: str | None = None
    ) -> None:
        async with self.database.transaction() as session:
            member = await session.get(Member, ctx.actor.member_id)
            if member is None:  # pragma: no cover - the actor was just resolved
                return
            if working is not None:
                member.working_languages = working
            if practice is not None:
                member.practice_language = practice or None
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "coffee.language" if working is not None else "coffee.practice",
                "member",
                member.id,
                {"languages": working} if working is not None else {"practice": practice},
            )


def _unknown(language: Language, typed: str) -> RichText:
    return translate(language, "coffee-language-unknown", typed=quoted_in(language, typed, 30))


def _id(stored: str) -> str:
    # Fluent selects on a bare identifier.
    return stored.replace("+", "-")
