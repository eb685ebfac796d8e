"""Scheduled announcements for a facilitator who reads French: the replies in French, the
announcement posted as written."""

from datetime import UTC, datetime
from pathlib import Path

from guildbot.bot.clock import ManualClock
from guildbot.bot.i18n.checks import literals_in
from guildbot.storage.models import ScheduledAnnouncement
from tests.bot.features.calendar.helpers import setup_community
from tests.fakes import Harness


async def test_a_french_facilitator_schedules_lists_and_cancels_in_french(
    harness: Harness, clock: ManualClock
) -> None:
    await setup_community(harness)
    await harness.text("ana", "profile set language fr")
    reply = await harness.text("ana", "announce #accessibility Café virtuel ! tous les lundis 10 h")
    assert reply.startswith("Annonce 1 planifiée pour #accessibility : d'abord lundi ")
    assert "puis tous les lundis (America/Toronto)." in reply
    assert "«\u00a0Café virtuel !\u00a0»" in reply
    listing = await harness.text("ana", "announce list")
    assert listing.startswith("*Annonces planifiées*\n• 1 dans ")
    assert ", tous les lundis : «\u00a0Café virtuel !\u00a0»" in listing
    sent = await harness.run_until(clock, datetime(2026, 11, 3, tzinfo=UTC))
    assert [m.text for m in sent if m.to.channel_id == "C-general"] == ["Café virtuel !"]
    assert await harness.text("ana", "announce cancel 1") == (
        "Annonce 1 annulée ; elle ne sera pas publiée."
    )
    assert await harness.text("ana", "announce list") == "Aucune annonce n'est planifiée."


async def test_bad_french_input_is_answered_in_french_and_schedules_nothing(
    harness: Harness,
) -> None:
    await setup_community(harness)
    await harness.text("ana", "profile set language fr")
    impossible = await harness.text("ana", "announce #accessibility Bonjour à 31 février 10 h")
    assert impossible.startswith("Il n'y a pas de 31 février.")
    assert "Par exemple" in impossible
    when = await harness.text("ana", "announce #accessibility Bonjour")
    assert "Par exemple" in when
    nowhere = await harness.text("ana", "announce #nulle-part Bonjour demain 9 h")
    assert nowhere.startswith("Je ne peux pas publier dans «\u00a0#nulle-part\u00a0»")
    assert await harness.text("ana", "announce cancel 99") == (
        "Il n'y a pas d'annonce planifiée 99. Voyez `announce list`."
    )
    assert await harness.count(ScheduledAnnouncement) == 0


def test_the_announcements_copy_writes_no_english_of_its_own() -> None:
    copy = Path(__file__).parents[4] / "guildbot/bot/features/calendar/copy/announcements.py"
    assert literals_in(copy) == []
