"""`profile show|set`: who a member is — department, title, time zone."""

from __future__ import annotations

from guildbot.bot.context import Context, Reply, UsageError
from guildbot.bot.features.directory import copy
from guildbot.bot.features.directory.buttons import ACTION_CANCEL, ACTION_SET_DEPARTMENT, Named
from guildbot.bot.lookup import best_match, find_timezone
from guildbot.bot.text import clean_field
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.storage.engine import Database
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.members import DepartmentRepository, MemberRepository
from guildbot.storage.repositories.skills import SkillRepository

PROFILE_FIELDS = ("department", "title", "timezone")
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
                member.display_name,
                department.name if department else None,
                member.title,
                member.timezone,
                member.email,
                [name for name, _ in skills],
                [(community.name, role) for community, role in communities],
            ),
            context=copy.PROFILE_HINT,
        )

    async def set(self, ctx: Context, args: tuple[str, ...], rest: str) -> Reply:
        """`profile set FIELD VALUE`."""
        if len(args) < 2 or args[0].casefold() not in PROFILE_FIELDS:
            raise UsageError("profile", "set")
        field = args[0].casefold()
        words = rest.split(maxsplit=1)
        value = words[1] if len(words) > 1 else ""
        if field == "timezone":
            zone = find_timezone(value)
            await self._update(ctx, "profile.timezone", timezone=zone)
            return Reply(copy.timezone_set(zone))
        if field == "title":
            title = clean_field(value, "title", 120)
            await self._update(ctx, "profile.title", title=title)
            return Reply(copy.title_set(title))
        return await self.set_department(ctx, value, exact=False)

    async def department_chosen(self, ctx: Context, value: str) -> Reply:
        """The answer to "did you mean this department?"."""
        chosen = Named.decode(value)
        if chosen is None:
            return Reply(copy.NOTHING_CHANGED)
        return await self.set_department(ctx, chosen.name, exact=True)

    async def set_department(self, ctx: Context, typed: str, exact: bool) -> Reply:
        """Set the actor's department; a near-miss of an existing one asks first."""
        name = clean_field(typed, "department", 120)
        async with self.database.transaction() as session:
            departments = DepartmentRepository(session)
            audit = AuditLog(session)
            department = await departments.by_name(name)
            if department is None and not exact:
                existing = [d.name for d in await departments.all()]
                suggestion = best_match(name, existing, DEPARTMENT_NEAR_MISS)
                if suggestion is not None:
                    return _did_you_mean(name, suggestion)
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
        return Reply(copy.department_set(department.name))

    async def _update(self, ctx: Context, action: str, **fields: str) -> None:
        async with self.database.transaction() as session:
            member = await MemberRepository(session).get(ctx.actor.member_id)
            assert member is not None
            for name, value in fields.items():
                setattr(member, name, value)
            await AuditLog(session).record(
                ctx.now, ctx.actor.member_id, action, "member", member.id, {"fields": list(fields)}
            )


def _did_you_mean(typed: str, suggestion: str) -> Reply:
    return Reply(
        copy.no_such_department(typed, suggestion),
        buttons=(
            Button(
                copy.use_department(suggestion),
                ACTION_SET_DEPARTMENT,
                Named(suggestion).encode(),
                ButtonStyle.PRIMARY,
            ),
            Button(copy.create_department(typed), ACTION_SET_DEPARTMENT, Named(typed).encode()),
            Button(copy.CANCEL, ACTION_CANCEL),
        ),
    )
