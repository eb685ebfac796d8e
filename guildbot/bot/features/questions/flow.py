"""A question's life as pure decisions: open (or a draft) → colleagues invited → one of them
connected → resolved or closed.

Each transition takes the question and its invitations as plain values — read under the
question's lock, so they are what the database holds now — and answers either an `Outcome`
(why nothing changes, for the copy to say) or the `Effect`s that make the change, in the
order they are to be applied (both in `effects.py`); `executor.py` applies them in the same
unit of work. Nothing here reads the database, the clock or the copy, so every rule can be
tested on its own.

Invitations have positions: the ranked colleagues 0, 1, 2…, colleagues someone suggested
`REFERRAL_POSITION`, facilitators from `FACILITATOR_POSITION` on. A "Not me" brings forward
the best-ranked colleague still scheduled for later, never a facilitator.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from guildbot.bot.features.questions.effects import (
    Answer,
    AskNext,
    Audit,
    Effect,
    Effects,
    Evidence,
    Finish,
    IntroduceInChannel,
    Invite,
    Open,
    Outcome,
    PullForward,
    Take,
    TellConnected,
    Withdraw,
)
from guildbot.bot.features.questions.working_hours import add_working_hours
from guildbot.matching.experts import EvidenceKind, Suggestion
from guildbot.storage.models import InvitationStatus, QuestionStatus

REFERRAL_POSITION = 50
FACILITATOR_POSITION = 100
OPEN_STATUSES = (QuestionStatus.OPEN, QuestionStatus.CONNECTED)


@dataclass(frozen=True, slots=True)
class RoutingSettings:
    """The flow's knobs."""

    first_wave: int = 2
    escalation_wave: int = 2
    escalate_after_hours: float = 4.0  # working hours in the asker's time zone
    facilitators_after_hours: float = 8.0  # one working day
    index_max_age: timedelta = timedelta(hours=1)  # then rebuilt, to forget removed skills


# -- what the flow decides from ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuestionState:
    """A question as the flow sees it."""

    id: int
    asker_id: int
    status: QuestionStatus
    helper_id: int | None = None
    in_channel: bool = False  # asked in a channel, so asker and helper are introduced there


@dataclass(frozen=True, slots=True)
class Asked:
    """One colleague asked, or to be asked at `due`, about the question."""

    member_id: int
    status: InvitationStatus
    due: datetime
    position: int


@dataclass(frozen=True, slots=True)
class Facilitator:
    """A facilitator of the question's community; `askable` unless opted out or away."""

    member_id: int
    askable: bool = True


@dataclass(frozen=True, slots=True)
class Colleague:
    """Someone suggested by a colleague who was asked."""

    member_id: int
    opted_out: bool = False
    away: bool = False


# -- transitions ------------------------------------------------------------------------------


def invitation_of(asked: Sequence[Asked], member_id: int, now: datetime) -> Asked | None:
    """The member's invitation to the question, if it has been sent to them."""
    return next((a for a in asked if a.member_id == member_id and a.due <= now), None)


def open_draft(question: QuestionState) -> Effects | Outcome:
    """[Find an expert] under a question seen in a `suggest` channel: it goes to colleagues."""
    if question.status is QuestionStatus.DRAFT:
        return (Open(),)
    return Outcome.NOT_A_DRAFT if question.status in OPEN_STATUSES else Outcome.FINISHED


def route(
    question: QuestionState,
    asked: Sequence[Asked],
    suggestions: Sequence[Suggestion],
    facilitators: Sequence[Facilitator],
    settings: RoutingSettings,
    now: datetime,
    zone: str,
) -> Effects:
    """Ask the first wave of `suggestions` now and the rest after `escalate_after_hours`
    working hours in `zone`; after `facilitators_after_hours`, the askable facilitators not
    asked already (the asker never)."""
    escalate_at = add_working_hours(now, settings.escalate_after_hours, zone)
    effects: list[Effect] = [
        Invite(
            s.member_id,
            now if position < settings.first_wave else escalate_at,
            position,
            reason=s.reason,
            why=s.why,
        )
        for position, s in enumerate(suggestions)
    ]
    invited = {a.member_id for a in asked} | {s.member_id for s in suggestions}
    facilitators_at = add_working_hours(now, settings.facilitators_after_hours, zone)
    for position, facilitator in enumerate(facilitators):
        member = facilitator.member_id
        if member in invited or not facilitator.askable or member == question.asker_id:
            continue
        effects.append(
            Invite(
                member,
                facilitators_at,
                FACILITATOR_POSITION + position,
                facilitator=True,
                asked=tuple(s.member_id for s in suggestions),
            )
        )
    effects.append(Audit("question.ask", {"invited": len(suggestions)}))
    return tuple(effects)


def accept(
    question: QuestionState, asked: Sequence[Asked], member_id: int, now: datetime
) -> Effects | Outcome:
    """[I can help]: the member helps; the asker is told; everyone else's invitation is
    withdrawn, and those already asked are told it is taken."""
    if invitation_of(asked, member_id, now) is None:
        return Outcome.NOT_INVITED
    if question.status is not QuestionStatus.OPEN:
        if question.helper_id == member_id:
            return Outcome.HELPING_ALREADY
        return Outcome.TAKEN if question.helper_id is not None else Outcome.FINISHED
    effects: list[Effect] = [Take(member_id), Answer(member_id, InvitationStatus.ACCEPTED)]
    effects += [
        Withdraw(a.member_id, taken_by=member_id if a.due <= now else None)
        for a in asked
        if a.member_id != member_id and a.status is InvitationStatus.INVITED
    ]
    effects.append(TellConnected(question.asker_id, member_id))
    if question.in_channel:
        effects.append(IntroduceInChannel(question.asker_id, member_id))
    effects.append(Audit("question.accept"))
    return tuple(effects)


def answerable(
    question: QuestionState, asked: Sequence[Asked], member_id: int, now: datetime
) -> Outcome | None:
    """Why the member cannot answer their invitation any more (None: they can)."""
    if invitation_of(asked, member_id, now) is None:
        return Outcome.NOT_INVITED
    if question.status is not QuestionStatus.OPEN:
        # Taken or closed meanwhile (an accept may have won the race by a moment).
        return Outcome.TAKEN if question.status is QuestionStatus.CONNECTED else Outcome.FINISHED
    return None


def decline(
    question: QuestionState, asked: Sequence[Asked], member_id: int, now: datetime
) -> Effects | Outcome:
    """[Not me]: the next colleague is asked at once (nobody new once the question is
    taken or closed, and nobody twice for a second click)."""
    blocked = answerable(question, asked, member_id, now)
    if blocked is not None:
        return blocked
    invitation = invitation_of(asked, member_id, now)
    if invitation is None or invitation.status is not InvitationStatus.INVITED:
        return Outcome.ANSWERED_ALREADY
    return (Answer(member_id, InvitationStatus.DECLINED), next_colleague(asked, now))


def next_colleague(asked: Sequence[Asked], now: datetime) -> PullForward | AskNext:
    """Who is asked after a "Not me": the best-ranked colleague scheduled for later, or else
    the best one not asked yet."""
    waiting = [
        a
        for a in asked
        if a.status is InvitationStatus.INVITED
        and a.due > now
        and a.position < FACILITATOR_POSITION
    ]
    if waiting:
        return PullForward(min(waiting, key=lambda a: a.position).member_id)
    ranked = [a.position for a in asked if a.position < FACILITATOR_POSITION]
    return AskNext(tuple(a.member_id for a in asked), 1 + max(ranked, default=0))


def ask_next(suggestions: Sequence[Suggestion], position: int, now: datetime) -> Effects:
    """After ranking again for `AskNext`: ask the best colleague, if there is one."""
    if not suggestions:
        return ()
    best = suggestions[0]
    return (Invite(best.member_id, now, position, reason=best.reason, why=best.why),)


def refer(
    question: QuestionState,
    asked: Sequence[Asked],
    member_id: int,
    colleague: Colleague,
    now: datetime,
) -> Effects | Outcome:
    """`ask suggest ID @colleague` by the member who was asked: the colleague is asked now,
    and the suggestion is evidence that they know the topic. Someone already asked counts
    for nothing, and the member's own invitation stays open."""
    blocked = answerable(question, asked, member_id, now)
    if blocked is not None:
        return blocked
    if colleague.member_id in (member_id, question.asker_id):
        return Outcome.OURSELVES
    if colleague.opted_out:
        return Outcome.OPTED_OUT
    if colleague.away:
        return Outcome.AWAY
    existing = next((a for a in asked if a.member_id == colleague.member_id), None)
    scheduled = existing is not None and (
        existing.status is InvitationStatus.INVITED and existing.due > now
    )
    if existing is not None and not scheduled:
        return Outcome.ASKED_ALREADY
    ask: Effect = (
        PullForward(colleague.member_id)
        if scheduled
        else Invite(colleague.member_id, now, REFERRAL_POSITION, referred_by=member_id)
    )
    return (
        Answer(member_id, InvitationStatus.REFERRED),
        Evidence(colleague.member_id, EvidenceKind.REFERRAL),
        ask,
    )


def closable(question: QuestionState) -> Outcome | None:
    """Why the question cannot be closed or resolved any more (None: it can: open, taken, or
    a draft nobody was asked about yet)."""
    if question.status in OPEN_STATUSES or question.status is QuestionStatus.DRAFT:
        return None
    return Outcome.FINISHED


def close(question: QuestionState, asked: Sequence[Asked]) -> Effects | Outcome:
    """`ask close ID`: closed without an answer — unless someone has taken it (perhaps a
    moment ago, racing this close): the asker is being told who helps, so closing it
    quietly would contradict that."""
    blocked = closable(question)
    if blocked is not None:
        return blocked
    if question.helper_id is not None:
        return Outcome.HAS_HELPER
    return close_now(question, asked)


def close_now(question: QuestionState, asked: Sequence[Asked]) -> Effects | Outcome:
    """[Close, no answer needed]: closed, whoever is helping."""
    blocked = closable(question)
    return blocked if blocked is not None else _finish(asked, QuestionStatus.CLOSED)


def resolve(question: QuestionState, asked: Sequence[Asked], member_id: int) -> Effects | Outcome:
    """Resolved by the member: evidence that they know the topic (unless it is the asker,
    who found the answer themselves)."""
    blocked = closable(question)
    if blocked is not None:
        return blocked
    if member_id == question.asker_id:
        return _finish(asked, QuestionStatus.RESOLVED)
    return (
        *_finish(asked, QuestionStatus.RESOLVED, resolved_by=member_id),
        Evidence(member_id, EvidenceKind.ACCEPTED),
        Audit("question.resolve", {"resolved_by": member_id}),
    )


def answered_by_earlier(
    question: QuestionState, resolver_id: int, earlier_id: int
) -> Effects | Outcome:
    """[This answers it] under a similar resolved question: the draft is resolved by that
    question's resolver, whose answer counts as evidence again. Only a draft (nobody has been
    asked yet); a question already with colleagues is closed the usual way."""
    if question.status is not QuestionStatus.DRAFT:
        return Outcome.NOT_A_DRAFT if question.status in OPEN_STATUSES else Outcome.FINISHED
    audit = Audit("question.answered_by_earlier", {"earlier": earlier_id})
    if resolver_id == question.asker_id:
        return (Finish(QuestionStatus.RESOLVED), audit)
    return (
        Finish(QuestionStatus.RESOLVED, resolved_by=resolver_id),
        Evidence(resolver_id, EvidenceKind.ACCEPTED),
        audit,
    )


def _finish(
    asked: Sequence[Asked], status: QuestionStatus, resolved_by: int | None = None
) -> Effects:
    """The question ends; invitations nobody answered are withdrawn, unannounced."""
    pending = [Withdraw(a.member_id) for a in asked if a.status is InvitationStatus.INVITED]
    return (Finish(status, resolved_by), *pending)
