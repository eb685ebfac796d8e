"""Members: identity on first contact, profiles, and declared expertise."""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError

from guildbot.bot.clock import Clock
from guildbot.bot.context import Actor, Context, Reply, UsageError, UserError, quoted
from guildbot.bot.lookup import best_match, find_member, find_timezone
from guildbot.bot.text import clean_field, month_year
from guildbot.contract.adapter import ProfileLookup
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.contract.refs import MemberRef
from guildbot.matching.skills import MatchKind, SkillVocabulary, split_skill_list
from guildbot.storage.engine import Database
from guildbot.storage.models import Member
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.members import DepartmentRepository, MemberRepository
from guildbot.storage.repositories.skills import SkillRepository

log = logging.getLogger(__name__)

MAX_SKILLS_PER_COMMAND = 20
PROFILE_FIELDS = ("department", "title", "timezone")

ACTION_ADD_SKILL = "expertise.add"
ACTION_ADD_NEW_SKILL = "expertise.add_new"
ACTION_SET_DEPARTMENT = "profile.department"
ACTION_CANCEL = "cancel"


class DirectoryService:
    """Who people are and what they know."""

    def __init__(self, database: Database, clock: Clock, default_timezone: str) -> None:
        self.database = database
        self.clock = clock
        self.default_timezone = default_timezone

    # -- identity -------------------------------------------------------------------------

    async def resolve_actor(self, ref: MemberRef, lookup: ProfileLookup) -> Actor | None:
        """The member behind a platform user, created on first contact.

        Returns None when we have never met the user and the platform cannot tell us who they
        are: then nothing is stored, rather than a half-made member.
        """
        async with self.database.transaction() as session:
            member = await MemberRepository(session).by_identity(
                ref.platform, ref.workspace_id, ref.user_id
            )
            if member is not None:
                return _actor(member, ref)
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
                    # The directory (a CSV import, or another platform) already knows this
                    # person by the address their platform verified: one person, one member.
                    await members.link_identity(
                        known.id, ref.platform, ref.workspace_id, ref.user_id, now
                    )
                    log.info("member id=%s linked on platform=%s by e-mail", known.id, ref.platform)
                    return _actor(known, ref)
                member = await members.add(
                    Member(
                        display_name=clean_field(profile.display_name, "name", 120),
                        timezone=timezone,
                        email=email,
                        created_at=now,
                    )
                )
                await members.link_identity(
                    member.id, ref.platform, ref.workspace_id, ref.user_id, now
                )
                log.info("new member id=%s from platform=%s", member.id, ref.platform)
                return _actor(member, ref)
        except (IntegrityError, UserError):
            # Another event for the same person won the race: read whoever exists now
            # instead of failing the request.
            async with self.database.transaction() as session:
                member = await MemberRepository(session).by_identity(
                    ref.platform, ref.workspace_id, ref.user_id
                )
                return None if member is None else _actor(member, ref)

    # -- profile --------------------------------------------------------------------------

    async def show_profile(self, ctx: Context) -> Reply:
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
        lines = [
            f"*{member.display_name}*",
            f"• Department: {department.name if department else 'not set'}",
            f"• Title: {member.title or 'not set'}",
            f"• Time zone: {member.timezone}",
            f"• E-mail: {member.email or 'not set'} (only you see this)",
            "• Expertise: " + (", ".join(name for name, _ in skills) or "none declared yet"),
            "• Communities: "
            + (", ".join(f"{c.name} ({role})" for c, role in communities) or "none yet"),
        ]
        return Reply(
            "\n".join(lines),
            context="Change a field with `profile set department|title|timezone VALUE`.",
        )

    async def set_profile(self, ctx: Context, args: tuple[str, ...], rest: str) -> Reply:
        """`profile set FIELD VALUE`."""
        if len(args) < 2 or args[0].casefold() not in PROFILE_FIELDS:
            raise UsageError("profile", "set")
        field = args[0].casefold()
        value = rest.split(maxsplit=1)[1] if len(rest.split(maxsplit=1)) > 1 else ""
        if field == "timezone":
            zone = find_timezone(value)
            await self._update(ctx, "profile.timezone", timezone=zone)
            return Reply(f"Your time zone is now {zone}.")
        if field == "title":
            title = clean_field(value, "title", 120)
            await self._update(ctx, "profile.title", title=title)
            return Reply(f"Your title is now {quoted(title, 120)}.")
        return await self.set_department(ctx, value, exact=False)

    async def set_department(self, ctx: Context, typed: str, exact: bool) -> Reply:
        """Set the actor's department; a near-miss of an existing one asks first."""
        name = clean_field(typed, "department", 120)
        async with self.database.transaction() as session:
            departments = DepartmentRepository(session)
            department = await departments.by_name(name)
            if department is None and not exact:
                suggestion = best_match(name, [d.name for d in await departments.all()], 85.0)
                if suggestion is not None:
                    return Reply(
                        f"There is no department called {quoted(name)}. "
                        f"Did you mean *{suggestion}*?",
                        buttons=(
                            Button(
                                f"Use {suggestion}",
                                ACTION_SET_DEPARTMENT,
                                suggestion,
                                ButtonStyle.PRIMARY,
                            ),
                            Button(f"Create {quoted(name, 30)}", ACTION_SET_DEPARTMENT, name),
                            Button("Cancel", ACTION_CANCEL),
                        ),
                    )
            if department is None:
                department = await departments.get_or_create(name)
                await AuditLog(session).record(
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
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "profile.department",
                "member",
                member.id,
                {"department_id": department.id},
            )
        return Reply(f"Your department is now {department.name}.")

    async def _update(self, ctx: Context, action: str, **fields: str) -> None:
        async with self.database.transaction() as session:
            member = await MemberRepository(session).get(ctx.actor.member_id)
            assert member is not None
            for name, value in fields.items():
                setattr(member, name, value)
            await AuditLog(session).record(
                ctx.now, ctx.actor.member_id, action, "member", member.id, {"fields": list(fields)}
            )

    # -- expertise ------------------------------------------------------------------------

    async def add_expertise(self, ctx: Context, rest: str) -> Reply:
        """`expertise add SKILL[, SKILL…]`: known skills are added, typos asked about."""
        typed_skills = split_skill_list(rest)
        if not typed_skills:
            raise UsageError("expertise", "add")
        if len(typed_skills) > MAX_SKILLS_PER_COMMAND:
            raise UserError(f"Please add at most {MAX_SKILLS_PER_COMMAND} skills at a time.")
        lines: list[str] = []
        buttons: list[Button] = []
        async with self.database.transaction() as session:
            skills = SkillRepository(session)
            vocabulary = SkillVocabulary(await skills.vocabulary())
            for typed in typed_skills:
                match = vocabulary.match(typed)
                if match.kind is MatchKind.KNOWN:
                    assert match.canonical is not None
                    lines.append(await self._declare(ctx, skills, match.canonical, new=False))
                elif match.kind is MatchKind.NEW:
                    lines.append(await self._declare(ctx, skills, match.key, new=True))
                    vocabulary.add(match.key)
                elif match.kind is MatchKind.SUGGESTION:
                    options = " or ".join(f"*{s}*" for s in match.suggestions)
                    lines.append(f"{quoted(typed)}: did you mean {options}?")
                    buttons.extend(
                        Button(f"Add {s}", ACTION_ADD_SKILL, s, ButtonStyle.PRIMARY)
                        for s in match.suggestions
                    )
                    buttons.append(
                        Button(
                            f"Add {quoted(match.key, 30)} as a new skill",
                            ACTION_ADD_NEW_SKILL,
                            match.key,
                        )
                    )
                else:
                    lines.append(
                        f"{quoted(typed)} isn't a skill name I can store "
                        "(letters or digits, up to 60 characters)."
                    )
        if buttons:
            buttons.append(Button("Cancel", ACTION_CANCEL))
        return Reply("\n".join(lines), buttons=tuple(buttons))

    async def add_skill_by_button(self, ctx: Context, value: str, new: bool) -> Reply:
        """The answer to a did-you-mean: add the chosen (or the typed) skill."""
        async with self.database.transaction() as session:
            skills = SkillRepository(session)
            vocabulary = SkillVocabulary(await skills.vocabulary())
            match = vocabulary.match(value)
            if match.kind is MatchKind.INVALID:
                raise UserError("That choice is no longer valid; please type the skill again.")
            if match.kind is MatchKind.KNOWN:
                assert match.canonical is not None
                return Reply(await self._declare(ctx, skills, match.canonical, new=False))
            if not new:
                # The suggestion was renamed or removed since the buttons were shown.
                raise UserError("That skill is no longer in the directory; please type it again.")
            return Reply(await self._declare(ctx, skills, match.key, new=True))

    async def _declare(self, ctx: Context, skills: SkillRepository, name: str, new: bool) -> str:
        skill = await skills.ensure(name, ctx.now)
        added = await skills.declare(ctx.actor.member_id, skill, ctx.now)
        if not added:
            return f"You already list *{skill.name}*."
        await AuditLog(skills.session).record(
            ctx.now, ctx.actor.member_id, "expertise.add", "skill", skill.id, {"new": new}
        )
        if new:
            return f"Added *{skill.name}* (new to the directory: others can now find it too)."
        return f"Added *{skill.name}*."

    async def remove_expertise(self, ctx: Context, rest: str) -> Reply:
        """`expertise remove SKILL[, SKILL…]`."""
        typed_skills = split_skill_list(rest)
        if not typed_skills:
            raise UsageError("expertise", "remove")
        lines: list[str] = []
        async with self.database.transaction() as session:
            skills = SkillRepository(session)
            vocabulary = SkillVocabulary(await skills.vocabulary())
            mine = [name for name, _ in await skills.of_member(ctx.actor.member_id)]
            for typed in typed_skills[:MAX_SKILLS_PER_COMMAND]:
                canonical = vocabulary.canonical(typed)
                skill = await skills.by_name(canonical) if canonical else None
                if skill is not None and await skills.undeclare(ctx.actor.member_id, skill):
                    await AuditLog(session).record(
                        ctx.now, ctx.actor.member_id, "expertise.remove", "skill", skill.id
                    )
                    lines.append(f"Removed *{skill.name}*.")
                    continue
                suggestion = best_match(typed, mine, 75.0)
                hint = f" Did you mean *{suggestion}*?" if suggestion else ""
                lines.append(f"You don't list {quoted(typed)}.{hint}")
        return Reply("\n".join(lines))

    async def list_expertise(self, ctx: Context, rest: str) -> Reply:
        """`expertise list [@member]`: skills with when they were declared."""
        async with self.database.transaction() as session:
            if rest.strip():
                member = await find_member(
                    session, rest, ctx.actor.ref.platform, ctx.actor.ref.workspace_id, ctx.mentions
                )
            else:
                found = await MemberRepository(session).get(ctx.actor.member_id)
                assert found is not None
                member = found
            skills = await SkillRepository(session).of_member(member.id)
        yours = member.id == ctx.actor.member_id
        if not skills:
            if yours:
                return Reply(
                    "You haven't declared any expertise yet. "
                    "Try `expertise add plain language, excel`."
                )
            return Reply(f"{member.display_name} hasn't declared any expertise yet.")
        owner = "Your expertise" if yours else f"{member.display_name}'s expertise"
        lines = [f"*{owner}*"] + [f"• {name} (since {month_year(at)})" for name, at in skills]
        return Reply("\n".join(lines))


def _actor(member: Member, ref: MemberRef) -> Actor:
    return Actor(
        member_id=member.id,
        display_name=member.display_name,
        is_admin=member.is_admin,
        timezone=member.timezone,
        ref=ref,
    )
