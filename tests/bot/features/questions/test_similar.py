"""Answered questions answer the next asker, end to end: a question like one resolved before
is offered that one first (nobody asked yet); [#N answers it] resolves it by the earlier
resolver, [Still ask] routes it; anything else changes nothing."""

from __future__ import annotations

from sqlalchemy import select

from guildbot.bot.features.questions.buttons import ACTION_ANSWERED_BY_EARLIER
from guildbot.contract.outbound import Button
from guildbot.contract.refs import ConversationKind, ConversationRef
from guildbot.contract.richtext import ChannelLink
from guildbot.storage.models import ExpertiseEvidence, Invitation, Question
from tests.bot.features.questions.helpers import PDF_QUESTION, experts
from tests.fakes import PLATFORM, WORKSPACE, Harness, Sent

SAME_AGAIN = "ask How can I check a scanned PDF for screen reader accessibility?"
UNRELATED = "ask How do I roll back a failed Helm release on Kubernetes?"


async def resolved_pdf_question(harness: Harness) -> int:
    """Amara's PDF question, resolved by Lea: question #1."""
    await harness.text("amara", PDF_QUESTION)
    assert "resolved by Lea" in await harness.text("amara", "ask close 1 @lea")
    return 1


async def question(harness: Harness, question_id: int) -> Question:
    async with harness.app.database.transaction() as session:
        found = await session.get(Question, question_id)
        assert found is not None
        return found


async def invitations(harness: Harness, question_id: int) -> int:
    async with harness.app.database.transaction() as session:
        rows = await session.scalars(
            select(Invitation).where(Invitation.question_id == question_id)
        )
        return len(rows.all())


def labelled(sent: Sent, label: str) -> Button:
    [found] = [b for b in sent.buttons if b.label == label]
    return found


async def test_a_question_answered_before_is_offered_and_this_answers_it_resolves_it(
    harness: Harness,
) -> None:
    await experts(harness)
    earlier = await resolved_pdf_question(harness)
    [offer] = await harness.say("bob", SAME_AGAIN)
    assert "Before I ask anyone: this resolved question looks like yours." in offer.text
    assert f"#{earlier} “How do I check the accessibility of a scanned PDF" in offer.text
    assert "resolved by Lea" in offer.text
    assert "Nobody has been asked yet" in offer.text
    assert [b.label for b in offer.buttons] == [f"#{earlier} answers it", "Still ask"]
    assert (await question(harness, 2)).status == "draft"
    assert await invitations(harness, 2) == 0

    [done] = await harness.press("bob", labelled(offer, f"#{earlier} answers it"))
    assert "Marked question #2 as answered by #1, resolved by Lea" in done.text
    resolved = await question(harness, 2)
    assert resolved.status == "resolved"
    assert resolved.resolved_by_id == await harness.member_id("lea")
    assert await invitations(harness, 2) == 0
    lea = await harness.member_id("lea")
    async with harness.app.database.transaction() as session:
        evidence = await session.scalars(
            select(ExpertiseEvidence).where(ExpertiseEvidence.question_id == 2)
        )
        assert [(e.member_id, e.kind) for e in evidence] == [(lea, "accepted")]

    [again] = await harness.press("bob", labelled(offer, f"#{earlier} answers it"))
    assert "already resolved" in again.text
    [late] = await harness.press("bob", labelled(offer, "Still ask"))
    assert "Question #2 is already resolved." in late.text
    assert await invitations(harness, 2) == 0


async def test_still_ask_sends_it_to_colleagues_and_others_cannot_press_for_the_asker(
    harness: Harness,
) -> None:
    await experts(harness)
    await resolved_pdf_question(harness)
    [offer] = await harness.say("bob", SAME_AGAIN)
    [not_theirs] = await harness.press("kim", labelled(offer, "#1 answers it"))
    assert "for the person who asked" in not_theirs.text
    assert (await question(harness, 2)).status == "draft"

    [routed] = await harness.press("bob", labelled(offer, "Still ask"))
    assert "Question #2: I've asked" in routed.text
    assert "Lea" in routed.text
    assert (await question(harness, 2)).status == "open"
    assert await invitations(harness, 2) > 0
    [taken] = await harness.press("bob", labelled(offer, "#1 answers it"))
    assert "already with colleagues" in taken.text


async def test_an_unlike_question_goes_to_colleagues_at_once(harness: Harness) -> None:
    await experts(harness)
    await resolved_pdf_question(harness)
    reply = await harness.text("bob", UNRELATED)
    assert "Question #2: I've asked" in reply
    assert "resolved question" not in reply


async def test_a_draft_can_be_closed_or_resolved_by_its_asker(harness: Harness) -> None:
    await experts(harness)
    await resolved_pdf_question(harness)
    await harness.text("bob", SAME_AGAIN)
    assert "Closed question #2" in await harness.text("bob", "ask close 2")
    await harness.text("bob", SAME_AGAIN)
    assert "resolved by Rahul" in await harness.text("bob", "ask close 3 @rahul")


async def test_the_offer_links_the_channel_where_it_was_discussed(harness: Harness) -> None:
    await experts(harness)
    channel = ConversationRef(PLATFORM, WORKSPACE, "C-a11y", "1700.1", ConversationKind.CHANNEL)
    await harness.text("amara", PDF_QUESTION, where=channel)
    await harness.text("amara", "ask close 1 @lea")
    [offer] = await harness.say("bob", SAME_AGAIN)
    links = [p for p in offer.message.text.pieces if isinstance(p, ChannelLink)]
    assert [(link.channel.channel_id, link.channel.thread_id) for link in links] == [
        ("C-a11y", "1700.1")
    ]


async def test_an_erased_earlier_question_or_a_hostile_value_changes_nothing(
    harness: Harness,
) -> None:
    await experts(harness)
    await resolved_pdf_question(harness)
    [offer] = await harness.say("bob", SAME_AGAIN)
    for value in ("", "2", "2:", "x:y", "2:1:1", "9" * 40, "2:999999"):
        [reply] = await harness.press("bob", Button("x", ACTION_ANSWERED_BY_EARLIER, value))
        assert "expired" in reply.text or "no longer there" in reply.text, value
    # Amara, who asked the earlier question, erases herself: her questions go with her.
    [erase] = await harness.say("amara", "privacy erase")
    [erased] = await harness.press("amara", erase.buttons[0])
    assert erased.text.startswith("Done: your data is erased.")
    [gone] = await harness.press("bob", labelled(offer, "#1 answers it"))
    assert "no longer there" in gone.text or "expired" in gone.text
    assert (await question(harness, 2)).status == "draft"
