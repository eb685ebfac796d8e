"""`expertise review`: the new skills members added, for a facilitator or admin to accept
into the shared vocabulary or reject.

A skill someone adds that the vocabulary does not know is on their profile at once, but is
not offered to anyone else, nor matched to their typing, until it is accepted: one person's
typo or private label does not become everyone's skill. A rejected skill leaves the profiles
that declared it (they are few: it was never offered).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Context, Reply, UserError
from guildbot.bot.features.directory import copy
from guildbot.bot.features.directory.buttons import (
    ACTION_ACCEPT_SKILL,
    ACTION_REJECT_SKILL,
)
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.storage.engine import Database
from guildbot.storage.models import Role
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.skills import SkillRepository

# One message holds at most this many skills' buttons; the rest come after these are done.
SHOWN = 5
MAX_ID_DIGITS = 18


class Review:
    """The review queue of new skills."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def queue(self, ctx: Context) -> Reply:
        """`expertise review`: the skills awaiting review, each with [Accept] [Reject]."""
        async with self.database.transaction() as session:
            await _require_reviewer(ctx, session)
            waiting = await SkillRepository(session).pending()
        if not waiting:
            return Reply(copy.nothing_to_review(ctx.language))
        shown = waiting[:SHOWN]
        buttons: list[Button] = []
        for skill, _count in shown:
            buttons += [
                Button(
                    copy.accept_skill(ctx.language, skill.name),
                    ACTION_ACCEPT_SKILL,
                    str(skill.id),
                    ButtonStyle.PRIMARY,
                ),
                Button(
                    copy.reject_skill(ctx.language, skill.name), ACTION_REJECT_SKILL, str(skill.id)
                ),
            ]
        return Reply(
            copy.review_queue(
                ctx.language, [(s.name, n) for s, n in shown], len(waiting) - len(shown)
            ),
            buttons=tuple(buttons),
        )

    async def decide(self, ctx: Context, value: str, accept: bool) -> Reply:
        """[Accept X] or [Reject X]."""
        skill_id = _id(value)
        async with self.database.transaction() as session:
            await _require_reviewer(ctx, session)
            skills = SkillRepository(session)
            skill = await skills.get(skill_id) if skill_id is not None else None
            if skill is None or not skill.pending:
                return Reply(copy.reviewed_already(ctx.language))
            name = skill.name
            if accept:
                skill.pending = False
            else:
                await skills.delete(skill)
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "skill.accept" if accept else "skill.reject",
                "skill",
                skill_id,
                {"name": name},
            )
        return Reply(
            copy.skill_accepted(ctx.language, name)
            if accept
            else copy.skill_rejected(ctx.language, name)
        )


async def _require_reviewer(ctx: Context, session: AsyncSession) -> None:
    """Organisation admins, and facilitators and admins of any community, review skills."""
    if ctx.actor.is_admin:
        return
    roles = {
        role for _c, role in await CommunityRepository(session).communities_of(ctx.actor.member_id)
    }
    if not roles & {Role.FACILITATOR.value, Role.ADMIN.value}:
        raise UserError(copy.reviewers_only(ctx.language))


def _id(value: str) -> int | None:
    text = value.strip()
    if not text or len(text) > MAX_ID_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number > 0 else None
