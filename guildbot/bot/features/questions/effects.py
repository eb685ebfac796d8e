"""What the flow decides: the `Effect`s of a transition, applied in order by `executor.py`,
or the `Outcome` that says why nothing changes.

Effects are plain values naming members by id; the executor turns them into rows, outbox
messages and copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from guildbot.matching.experts import EvidenceKind, ReasonPart
from guildbot.storage.models import InvitationStatus, QuestionStatus


@dataclass(frozen=True, slots=True)
class Open:
    """A draft goes to colleagues."""


@dataclass(frozen=True, slots=True)
class Invite:
    """Ask the member at `due` (now, or when the question escalates). Why them: the ranker's
    `reason` (in English, as stored; `why`, its parts, for the invitation's words); or they
    are a facilitator (told who was `asked` so far); or `referred_by` a colleague."""

    member_id: int
    due: datetime
    position: int
    reason: str = ""
    why: tuple[ReasonPart, ...] = ()
    facilitator: bool = False
    asked: tuple[int, ...] = ()
    referred_by: int | None = None


@dataclass(frozen=True, slots=True)
class PullForward:
    """Ask the member now rather than later."""

    member_id: int


@dataclass(frozen=True, slots=True)
class Withdraw:
    """The member's invitation is no longer needed; if it was sent already, tell them who
    is helping (`taken_by`, when someone is)."""

    member_id: int
    taken_by: int | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    """The member answered their invitation."""

    member_id: int
    status: InvitationStatus


@dataclass(frozen=True, slots=True)
class Take:
    """The member helps with the question — only if it is still open (a guard: the effects
    after it are applied only when it holds)."""

    helper_id: int


@dataclass(frozen=True, slots=True)
class Finish:
    """The question ends (resolved by someone, or closed)."""

    status: QuestionStatus
    resolved_by: int | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """The question is evidence that the member knows its topic."""

    member_id: int
    kind: EvidenceKind


@dataclass(frozen=True, slots=True)
class TellConnected:
    """Tell the asker who can help."""

    asker_id: int
    helper_id: int


@dataclass(frozen=True, slots=True)
class IntroduceInChannel:
    """Introduce asker and helper where the question was asked."""

    asker_id: int
    helper_id: int


@dataclass(frozen=True, slots=True)
class AskNext:
    """Rank colleagues again, leaving out those in `exclude`, and ask the best one now at
    `position` (see `ask_next`)."""

    exclude: tuple[int, ...]
    position: int


@dataclass(frozen=True, slots=True)
class Audit:
    """Record the acting member's `action` on the question."""

    action: str
    details: Mapping[str, int] = field(default_factory=dict)


Effect = (
    Open
    | Invite
    | PullForward
    | Withdraw
    | Answer
    | Take
    | Finish
    | Evidence
    | TellConnected
    | IntroduceInChannel
    | AskNext
    | Audit
)
Effects = tuple[Effect, ...]


class Outcome(StrEnum):
    """Why a transition changes nothing."""

    NOT_INVITED = "not invited"  # the member was not sent an invitation to the question
    HELPING_ALREADY = "helping already"  # the member took it
    TAKEN = "taken"  # a colleague is helping
    FINISHED = "finished"  # resolved or closed (the question's status says which)
    ANSWERED_ALREADY = "answered already"  # a second "Not me"
    NOT_A_DRAFT = "not a draft"  # with colleagues already
    OURSELVES = "ourselves"  # suggesting oneself, or the asker
    OPTED_OUT = "opted out"  # the colleague suggested asked not to be sent questions
    AWAY = "away"  # the colleague suggested is away
    ASKED_ALREADY = "asked already"  # the colleague suggested was asked already
    HAS_HELPER = "has helper"  # closing while someone helps: ask whether it was answered
