"""The communities feature in French: its copy writes no English of its own, and a French
member is answered in French, `communauté` included; a bad name changes nothing."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from guildbot.bot.i18n.checks import literals_in
from guildbot.contract.adapter import PlatformProfile
from guildbot.storage.models import Membership
from tests.fakes import Harness

FEATURE = Path(__file__).parents[4] / "guildbot" / "bot" / "features" / "communities"


def test_the_copy_and_the_buttons_write_no_english_of_their_own() -> None:
    assert literals_in(FEATURE / "copy.py") == []
    assert literals_in(FEATURE / "buttons.py") == []
    assert literals_in(FEATURE / "roles.py") == []
    assert literals_in(FEATURE / "managing.py") == []
    assert literals_in(FEATURE / "membership.py") == []


@pytest.fixture
def zoe(harness: Harness) -> Harness:
    harness.adapter.profiles["zoe"] = PlatformProfile("Zoé Tremblay", locale="fr-CA")
    return harness


async def memberships(harness: Harness) -> int:
    async with harness.app.database.transaction() as session:
        return (await session.scalars(select(func.count()).select_from(Membership))).one()


async def test_a_french_member_joins_lists_and_reads_a_community_in_french(zoe: Harness) -> None:
    await zoe.text("ana", "community create Plain Language -- Clear writing")
    assert await zoe.text("zoe", "communauté join plain language") == (
        "Bienvenue dans *Plain Language*\u202f!"
    )
    assert await zoe.text("zoe", "communaute join plain-language") == (
        "Vous faites déjà partie de la communauté Plain Language."
    )
    listing = await zoe.text("zoe", "communauté list")
    assert listing.startswith("*Communautés*")
    assert "• Plain Language (plain-language)\u00a0: 2 membres — vous êtes membre" in listing
    info = await zoe.text("zoe", "communauté info plain-language")
    assert "• Animateurs\u00a0: Ana" in info
    assert "• Vous\u00a0: membre" in info
    assert await zoe.text("zoe", "communauté leave plain-language") == (
        "Vous avez quitté la communauté Plain Language."
    )
    # The English member still reads English.
    assert "2 members" not in await zoe.text("ana", "community list")
    assert "1 member — you're admin" in await zoe.text("ana", "community list")


async def test_one_member_is_one_membre_and_roles_are_french_words(zoe: Harness) -> None:
    await zoe.text("zoe", "communauté create Langage clair")
    listing = await zoe.text("zoe", "communauté list")
    assert "• Langage clair (langage-clair)\u00a0: 1 membre — vous êtes administrateur" in listing
    await zoe.text("ben", "community join langage-clair")
    assert await zoe.text("zoe", "role grant @Ben facilitator langage-clair") == (
        "Ben est maintenant animateur de la communauté Langage clair."
    )


async def test_an_unknown_community_is_refused_in_french_and_nothing_changes(
    zoe: Harness,
) -> None:
    await zoe.text("ana", "community create Accessibility")
    before = await memberships(zoe)
    assert await zoe.text("zoe", "communauté join accesibility") == (
        "Je ne trouve pas de communauté appelée «\u00a0accesibility\u00a0». "
        "Vouliez-vous dire Accessibility (accessibility)\u202f?"
    )
    assert await zoe.text("zoe", "communauté join zzzz qqqq") == (
        "Je ne trouve pas de communauté appelée «\u00a0zzzz qqqq\u00a0»."
    )
    assert await memberships(zoe) == before
    # In English, word for word as before.
    assert await zoe.text("ben", "community join accesibility") == (
        "I couldn't find a community called “accesibility”. "
        "Did you mean Accessibility (accessibility)?"
    )


async def test_help_on_communaute_is_in_french(zoe: Harness) -> None:
    await zoe.text("zoe", "profil")
    text = await zoe.text("zoe", "aide communauté")
    assert "`communauté join COMMUNITY` — rejoindre une communauté" in text


async def test_a_french_member_is_refused_in_french_and_nothing_changes(zoe: Harness) -> None:
    await zoe.text("ana", "community create Accessibility")
    await zoe.text("zoe", "communauté join accessibility")
    await zoe.text("ben", "community join accessibility")
    assert await zoe.text("zoe", "role grant @Ben facilitator accessibility") == (
        "Seuls les animateurs et les administrateurs de la communauté Accessibility "
        "peuvent faire cela."
    )
    assert await zoe.text("zoe", "communauté remove @Bne accessibility") == (
        "Je ne trouve pas de membre appelé «\u00a0Bne\u00a0». Vouliez-vous dire Ben\u202f?"
    )
    assert await zoe.text("ana", "role grant @Ben admin accessibility") == (
        "Ben is now admin of Accessibility."
    )
    assert await zoe.text("ben", "role grant @Zoé admin accessibility") == (
        "Zoé Tremblay is now admin of Accessibility."
    )
    assert await zoe.text("ana", "role revoke @Ben admin accessibility") == (
        "Ben is no longer admin of Accessibility."
    )
    assert await zoe.text("zoe", "role grant @Ben facilitator accessibility") == (
        "Ben est maintenant animateur de la communauté Accessibility."
    )


async def test_a_field_too_long_is_refused_in_french(zoe: Harness) -> None:
    assert await zoe.text("zoe", "communauté create " + "x" * 81) == (
        "Le champ «\u00a0nom de la communauté\u00a0» fait 81 caractères\u202f; la limite est de 80."
    )
    assert await zoe.text("ana", "community create " + "x" * 81) == (
        "That community name is 81 characters; the limit is 80."
    )


async def test_the_channels_welcome_follows_the_communitys_language(zoe: Harness) -> None:
    await zoe.say("ana", "community create Accessibilité -- WCAG", where=zoe.channel)
    zoe.adapter.profiles["U-new"] = PlatformProfile("Sam Roy")
    await zoe.text("ana", "community welcome accessibilite on")
    [english] = await zoe.joins("U-new", zoe.channel)
    assert english.text.startswith("👋 Welcome to *Accessibilité*, Sam Roy! WCAG\nTry `ask`")
    await zoe.text("ana", "community language accessibilite fr")
    [french] = await zoe.joins("U-new", zoe.channel)
    assert french.text.startswith(
        "👋 Bienvenue dans *Accessibilité*, Sam Roy\u202f! WCAG\nEssayez `ask`"
    )
    await zoe.text("ana", "community language accessibilite both fr")
    [both] = await zoe.joins("U-new", zoe.channel)
    assert both.text.startswith("👋 Bienvenue dans *Accessibilité*")
    assert "\n———\n👋 Welcome to *Accessibilité*, Sam Roy! WCAG" in both.text
    # The community's own words are shown as written, in each version.
    await zoe.text("ana", "community welcome accessibilite -- Bonjour! Hello!")
    [own] = await zoe.joins("U-new", zoe.channel)
    assert own.text == (
        "👋 Bienvenue dans *Accessibilité*, Sam Roy\u202f! Bonjour! Hello!\n———\n"
        "👋 Welcome to *Accessibilité*, Sam Roy! Bonjour! Hello!"
    )
