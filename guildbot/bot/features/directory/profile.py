"""`profile show|set`: who a member is — department, title, time zone, language."""

from __future__ import annotations

import unicodedata

from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.features.directory import copy
from guildbot.bot.features.directory.buttons import ACTION_CANCEL, ACTION_SET_DEPARTMENT, Named
from guildbot.bot.i18n import Language, chosen_locale, parse_language
from guildbot.bot.lookup import best_match, find_timezone
from guildbot.bot.text import clean_field
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.storage.engine import Database
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.members import DepartmentRepository, MemberRepository
from guildbot.storage.repositories.skills import SkillRepository

PROFILE_FIELDS = ("department", "title", "timezone", "language")
# The fields' French words, accents optional: `profil set langue fr` works as well.
FIELD_WORDS = {
    "departement": "department",
    "ministere": "department",
    "titre": "title",
    "fuseau": "timezone",
    "langue": "language",
}
# How close a typed department must be to an existing one before we ask "did you mean".
DEPARTMENT_NEAR_MISS = 85.0


class Profiles:
    """A member's own profile: shown to them, changed by them."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def show(self, ctx: Context) -> Reply:
        """The actor's own profile, including what only they may see (e-mail)."""
        async with self.database.transaction() as session:
            member = await MemberRepository(session).get(ctx.actor.member_id)
            assert member is not None
            department = (
                await DepartmentRepository(session).get(member.department_id)
                if member.department_id
                else None
            )
            skills = await SkillRepository(session).of_member(member.id)
            communities = await CommunityRepository(session).communities_of(member.id)
        return Reply(
            copy.profile(
                ctx.language,
                member.display_name,
                department.name if department else None,
                member.title,
                member.timezone,
                member.locale,
                member.email,
                [name for name, _ in skills],
                [(community.name, role) for community, role in communities],
            ),
            context=copy.profile_hint(ctx.language),
        )

    async def set(self, ctx: Context, args: tuple[str, ...], rest: str) -> Reply:
        """`profile set FIELD VALUE`."""
        field = field_named(args[0]) if args else None
        if len(args) < 2 or field is None:
            raise UsageError("profile", "set")
        words = rest.split(maxsplit=1)
        value = words[1] if len(words) > 1 else ""
        if field == "language":
            return await self.set_language(ctx, value)
        if field == "timezone":
            zone = find_timezone(value, ctx.language)
            await self._update(ctx, "profile.timezone", timezone=zone)
            return Reply(copy.timezone_set(ctx.language, zone))
        if field == "title":
            title = clean_field(value, copy.field(ctx.language, "title"), 120, ctx.language)
            await self._update(ctx, "profile.title", title=title)
            return Reply(copy.title_set(ctx.language, title))
        return await self.set_department(ctx, value, exact=False)

    async def set_language(self, ctx: Context, typed: str) -> Reply:
        """`profile set language fr|en` (or français, english, fr-CA…): answered in the
        language chosen. Anything else is refused politely, in the language they read now."""
        chosen = parse_language(typed)
        if chosen is None:
            raise UserError(copy.unknown_language(ctx.language, typed))
        language, tag = chosen
        locale = chosen_locale(language, tag, ctx.actor.locale)
        await self._update(ctx, "profile.language", locale=locale)
        return Reply(copy.language_set(language))

    async def department_chosen(self, ctx: Context, value: str) -> Reply:
        """The answer to "did you mean this department?"."""
        chosen = Named.decode(value)
        if chosen is None:
            return Reply(copy.nothing_changed(ctx.language))
        return await self.set_department(ctx, chosen.name, exact=True)

    async def set_department(self, ctx: Context, typed: str, exact: bool) -> Reply:
        """Set the actor's department; a near-miss of an existing one asks first."""
        name = clean_field(typed, copy.field(ctx.language, "department"), 120, ctx.language)
        async with self.database.transaction() as session:
            departments = DepartmentRepository(session)
            audit = AuditLog(session)
            department = await departments.by_name(name)
            if department is None and not exact:
                existing = [d.name for d in await departments.all()]
                suggestion = best_match(name, existing, DEPARTMENT_NEAR_MISS)
                if suggestion is not None:
                    return _did_you_mean(ctx.language, name, suggestion)
            if department is None:
                department = await departments.get_or_create(name)
                await audit.record(
                    ctx.now,
                    ctx.actor.member_id,
                    "department.create",
                    "department",
                    department.id,
                    {"name": name},
                )
            member = await MemberRepository(session).get(ctx.actor.member_id)
            assert member is not None
            member.department_id = department.id
            await audit.record(
                ctx.now,
                ctx.actor.member_id,
                "profile.department",
                "member",
                member.id,
                {"department_id": department.id},
            )
        return Reply(copy.department_set(ctx.language, department.name))

    async def _update(self, ctx: Context, action: str, **fields: str) -> None:
        async with self.database.transaction() as session:
            member = await MemberRepository(session).get(ctx.actor.member_id)
            assert member is not None
            for name, value in fields.items():
                setattr(member, name, value)
            await AuditLog(session).record(
                ctx.now, ctx.actor.member_id, action, "member", member.id, {"fields": list(fields)}
            )


def field_named(word: str) -> str | None:
    """The profile field a word names, in English or French ("Langue" -> language)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    if folded in PROFILE_FIELDS:
        return folded
    return FIELD_WORDS.get(folded)


def _did_you_mean(language: Language, typed: str, suggestion: str) -> Reply:
    return Reply(
        copy.no_such_department(language, typed, suggestion),
        buttons=(
            Button(
                copy.use_department(language, suggestion),
                ACTION_SET_DEPARTMENT,
                Named(suggestion).encode(),
                ButtonStyle.PRIMARY,
            ),
            Button(
                copy.create_department(language, typed),
                ACTION_SET_DEPARTMENT,
                Named(typed).encode(),
            ),
            Button(copy.cancel(language), ACTION_CANCEL),
        ),
    )
