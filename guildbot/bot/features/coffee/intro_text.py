"""`coffee intro COMMUNITY [en|fr] -- TEXT|off`: the facilitators' own opening line for
their intros, one per language, in place of the standard conversation starter. A text is
kept in the language named, else in the facilitator's own; a group reading the other
language keeps the standard starter in it."""

from __future__ import annotations

from collections.abc import Mapping

from guildbot.bot.context import Context, Reply, UsageError
from guildbot.bot.features.coffee import programs
from guildbot.bot.i18n import Language, translate, translate_plain
from guildbot.bot.i18n import quoted as quoted_in
from guildbot.bot.policy import require_manager
from guildbot.bot.text import clean_field
from guildbot.storage.engine import Database
from guildbot.storage.models import CoffeeProgram
from guildbot.storage.repositories.audit import AuditLog

MAX_OPENER = 300


def openers_of(program: CoffeeProgram) -> Mapping[Language, str]:
    """The program's own opening lines, by language."""
    written = {Language.EN: program.intro_text, Language.FR: program.intro_text_fr}
    return {language: text for language, text in written.items() if text}


class IntroTexts:
    """Facilitators write their intros' opening line."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def set(self, ctx: Context, rest: str) -> Reply:
        typed, separator, text = rest.partition(" -- ")
        if not separator:
            typed, _, text = rest.strip().rpartition(" ")
            if text.casefold() != "off":
                raise UsageError("coffee", "intro")
        typed, language = _language_named(typed, ctx.language)
        off = text.strip().casefold() == "off"
        label = translate_plain(ctx.language, "coffee-intro-text-label")
        written = None if off else clean_field(text, label, MAX_OPENER, ctx.language)
        async with self.database.transaction() as session:
            community = await programs.community_for(ctx, session, typed, "intro")
            await require_manager(ctx, session, community, "coffee.intro")
            program = await programs.program_of(session, community, ctx.language)
            if language is Language.FR:
                program.intro_text_fr = written
            else:
                program.intro_text = written
            program.updated_at = ctx.now
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "coffee.intro",
                "community",
                community.id,
                {"language": language.value, "on": written is not None},
            )
        if written is None:
            return Reply(
                translate(
                    ctx.language, "coffee-intro-text-off", name=community.name, lang=language.value
                )
            )
        return Reply(
            translate(
                ctx.language,
                "coffee-intro-text-set",
                name=community.name,
                lang=language.value,
                text=quoted_in(ctx.language, written, 200),
            )
        )


def _language_named(typed: str, language: Language) -> tuple[str, Language]:
    """A last word `en` or `fr` names the language the text is in."""
    head, _, last = typed.strip().rpartition(" ")
    if last.casefold() in ("en", "fr"):
        return head, Language(last.casefold())
    return typed, language
