"""What an event posts follows its community's language (`community language`): English,
French, or one post with both versions; a note to one member is in that member's language."""

from datetime import UTC, datetime

from guildbot.bot.clock import ManualClock
from tests.bot.features.calendar.helpers import (
    cancel_event,
    create_event,
    setup_community,
    to_member,
)
from tests.fakes import Harness, Sent

STANDUP = "Standup weekly on Thursday 10:00 for 15m where: Room 201"
BETWEEN = "\n———\n"


def in_channel(sent: list[Sent]) -> list[Sent]:
    return [m for m in sent if m.to.channel_id == "C-general"]


async def test_a_bilingual_community_posts_both_versions_in_one_post_french_first(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness)
    assert "French first" in await harness.text("ana", "community language accessibility both fr")
    await create_event(harness, STANDUP)
    [post] = in_channel(await harness.run_until(clock, clock.now()))
    french, english = post.text.split(BETWEEN)
    assert french.startswith("📅 *Standup* — ")
    assert "• Lieu : Room 201" in french
    assert english.startswith("📅 *Standup* — Thu 5 Nov 2026, 10:00-10:15 America/Toronto")
    assert "• Where: Room 201" in english
    assert post.context is not None
    assert post.context == (
        "`event show 1` l'affiche dans votre fuseau horaire · "
        "`event show 1` shows it in your time zone"
    )
    assert post.text == (
        "📅 *Standup* — jeudi 5 novembre 2026, 10 h 00 – 10 h 15 America/Toronto, tous les jeudis\n"
        "• Lieu : Room 201"
        f"{BETWEEN}"
        "📅 *Standup* — Thu 5 Nov 2026, 10:00-10:15 America/Toronto, weekly on Thursday\n"
        "• Where: Room 201"
    )
    # The same three answers, once each, their labels in both languages.
    assert [b.label for b in post.buttons] == [
        "J'y serai / Going",
        "Peut-être / Maybe",
        "Je n'y serai pas / Can't go",
    ]
    assert {b.action_id for b in post.buttons} == {"event.rsvp"}


async def test_an_english_community_posts_as_it_always_did(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness)
    await create_event(harness, STANDUP)
    [post] = in_channel(await harness.run_until(clock, clock.now()))
    assert BETWEEN not in post.text
    assert post.text.startswith("📅 *Standup* — Thu 5 Nov 2026, 10:00-10:15 America/Toronto")
    assert [b.label for b in post.buttons] == ["Going", "Maybe", "Can't go"]


async def ben_and_cleo_going(harness: Harness, clock: ManualClock, setting: str) -> int:
    """The standup in a community posting in `setting`, with Ben (English) and Cléo (French)
    going; its id."""
    await setup_community(harness, "ben", "cleo")
    await harness.text("ana", f"community language accessibility {setting}")
    await harness.text("cleo", "profile set language fr")
    event_id = await create_event(harness, STANDUP)
    await harness.run_until(clock, clock.now())
    await harness.text("ben", f"event rsvp {event_id} going")
    await harness.text("cleo", f"event rsvp {event_id} going")
    return event_id


async def test_reminders_go_to_the_channel_in_its_languages_and_to_each_member_in_theirs(
    harness: Harness, clock: ManualClock
) -> None:
    await ben_and_cleo_going(harness, clock, "fr")
    sent = await harness.run_until(clock, datetime(2026, 11, 5, 16, tzinfo=UTC))
    reminders = [m for m in sent if m.text.startswith("⏰")]
    channel = in_channel(reminders)
    assert [m.text for m in channel] == [
        "⏰ Rappel : *Standup* commence dans 1 jour, à 10 h 00 America/Toronto · Room 201.",
        "⏰ Rappel : *Standup* commence dans 15 minutes, à 10 h 00 America/Toronto · Room 201.",
    ]
    to_ben = [m.text for m in reminders if to_member(m.message) == "ben"]
    to_cleo = [m.text for m in reminders if to_member(m.message) == "cleo"]
    assert [text.split(":")[0] for text in to_ben] == ["⏰ Reminder"] * 2
    assert [text.split(" :")[0] for text in to_cleo] == ["⏰ Rappel"] * 2
    assert to_cleo[0].startswith("⏰ Rappel : *Standup* commence dans 1 jour : ")


async def test_a_cancellation_is_posted_in_both_and_told_to_each_in_their_language(
    harness: Harness, clock: ManualClock
) -> None:
    event_id = await ben_and_cleo_going(harness, clock, "both")
    await cancel_event(harness, f"{event_id} all")
    sent = await harness.run_until(clock, clock.now())
    [post] = in_channel(sent)
    assert post.text == f"❌ *Standup* is cancelled.{BETWEEN}❌ *Standup* est annulé."
    told = {to_member(m.message): m.text for m in sent if m.to.channel_id != "C-general"}
    assert told == {"ben": "❌ *Standup* is cancelled.", "cleo": "❌ *Standup* est annulé."}
