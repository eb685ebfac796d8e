"""The home page in the viewing member's language: a French member's page is French, an
English member's as before, and a feature's section knows whose language it writes in."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.home import (
    SECTION_COFFEE,
    SECTION_EVENTS,
    SECTION_EXPERTISE,
    SECTION_PROFILE,
    SECTION_QUESTIONS,
    HomeService,
    Viewer,
)
from guildbot.bot.i18n import Language
from guildbot.bot.i18n.checks import literals_in
from guildbot.contract.adapter import PlatformProfile
from guildbot.contract.home import HomeSection
from guildbot.contract.richtext import RichText
from tests.fakes import Harness

HOME = Path(__file__).parents[2] / "guildbot" / "bot" / "home.py"


def home_service(harness: Harness) -> HomeService:
    app = harness.app
    return HomeService(app.database, app.clock, app.identities)


def plain(lines: tuple[RichText, ...]) -> list[str]:
    return [line.plain() for line in lines]


def test_the_home_page_writes_no_english_of_its_own() -> None:
    # (Not the whole module: a type alias's docstring is not chat, and the check only knows
    # the docstrings of modules, classes and functions.)
    pages = ["home", "_nothing_yet_questions", "_nothing_yet_coffee", "upcoming_events_section"]
    assert literals_in(HOME, pages) == []


async def test_a_french_member_sees_their_home_page_in_french(harness: Harness) -> None:
    harness.adapter.profiles["zoe"] = PlatformProfile("Zoé Tremblay", locale="fr-CA")
    await harness.text("zoe", "communauté create Langage clair")
    await harness.text("zoe", "expertise add python")
    view = await home_service(harness).home(harness.ref("zoe"), harness.adapter.lookup_user)
    assert view is not None
    profile = view.section(SECTION_PROFILE)
    assert profile.title == "Votre profil"
    assert plain(profile.lines) == [
        "Ministère\u00a0: non renseigné",
        "Titre\u00a0: non renseigné",
        "Fuseau horaire\u00a0: UTC",
        "Communautés\u00a0: Langage clair",
    ]
    assert view.section(SECTION_EXPERTISE).title == "Votre expertise"
    assert plain(view.section(SECTION_EXPERTISE).lines) == ["python"]
    assert view.section(SECTION_QUESTIONS).empty.plain() == (
        "Aucune question ouverte pour l'instant."
    )
    assert view.section(SECTION_COFFEE).title == "Cafés-rencontres"
    assert view.section(SECTION_EVENTS).title == "Événements à venir"
    assert view.footer.plain() == "Tapez /guild aide pour voir tout ce que je sais faire."


async def test_an_english_member_sees_the_page_as_before(harness: Harness) -> None:
    view = await home_service(harness).home(harness.ref("ana_lima"), harness.adapter.lookup_user)
    assert view is not None
    assert view.section(SECTION_PROFILE).title == "Your profile"
    assert "Communities: none yet" in plain(view.section(SECTION_PROFILE).lines)
    assert view.section(SECTION_EXPERTISE).empty.plain() == "You haven't declared any skills yet."
    assert view.footer.plain() == "Type /guild help to see everything I can do."


async def test_a_features_section_is_told_the_viewers_language(harness: Harness) -> None:
    harness.adapter.profiles["zoe"] = PlatformProfile("Zoé Tremblay", locale="fr-CA")
    seen: list[Language] = []

    async def questions(_session: AsyncSession, viewer: Viewer) -> HomeSection:
        seen.append(viewer.language)
        return HomeSection(SECTION_QUESTIONS, "Q", (), empty=RichText())

    service = home_service(harness)
    service.add_section(SECTION_QUESTIONS, questions)
    await service.home(harness.ref("zoe"), harness.adapter.lookup_user)
    await service.home(harness.ref("ana_lima"), harness.adapter.lookup_user)
    assert seen == [Language.FR, Language.EN]
