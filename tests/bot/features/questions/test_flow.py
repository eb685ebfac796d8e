"""A question's transitions, decided from plain values: no database, no clock, no copy."""

from datetime import UTC, datetime, timedelta

from guildbot.bot.features.questions import flow
from guildbot.bot.features.questions.effects import (
    Answer,
    AskNext,
    Audit,
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
from guildbot.bot.features.questions.flow import Asked, Colleague, Facilitator, QuestionState
from guildbot.bot.features.questions.working_hours import add_working_hours
from guildbot.matching.experts import EvidenceKind, Suggestion
from guildbot.storage.models import InvitationStatus, QuestionStatus

NOW = datetime(2026, 11, 2, 14, 0, tzinfo=UTC)  # Monday 09:00 in Toronto
LATER = NOW + timedelta(hours=4)
ZONE = "America/Toronto"
ASKER = 1
INVITED = InvitationStatus.INVITED


def question(
    status: QuestionStatus = QuestionStatus.OPEN,
    helper_id: int | None = None,
    in_channel: bool = False,
) -> QuestionState:
    return QuestionState(7, ASKER, status, helper_id, in_channel)


def asked(
    member_id: int, due: datetime = NOW, position: int = 0, status: InvitationStatus = INVITED
) -> Asked:
    return Asked(member_id, status, due, position)


def suggestion(member_id: int) -> Suggestion:
    return Suggestion(member_id, 1.0, f"why {member_id}")


# -- routing a new question ---------------------------------------------------------------------


def test_the_first_wave_is_asked_now_and_the_rest_after_four_working_hours() -> None:
    effects = flow.route(
        question(), (), [suggestion(m) for m in (11, 12, 13)], (), flow.RoutingSettings(), NOW, ZONE
    )
    escalate_at = add_working_hours(NOW, 4, ZONE)
    assert effects == (
        Invite(11, NOW, 0, reason="why 11"),
        Invite(12, NOW, 1, reason="why 12"),
        Invite(13, escalate_at, 2, reason="why 13"),
        Audit("question.ask", {"invited": 3}),
    )


def test_facilitators_are_asked_after_a_working_day_unless_asked_away_or_the_asker() -> None:
    facilitators = [
        Facilitator(11),  # asked already, as a colleague who knows
        Facilitator(ASKER),
        Facilitator(20, askable=False),  # opted out, or away
        Facilitator(21),
    ]
    effects = flow.route(
        question(), (), [suggestion(11)], facilitators, flow.RoutingSettings(), NOW, ZONE
    )
    invites = [e for e in effects if isinstance(e, Invite) and e.facilitator]
    day_later = add_working_hours(NOW, 8, ZONE)
    assert invites == [Invite(21, day_later, 103, facilitator=True, asked=(11,))]


def test_a_draft_opens_once() -> None:
    assert flow.open_draft(question(QuestionStatus.DRAFT)) == (Open(),)
    assert flow.open_draft(question()) is Outcome.NOT_A_DRAFT
    assert flow.open_draft(question(QuestionStatus.RESOLVED)) is Outcome.FINISHED


def test_a_draft_answered_by_an_earlier_question_is_resolved_by_its_resolver() -> None:
    assert flow.answered_by_earlier(question(QuestionStatus.DRAFT), 5, 3) == (
        Finish(QuestionStatus.RESOLVED, resolved_by=5),
        Evidence(5, EvidenceKind.ACCEPTED),
        Audit("question.answered_by_earlier", {"earlier": 3}),
    )
    # The asker's own earlier answer: resolved, and no evidence for themselves.
    assert flow.answered_by_earlier(question(QuestionStatus.DRAFT), ASKER, 3) == (
        Finish(QuestionStatus.RESOLVED),
        Audit("question.answered_by_earlier", {"earlier": 3}),
    )
    assert flow.answered_by_earlier(question(), 5, 3) is Outcome.NOT_A_DRAFT
    assert flow.answered_by_earlier(question(QuestionStatus.CLOSED), 5, 3) is Outcome.FINISHED
    assert flow.closable(question(QuestionStatus.DRAFT)) is None


# -- [I can help] -------------------------------------------------------------------------------


def test_accepting_connects_withdraws_the_others_and_tells_those_already_asked() -> None:
    invitations = (
        asked(11),
        asked(12),
        asked(13, LATER, 2),
        asked(14, status=InvitationStatus.DECLINED),
    )
    effects = flow.accept(question(in_channel=True), invitations, 11, NOW)
    assert effects == (
        Take(11),
        Answer(11, InvitationStatus.ACCEPTED),
        Withdraw(12, taken_by=11),  # was asked: told who helps
        Withdraw(13),  # not sent yet: never will be, and is told nothing
        TellConnected(ASKER, 11),
        IntroduceInChannel(ASKER, 11),
        Audit("question.accept"),
    )
    direct = flow.accept(question(), invitations, 11, NOW)
    assert isinstance(direct, tuple)
    assert not any(isinstance(e, IntroduceInChannel) for e in direct)


def test_only_someone_sent_an_invitation_can_accept() -> None:
    invitations = (asked(11), asked(13, LATER, 2))
    assert flow.accept(question(), invitations, 99, NOW) is Outcome.NOT_INVITED
    assert flow.accept(question(), invitations, 13, NOW) is Outcome.NOT_INVITED  # not sent yet


def test_accepting_a_taken_or_finished_question_changes_nothing() -> None:
    invitations = (asked(11), asked(12))
    taken = question(QuestionStatus.CONNECTED, helper_id=11)
    assert flow.accept(taken, invitations, 11, NOW) is Outcome.HELPING_ALREADY
    assert flow.accept(taken, invitations, 12, NOW) is Outcome.TAKEN
    assert flow.accept(question(QuestionStatus.CLOSED), invitations, 12, NOW) is Outcome.FINISHED


# -- [Not me] -----------------------------------------------------------------------------------


def test_not_me_brings_the_best_scheduled_colleague_forward_never_a_facilitator() -> None:
    invitations: tuple[Asked, ...] = (asked(11), asked(12, position=1), asked(14, LATER, 3))
    invitations += (asked(13, LATER, 2), asked(30, LATER, 100))
    assert flow.decline(question(), invitations, 11, NOW) == (
        Answer(11, InvitationStatus.DECLINED),
        PullForward(13),
    )


def test_not_me_with_nobody_scheduled_ranks_again_leaving_out_everyone_involved() -> None:
    invitations = (asked(11), asked(12, position=1), asked(30, LATER, 100))
    decided = flow.decline(question(), invitations, 11, NOW)
    assert decided == (Answer(11, InvitationStatus.DECLINED), AskNext((11, 12, 30), 2))
    assert flow.ask_next([suggestion(15)], 2, NOW) == (Invite(15, NOW, 2, reason="why 15"),)
    assert flow.ask_next([], 2, NOW) == ()


def test_not_me_twice_or_too_late_asks_nobody_new() -> None:
    declined = (asked(11, status=InvitationStatus.DECLINED), asked(12))
    assert flow.decline(question(), declined, 11, NOW) is Outcome.ANSWERED_ALREADY
    taken = question(QuestionStatus.CONNECTED, helper_id=12)
    assert flow.decline(taken, (asked(11), asked(12)), 11, NOW) is Outcome.TAKEN
    resolved = question(QuestionStatus.RESOLVED)
    assert flow.decline(resolved, (asked(11),), 11, NOW) is Outcome.FINISHED


# -- ask suggest ----------------------------------------------------------------------------------


def test_a_suggestion_asks_the_colleague_now_and_is_evidence() -> None:
    assert flow.refer(question(), (asked(11),), 11, Colleague(40), NOW) == (
        Answer(11, InvitationStatus.REFERRED),
        Evidence(40, EvidenceKind.REFERRAL),
        Invite(40, NOW, flow.REFERRAL_POSITION, referred_by=11),
    )
    scheduled = (asked(11), asked(40, LATER, 2))
    assert flow.refer(question(), scheduled, 11, Colleague(40), NOW) == (
        Answer(11, InvitationStatus.REFERRED),
        Evidence(40, EvidenceKind.REFERRAL),
        PullForward(40),
    )


def test_suggestions_that_ask_nobody() -> None:
    invitations = (asked(11), asked(12), asked(13, status=InvitationStatus.DECLINED))
    open_question = question()
    for colleague, outcome in (
        (Colleague(11), Outcome.OURSELVES),
        (Colleague(ASKER), Outcome.OURSELVES),
        (Colleague(40, opted_out=True), Outcome.OPTED_OUT),
        (Colleague(40, away=True), Outcome.AWAY),
        (Colleague(12), Outcome.ASKED_ALREADY),
        (Colleague(13), Outcome.ASKED_ALREADY),
    ):
        assert flow.refer(open_question, invitations, 11, colleague, NOW) is outcome, colleague
    assert flow.refer(open_question, invitations, 99, Colleague(40), NOW) is Outcome.NOT_INVITED
    taken = question(QuestionStatus.CONNECTED, helper_id=12)
    assert flow.refer(taken, invitations, 11, Colleague(40), NOW) is Outcome.TAKEN


# -- closing and resolving ------------------------------------------------------------------------


def test_closing_withdraws_what_is_pending_unannounced() -> None:
    invitations = (asked(11, status=InvitationStatus.DECLINED), asked(12), asked(13, LATER, 2))
    assert flow.close(question(), invitations) == (
        Finish(QuestionStatus.CLOSED),
        Withdraw(12),
        Withdraw(13),
    )


def test_closing_while_someone_helps_asks_whether_it_was_answered() -> None:
    taken = question(QuestionStatus.CONNECTED, helper_id=12)
    assert flow.close(taken, ()) is Outcome.HAS_HELPER
    assert flow.close_now(taken, ()) == (Finish(QuestionStatus.CLOSED),)
    for status in (QuestionStatus.CLOSED, QuestionStatus.RESOLVED):
        assert flow.close(question(status), ()) is Outcome.FINISHED
        assert flow.close_now(question(status), ()) is Outcome.FINISHED


def test_resolved_by_a_colleague_is_evidence_and_by_the_asker_is_not() -> None:
    assert flow.resolve(question(), (asked(12),), 12) == (
        Finish(QuestionStatus.RESOLVED, resolved_by=12),
        Withdraw(12),
        Evidence(12, EvidenceKind.ACCEPTED),
        Audit("question.resolve", {"resolved_by": 12}),
    )
    assert flow.resolve(question(), (), ASKER) == (Finish(QuestionStatus.RESOLVED),)
    assert flow.resolve(question(QuestionStatus.CLOSED), (), 12) is Outcome.FINISHED
