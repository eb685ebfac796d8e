"""Expert routing end to end through the fake adapter and the clock.

ask -> invite -> accept -> connect; decline -> next; escalation by the clock; resolve ->
evidence changes the next ranking; consent; channel modes; thanks; honest answers.
"""

import asyncio
import itertools
import random
import re
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from guildbot.adapters.common import deliver_replies
from guildbot.app.build import Guildbot, build
from guildbot.bot.clock import ManualClock
from guildbot.bot.config import Settings
from guildbot.bot.features.questions.buttons import (
    ACTION_ACCEPT,
    ACTION_CLOSE,
    ACTION_DECLINE,
    ACTION_REFER,
    ACTION_RESOLVED_BY,
)
from guildbot.bot.features.questions.flow import RoutingSettings
from guildbot.bot.features.questions.working_hours import add_working_hours
from guildbot.bot.scheduler.tick import Ticker
from guildbot.contract.inbound import ActionInvoked, CommandInvoked, InboundEvent, MessageReceived
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef
from guildbot.storage.models import (
    ExpertiseEvidence,
    Invitation,
    Member,
    OutboxMessage,
    PlatformIdentity,
    Question,
)
from tests.bot.features.questions.helpers import (
    PDF_QUESTION,
    experts,
    facilitated_community,
    to,
)
from tests.conftest import POSTGRES_URL
from tests.fakes import PLATFORM, WORKSPACE, Harness, RecordingAdapter, Sent, button


async def test_ask_invites_the_best_two_then_accept_connects_and_others_are_told(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker, clock: ManualClock
) -> None:
    await experts(harness)
    reply = await harness.text("amara", PDF_QUESTION)
    assert "I've asked 2 colleagues" in reply
    assert reply.index("Lea") < reply.index("Rahul") or "Rahul" not in reply
    assert "declared pdf accessibility" in reply

    sent = await harness.deliver(ticker)
    [invite] = to(sent, "lea")
    assert "Amara has a question" in invite.text and "Why you: declared" in invite.text
    assert [b.label for b in invite.buttons] == ["I can help", "Not me", "Suggest someone"]
    second = [u for u in ("rahul", "kim") if to(sent, u)]
    assert len(second) == 1
    assert to(sent, "omar") == []  # knows nothing about PDFs

    accepted = await harness.press("lea", button(invite, action=ACTION_ACCEPT))
    assert "I've told Amara" in accepted[0].text and "@amara" in accepted[0].text
    again = await harness.press("lea", button(invite, action=ACTION_ACCEPT))
    assert "already helping" in again[0].text

    sent = await harness.deliver(ticker)
    [connect] = to(sent, "amara")
    assert "Lea (@lea) can help" in connect.text
    assert [b.label for b in connect.buttons] == ["Resolved by Lea", "Close, no answer needed"]
    [taken] = to(sent, second[0])
    assert "Lea is helping" in taken.text

    # The escalation and the facilitators' rows are cancelled: no more pings, ever.
    clock.advance(timedelta(days=3))
    assert await harness.deliver(ticker) == []

    late = await harness.press(second[0], button(invite, action=ACTION_ACCEPT))
    assert "already taken" in late[0].text


async def test_not_me_asks_the_next_candidate_at_once(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker
) -> None:
    await experts(harness)
    await harness.text("amara", "ask Which WCAG criteria apply to accessibility of PDF forms?")
    first_wave = await harness.deliver(ticker)
    invited = {u for u in ("lea", "rahul", "kim", "omar") if to(first_wave, u)}
    assert len(invited) == 2
    declining = sorted(invited)[0]
    [invite] = to(first_wave, declining)
    answer = await harness.press(declining, button(invite, action=ACTION_DECLINE))
    assert "I'll ask someone else" in answer[0].text
    next_wave = await harness.deliver(ticker)
    newly = {u for u in ("lea", "rahul", "kim", "omar") if to(next_wave, u)}
    assert len(newly) == 1 and not newly & invited


async def test_no_taker_escalates_after_four_working_hours_then_to_facilitators(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker, clock: ManualClock
) -> None:
    await experts(harness)
    await facilitated_community(harness, "sam")
    await harness.text("amara", PDF_QUESTION)
    assert len(await harness.deliver(ticker)) == 2

    # Monday 09:00 in Toronto; four working hours later it is 13:00 there.
    due = add_working_hours(clock.now(), 4, "America/Toronto")
    assert due == datetime(2026, 11, 2, 18, 0, tzinfo=UTC)
    clock.advance(due - clock.now() - timedelta(minutes=1))
    assert await harness.deliver(ticker) == []
    clock.advance(timedelta(minutes=1))
    escalated = await harness.deliver(ticker)
    # Only three colleagues know about this: the third is the escalation wave.
    assert len(escalated) == 1 and all("Why you" in m.text for m in escalated)

    clock.advance(timedelta(hours=4))  # 17:00 in Toronto: one working day
    facilitators = await harness.deliver(ticker)
    [to_sam] = to(facilitators, "sam")
    assert "for a working day" in to_sam.text and "Asked so far: Lea" in to_sam.text
    [to_fay] = to(facilitators, "fay")  # the community's admin is asked too
    assert "for a working day" in to_fay.text
    accepted = await harness.press("sam", button(to_sam, action=ACTION_ACCEPT))
    assert "I've told Amara" in accepted[0].text


async def test_resolved_questions_are_evidence_that_changes_the_next_ranking(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker, clock: ManualClock
) -> None:
    await harness.text("omar", "expertise add kubernetes")
    await harness.text("kim", "expertise add kubernetes")
    await harness.text("amara", "profile")
    who = await harness.text("amara", "expertise who kubernetes")
    assert who.index("Omar") < who.index("Kim")  # equal evidence: ties by member id

    await harness.text("amara", "ask How do I schedule a Kubernetes cron job every night?")
    await harness.deliver(ticker)
    [question_id] = await question_ids(harness)
    closing = await harness.text("amara", f"ask close {question_id} @kim")
    assert "resolved by Kim" in closing

    clock.advance(timedelta(days=1))
    who = await harness.text("amara", "expertise who kubernetes cron job")
    assert who.index("Kim") < who.index("Omar")
    assert "resolved 1 question on kubernetes" in who
    # Like the resolved one: offered first (nobody asked yet); "Still ask" routes it.
    [offer] = await harness.say("bob", "ask Our Kubernetes cron job fails at night, why?")
    assert "resolved by Kim" in offer.text and "Nobody has been asked yet" in offer.text
    [still] = [b for b in offer.buttons if b.label == "Still ask"]
    [routed] = await harness.press("bob", still)
    assert routed.text.index("Kim") < routed.text.index("Omar")


async def test_resolve_by_button_records_evidence_for_the_helper(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker
) -> None:
    await experts(harness)
    await harness.text("amara", PDF_QUESTION)
    [invite] = to(await harness.deliver(ticker), "lea")
    await harness.press("lea", button(invite, action=ACTION_ACCEPT))
    [connect] = to(await harness.deliver(ticker), "amara")
    done = await harness.press("amara", button(connect, action=ACTION_RESOLVED_BY))
    assert "resolved by Lea" in done[0].text
    assert await evidence_kinds(harness, "lea") == ["accepted"]
    assert (
        "already resolved"
        in (await harness.press("amara", button(connect, action=ACTION_RESOLVED_BY)))[0].text
    )


async def test_suggest_someone_invites_them_and_counts_as_a_referral(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker
) -> None:
    await experts(harness)
    await harness.text("nadia", "profile")
    await harness.text("amara", PDF_QUESTION)
    [invite] = to(await harness.deliver(ticker), "lea")
    prompt = await harness.press("lea", button(invite, action=ACTION_REFER))
    [question_id] = await question_ids(harness)
    assert f"ask suggest {question_id} @name" in prompt[0].text
    reply = await harness.text("lea", f"ask suggest {question_id} @nadia")
    assert "I've asked Nadia" in reply
    [to_nadia] = to(await harness.deliver(ticker), "nadia")
    assert "Lea suggested you" in to_nadia.text
    assert await evidence_kinds(harness, "nadia") == ["referral"]


async def test_consent_optout_and_the_organisation_default(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker
) -> None:
    await harness.text("lea", "expertise add pdf accessibility")
    assert "won't suggest you" in await harness.text("lea", "expertise optout")
    await harness.text("amara", "profile")
    reply = await harness.text("amara", PDF_QUESTION)
    assert "don't know anyone" in reply
    assert await harness.deliver(ticker) == []
    assert "Nobody who agreed" in await harness.text("amara", "expertise who pdf accessibility")

    assert "may now come to you" in await harness.text("lea", "expertise optin")
    assert "Lea" in await harness.text("amara", "expertise who pdf accessibility")

    # Evidence without a declaration: only once the organisation's default is "in".
    async with harness.app.database.transaction() as session:
        session.add(
            ExpertiseEvidence(
                member_id=await harness.member_id("amara"),
                kind="accepted",
                text="Tagging a scanned PDF for screen readers",
                tags=["pdf accessibility"],
                at=datetime(2026, 10, 1, tzinfo=UTC),
            )
        )
    assert "Amara" not in await harness.text("bob", "expertise who scanned pdf screen readers")
    assert "Only organisation admins" in await harness.text("bob", "expertise default in")
    await make_admin(harness, "bob")
    assert "unless they" in await harness.text("bob", "expertise default in")
    assert "Amara" in await harness.text("bob", "expertise who scanned pdf screen readers")


async def test_weekly_cap_spreads_questions_to_others(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker
) -> None:
    await experts(harness)
    for n in range(3):
        await harness.text(f"asker{n}", PDF_QUESTION)
    assert "Lea" not in await harness.text("asker3", PDF_QUESTION)  # 3 open requests this week


async def test_away_members_are_not_asked(harness: Harness) -> None:
    await experts(harness)
    async with harness.app.database.transaction() as session:
        lea = await session.get(Member, await harness.member_id("lea"))
        assert lea is not None
        lea.away_until = datetime(2026, 12, 1, tzinfo=UTC)
    assert "Lea" not in await harness.text("amara", PDF_QUESTION)


async def test_empty_and_one_word_questions_ask_for_detail(harness: Harness) -> None:
    await experts(harness)
    for text in ("ask kubernetes", "ask kubernetes?", "ask   "):
        reply = await harness.text("amara", text)
        assert "say a bit more" in reply or "Your open questions" in reply or "no open" in reply
    assert "say a bit more" in await harness.text("amara", "ask kubernetes?")
    assert await question_ids(harness) == []


async def test_no_qualified_candidate_is_said_honestly_and_offers_the_community_channel(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker
) -> None:
    await experts(harness)
    await harness.text("amara", "community create Plain Language")
    channel = ConversationRef(PLATFORM, WORKSPACE, "C-plain", None, ConversationKind.CHANNEL)
    await harness.text("amara", "community link plain language", where=channel)
    [reply] = await harness.say("amara", "ask Who reviews procurement contracts for forestry?")
    assert "honestly I don't know anyone" in reply.text
    posted = await harness.press("amara", reply.buttons[0])
    assert "Posted" in posted[0].text
    [post] = await harness.deliver(ticker)
    assert post.to.channel_id == "C-plain" and "procurement contracts" in post.text


async def test_mine_lists_open_questions_and_invitations_with_buttons(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker
) -> None:
    await experts(harness)
    await harness.text("amara", PDF_QUESTION)
    await harness.deliver(ticker)
    mine = await harness.text("amara", "ask mine")
    assert "Your open questions" in mine and "no taker yet" in mine
    [listing] = await harness.say("lea", "ask mine")
    assert "asked to help with" in listing.text
    accepted = await harness.press("lea", button(listing, action=ACTION_ACCEPT))
    assert "I've told Amara" in accepted[0].text
    [question_id] = await question_ids(harness)
    closing = await harness.say("amara", f"ask close {question_id}")
    assert "Was question" in closing[0].text
    closed = await harness.press("amara", closing[0].buttons[1])
    assert "Closed question" in closed[0].text
    assert "no open questions" in await harness.text("amara", "ask mine")


async def test_mistyped_forms_get_their_usage_and_store_nothing(harness: Harness) -> None:
    await experts(harness)
    for typed, says in (
        ("ask clsoe 1", "Did you mean `ask close 1`? Nothing was saved."),
        ("ask colse 12 @lea", "Did you mean `ask close 12 @lea`?"),
        ("ask sugest 3 @lea", "Did you mean `ask suggest 3 @lea`?"),
        ("ask mdoe auto", "Did you mean `ask mode auto`?"),
        ("ask close abc", "`ask close` takes the question's number"),
        ("ask suggest abc @lea", "`ask suggest` takes the question's number and a colleague"),
        ("ask mode loud", "`ask mode` takes off, suggest or auto."),
    ):
        reply = await harness.text("amara", typed)
        assert says in reply, (typed, reply)
        assert "I've asked" not in reply
    assert await question_ids(harness) == []
    # Real questions that start like a form, or a mistyped one, are still questions.
    assert "I've asked" in await harness.text(
        "amara", "ask Close reading of PDF accessibility reports: how do I start?"
    )


async def test_forms_that_do_not_fit_are_still_questions(harness: Harness) -> None:
    await experts(harness)
    reply = await harness.text("amara", "ask close the accessibility gap in our PDF forms?")
    assert "I've asked" in reply
    assert "You have no question #99" in await harness.text("amara", "ask close 99")


async def test_auto_channel_routes_questions_and_suggest_offers_a_button(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker
) -> None:
    await experts(harness)
    await harness.text("fay", "community create Accessibility CoP")
    channel = ConversationRef(PLATFORM, WORKSPACE, "C-a11y", None, ConversationKind.CHANNEL)
    await harness.text("fay", "community link accessibility cop", where=channel)
    refused = await harness.text("amara", "ask mode auto", where=channel)
    assert "Only this channel's community facilitators" in refused
    assert "*auto*" in await harness.text("fay", "ask mode auto", where=channel)

    async def message(user: str, text: str) -> list[Sent]:
        before = len(adapter.sent)
        await harness.handle(
            MessageReceived(f"m-{text[:8]}-{user}", harness.ref(user), channel, text)
        )
        return adapter.sent[before:]

    assert await message("amara", "Good morning everyone!") == []
    [routed] = await message("amara", "How do I check the accessibility of a PDF form?")
    assert "I've asked 2 colleagues" in routed.text and routed.ephemeral_to == harness.ref("amara")
    assert len(await harness.deliver(ticker)) == 2

    await harness.text("fay", "ask mode suggest", where=channel)
    [offer] = await message("bob", "Does anyone know how to tag tables in a PDF for accessibility?")
    assert offer.buttons[0].label == "Find an expert"
    found = await harness.press("bob", offer.buttons[0], where=channel)
    assert "I've asked" in found[0].text


async def test_thanks_with_a_mention_is_evidence(
    harness: Harness, adapter: RecordingAdapter
) -> None:
    await experts(harness)
    channel = ConversationRef(PLATFORM, WORKSPACE, "C-any", None, ConversationKind.CHANNEL)
    await harness.handle(
        MessageReceived("m1", harness.ref("amara"), channel, "thanks @rahul, the WCAG tip worked!")
    )
    assert adapter.sent == [] or all("thanks" not in m.text for m in adapter.sent[-1:])
    assert await evidence_kinds(harness, "rahul") == ["thanks"]


async def test_thanking_a_crowd_is_no_evidence_for_anyone(harness: Harness) -> None:
    await experts(harness)
    channel = ConversationRef(PLATFORM, WORKSPACE, "C-any", None, ConversationKind.CHANNEL)
    crowd = " ".join(f"@{name}" for name in ("rahul", "lea", "omar", "kim", "fay", "x1", "x2"))
    await harness.handle(
        MessageReceived("m2", harness.ref("amara"), channel, f"thanks all {crowd} for the launch!")
    )
    assert await evidence_kinds(harness, "rahul") == []
    await harness.handle(
        MessageReceived("m3", harness.ref("amara"), channel, "thanks @rahul and @lea!")
    )
    assert await evidence_kinds(harness, "rahul") == ["thanks"]


def test_working_hours_skip_nights_and_weekends() -> None:
    friday_4pm = datetime(2026, 11, 6, 21, 0, tzinfo=UTC)  # 16:00 in Toronto
    assert add_working_hours(friday_4pm, 4, "America/Toronto") == datetime(
        2026, 11, 9, 17, 0, tzinfo=UTC
    )  # Monday 12:00 in Toronto
    saturday = datetime(2026, 11, 7, 15, 0, tzinfo=UTC)
    assert add_working_hours(saturday, 8, "Europe/Paris") == datetime(
        2026, 11, 9, 16, 0, tzinfo=UTC
    )
    assert add_working_hours(saturday, 1, "Not/AZone") == datetime(2026, 11, 9, 10, 0, tzinfo=UTC)


async def question_ids(harness: Harness) -> list[int]:
    async with harness.app.database.transaction() as session:
        return list((await session.scalars(select(Question.id).order_by(Question.id))).all())


async def evidence_kinds(harness: Harness, user: str) -> list[str]:
    member = await harness.member_id(user)
    async with harness.app.database.transaction() as session:
        return list(
            (
                await session.scalars(
                    select(ExpertiseEvidence.kind).where(ExpertiseEvidence.member_id == member)
                )
            ).all()
        )


async def make_admin(harness: Harness, user: str) -> None:
    async with harness.app.database.transaction() as session:
        member = await session.get(Member, await harness.member_id(user))
        assert member is not None
        member.is_admin = True


async def pending_rows(harness: Harness) -> int:
    async with harness.app.database.transaction() as session:
        return int(
            await session.scalar(
                select(func.count(OutboxMessage.id)).where(OutboxMessage.status == "pending")
            )
            or 0
        )


async def test_a_question_addressed_to_the_bot_is_an_ask(harness: Harness) -> None:
    await experts(harness)
    reply = await harness.text("amara", "@Guildbot how do I check the accessibility of a PDF form?")
    assert "I've asked 2 colleagues" in reply
    unknown = await harness.text("amara", "frobnicate the widgets")
    assert "I don't know the command" in unknown


async def test_suggesting_someone_already_asked_is_no_referral(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker
) -> None:
    await experts(harness)
    await harness.text("nadia", "profile")
    await harness.text("amara", PDF_QUESTION)
    sent = await harness.deliver(ticker)
    [question_id] = await question_ids(harness)
    other = next(u for u in ("rahul", "kim") if to(sent, u))
    reply = await harness.text("lea", f"ask suggest {question_id} @{other}")
    assert "already asked" in reply
    assert await evidence_kinds(harness, other) == []
    # Lea's own invitation is still hers to answer.
    assert "asked to help with" in await harness.text("lea", "ask mine")

    assert "I've asked Nadia" in await harness.text("lea", f"ask suggest {question_id} @nadia")
    for _ in range(3):  # suggesting her again does not count again
        assert "already asked" in await harness.text("lea", f"ask suggest {question_id} @nadia")
    assert await evidence_kinds(harness, "nadia") == ["referral"]


async def test_facilitators_who_opted_out_or_are_away_are_not_sent_the_escalation(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker, clock: ManualClock
) -> None:
    await experts(harness)
    await harness.text("fay", "community create Accessibility CoP")
    for facilitator in ("sam", "tess", "uma"):
        await harness.text(facilitator, "community join accessibility cop")
        await harness.text("fay", f"role grant @{facilitator} facilitator accessibility-cop")
    assert "won't suggest you" in await harness.text("sam", "expertise optout")
    async with harness.app.database.transaction() as session:
        uma = await session.get(Member, await harness.member_id("uma"))
        assert uma is not None
        uma.away_until = datetime(2026, 12, 1, tzinfo=UTC)
    await harness.text("amara", "community join accessibility cop")
    await harness.text("amara", PDF_QUESTION)
    await harness.deliver(ticker)

    clock.advance(add_working_hours(clock.now(), 8, "America/Toronto") - clock.now())
    sent = await harness.deliver(ticker) + await harness.deliver(ticker)
    assert "for a working day" in to(sent, "tess")[0].text
    assert to(sent, "sam") == [] and to(sent, "uma") == []


async def test_escalations_count_towards_the_weekly_cap(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker, clock: ManualClock
) -> None:
    await experts(harness)  # three colleagues know about PDFs: two asked now, one later
    for n in range(6):
        await harness.text(f"asker{n}", PDF_QUESTION)
    sent = await harness.deliver(ticker)
    clock.advance(add_working_hours(clock.now(), 4, "America/Toronto") - clock.now())
    for _ in range(10):  # one message per conversation and tick
        sent += await harness.deliver(ticker)
    for user in ("lea", "rahul", "kim"):
        assert len(to(sent, user)) <= 3, user


async def test_nobody_is_told_a_question_is_taken_before_being_asked_it(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker
) -> None:
    await experts(harness)
    await harness.text("amara", PDF_QUESTION)
    first_wave = await harness.deliver(ticker)
    decliner, helper = (u for u in ("lea", "rahul", "kim") if to(first_wave, u))
    [third] = {"lea", "rahul", "kim"} - {decliner, helper}
    # "Not me" asks the third at once; the helper accepts before that invitation goes out.
    await harness.press(decliner, button(to(first_wave, decliner)[0], action=ACTION_DECLINE))
    await harness.press(helper, button(to(first_wave, helper)[0], action=ACTION_ACCEPT))
    sent = await harness.deliver(ticker) + await harness.deliver(ticker)
    assert to(sent, "amara") and to(sent, third) == []


async def test_suggesting_someone_away_does_not_ask_them(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker
) -> None:
    await experts(harness)
    await harness.text("nadia", "profile")
    async with harness.app.database.transaction() as session:
        nadia = await session.get(Member, await harness.member_id("nadia"))
        assert nadia is not None
        nadia.away_until = datetime(2026, 12, 1, tzinfo=UTC)
    await harness.text("amara", PDF_QUESTION)
    await harness.deliver(ticker)
    [question_id] = await question_ids(harness)
    reply = await harness.text("lea", f"ask suggest {question_id} @nadia")
    assert "away" in reply
    assert to(await harness.deliver(ticker), "nadia") == []
    assert await evidence_kinds(harness, "nadia") == []


# -- two processes racing on one question ------------------------------------------------------

# PostgreSQL is where several processes share the work, so the races get many rounds there;
# SQLite (one process in production) gets a shorter run of the same races through separate
# connections to one file.
RACE_ROUNDS = 25 if POSTGRES_URL else 3


class Instance:
    """One Guildbot process: its own engine and connections, its own adapter."""

    def __init__(self, app: Guildbot, adapter: RecordingAdapter, name: str) -> None:
        self.app = app
        self.adapter = adapter
        self.dispatch = app.dispatcher(adapter)
        self.name = name
        self._events = itertools.count(1)

    async def _reply(self, event: InboundEvent) -> str:
        before = len(self.adapter.sent)
        await deliver_replies(await self.dispatch(event), self.adapter.send)
        [reply] = self.adapter.sent[before:]
        return reply.text

    async def press(self, user: str, action: str, value: str) -> str:
        ref = MemberRef(PLATFORM, WORKSPACE, user)
        event_id = f"{self.name}-{next(self._events)}"
        direct = ConversationRef(PLATFORM, WORKSPACE, "D-bot", None, ConversationKind.DIRECT)
        return await self._reply(ActionInvoked(event_id, ref, direct, action, value))

    async def say(self, user: str, text: str) -> str:
        ref = MemberRef(PLATFORM, WORKSPACE, user)
        event_id = f"{self.name}-{next(self._events)}"
        direct = ConversationRef(PLATFORM, WORKSPACE, "D-bot", None, ConversationKind.DIRECT)
        return await self._reply(CommandInvoked(event_id, ref, direct, text))


async def race(rng: random.Random, *operations: Awaitable[str]) -> list[str]:
    """Run `operations` at once, each after a few random turns of the event loop, so that
    their statements interleave differently from round to round."""

    async def after_a_while(operation: Awaitable[str]) -> str:
        for _ in range(rng.randrange(8)):
            await asyncio.sleep(0)
        return await operation

    return list(await asyncio.gather(*(after_a_while(o) for o in operations)))


@dataclass
class QuestionState:
    status: str
    helper_id: int | None
    invitations: dict[int, str]  # member id -> invitation status
    to_be_sent: list[int]  # members whose invitation is still waiting in the outbox
    connect_notices: int  # "Good news: … can help" to the asker


async def state_of(app: Guildbot, question_id: int) -> QuestionState:
    async with app.database.transaction() as session:
        question = await session.get(Question, question_id)
        assert question is not None
        invitations = (
            await session.execute(
                select(Invitation.member_id, Invitation.status).where(
                    Invitation.question_id == question_id
                )
            )
        ).all()
        pending = (
            await session.scalars(
                select(OutboxMessage.dedupe_key).where(
                    OutboxMessage.dedupe_key.like(f"question:{question_id}:invite:%"),
                    OutboxMessage.status == "pending",
                )
            )
        ).all()
        connect_notices = await session.scalar(
            select(func.count(OutboxMessage.id)).where(
                OutboxMessage.dedupe_key.like(f"question:{question_id}:connect:%")
            )
        )
        return QuestionState(
            question.status,
            question.helper_id,
            {member: status for member, status in invitations},
            sorted(int(key.rsplit(":", 1)[1]) for key in pending),
            int(connect_notices or 0),
        )


async def asked_now(app: Guildbot, question_id: int) -> list[str]:
    """Who was asked about the question straight away (the first wave), best first."""
    async with app.database.transaction() as session:
        return list(
            (
                await session.scalars(
                    select(PlatformIdentity.user_id)
                    .join(Invitation, Invitation.member_id == PlatformIdentity.member_id)
                    .where(Invitation.question_id == question_id, Invitation.position < 100)
                    .order_by(Invitation.position)
                )
            ).all()
        )


@pytest.fixture
async def instances(
    harness: Harness, database_url: str, clock: ManualClock
) -> AsyncIterator[tuple[Instance, Instance]]:
    """Two processes on the test database. Three colleagues know accessibility; questions go
    to two at once and to nobody later, so a "Not me" has to find (and insert) the third."""
    await experts(harness)
    await harness.text("nadia", "profile")
    second = await build(Settings(database_url=database_url), clock=clock)
    try:
        pair = (
            Instance(harness.app, harness.adapter, "a"),
            Instance(second, RecordingAdapter(clock), "b"),
        )
        for instance in pair:
            assert instance.app.questions is not None
            instance.app.questions.settings = RoutingSettings(escalation_wave=0)
        yield pair
    finally:
        await second.close()


async def ask(instance: Instance) -> int:
    """Amara asks; the invitations are sent (as a tick would) so they can be answered."""
    reply = await instance.say("amara", PDF_QUESTION)
    match = re.match(r"Question #(\d+):", reply)
    assert match, reply
    question_id = int(match.group(1))
    async with instance.app.database.transaction() as session:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.dedupe_key.like(f"question:{question_id}:invite:%"))
            .values(status="sent")
        )
    return question_id


async def test_not_me_or_a_suggestion_racing_an_accept_invites_nobody_to_a_taken_question(
    instances: tuple[Instance, Instance],
) -> None:
    a, b = instances
    rng = random.Random(1)
    failures: list[str] = []
    for round_number in range(RACE_ROUNDS):
        for form in ("decline", "suggest"):
            question_id = await ask(a)
            helper, other = await asked_now(a.app, question_id)
            other_says = (
                b.press(other, ACTION_DECLINE, str(question_id))
                if form == "decline"
                else b.say(other, f"ask suggest {question_id} @nadia")
            )
            accepted, answered = await race(
                rng, a.press(helper, ACTION_ACCEPT, str(question_id)), other_says
            )
            state = await state_of(a.app, question_id)
            # Once taken, nobody is left to be asked, nor about to be sent an invitation.
            if (
                "I've told Amara" not in accepted
                or "went wrong" in answered
                or state.status != "connected"
                or "invited" in state.invitations.values()
                or state.to_be_sent != []
            ):
                failures.append(f"round {round_number}, {form}: {answered!r} {state}")
            assert "Closed" in await a.press("amara", ACTION_CLOSE, str(question_id))
    print(*failures, sep="\n")  # shown when the test fails
    assert failures == [], f"{len(failures)} of {2 * RACE_ROUNDS} races"


async def test_not_me_twice_at_once_asks_one_next_colleague_without_an_error(
    instances: tuple[Instance, Instance],
) -> None:
    a, b = instances
    rng = random.Random(2)
    failures: list[str] = []
    for round_number in range(RACE_ROUNDS):
        for form in ("double click", "both asked"):
            question_id = await ask(a)
            first, second = await asked_now(a.app, question_id)
            if form == "double click":
                first = second
            replies = await race(
                rng,
                a.press(first, ACTION_DECLINE, str(question_id)),
                b.press(second, ACTION_DECLINE, str(question_id)),
            )
            state = await state_of(a.app, question_id)
            # One colleague is left who knows the topic: asked once, whoever clicked.
            declined = 1 if form == "double click" else 2
            expected = sorted(["declined"] * declined + ["invited"] * (3 - declined))
            asking = sum("I'll ask someone else" in reply for reply in replies)
            if (
                any("went wrong" in reply for reply in replies)
                or asking != declined
                or sorted(state.invitations.values()) != expected
            ):
                failures.append(f"round {round_number}, {form}: {replies} {state}")
            assert "Closed" in await a.say("amara", f"ask close {question_id}")
    print(*failures, sep="\n")  # shown when the test fails
    assert failures == [], f"{len(failures)} of {2 * RACE_ROUNDS} races"


async def test_a_close_racing_an_accept_never_undoes_the_connection(
    instances: tuple[Instance, Instance],
) -> None:
    a, b = instances
    rng = random.Random(3)
    outcomes: set[str] = set()
    failures: list[str] = []
    for round_number in range(RACE_ROUNDS):
        question_id = await ask(a)
        helper, _ = await asked_now(a.app, question_id)
        closed, accepted = await race(
            rng,
            a.say("amara", f"ask close {question_id}"),
            b.press(helper, ACTION_ACCEPT, str(question_id)),
        )
        state = await state_of(a.app, question_id)
        if "I've told Amara" in accepted:
            # The asker is being told who helps: the question stays connected, and the close
            # asks whether it was answered instead of quietly closing it.
            outcomes.add("connected")
            ok = state.status == "connected" and state.connect_notices == 1
            ok = ok and "Was question" in closed
        else:
            outcomes.add("closed")
            ok = "already closed" in accepted and "Closed question" in closed
            ok = ok and state.status == "closed" and state.connect_notices == 0
            ok = ok and state.helper_id is None
        if not ok:
            failures.append(f"round {round_number}: {closed!r} / {accepted!r} {state}")
        if state.status == "connected":
            assert "Closed" in await a.press("amara", ACTION_CLOSE, str(question_id))
    print(*failures, sep="\n")  # shown when the test fails
    assert failures == [], f"{len(failures)} of {RACE_ROUNDS} races (outcomes: {outcomes})"


async def test_a_question_asked_privately_escalates_to_the_community_it_is_about(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker, clock: ManualClock
) -> None:
    await experts(harness)
    await facilitated_community(harness, "sam")  # Fay's Accessibility CoP; Amara is in it
    await harness.text("kim", "community create Data Science")
    await harness.text("dora", "community join data science")
    await harness.text("kim", "role grant @dora facilitator data-science")
    await harness.text("amara", "community join data science")
    for member in ("lea", "rahul"):
        await harness.text(member, "community join accessibility cop")
    await harness.text("amara", PDF_QUESTION)  # by DM: about accessibility, not data
    await harness.deliver(ticker)
    clock.advance(add_working_hours(clock.now(), 8, "America/Toronto") - clock.now())
    sent = await harness.deliver(ticker) + await harness.deliver(ticker)
    told = {m.to.channel_id.removeprefix("G") for m in sent if "for a working day" in m.text}
    assert told == {"sam", "fay"}  # Accessibility's facilitator and admin
    assert to(sent, "dora") == [] and not [m for m in to(sent, "kim") if "working day" in m.text]
