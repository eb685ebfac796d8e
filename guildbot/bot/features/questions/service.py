"""Expert routing, the flow: ask, invite, connect, escalate, resolve, learn.

A question is stored, ranked against everyone's expertise (`matching.experts`), and the best
`first_wave` consenting colleagues are asked privately, each with why them and three buttons.
Everything sent to someone other than the person acting goes through the **outbox**, in the
same transaction as the state it reports: invitations and notices are NOTICE rows due now, and
the escalations — the next colleagues after `escalate_after` working hours in the asker's time
zone, the community's facilitators after `facilitators_after` — are ESCALATION rows due later.
So a crash never loses or duplicates an invitation, several processes send each once, and
when someone takes the question the rows still pending are simply cancelled ("no more pings").

Every unit of work that changes a question (ask a draft, accept, decline, suggest, close,
resolve) first takes the question's lock (`QuestionRepository.lock`) and decides from the
question as it is then: two processes handling the same question take turns, and the second
sees what the first did (a "Not me" after an accept asks nobody new; a close after an accept
does not undo the connection).

Evidence — resolved questions, thanks, referrals — is written to `expertise_evidence` and added
to the in-memory index incrementally, so the next ranking already knows it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.clock import Clock
from guildbot.bot.context import Actor, Context, Reply, UsageError, UserError, quoted
from guildbot.bot.lookup import find_member
from guildbot.bot.mentions import named, readable, without_names
from guildbot.bot.people import mention
from guildbot.bot.policy import Refused, may_manage, require_admin
from guildbot.bot.rich import say
from guildbot.bot.scheduler.outbox import Outbox, OutboxKey, Owner, Target
from guildbot.bot.scheduler.payload import Body
from guildbot.contract.inbound import MessageReceived
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.contract.refs import ConversationKind, MemberRef
from guildbot.matching.experts import (
    Evidence,
    EvidenceKind,
    ExpertIndex,
    MemberState,
    Query,
    RankerConfig,
    Suggestion,
)
from guildbot.matching.skills import SkillVocabulary
from guildbot.matching.text import is_detailed_enough, is_question, raw_tokens
from guildbot.storage.engine import Database
from guildbot.storage.models import (
    ChannelMode,
    CommunityChannel,
    Department,
    ExpertiseConsent,
    ExpertiseEvidence,
    Invitation,
    InvitationStatus,
    Member,
    Membership,
    MemberSkill,
    OrganisationSetting,
    OutboxKind,
    Question,
    QuestionStatus,
    Role,
    Skill,
)
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.communities import CommunityRepository
from guildbot.storage.repositories.members import MemberRepository
from guildbot.storage.repositories.questions import QuestionRepository
from guildbot.storage.repositories.skills import SkillRepository

log = logging.getLogger(__name__)

ACTION_ACCEPT = "question.accept"
ACTION_DECLINE = "question.decline"
ACTION_REFER = "question.refer"
ACTION_RESOLVED_BY = "question.resolved_by"
ACTION_CLOSE = "question.close"
ACTION_FIND_EXPERT = "question.find"
ACTION_POST_TO_COMMUNITY = "question.post"

CONSENT_DEFAULT_KEY = "expertise.consent_default"
MAX_QUESTION_CHARS = 3_000
WORKDAY_START = 9
WORKDAY_END = 17
OPEN_STATUSES = (QuestionStatus.OPEN.value, QuestionStatus.CONNECTED.value)
_THANKS = re.compile(r"\b(thanks|thank you|thx|ty|cheers|merci)\b", re.IGNORECASE)
# "thanks @a @b" is evidence for each; thanking more people at once is a general thank-you
# (a team, a channel), not a sign of who knows what, and not worth a look-up per mention.
MAX_THANKED = 5
_QUESTION_ID = re.compile(r"^#?(\d{1,9})$")


class ChannelModeName(StrEnum):
    """What Guildbot does with questions it sees in a channel."""

    OFF = "off"
    SUGGEST = "suggest"  # offer the asker a "Find an expert" button
    AUTO = "auto"  # route the question straight away


@dataclass(frozen=True, slots=True)
class RoutingSettings:
    """The flow's knobs."""

    first_wave: int = 2
    escalation_wave: int = 2
    escalate_after_hours: float = 4.0  # working hours in the asker's time zone
    facilitators_after_hours: float = 8.0  # one working day
    index_max_age: timedelta = timedelta(hours=1)  # then rebuilt, to forget removed skills


def add_working_hours(start: datetime, hours: float, zone: str) -> datetime:
    """`start` plus `hours` of working time (Monday-Friday, 09:00-17:00 local), as UTC.

    Time outside working hours does not count: a question asked on Friday at 16:00 with four
    working hours to go is due on Monday at 12:00 local time.
    """
    try:
        tz = ZoneInfo(zone)
    except (KeyError, ValueError):
        tz = ZoneInfo("UTC")
    local = start.astimezone(tz)
    remaining = timedelta(hours=hours)
    for _ in range(3_700):  # about ten years of days: plenty for any sane setting
        day_start = local.replace(hour=WORKDAY_START, minute=0, second=0, microsecond=0)
        day_end = local.replace(hour=WORKDAY_END, minute=0, second=0, microsecond=0)
        if local.weekday() >= 5 or local >= day_end:
            local = _next_morning(local, tz)
            continue
        local = max(local, day_start)
        available = day_end - local
        if remaining <= available:
            return (local + remaining).astimezone(start.tzinfo)
        remaining -= available
        local = _next_morning(local, tz)
    return (local + remaining).astimezone(start.tzinfo)


def _next_morning(local: datetime, tz: ZoneInfo) -> datetime:
    following = (local + timedelta(days=1)).date()
    return datetime(following.year, following.month, following.day, WORKDAY_START, tzinfo=tz)


def find_skills(text: str, vocabulary: SkillVocabulary) -> tuple[str, ...]:
    """The known skills a question mentions ("pdf accessibility", "k8s" -> "kubernetes")."""
    words = raw_tokens(text)
    found: list[str] = []
    for size in (3, 2, 1):
        for start in range(len(words) - size + 1):
            canonical = vocabulary.canonical(" ".join(words[start : start + size]))
            if canonical is not None and canonical not in found:
                found.append(canonical)
    return tuple(found[:10])


class RoutingIndex:
    """The process's expertise index, kept in step with the database incrementally.

    New evidence rows and newly declared skills are read by id since the last refresh, so
    several processes sharing one database all see each other's evidence. Removed skills are
    forgotten when the index is rebuilt (at most `max_age` after they were removed).
    """

    def __init__(self, config: RankerConfig, max_age: timedelta) -> None:
        self.config = config
        self.max_age = max_age
        self.index = ExpertIndex(config)
        self._last_evidence = 0
        self._last_skill = 0
        self._built_at: datetime | None = None

    async def current(self, session: AsyncSession, now: datetime) -> ExpertIndex:
        """The index, brought up to date with the database."""
        if self._built_at is None or now - self._built_at > self.max_age:
            self.index = ExpertIndex(self.config)
            self._last_evidence = self._last_skill = 0
            self._built_at = now
        rows = await session.execute(
            select(
                ExpertiseEvidence.id,
                ExpertiseEvidence.member_id,
                ExpertiseEvidence.kind,
                ExpertiseEvidence.text,
                ExpertiseEvidence.tags,
                ExpertiseEvidence.at,
            )
            .where(ExpertiseEvidence.id > self._last_evidence)
            .order_by(ExpertiseEvidence.id)
        )
        for row in rows:
            self.index.add(
                Evidence(row.member_id, EvidenceKind(row.kind), row.at, row.text, tuple(row.tags))
            )
            self._last_evidence = row.id
        skills = await session.execute(
            select(MemberSkill.id, MemberSkill.member_id, MemberSkill.declared_at, Skill.name)
            .join(Skill, Skill.id == MemberSkill.skill_id)
            .where(MemberSkill.id > self._last_skill)
            .order_by(MemberSkill.id)
        )
        for declared in skills:
            self.index.add(
                Evidence(
                    declared.member_id,
                    EvidenceKind.DECLARED,
                    declared.declared_at,
                    declared.name,
                    (declared.name,),
                )
            )
            self._last_skill = declared.id
        return self.index


class QuestionService:
    """Questions, invitations, escalations, consent and evidence."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        settings: RoutingSettings | None = None,
        config: RankerConfig | None = None,
    ) -> None:
        self.database = database
        self.clock = clock
        self.settings = settings or RoutingSettings()
        self.routing = RoutingIndex(config or RankerConfig(), self.settings.index_max_age)

    def forget_member(self, member_id: int) -> None:
        """An erased member leaves this process's routing index now, not at its next rebuild
        (other processes drop them at theirs, `index_max_age` at most)."""
        self.routing.index.remove_member(member_id)

    # -- commands -------------------------------------------------------------------------

    async def command(self, ctx: Context, form: str, args: Sequence[str], rest: str) -> Reply:
        """The `ask` command's forms. A question that starts like a form ("close the gap…")
        is still a question: forms only apply when their arguments fit."""
        if form == "mine" and not rest:
            return await self.mine(ctx)
        if form == "close" and args and _id(args[0]) is not None:
            question_id = _id(args[0])
            assert question_id is not None
            words = rest.split(maxsplit=1)
            return await self.close(ctx, question_id, words[1] if len(words) > 1 else "")
        if form == "suggest" and args and _id(args[0]) is not None:
            return await self.suggest(ctx, args)
        if form == "mode" and rest.strip().casefold() in {m.value for m in ChannelModeName}:
            return await self.set_mode(ctx, rest)
        if form in ("close", "suggest", "mode") and not rest:
            raise UsageError("ask", form)
        text = rest if form == "question" else f"{form} {rest}"
        return await self.ask(ctx, text)

    async def ask(self, ctx: Context, text: str, draft_of: int | None = None) -> Reply:
        """`ask TEXT`: store the question, ask the best colleagues, tell the asker who."""
        question_text = " ".join(text.split())
        if not is_detailed_enough(question_text):
            return Reply(
                "Could you say a bit more? I route questions by what they are about, so a "
                "sentence works best, e.g. `ask How do I make a scanned PDF accessible?`"
            )
        if len(question_text) > MAX_QUESTION_CHARS:
            raise UserError(
                f"That question is {len(question_text):,} characters; please keep it under "
                f"{MAX_QUESTION_CHARS:,} (add details when you talk to the expert)."
            )
        async with self.database.transaction() as session:
            if draft_of is not None:
                question = await self._own_question(session, ctx, draft_of)
                if question.status != QuestionStatus.DRAFT.value:
                    return Reply(f"Question #{question.id} is already with colleagues.")
                question.status = QuestionStatus.OPEN.value
            else:
                question = await self._store(session, ctx, question_text, QuestionStatus.OPEN)
            suggestions = await self._rank(session, ctx.now, question, exclude=())
            if not suggestions:
                return await self._nobody(session, question)
            asked = await self._invite_waves(session, ctx, question, suggestions)
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "question.ask",
                "question",
                question.id,
                {"invited": len(asked)},
            )
        first = self.settings.first_wave
        names = "\n".join(f"• {name} — {reason}" for name, reason in asked[:first])
        later = len(asked) - first
        more = (
            f" If no one can help within {self.settings.escalate_after_hours:g} working hours, "
            f"I'll ask {min(later, self.settings.escalation_wave)} more."
            if later > 0
            else ""
        )
        return Reply(
            f"Question #{question.id}: I've asked {_people(min(first, len(asked)))} who may "
            f"know:\n{names}\nI'll tell you as soon as someone can help.{more}",
            context=f"`ask mine` shows your open questions; `ask close {question.id}` closes it.",
        )

    async def mine(self, ctx: Context) -> Reply:
        """`ask mine`: my open questions, and questions waiting for my answer (with buttons)."""
        async with self.database.transaction() as session:
            questions = (
                await session.scalars(
                    select(Question)
                    .where(
                        Question.asker_id == ctx.actor.member_id,
                        Question.status.in_(OPEN_STATUSES),
                    )
                    .order_by(Question.id)
                )
            ).all()
            waiting = (
                await session.execute(
                    select(Question, Invitation)
                    .join(Invitation, Invitation.question_id == Question.id)
                    .where(
                        Invitation.member_id == ctx.actor.member_id,
                        Invitation.status == InvitationStatus.INVITED.value,
                        Invitation.due_at <= ctx.now,
                        Question.status == QuestionStatus.OPEN.value,
                    )
                    .order_by(Question.id)
                )
            ).all()
            helpers = await self._names(session, [q.helper_id for q in questions if q.helper_id])
        lines: list[str] = []
        if questions:
            lines.append("*Your open questions*")
            for question in questions:
                state = (
                    f"{helpers.get(question.helper_id or 0, 'someone')} is helping"
                    if question.status == QuestionStatus.CONNECTED.value
                    else "colleagues asked, no taker yet"
                )
                lines.append(f"• #{question.id} {quoted(question.text, 70)} — {state}")
        buttons: list[Button] = []
        if waiting:
            lines.append("*Questions you were asked to help with*")
            for question, _invitation in waiting[:5]:
                lines.append(f"• #{question.id} {quoted(question.text, 70)}")
                buttons.extend(_invitation_buttons(question.id, label_suffix=f" #{question.id}"))
        if not lines:
            return Reply(
                "You have no open questions, and nobody is waiting for your help right now. "
                "Ask one with `ask YOUR QUESTION`."
            )
        return Reply("\n".join(lines), buttons=tuple(buttons))

    async def close(self, ctx: Context, question_id: int, rest: str) -> Reply:
        """`ask close ID [@member]`: resolved (by someone), or closed without an answer."""
        async with self.database.transaction() as session:
            question = await self._own_question(session, ctx, question_id)
            if question.status not in OPEN_STATUSES:
                return Reply(f"Question #{question.id} is already {question.status}.")
            if rest.strip():
                member = await find_member(
                    session,
                    rest.strip(),
                    ctx.actor.ref.platform,
                    ctx.actor.ref.workspace_id,
                    ctx.mentions,
                )
                return Reply(await self._resolve(session, ctx, question, member))
            if question.helper_id is None:
                await self._finish(session, question, QuestionStatus.CLOSED, ctx.now)
                return Reply(f"Closed question #{question.id}. I hope you found what you needed.")
            # Someone has taken it — perhaps a moment ago, racing this close: the asker is
            # being told who helps, so closing it quietly would contradict that. Ask instead
            # whether it was answered; either button then closes it knowingly.
            helper = await session.get(Member, question.helper_id)
            name = helper.display_name if helper else "your helper"
        return Reply(
            f"Was question #{question_id} answered?",
            buttons=(
                Button(
                    f"Resolved by {name}",
                    ACTION_RESOLVED_BY,
                    f"{question_id}:{question.helper_id}",
                    ButtonStyle.PRIMARY,
                ),
                Button("Close, no answer needed", ACTION_CLOSE, str(question_id)),
            ),
            context=f"Someone else answered it? `ask close {question_id} @name`.",
        )

    async def suggest(self, ctx: Context, args: Sequence[str]) -> Reply:
        """`ask suggest ID @member`: ask the named colleague instead; it counts as evidence."""
        if len(args) < 2 or not _QUESTION_ID.match(args[0]):
            raise UsageError("ask", "suggest")
        question_id = int(args[0].lstrip("#"))
        async with self.database.transaction() as session:
            invited = await self._invited(session, question_id, ctx)
            if invited is None:
                raise UserError(f"You weren't asked about question #{question_id}.")
            question, invitation = invited
            if question.status != QuestionStatus.OPEN.value:
                return Reply(f"Thanks — {_settled(question)} Nothing more to do.")
            member = await find_member(
                session,
                " ".join(args[1:]),
                ctx.actor.ref.platform,
                ctx.actor.ref.workspace_id,
                ctx.mentions,
            )
            if member.id in (ctx.actor.member_id, question.asker_id):
                raise UserError("Please suggest someone other than yourself or the asker.")
            consent = await session.scalar(
                select(ExpertiseConsent.opted_in).where(ExpertiseConsent.member_id == member.id)
            )
            if consent is False:
                return Reply(f"{member.display_name} has asked not to be sent questions.")
            if _away(member, ctx.now):
                return Reply(f"{member.display_name} is away; could you suggest someone else?")
            existing = await session.scalar(
                select(Invitation).where(
                    Invitation.question_id == question.id, Invitation.member_id == member.id
                )
            )
            if existing is not None and not (
                existing.status == InvitationStatus.INVITED.value and existing.due_at > ctx.now
            ):
                # Already asked: no referral to count, and the actor's invitation stays open.
                return Reply(f"Thanks — {member.display_name} was already asked about this one.")
            invitation.status = InvitationStatus.REFERRED.value
            invitation.answered_at = ctx.now
            session.add(
                ExpertiseEvidence(
                    member_id=member.id,
                    kind=EvidenceKind.REFERRAL.value,
                    text=question.text,
                    tags=list(question.tags),
                    question_id=question.id,
                    at=ctx.now,
                )
            )
            asker = await session.get(Member, question.asker_id)
            reason = f"{ctx.actor.display_name} suggested you"
            if existing is None:
                await self._invite(session, question, asker, member.id, reason, ctx.now, 50)
            else:
                await self._pull_forward(session, existing, ctx.now)
        return Reply(f"Thanks! I've asked {member.display_name} about question #{question_id}.")

    async def who(self, ctx: Context, topic: str) -> Reply:
        """`expertise who TOPIC`: consenting members with that expertise, and why."""
        if not topic.strip():
            raise UsageError("expertise", "who")
        async with self.database.transaction() as session:
            index = await self.routing.current(session, ctx.now)
            vocabulary = SkillVocabulary(await SkillRepository(session).vocabulary())
            tags = find_skills(topic, vocabulary)
            canonical = vocabulary.canonical(topic)
            if canonical and canonical not in tags:
                tags = (canonical, *tags)
            ranking = index.ranking(Query(topic, tags, None), ctx.now)
            shortlist = ranking.candidates(index.config.shortlist)
            states = await self._states(session, [c.member_id for c in shortlist], ctx.now)
            suggestions = ranking.suggest(states, limit=5, exclude=[ctx.actor.member_id])
            names = await self._names(session, [s.member_id for s in suggestions])
        if not suggestions:
            return Reply(
                f"Nobody who agreed to be asked has shown expertise in {quoted(topic)} yet.",
                context="Know it yourself? `expertise add SKILL` (or `expertise optin`).",
            )
        lines = [f"*Who knows about {quoted(topic, 40)}*"] + [
            f"• {names.get(s.member_id, '?')} — {s.reason}" for s in suggestions
        ]
        return Reply("\n".join(lines), context="`ask YOUR QUESTION` asks them for you.")

    async def set_consent(self, ctx: Context, opted_in: bool) -> Reply:
        """`expertise optin` / `expertise optout`."""
        async with self.database.transaction() as session:
            row = await session.scalar(
                select(ExpertiseConsent).where(ExpertiseConsent.member_id == ctx.actor.member_id)
            )
            if row is None:
                session.add(
                    ExpertiseConsent(
                        member_id=ctx.actor.member_id, opted_in=opted_in, updated_at=ctx.now
                    )
                )
            else:
                row.opted_in = opted_in
                row.updated_at = ctx.now
            withdrawn = 0
            if not opted_in:
                # Stop everything at once: invitations not sent yet are withdrawn too.
                pending = (
                    await session.scalars(
                        select(Invitation).where(
                            Invitation.member_id == ctx.actor.member_id,
                            Invitation.status == InvitationStatus.INVITED.value,
                            Invitation.due_at > ctx.now,
                        )
                    )
                ).all()
                for invitation in pending:
                    invitation.status = InvitationStatus.WITHDRAWN.value
                    await _withdraw(session, invitation, ctx.now)
                withdrawn = len(pending)
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "expertise.optin" if opted_in else "expertise.optout",
                "member",
                ctx.actor.member_id,
            )
        if opted_in:
            return Reply(
                "Thanks! Colleagues' questions that match your expertise may now come to you, "
                "a few a week at most. `expertise optout` stops them at any time."
            )
        extra = f" ({withdrawn} waiting invitation(s) withdrawn)" if withdrawn else ""
        return Reply(
            f"Done: I won't suggest you as an expert any more{extra}. "
            "`expertise optin` turns it back on."
        )

    async def set_default(self, ctx: Context, rest: str) -> Reply:
        """`expertise default in|out` (organisation admins)."""
        value = rest.strip().casefold()
        if value not in ("in", "out"):
            raise UsageError("expertise", "default")
        require_admin(ctx, "expertise.default", "Only organisation admins can change the default.")
        async with self.database.transaction() as session:
            row = await session.scalar(
                select(OrganisationSetting).where(OrganisationSetting.key == CONSENT_DEFAULT_KEY)
            )
            if row is None:
                session.add(
                    OrganisationSetting(key=CONSENT_DEFAULT_KEY, value=value, updated_at=ctx.now)
                )
            else:
                row.value = value
                row.updated_at = ctx.now
            await AuditLog(session).record(
                ctx.now,
                ctx.actor.member_id,
                "expertise.default",
                "organisation",
                None,
                {"value": value},
            )
        if value == "in":
            return Reply(
                "Everyone can now be suggested as an expert unless they `expertise optout`."
            )
        return Reply(
            "Members are now suggested only once they opt in (declaring expertise or "
            "`expertise optin`)."
        )

    async def set_mode(self, ctx: Context, rest: str) -> Reply:
        """`ask mode off|suggest|auto` in a channel (its community's facilitators, or admins)."""
        try:
            mode = ChannelModeName(rest.strip().casefold())
        except ValueError:
            raise UsageError("ask", "mode") from None
        conversation = ctx.conversation
        if conversation.kind is not ConversationKind.CHANNEL:
            raise UserError("Run `ask mode` in the channel you want to change.")
        async with self.database.transaction() as session:
            community = await CommunityRepository(session).by_channel(
                conversation.platform, conversation.workspace_id, conversation.channel_id
            )
            if not ctx.actor.is_admin and (
                community is None or not await may_manage(session, ctx.actor, community.id)
            ):
                raise Refused(
                    "Only this channel's community facilitators (or organisation admins) can "
                    "change how I treat questions here.",
                    "ask.mode",
                    community.id if community else None,
                )
            row = await session.scalar(
                select(ChannelMode).where(
                    ChannelMode.platform == conversation.platform,
                    ChannelMode.workspace_id == conversation.workspace_id,
                    ChannelMode.channel_id == conversation.channel_id,
                )
            )
            if row is None:
                session.add(
                    ChannelMode(
                        platform=conversation.platform,
                        workspace_id=conversation.workspace_id,
                        channel_id=conversation.channel_id,
                        mode=mode.value,
                        set_by_id=ctx.actor.member_id,
                        updated_at=ctx.now,
                    )
                )
            else:
                row.mode = mode.value
                row.set_by_id = ctx.actor.member_id
                row.updated_at = ctx.now
        explained = {
            ChannelModeName.OFF: "I'll leave questions here alone.",
            ChannelModeName.SUGGEST: "I'll offer askers a “Find an expert” button.",
            ChannelModeName.AUTO: "I'll route questions asked here to colleagues who know.",
        }
        return Reply(f"Questions in this channel: *{mode.value}*. {explained[mode]}")

    # -- buttons --------------------------------------------------------------------------

    async def accept(self, ctx: Context, value: str) -> Reply:
        """[I can help]: connect asker and expert; the others are told it's taken."""
        question_id = _id(value)
        async with self.database.transaction() as session:
            invited = await self._invited(session, question_id, ctx)
            if invited is None:
                return Reply("That invitation was for someone else, or has expired.")
            question, invitation = invited
            if question.status != QuestionStatus.OPEN.value:
                if question.helper_id == ctx.actor.member_id:
                    return Reply(f"You're already helping with question #{question.id}.")
                return Reply(
                    f"Thank you! Question #{question.id} is already "
                    + ("taken by a colleague." if question.helper_id else f"{question.status}.")
                    + " Nothing more to do."
                )
            # The lock makes the status read above current; the condition stays as a second
            # guard, so a connection can never be made twice.
            changed = await session.execute(
                update(Question)
                .where(Question.id == question.id, Question.status == QuestionStatus.OPEN.value)
                .values(status=QuestionStatus.CONNECTED.value, helper_id=ctx.actor.member_id)
            )
            if getattr(changed, "rowcount", 0) != 1:
                return Reply(f"Thank you! A colleague took question #{question.id} just now.")
            invitation.status = InvitationStatus.ACCEPTED.value
            invitation.answered_at = ctx.now
            await self._withdraw_others(session, question, ctx, ctx.actor.display_name)
            asker = await session.get(Member, question.asker_id)
            assert asker is not None
            helper = await mention(
                session, ctx.actor.member_id, ctx.actor.display_name, question.platform
            )
            asker_mention = await mention(session, asker.id, asker.display_name, question.platform)
            outbox = Outbox(session, ctx.now)
            await outbox.queue(
                Body(
                    say(
                        "Good news: {helper} can help with your question #{id} {question}. "
                        "Reach out to them directly; when it's answered, tell me below.",
                        helper=helper,
                        id=question.id,
                        question=quoted(question.text, 80),
                    ),
                    (
                        Button(
                            f"Resolved by {ctx.actor.display_name}",
                            ACTION_RESOLVED_BY,
                            f"{question.id}:{ctx.actor.member_id}",
                            ButtonStyle.PRIMARY,
                        ),
                        Button("Close, no answer needed", ACTION_CLOSE, str(question.id)),
                    ),
                ),
                Target.member(question.platform, question.workspace_id, asker.id),
                ctx.now,
                _key(question.id, "connect", asker.id),
                kind=OutboxKind.NOTICE,
            )
            if question.channel_id:
                # Asked in a channel: a thread reply there introduces them to each other.
                await outbox.queue(
                    Body(
                        say(
                            "{asker}, {helper} can help with this question.",
                            asker=asker_mention,
                            helper=helper,
                        )
                    ),
                    Target(
                        question.platform,
                        question.workspace_id,
                        question.channel_id,
                        question.thread_id,
                        ConversationKind.CHANNEL.value,
                    ),
                    ctx.now,
                    _key(question.id, "connect", "channel"),
                    kind=OutboxKind.NOTICE,
                )
            await AuditLog(session).record(
                ctx.now, ctx.actor.member_id, "question.accept", "question", question.id
            )
        return Reply(
            say(
                "Thank you! I've told {asker}; please reach out to them about {question}.",
                asker=asker_mention,
                question=quoted(question.text, 80),
            )
        )

    async def decline(self, ctx: Context, value: str) -> Reply:
        """[Not me]: ask the next colleague."""
        question_id = _id(value)
        async with self.database.transaction() as session:
            invited = await self._invited(session, question_id, ctx)
            if invited is None:
                return Reply("That invitation was for someone else, or has expired.")
            question, invitation = invited
            if question.status != QuestionStatus.OPEN.value:
                # Taken or closed meanwhile (an accept may have won the race by a moment):
                # nobody new is asked, and the invitation keeps what happened to it.
                return Reply(f"Thanks — {_settled(question)} Nothing more to do.")
            if invitation.status != InvitationStatus.INVITED.value:
                # A second click on "Not me": the first one has asked the next colleague.
                return Reply("Noted already — thank you.")
            invitation.status = InvitationStatus.DECLINED.value
            invitation.answered_at = ctx.now
            await self._next_candidate(session, question, ctx.now)
        return Reply("No problem, thanks for saying so — I'll ask someone else.")

    async def refer_prompt(self, ctx: Context, value: str) -> Reply:
        """[Suggest someone]: buttons cannot carry a name, so ask for it."""
        question_id = _id(value)
        return Reply(
            "Who would know? Reply with "
            f"`ask suggest {question_id or 'ID'} @name` and I'll ask them for you."
        )

    async def resolved_by(self, ctx: Context, value: str) -> Reply:
        """[Resolved by X]."""
        question_part, _, member_part = value.partition(":")
        question_id, member_id = _id(question_part), _id(member_part)
        async with self.database.transaction() as session:
            question = await QuestionRepository(session).lock(question_id) if question_id else None
            member = await session.get(Member, member_id) if member_id else None
            if question is None or member is None or question.asker_id != ctx.actor.member_id:
                return Reply("That button was for the person who asked.")
            if question.status not in OPEN_STATUSES:
                return Reply(f"Question #{question.id} is already {question.status}.")
            return Reply(await self._resolve(session, ctx, question, member))

    async def close_button(self, ctx: Context, value: str) -> Reply:
        """[Close, no answer needed]."""
        question_id = _id(value)
        async with self.database.transaction() as session:
            question = await QuestionRepository(session).lock(question_id) if question_id else None
            if question is None or question.asker_id != ctx.actor.member_id:
                return Reply("That button was for the person who asked.")
            if question.status not in OPEN_STATUSES:
                return Reply(f"Question #{question.id} is already {question.status}.")
            await self._finish(session, question, QuestionStatus.CLOSED, ctx.now)
        return Reply(f"Closed question #{question_id}.")

    async def find_expert(self, ctx: Context, value: str) -> Reply:
        """[Find an expert] under a question seen in a `suggest` channel."""
        question_id = _id(value)
        if question_id is None:
            return Reply("That button has expired.")
        async with self.database.transaction() as session:
            question = await self._own_question(session, ctx, question_id)
            text = question.text
        return await self.ask(ctx, text, draft_of=question_id)

    async def post_to_community(self, ctx: Context, value: str) -> Reply:
        """[Post it to the community channel] when nobody qualified was found."""
        question_id = _id(value)
        async with self.database.transaction() as session:
            question = await self._own_question(session, ctx, question_id or 0)
            channel = await self._community_channel(session, question)
            if channel is None:
                return Reply("I don't know a community channel for this question, sorry.")
            asker = await mention(
                session, ctx.actor.member_id, ctx.actor.display_name, channel.platform
            )
            await Outbox(session, ctx.now).queue(
                Body(
                    say(
                        "{asker} asks: {question} Can anyone help? Reply in a thread.",
                        asker=asker,
                        question=quoted(question.text, 300),
                    )
                ),
                Target(
                    channel.platform,
                    channel.workspace_id,
                    channel.channel_id,
                    None,
                    ConversationKind.CHANNEL.value,
                ),
                ctx.now,
                _key(question.id, "community-post"),
                kind=OutboxKind.NOTICE,
            )
        return Reply("Posted to the community channel. I hope someone there knows!")

    # -- channel messages -----------------------------------------------------------------

    async def on_message(
        self, event: MessageReceived, resolve: Callable[[], Awaitable[Actor | None]]
    ) -> Reply | None:
        """A plain message: a question in an `auto`/`suggest` channel, or "thanks @x"."""
        text = event.text
        thanked = _THANKS.search(text) is not None and bool(named(text))
        mode = ChannelModeName.OFF
        if event.conversation.kind is ConversationKind.CHANNEL:
            mode = await self._mode(event)
        asking = mode is not ChannelModeName.OFF and is_question(text)
        if not thanked and not asking:
            return None
        actor = await resolve()
        if actor is None:
            return None
        ctx = Context(
            actor=actor,
            conversation=event.conversation,
            now=self.clock.now(),
            mentions=event.mentions,
        )
        if thanked and not asking:
            await self._thanks(ctx, text)
            return None
        if mode is ChannelModeName.AUTO:
            return await self.ask(ctx, text)
        async with self.database.transaction() as session:
            question = await self._store(session, ctx, " ".join(text.split()), QuestionStatus.DRAFT)
        return Reply(
            "That looks like a question. Want me to find a colleague who knows?",
            buttons=(
                Button("Find an expert", ACTION_FIND_EXPERT, str(question.id), ButtonStyle.PRIMARY),
            ),
        )

    async def _thanks(self, ctx: Context, text: str) -> None:
        mentions = named(text)
        if len(mentions) > MAX_THANKED:
            log.info("thanks to %d people at once: not recorded as evidence", len(mentions))
            return
        async with self.database.transaction() as session:
            for mention in mentions:
                try:
                    member = await find_member(
                        session,
                        mention,
                        ctx.actor.ref.platform,
                        ctx.actor.ref.workspace_id,
                        ctx.mentions,
                    )
                except UserError:
                    continue
                if member.id == ctx.actor.member_id:
                    continue
                # Thanks about a question they helped with says what the help was about.
                question = await session.scalar(
                    select(Question)
                    .where(
                        Question.asker_id == ctx.actor.member_id, Question.helper_id == member.id
                    )
                    .order_by(Question.id.desc())
                )
                session.add(
                    ExpertiseEvidence(
                        member_id=member.id,
                        kind=EvidenceKind.THANKS.value,
                        text=question.text if question else without_names(text),
                        tags=list(question.tags) if question else [],
                        question_id=question.id if question else None,
                        at=ctx.now,
                    )
                )
                log.info("thanks recorded for member=%s", member.id)

    # -- internals ------------------------------------------------------------------------

    async def _store(
        self, session: AsyncSession, ctx: Context, text: str, status: QuestionStatus
    ) -> Question:
        vocabulary = SkillVocabulary(await SkillRepository(session).vocabulary())
        conversation = ctx.conversation
        in_channel = conversation.kind is ConversationKind.CHANNEL
        community = (
            await CommunityRepository(session).by_channel(
                conversation.platform, conversation.workspace_id, conversation.channel_id
            )
            if in_channel
            else None
        )
        text = await _readable(session, text, ctx.mentions)
        question = Question(
            asker_id=ctx.actor.member_id,
            text=text,
            tags=list(find_skills(text, vocabulary)),
            community_id=community.id if community else None,
            platform=conversation.platform,
            workspace_id=conversation.workspace_id,
            channel_id=conversation.channel_id if in_channel else None,
            thread_id=conversation.thread_id if in_channel else None,
            status=status.value,
            created_at=ctx.now,
        )
        session.add(question)
        await session.flush()
        return question

    async def _rank(
        self, session: AsyncSession, now: datetime, question: Question, exclude: Iterable[int]
    ) -> list[Suggestion]:
        index = await self.routing.current(session, now)
        asker = await session.get(Member, question.asker_id)
        ranking = index.ranking(Query(question.text, tuple(question.tags), question.asker_id), now)
        taken = set(exclude)
        shortlist = ranking.candidates(index.config.shortlist, exclude=taken)
        states = await self._states(session, [c.member_id for c in shortlist], now)
        wanted = self.settings.first_wave + self.settings.escalation_wave
        return ranking.suggest(
            states,
            asker.department_id if asker else None,
            limit=wanted,
            exclude=taken,
        )

    async def _states(
        self, session: AsyncSession, member_ids: Sequence[int], now: datetime
    ) -> dict[int, MemberState]:
        """Consent, availability, department and this week's open requests of candidates."""
        if not member_ids:
            return {}
        members = (await session.scalars(select(Member).where(Member.id.in_(member_ids)))).all()
        choices = dict(
            (
                await session.execute(
                    select(ExpertiseConsent.member_id, ExpertiseConsent.opted_in).where(
                        ExpertiseConsent.member_id.in_(member_ids)
                    )
                )
            ).all()
        )
        declared = set(
            (
                await session.scalars(
                    select(MemberSkill.member_id).where(MemberSkill.member_id.in_(member_ids))
                )
            ).all()
        )
        default_in = (
            await session.scalar(
                select(OrganisationSetting.value).where(
                    OrganisationSetting.key == CONSENT_DEFAULT_KEY
                )
            )
        ) == "in"
        open_requests = dict(
            (
                await session.execute(
                    select(Invitation.member_id, func.count(Invitation.id))
                    .join(Question, Question.id == Invitation.question_id)
                    .where(
                        Invitation.member_id.in_(member_ids),
                        Invitation.status.in_(
                            [InvitationStatus.INVITED.value, InvitationStatus.ACCEPTED.value]
                        ),
                        # Escalations already scheduled count too: they will be sent.
                        Invitation.due_at >= now - timedelta(days=7),
                        Question.status.in_(OPEN_STATUSES),
                    )
                    .group_by(Invitation.member_id)
                )
            ).all()
        )
        states: dict[int, MemberState] = {}
        for member in members:
            choice = choices.get(member.id)
            consented = (
                bool(choice) if choice is not None else (default_in or member.id in declared)
            )
            states[member.id] = MemberState(
                member.id,
                consented=consented,
                away=_away(member, now),
                department_id=member.department_id,
                open_requests=int(open_requests.get(member.id, 0)),
            )
        return states

    async def _invite_waves(
        self,
        session: AsyncSession,
        ctx: Context,
        question: Question,
        suggestions: Sequence[Suggestion],
    ) -> list[tuple[str, str]]:
        asker = await session.get(Member, question.asker_id)
        names = await self._names(session, [s.member_id for s in suggestions])
        first = self.settings.first_wave
        escalate_at = add_working_hours(
            ctx.now, self.settings.escalate_after_hours, ctx.actor.timezone
        )
        asked: list[tuple[str, str]] = []
        for position, suggestion in enumerate(suggestions):
            due = ctx.now if position < first else escalate_at
            await self._invite(
                session, question, asker, suggestion.member_id, suggestion.reason, due, position
            )
            asked.append((names.get(suggestion.member_id, "?"), suggestion.reason))
        await self._schedule_facilitators(session, ctx, question, asker, [n for n, _ in asked])
        return asked

    async def _invite(
        self,
        session: AsyncSession,
        question: Question,
        asker: Member | None,
        member_id: int,
        reason: str,
        due: datetime,
        position: int,
        facilitator: bool = False,
        asked_names: Sequence[str] = (),
    ) -> None:
        asker_name = asker.display_name if asker else "A colleague"
        department = await _department_name(session, asker)
        if facilitator:
            text = (
                f"No one has taken this question from {asker_name}{department} for a working "
                f"day: {quoted(question.text, 300)}\nAsked so far: "
                f"{', '.join(asked_names) or 'nobody qualified'}. Could you help, or suggest "
                "someone?"
            )
        else:
            text = (
                f"{asker_name}{department} has a question you may be able to answer: "
                f"{quoted(question.text, 300)}\nWhy you: {reason}."
            )
        kind = OutboxKind.NOTICE if due <= self.clock.now() else OutboxKind.ESCALATION
        await Outbox(session, self.clock.now()).queue(
            Body(
                text,
                _invitation_buttons(question.id),
                "Only you can see this. Questions come a few a week at most; "
                "`expertise optout` stops them.",
            ),
            Target.member(question.platform, question.workspace_id, member_id),
            due,
            invitation_key(question.id, member_id),
            kind=kind,
            tell=question.asker_id if kind is OutboxKind.ESCALATION else None,
        )
        session.add(
            Invitation(
                question_id=question.id,
                member_id=member_id,
                position=position,
                status=InvitationStatus.INVITED.value,
                reason=reason[:300],
                due_at=due,
            )
        )
        await session.flush()

    async def _schedule_facilitators(
        self,
        session: AsyncSession,
        ctx: Context,
        question: Question,
        asker: Member | None,
        asked: Sequence[str],
    ) -> None:
        due = add_working_hours(ctx.now, self.settings.facilitators_after_hours, ctx.actor.timezone)
        invited = set(
            (
                await session.scalars(
                    select(Invitation.member_id).where(Invitation.question_id == question.id)
                )
            ).all()
        )
        facilitators = await self._facilitators(session, question)
        # A facilitator who opted out, or is away, is skipped like anyone else.
        skipped = set(
            (
                await session.scalars(
                    select(ExpertiseConsent.member_id).where(
                        ExpertiseConsent.member_id.in_(facilitators),
                        ExpertiseConsent.opted_in.is_(False),
                    )
                )
            ).all()
        )
        members = await session.scalars(select(Member).where(Member.id.in_(facilitators)))
        skipped.update(member.id for member in members if _away(member, ctx.now))
        for position, member_id in enumerate(facilitators):
            if member_id in invited or member_id in skipped or member_id == question.asker_id:
                continue
            await self._invite(
                session,
                question,
                asker,
                member_id,
                "community facilitator",
                due,
                100 + position,
                facilitator=True,
                asked_names=asked,
            )

    async def _facilitators(self, session: AsyncSession, question: Question) -> list[int]:
        """The question's community's facilitators; else those of the asker's communities."""
        if question.community_id is not None:
            community_ids = [question.community_id]
        else:
            community_ids = list(
                (
                    await session.scalars(
                        select(Membership.community_id).where(
                            Membership.member_id == question.asker_id
                        )
                    )
                ).all()
            )
        if not community_ids:
            return []
        rows = await session.scalars(
            select(Membership.member_id)
            .where(
                Membership.community_id.in_(community_ids),
                Membership.role == Role.FACILITATOR.value,
            )
            .order_by(Membership.member_id)
        )
        return list(dict.fromkeys(rows.all()))

    async def _next_candidate(
        self, session: AsyncSession, question: Question, now: datetime
    ) -> None:
        """After a "Not me": bring the next scheduled colleague forward, or find a new one."""
        waiting = await session.scalar(
            select(Invitation)
            .where(
                Invitation.question_id == question.id,
                Invitation.status == InvitationStatus.INVITED.value,
                Invitation.due_at > now,
                Invitation.position < 100,
            )
            .order_by(Invitation.position)
        )
        if waiting is not None:
            await self._pull_forward(session, waiting, now)
            return
        involved = (
            await session.scalars(
                select(Invitation.member_id).where(Invitation.question_id == question.id)
            )
        ).all()
        suggestions = await self._rank(session, now, question, exclude=involved)
        if suggestions:
            asker = await session.get(Member, question.asker_id)
            position = 1 + int(
                await session.scalar(
                    select(func.max(Invitation.position)).where(
                        Invitation.question_id == question.id, Invitation.position < 100
                    )
                )
                or 0
            )
            top = suggestions[0]
            await self._invite(session, question, asker, top.member_id, top.reason, now, position)

    async def _pull_forward(
        self, session: AsyncSession, invitation: Invitation, now: datetime
    ) -> None:
        invitation.due_at = now
        await Outbox(session, now).pull_forward(
            invitation_key(invitation.question_id, invitation.member_id), now, OutboxKind.NOTICE
        )

    async def _withdraw_others(
        self, session: AsyncSession, question: Question, ctx: Context, helper: str
    ) -> None:
        """Everyone else: pending invitations cancelled; those already asked are told."""
        others = (
            await session.scalars(
                select(Invitation).where(
                    Invitation.question_id == question.id,
                    Invitation.member_id != ctx.actor.member_id,
                    Invitation.status == InvitationStatus.INVITED.value,
                )
            )
        ).all()
        for invitation in others:
            invitation.status = InvitationStatus.WITHDRAWN.value
            # Due but still pending (a "Not me" just brought it forward): never sent, no notice.
            never_sent = await _withdraw(session, invitation, ctx.now)
            if invitation.due_at <= ctx.now and not never_sent:
                await Outbox(session, ctx.now).queue(
                    Body(
                        f"Thanks — {helper} is helping with question #{question.id} "
                        f"{quoted(question.text, 60)}, so there's nothing more to do."
                    ),
                    Target.member(question.platform, question.workspace_id, invitation.member_id),
                    ctx.now,
                    _key(question.id, "taken", invitation.member_id),
                    kind=OutboxKind.NOTICE,
                )

    async def _resolve(
        self, session: AsyncSession, ctx: Context, question: Question, member: Member
    ) -> str:
        if member.id == question.asker_id:
            await self._finish(session, question, QuestionStatus.RESOLVED, ctx.now)
            return f"Marked question #{question.id} as resolved. Glad you found it!"
        question.resolved_by_id = member.id
        await self._finish(session, question, QuestionStatus.RESOLVED, ctx.now)
        session.add(
            ExpertiseEvidence(
                member_id=member.id,
                kind=EvidenceKind.ACCEPTED.value,
                text=question.text,
                tags=list(question.tags),
                question_id=question.id,
                at=ctx.now,
            )
        )
        await AuditLog(session).record(
            ctx.now,
            ctx.actor.member_id,
            "question.resolve",
            "question",
            question.id,
            {"resolved_by": member.id},
        )
        return (
            f"Marked question #{question.id} as resolved by {member.display_name}. Thank you — "
            "this helps me route the next question on this topic."
        )

    async def _finish(
        self, session: AsyncSession, question: Question, status: QuestionStatus, now: datetime
    ) -> None:
        question.status = status.value
        question.closed_at = now
        pending = (
            await session.scalars(
                select(Invitation).where(
                    Invitation.question_id == question.id,
                    Invitation.status == InvitationStatus.INVITED.value,
                )
            )
        ).all()
        for invitation in pending:
            invitation.status = InvitationStatus.WITHDRAWN.value
            await _withdraw(session, invitation, now)

    async def _nobody(self, session: AsyncSession, question: Question) -> Reply:
        channel = await self._community_channel(session, question)
        buttons: tuple[Button, ...] = ()
        offer = " Try `expertise who TOPIC` with a shorter topic, or ask in a community channel."
        if channel is not None:
            buttons = (
                Button(
                    "Post it to the community channel",
                    ACTION_POST_TO_COMMUNITY,
                    str(question.id),
                    ButtonStyle.PRIMARY,
                ),
            )
            offer = " Shall I post it to the community channel instead?"
        return Reply(
            f"I saved question #{question.id}, but honestly I don't know anyone yet who has "
            "shown expertise in this and agreed to be asked." + offer,
            buttons=buttons,
        )

    async def _community_channel(
        self, session: AsyncSession, question: Question
    ) -> CommunityChannel | None:
        community_ids: list[int] = []
        if question.community_id is not None:
            community_ids.append(question.community_id)
        community_ids += list(
            (
                await session.scalars(
                    select(Membership.community_id)
                    .where(Membership.member_id == question.asker_id)
                    .order_by(Membership.community_id)
                )
            ).all()
        )
        for community_id in community_ids:
            channel = await session.scalar(
                select(CommunityChannel).where(
                    CommunityChannel.community_id == community_id,
                    CommunityChannel.platform == question.platform,
                )
            )
            if channel is not None:
                return channel
        return None

    async def _mode(self, event: MessageReceived) -> ChannelModeName:
        conversation = event.conversation
        async with self.database.transaction() as session:
            value = await session.scalar(
                select(ChannelMode.mode).where(
                    ChannelMode.platform == conversation.platform,
                    ChannelMode.workspace_id == conversation.workspace_id,
                    ChannelMode.channel_id == conversation.channel_id,
                )
            )
        try:
            return ChannelModeName(value or ChannelModeName.OFF.value)
        except ValueError:
            return ChannelModeName.OFF

    async def _own_question(
        self, session: AsyncSession, ctx: Context, question_id: int
    ) -> Question:
        """The actor's own question, locked for the rest of the unit of work."""
        question = await QuestionRepository(session).lock(question_id)
        if question is None or question.asker_id != ctx.actor.member_id:
            raise UserError(
                f"You have no question #{question_id}. `ask mine` lists your open questions."
            )
        return question

    async def _invited(
        self, session: AsyncSession, question_id: int | None, ctx: Context
    ) -> tuple[Question, Invitation] | None:
        """The question, locked for the rest of the unit of work, and the actor's invitation to
        it, if it has been sent to them."""
        question = await QuestionRepository(session).lock(question_id) if question_id else None
        if question is None:
            return None
        invitation = await session.scalar(
            select(Invitation).where(
                Invitation.question_id == question.id,
                Invitation.member_id == ctx.actor.member_id,
                Invitation.due_at <= ctx.now,
            )
        )
        return None if invitation is None else (question, invitation)

    async def _names(self, session: AsyncSession, member_ids: Iterable[int]) -> dict[int, str]:
        ids = list(dict.fromkeys(member_ids))
        if not ids:
            return {}
        rows = await session.execute(
            select(Member.id, Member.display_name, Department.name)
            .outerjoin(Department, Department.id == Member.department_id)
            .where(Member.id.in_(ids))
        )
        return {row[0]: f"{row[1]} ({row[2]})" if row[2] else str(row[1]) for row in rows.all()}


# -- helpers ----------------------------------------------------------------------------------


def _invitation_buttons(question_id: int, label_suffix: str = "") -> tuple[Button, ...]:
    value = str(question_id)
    return (
        Button(f"I can help{label_suffix}", ACTION_ACCEPT, value, ButtonStyle.PRIMARY),
        Button(f"Not me{label_suffix}", ACTION_DECLINE, value),
        Button(f"Suggest someone{label_suffix}", ACTION_REFER, value),
    )


def _id(value: str) -> int | None:
    match = _QUESTION_ID.match(value.strip())
    return int(match.group(1)) if match else None


def parse_question_id(value: str) -> int | None:
    """`12` or `#12` -> 12; anything else -> None."""
    return _id(value)


def _settled(question: Question) -> str:
    """Why a question no longer needs anyone asked, as a sentence."""
    if question.status == QuestionStatus.CONNECTED.value:
        return f"a colleague is already helping with question #{question.id}."
    return f"question #{question.id} is already {question.status}."


def _people(n: int) -> str:
    return "1 colleague" if n == 1 else f"{n} colleagues"


async def _department_name(session: AsyncSession, member: Member | None) -> str:
    if member is None or member.department_id is None:
        return ""
    department = await session.get(Department, member.department_id)
    return f" ({department.name})" if department else ""


def _key(question_id: int, purpose: str, detail: int | str | None = None) -> OutboxKey:
    """A message about a question: ``question:ID:PURPOSE[:DETAIL]``."""
    text = f"question:{question_id}:{purpose}" + ("" if detail is None else f":{detail}")
    return OutboxKey(text, Owner.of("question", question_id), purpose)


def invitation_key(question_id: int, member_id: int) -> OutboxKey:
    """A colleague's invitation to answer a question (or a facilitator's escalation)."""
    return _key(question_id, "invite", member_id)


async def _withdraw(session: AsyncSession, invitation: Invitation, now: datetime) -> bool:
    """Never send an invitation no longer needed; whether it was still pending."""
    return await Outbox(session, now).cancel_key(
        invitation_key(invitation.question_id, invitation.member_id)
    )


async def _readable(session: AsyncSession, text: str, mentions: Sequence[MemberRef]) -> str:
    """What someone wrote, as stored: each mention as ``@Name`` of the member it names."""
    if not mentions:
        return text
    members = MemberRepository(session)
    names: dict[int, str] = {}
    for index, ref in enumerate(mentions):
        member = await members.by_identity(ref.platform, ref.workspace_id, ref.user_id)
        if member is not None:
            names[index] = member.display_name
    return readable(text, names)


def _away(member: Member, now: datetime) -> bool:
    """Marked unavailable, or away until a later date: not to be asked now."""
    return not member.available or (member.away_until is not None and member.away_until > now)
