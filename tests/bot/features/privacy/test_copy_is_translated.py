"""Privacy in French: the copy writes no English of its own; a French member's summary
counts in French (1 compétence, 2 compétences), their erasure is asked and confirmed in
French, and `confidentialité` is `privacy`."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from guildbot.bot.i18n.checks import literals_in
from guildbot.contract.adapter import PlatformProfile
from guildbot.storage.models import Member
from tests.fakes import Harness

FEATURE = Path(__file__).parents[4] / "guildbot" / "bot" / "features" / "privacy"


def test_the_privacy_feature_writes_no_english_of_its_own() -> None:
    for module in ("copy.py", "service.py", "buttons.py", "__init__.py"):
        assert literals_in(FEATURE / module) == [], module


@pytest.fixture
def zoe(harness: Harness) -> Harness:
    harness.adapter.profiles["zoe"] = PlatformProfile("Zoé Tremblay", locale="fr-CA")
    return harness


async def members(harness: Harness) -> int:
    async with harness.app.database.transaction() as session:
        return (await session.scalars(select(func.count()).select_from(Member))).one()


async def test_the_summary_is_in_french_with_french_plurals(zoe: Harness) -> None:
    await zoe.text("zoe", "expertise add python")
    summary = await zoe.text("zoe", "confidentialité")
    assert summary.startswith("*Ce que Guildbot garde à votre sujet*\n• Profil\u00a0: Zoé Tremblay")
    assert "• Expertise\u00a0: 1 compétence\n" in summary
    assert "• Communautés\u00a0: 0" in summary
    assert "• Conservation\u00a0: messages envoyés par le bot\u00a0: 30 jours\u202f; " in summary
    assert "; journal d'audit\u00a0: 2\u202f555 jours (sauf si une retenue légale" in summary
    await zoe.text("zoe", "expertise add sql")
    assert "• Expertise\u00a0: 2 compétences\n" in await zoe.text("zoe", "confidentialite")
    [reply] = await zoe.say("zoe", "privacy")
    assert reply.context is not None and reply.context.startswith("`confidentialité export`")


async def test_erasure_is_asked_and_confirmed_in_french(zoe: Harness) -> None:
    [ask] = await zoe.say("zoe", "confidentialité erase")
    assert ask.text.startswith("Ceci efface de Guildbot votre profil")
    assert [b.label for b in ask.buttons] == ["Effacer mes données", "Annuler"]
    confirm = ask.buttons[0].confirm
    assert confirm is not None
    assert (confirm.title, confirm.confirm_label, confirm.deny_label) == (
        "Effacer vos données\u202f?",
        "Effacer",
        "Annuler",
    )
    assert await members(zoe) == 1  # nothing erased yet
    [done] = await zoe.press("zoe", ask.buttons[0])
    assert done.text.startswith("C'est fait\u00a0: vos données sont effacées.")
    assert await members(zoe) == 0


async def test_help_on_confidentialite_is_in_french(zoe: Harness) -> None:
    await zoe.text("zoe", "profil")
    text = await zoe.text("zoe", "aide confidentialité")
    assert "`confidentialité erase` — l'effacer (demande d'abord)" in text
