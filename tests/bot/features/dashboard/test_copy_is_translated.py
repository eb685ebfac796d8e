"""The dashboard's chat answers in French (the web pages are the dashboard's own): its copy
writes no English of its own, and a French facilitator's link, hint and refusals are French."""

from pathlib import Path

import pytest

from guildbot.bot.i18n.checks import literals_in
from guildbot.contract.adapter import PlatformProfile
from guildbot.contract.richtext import Link
from tests.fakes import Harness

FEATURE = Path(__file__).parents[4] / "guildbot" / "bot" / "features" / "dashboard"


def test_the_dashboards_chat_copy_writes_no_english_of_its_own() -> None:
    assert literals_in(FEATURE / "copy.py") == []


@pytest.fixture
def zoe(harness: Harness) -> Harness:
    harness.adapter.profiles["zoe"] = PlatformProfile("Zoé Tremblay", locale="fr-CA")
    return harness


async def test_a_french_facilitator_gets_the_link_in_french(zoe: Harness) -> None:
    await zoe.text("zoe", "communauté create Accessibilité")
    [reply] = await zoe.say("zoe", "dashboard accessibilite")
    assert reply.text.startswith(
        "Votre lien vers le tableau de bord (il s'ouvre sur Accessibilité)\u00a0: "
    )
    [link] = [piece for piece in reply.message.text if isinstance(piece, Link)]
    assert link.label == "ouvrir le tableau de bord"
    assert reply.context is not None
    assert reply.context.startswith("Il ne fonctionne qu'une fois, pendant 15 minutes")


async def test_a_french_member_is_refused_in_french(zoe: Harness) -> None:
    assert await zoe.text("zoe", "dashboard") == (
        "Le tableau de bord montre les communautés que vous animez, "
        "et vous n'en animez encore aucune."
    )
    assert (await zoe.text("zoe", "dashboard nulle part")).startswith(
        "Je ne trouve pas de communauté appelée «\u00a0nulle part\u00a0»"
    )
