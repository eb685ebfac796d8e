"""Applying what the flow decided to one locked question, inside the unit of work that
decided it: rows change, and every message to someone other than the person acting is queued
in the outbox in the same transaction as the state it reports.

So a crash never loses or duplicates an invitation, several processes send each once, and
when someone takes the question the invitations still pending are simply cancelled ("no
more pings"). Invitations due now are NOTICE rows; escalations — the next colleagues after
`escalate_after_hours` working hours, the facilitators after `facilitators_after_hours` — are
ESCALATION rows due later, whose failure the asker is told about.

Each message is written when it is queued, in its recipient's language (their stored locale,
read by `language_for`): an expert's invitation and its buttons in the expert's, the asker's
good news in the asker's, an introduction in a channel in its community's setting.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.context import Actor
from guildbot.bot.features.questions import copy, flow, keys, names, notices
from guildbot.bot.features.questions.effects import (
    Answer,
    AskNext,
    Audit,
    Effect,
    Evidence,
    Finish,
    IntroduceInChannel,
    Invite,
    Open,
    PullForward,
    Take,
    TellConnected,
    Withdraw,
)
from guildbot.bot.features.questions.locked import LockedQuestion
from guildbot.bot.i18n import Language
from guildbot.bot.i18n.channels import ChannelLanguage, in_languages
from guildbot.bot.people import mention
from guildbot.bot.scheduler.outbox import Outbox, Target
from guildbot.contract.refs import ConversationKind
from guildbot.contract.richtext import Mention
from guildbot.matching.experts import Suggestion
from guildbot.storage.models import (
    Community,
    Invitation,
    InvitationStatus,
    Member,
    OutboxKind,
    Question,
    QuestionStatus,
)
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.expertise import ExpertiseRepository, NamedMember
from guildbot.storage.repositories.questions import InvitationRepository, QuestionRepository

# Ranks colleagues for a question, leaving some out (the feature's `QuestionService.rank`).
Rank = Callable[[AsyncSession, datetime, Question, Iterable[int]], Awaitable[list[Suggestion]]]
MAX_REASON = 300
# Why a facilitator is asked, as stored with the invitation (data for the record, in
# English; the facilitator's invitation itself says why, in their language).
FACILITATOR_REASON = "community facilitator"


class Executor:
    """Applies effects to one locked question, as `actor`, at `now`."""

    def __init__(
        self,
        session: AsyncSession,
        locked: LockedQuestion,
        actor: Actor,
        now: datetime,
        rank: Rank,
        language_for: Callable[[str], Language],
    ) -> None:
        self.session = session
        self.locked = locked
        self.question = locked.question
        self.actor = actor
        self.now = now
        self.rank = rank
        self.language_for = language_for
        self.outbox = Outbox(session, now)
        self._members: dict[int, NamedMember | None] = {}

    async def apply(self, effects: Iterable[Effect]) -> bool:
        """Apply `effects` in order. False, with the rest left undone, when a `Take` finds
        the question no longer open."""
        for effect in effects:
            match effect:
                case Take(helper_id):
                    connected = await QuestionRepository(self.session).connect(
                        self.question.id, helper_id
                    )
                    if not connected:
                        return False
                case Open():
                    self.question.status = QuestionStatus.OPEN.value
                case Invite():
                    await self._invite(effect)
                case PullForward(member_id):
                    await self._pull_forward(member_id)
                case Withdraw(member_id, taken_by):
                    await self._withdraw(member_id, taken_by)
                case Answer(member_id, status):
                    invitation = self.locked.invitation(member_id)
                    invitation.status = status.value
                    invitation.answered_at = self.now
                case Finish(status, resolved_by):
                    self._finish(status, resolved_by)
                case Evidence(member_id, kind):
                    await ExpertiseRepository(self.session).add_evidence(
                        member_id,
                        kind.value,
                        self.question.text,
                        self.question.tags,
                        self.question.id,
                        self.now,
                    )
                case TellConnected(asker_id, helper_id):
                    await self._tell_connected(asker_id, helper_id)
                case IntroduceInChannel(asker_id, helper_id):
                    await self._introduce(asker_id, helper_id)
                case AskNext(exclude, position):
                    found = await self.rank(self.session, self.now, self.question, exclude)
                    await self.apply(flow.ask_next(found, position, self.now))
                case Audit(action, details):
                    await AuditLog(self.session).record(
                        self.now,
                        self.actor.member_id,
                        action,
                        "question",
                        self.question.id,
                        dict(details) or None,
                    )
        return True

    async def _member(self, member_id: int) -> NamedMember | None:
        if member_id not in self._members:
            self._members[member_id] = await names.member(self.session, member_id)
        return self._members[member_id]

    async def _language(self, member_id: int) -> Language:
        """The language the member reads (the default's, when they are gone)."""
        found = await self.session.get(Member, member_id)
        return self.language_for(found.locale if found is not None else "")

    async def _name(self, member_id: int, otherwise: str) -> str:
        found = await self._member(member_id)
        return found.display_name if found else otherwise

    async def _mention(self, member_id: int, otherwise: str) -> Mention | str:
        found = await self._member(member_id)
        if found is None:
            return otherwise
        return await mention(self.session, member_id, found.display_name, self.question.platform)

    async def _invite(self, effect: Invite) -> None:
        question = self.question
        asker = await self._member(question.asker_id)
        department = asker.department if asker else None
        language = await self._language(effect.member_id)
        if effect.facilitator:
            reason = FACILITATOR_REASON
            asked = await names.people(self.session, effect.asked, question.platform, language)
            asker_name = await self._mention(question.asker_id, copy.a_colleague(language))
            body = notices.facilitator_invitation(
                language,
                question.id,
                copy.person(language, asker_name, department),
                question.text,
                [asked.get(member_id, "?") for member_id in effect.asked],
            )
        else:
            reason = effect.reason
            shown = copy.reason(language, effect.why, effect.reason)
            if effect.referred_by is not None:
                # Stored in English, like the ranker's reasons; shown in the reader's.
                referrer = await self._name(effect.referred_by, copy.a_colleague(language))
                reason = copy.suggested_by(Language.EN, referrer)
                shown = copy.suggested_by(language, referrer)
            plain = asker.display_name if asker else copy.a_colleague(language)
            body = notices.invitation(
                language,
                question.id,
                copy.person(language, plain, department),
                question.text,
                shown,
            )
        kind = OutboxKind.NOTICE if effect.due <= self.now else OutboxKind.ESCALATION
        await self.outbox.queue(
            body,
            Target.member(question.platform, question.workspace_id, effect.member_id),
            effect.due,
            keys.invitation(question.id, effect.member_id),
            kind=kind,
            tell=question.asker_id if kind is OutboxKind.ESCALATION else None,
        )
        invitation = await InvitationRepository(self.session).add(
            Invitation(
                question_id=question.id,
                member_id=effect.member_id,
                position=effect.position,
                status=InvitationStatus.INVITED.value,
                reason=reason[:MAX_REASON],
                due_at=effect.due,
            )
        )
        self.locked.invitations.append(invitation)

    async def _pull_forward(self, member_id: int) -> None:
        self.locked.invitation(member_id).due_at = self.now
        await self.outbox.pull_forward(
            keys.invitation(self.question.id, member_id), self.now, OutboxKind.NOTICE
        )

    async def _withdraw(self, member_id: int, taken_by: int | None) -> None:
        never_sent = await withdraw(self.outbox, self.locked.invitation(member_id))
        # Due but still pending (a "Not me" just brought it forward): never sent, no notice.
        if taken_by is None or never_sent:
            return
        question = self.question
        language = await self._language(member_id)
        helper = await self._name(taken_by, copy.a_colleague(language))
        await self.outbox.queue(
            notices.taken_by(language, helper, question.id, question.text),
            Target.member(question.platform, question.workspace_id, member_id),
            self.now,
            keys.taken(question.id, member_id),
            kind=OutboxKind.NOTICE,
        )

    def _finish(self, status: QuestionStatus, resolved_by: int | None) -> None:
        if resolved_by is not None:
            self.question.resolved_by_id = resolved_by
        self.question.status = status.value
        self.question.closed_at = self.now

    async def _tell_connected(self, asker_id: int, helper_id: int) -> None:
        question = self.question
        language = await self._language(asker_id)
        name = await self._name(helper_id, copy.your_helper(language))
        buttons = copy.answered_buttons(language, question.id, helper_id, name)
        helper = await self._mention(helper_id, copy.your_helper(language))
        await self.outbox.queue(
            notices.connected(language, question.id, helper, question.text, buttons),
            Target.member(question.platform, question.workspace_id, asker_id),
            self.now,
            keys.connected(question.id, asker_id),
            kind=OutboxKind.NOTICE,
        )

    async def _introduce(self, asker_id: int, helper_id: int) -> None:
        question = self.question
        # A thread of a channel: its community's language (or languages), else the asker's.
        community = (
            await self.session.get(Community, question.community_id)
            if question.community_id is not None
            else None
        )
        setting = (
            ChannelLanguage.stored(community.language)
            if community is not None
            else ChannelLanguage((await self._language(asker_id)).value)
        )
        languages = setting.languages
        asker = await self._mention(asker_id, copy.someone(languages[0]))
        helper = await self._mention(helper_id, copy.someone(languages[0]))
        await self.outbox.queue(
            in_languages(setting, lambda language: notices.introduced(language, asker, helper)),
            Target(
                question.platform,
                question.workspace_id,
                question.channel_id,
                question.thread_id,
                ConversationKind.CHANNEL.value,
            ),
            self.now,
            keys.introduced_in_channel(question.id),
            kind=OutboxKind.NOTICE,
        )


async def withdraw(outbox: Outbox, invitation: Invitation) -> bool:
    """The invitation is withdrawn and never sent if it is still pending; whether it was."""
    invitation.status = InvitationStatus.WITHDRAWN.value
    return await outbox.cancel_key(keys.invitation(invitation.question_id, invitation.member_id))
