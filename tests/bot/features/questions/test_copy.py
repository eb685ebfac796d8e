"""What expert routing says, as members read it: people's words stay words, and the members
a message names are mentions they can click."""

from guildbot.bot.clock import ManualClock
from guildbot.bot.features.questions.buttons import ACTION_ACCEPT
from guildbot.bot.features.questions.working_hours import add_working_hours
from guildbot.bot.scheduler.tick import Ticker
from guildbot.contract.refs import ConversationKind, ConversationRef
from guildbot.contract.richtext import Bold, Code, Mention, RichText
from tests.bot.features.questions.helpers import (
    PDF_QUESTION,
    experts,
    facilitated_community,
    to,
)
from tests.fakes import PLATFORM, WORKSPACE, Harness, RecordingAdapter, button

MARKED_UP = "ask How do I *tag* a `table` in a scanned PDF for screen readers?"


def marks(text: RichText) -> list[str]:
    """The words shown bold or as code."""
    return [p.text for p in text.pieces if isinstance(p, Bold | Code)]


def mentioned(text: RichText) -> list[str]:
    """Who the text mentions, by user id."""
    return [p.member.user_id for p in text.pieces if isinstance(p, Mention)]


async def test_a_question_is_shown_as_it_was_written(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker
) -> None:
    await experts(harness)
    await harness.say("amara", MARKED_UP)
    [invite] = to(await harness.deliver(ticker), "lea")
    assert "“How do I *tag* a `table` in a scanned PDF for screen readers?”" in invite.text
    assert marks(invite.message.text) == []
    accepted = await harness.press("lea", button(invite, action=ACTION_ACCEPT))
    assert marks(accepted[0].message.text) == []
    [connect] = to(await harness.deliver(ticker), "amara")
    assert "*tag*" in connect.message.text.plain() and marks(connect.message.text) == []
    mine = await harness.say("amara", "ask mine")
    assert marks(mine[0].message.text) == ["Your open questions"]


async def test_colleagues_asked_and_experts_listed_are_mentions(harness: Harness) -> None:
    await experts(harness)
    [reply] = await harness.say("amara", PDF_QUESTION)
    assert mentioned(reply.message.text)[0] == "lea"
    assert reply.message.context is not None
    assert marks(reply.message.context) == ["ask mine", "ask close 1"]
    [who] = await harness.say("amara", "expertise who accessibility")
    assert set(mentioned(who.message.text)) == {"lea", "rahul", "kim"}
    assert marks(who.message.text) == ["Who knows about “accessibility”"]


async def test_facilitators_escalation_mentions_the_asker_and_who_was_asked(
    harness: Harness, adapter: RecordingAdapter, ticker: Ticker, clock: ManualClock
) -> None:
    await experts(harness)
    await facilitated_community(harness, "sam")
    await harness.text("amara", PDF_QUESTION)
    await harness.deliver(ticker)
    clock.advance(add_working_hours(clock.now(), 8, "America/Toronto") - clock.now())
    sent = await harness.deliver(ticker) + await harness.deliver(ticker)
    [to_sam] = to(sent, "sam")
    asker, *asked = mentioned(to_sam.message.text)
    assert asker == "amara" and sorted(asked) == ["kim", "lea", "rahul"]


async def test_a_channel_mode_is_named_in_bold(harness: Harness) -> None:
    channel = ConversationRef(PLATFORM, WORKSPACE, "C-a11y", None, ConversationKind.CHANNEL)
    await harness.text("fay", "community create Accessibility CoP")
    await harness.text("fay", "community link accessibility cop", where=channel)
    [reply] = await harness.say("fay", "ask mode suggest", where=channel)
    assert marks(reply.message.text) == ["suggest"]
    assert reply.text.startswith("Questions in this channel: *suggest*. I'll offer askers")
