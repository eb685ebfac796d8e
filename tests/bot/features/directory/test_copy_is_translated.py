"""Declared expertise and its review in French: the copy writes no English of its own, a
French member's did-you-mean, buttons and listing are French, and a bad skill changes
nothing."""

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from guildbot.bot.i18n.checks import literals_in
from guildbot.contract.adapter import PlatformProfile
from guildbot.storage.models import Member, MemberSkill
from tests.fakes import Harness

FEATURE = Path(__file__).parents[4] / "guildbot" / "bot" / "features" / "directory"


def test_the_copy_the_expertise_and_the_review_write_no_english_of_their_own() -> None:
    assert literals_in(FEATURE / "copy.py") == []
    assert literals_in(FEATURE / "expertise.py") == []
    assert literals_in(FEATURE / "review.py") == []


@pytest.fixture
def zoe(harness: Harness) -> Harness:
    harness.adapter.profiles["zoe"] = PlatformProfile("Zoé Tremblay", locale="fr-CA")
    return harness


async def declared(harness: Harness) -> int:
    async with harness.app.database.transaction() as session:
        return (await session.scalars(select(func.count()).select_from(MemberSkill))).one()


async def test_a_typo_is_asked_about_in_french_and_the_button_adds_it(zoe: Harness) -> None:
    [reply] = await zoe.say("zoe", "expertise add kubernets")
    assert reply.text == "«\u00a0kubernets\u00a0»\u00a0: vouliez-vous dire *kubernetes*\u202f?"
    assert await declared(zoe) == 0  # nothing added silently
    labels = [b.label for b in reply.buttons]
    assert labels == [
        "Ajouter kubernetes",
        "Ajouter «\u00a0kubernets\u00a0» comme nouvelle compétence",
        "Annuler",
    ]
    [added] = await zoe.press("zoe", reply.buttons[0])
    assert added.text == "Compétence *kubernetes* ajoutée."
    assert await declared(zoe) == 1


async def test_bad_skills_are_refused_in_french_and_change_nothing(zoe: Harness) -> None:
    [reply] = await zoe.say("zoe", "expertise add !!!")
    assert reply.text == (
        "«\u00a0!!!\u00a0» n'est pas un nom de compétence que je peux enregistrer "
        "(lettres ou chiffres, jusqu'à 60 caractères)."
    )
    assert await zoe.text("zoe", "expertise remove java") == (
        "«\u00a0java\u00a0» ne figure pas parmi vos compétences."
    )
    assert await declared(zoe) == 0
    assert await zoe.text("zoe", "expertise list") == (
        "Vous n'avez encore déclaré aucune compétence. "
        "Essayez `expertise add langage clair, excel`."
    )


async def test_the_listing_says_since_when_in_french(zoe: Harness) -> None:
    await zoe.text("zoe", "expertise add python")
    await zoe.text("ana", "expertise add python")
    english = await zoe.text("ana", "expertise list")
    assert re.fullmatch(r"\*Your expertise\*\n• python \(since [A-Z][a-z]{2} \d{4}\)", english)
    french = await zoe.text("zoe", "expertise list")
    assert re.fullmatch(r"\*Votre expertise\*\n• python \(depuis [a-zéû]+ \d{4}\)", french)


async def test_the_review_queue_counts_people_in_french(zoe: Harness) -> None:
    await zoe.text("zoe", "expertise add basket weaving")
    await zoe.text("ben", "expertise add basket weaving")
    await zoe.text("zoe", "expertise add macramé")
    async with zoe.app.database.transaction() as session:
        for member in (await session.scalars(select(Member))).all():
            member.is_admin = member.display_name.startswith("Zoé")
    [queue] = await zoe.say("zoe", "expertise review")
    assert queue.text.startswith("*Nouvelles compétences en attente d'examen*")
    assert "• basket weaving — déclarée par 2 personnes" in queue.text
    assert "• macramé — déclarée par 1 personne" in queue.text
    assert "Accepter basket weaving" in [b.label for b in queue.buttons]


async def test_a_title_too_long_is_refused_in_french_and_changes_nothing(zoe: Harness) -> None:
    assert await zoe.text("zoe", "profil set title " + "x" * 121) == (
        "Le champ «\u00a0titre\u00a0» fait 121 caractères\u202f; la limite est de 120."
    )
    async with zoe.app.database.transaction() as session:
        titles = (await session.scalars(select(Member.title))).all()
    assert titles == [None]
