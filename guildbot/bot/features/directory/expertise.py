"""`expertise add|remove|list`: the skills members declare, checked against the vocabulary
so that typos become questions rather than near-duplicate skills."""

from __future__ import annotations

from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.features.directory import copy
from guildbot.bot.features.directory.buttons import (
    ACTION_ADD_NEW_SKILL,
    ACTION_ADD_SKILL,
    ACTION_CANCEL,
    Named,
)
from guildbot.bot.i18n import Language
from guildbot.bot.lookup import best_match, member_named
from guildbot.bot.rich import joined
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.contract.richtext import RichText
from guildbot.matching.skills import MatchKind, SkillVocabulary, skill_key, split_skill_list
from guildbot.storage.engine import Database
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.members import MemberRepository
from guildbot.storage.repositories.skills import SkillRepository

MAX_SKILLS_PER_COMMAND = 20
# How close a typed skill must be to one of the member's own before "did you mean".
OWN_SKILL_NEAR_MISS = 75.0


class Expertise:
    """What members say they know."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def add(self, ctx: Context, rest: str) -> Reply:
        """`expertise add SKILL[, SKILL…]`: known skills are added, typos asked about."""
        typed_skills = split_skill_list(rest)
        if not typed_skills:
            raise UsageError("expertise", "add")
        if len(typed_skills) > MAX_SKILLS_PER_COMMAND:
            raise UserError(copy.too_many_skills(ctx.language, MAX_SKILLS_PER_COMMAND))
        lines: list[RichText] = []
        buttons: list[Button] = []
        async with self.database.transaction() as session:
            skills = SkillRepository(session)
            vocabulary = SkillVocabulary(await skills.vocabulary())
            for typed in typed_skills:
                match = vocabulary.match(typed)
                if match.kind is MatchKind.KNOWN:
                    assert match.canonical is not None
                    lines.append(await _declare(ctx, skills, match.canonical, new=False))
                elif match.kind is MatchKind.NEW:
                    lines.append(await _declare(ctx, skills, match.key, new=True))
                    vocabulary.add(match.key)
                elif match.kind is MatchKind.SUGGESTION:
                    lines.append(copy.did_you_mean_skill(ctx.language, typed, match.suggestions))
                    buttons.extend(_suggestion_buttons(ctx.language, match.key, match.suggestions))
                else:
                    lines.append(copy.not_a_skill_name(ctx.language, typed))
        if buttons:
            buttons.append(Button(copy.cancel(ctx.language), ACTION_CANCEL))
        return Reply(joined("\n", lines), buttons=tuple(buttons))

    async def add_chosen(self, ctx: Context, value: str, new: bool) -> Reply:
        """The answer to a did-you-mean: add the chosen (or the typed) skill."""
        chosen = Named.decode(value)
        async with self.database.transaction() as session:
            skills = SkillRepository(session)
            vocabulary = SkillVocabulary(await skills.vocabulary())
            match = vocabulary.match(chosen.name if chosen else "")
            if match.kind is MatchKind.INVALID:
                raise UserError(copy.choice_no_longer_valid(ctx.language))
            if match.kind is MatchKind.KNOWN:
                assert match.canonical is not None
                return Reply(await _declare(ctx, skills, match.canonical, new=False))
            if not new:
                # The suggestion was renamed or removed since the buttons were shown.
                raise UserError(copy.skill_gone(ctx.language))
            return Reply(await _declare(ctx, skills, match.key, new=True))

    async def remove(self, ctx: Context, rest: str) -> Reply:
        """`expertise remove SKILL[, SKILL…]`."""
        typed_skills = split_skill_list(rest)
        if not typed_skills:
            raise UsageError("expertise", "remove")
        lines: list[RichText] = []
        async with self.database.transaction() as session:
            skills = SkillRepository(session)
            vocabulary = SkillVocabulary(await skills.vocabulary())
            mine = [name for name, _ in await skills.of_member(ctx.actor.member_id)]
            for typed in typed_skills[:MAX_SKILLS_PER_COMMAND]:
                # A skill still awaiting review is in no vocabulary, only in their list.
                own = {skill_key(name): name for name in mine}
                canonical = vocabulary.canonical(typed) or own.get(skill_key(typed))
                skill = await skills.by_name(canonical) if canonical else None
                if skill is not None and await skills.undeclare(ctx.actor.member_id, skill):
                    await AuditLog(session).record(
                        ctx.now, ctx.actor.member_id, "expertise.remove", "skill", skill.id
                    )
                    lines.append(copy.removed(ctx.language, skill.name))
                    continue
                lines.append(
                    copy.not_listed(
                        ctx.language, typed, best_match(typed, mine, OWN_SKILL_NEAR_MISS)
                    )
                )
        return Reply(joined("\n", lines))

    async def list(self, ctx: Context, rest: str) -> Reply:
        """`expertise list [@member]`: skills with when they were declared."""
        async with self.database.transaction() as session:
            if rest.strip():
                member = await member_named(ctx, session, rest)
            else:
                found = await MemberRepository(session).get(ctx.actor.member_id)
                assert found is not None
                member = found
            skills = await SkillRepository(session).of_member(member.id)
        yours = member.id == ctx.actor.member_id
        if not skills:
            return Reply(
                copy.no_expertise_yet(ctx.language)
                if yours
                else copy.none_declared(ctx.language, member.display_name)
            )
        return Reply(
            copy.expertise_list(ctx.language, None if yours else member.display_name, skills)
        )


def _suggestion_buttons(
    language: Language, typed_key: str, suggestions: tuple[str, ...]
) -> list[Button]:
    buttons = [
        Button(
            copy.add_skill(language, s), ACTION_ADD_SKILL, Named(s).encode(), ButtonStyle.PRIMARY
        )
        for s in suggestions
    ]
    buttons.append(
        Button(
            copy.add_new_skill(language, typed_key), ACTION_ADD_NEW_SKILL, Named(typed_key).encode()
        )
    )
    return buttons


async def _declare(ctx: Context, skills: SkillRepository, name: str, new: bool) -> RichText:
    # A new word is the member's at once, and the organisation's once a facilitator or admin
    # accepts it (`expertise review`).
    skill = await skills.ensure(name, ctx.now, pending=new)
    if not await skills.declare(ctx.actor.member_id, skill, ctx.now):
        return copy.already_listed(ctx.language, skill.name)
    await AuditLog(skills.session).record(
        ctx.now, ctx.actor.member_id, "expertise.add", "skill", skill.id, {"new": new}
    )
    return copy.added(ctx.language, skill.name, new)
