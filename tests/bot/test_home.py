"""The home page (Slack's App Home): a member's profile, expertise and what is coming up."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.adapters.console import text_of
from guildbot.bot.home import (
    SECTION_COFFEE,
    SECTION_EVENTS,
    SECTION_EXPERTISE,
    SECTION_PROFILE,
    SECTION_QUESTIONS,
    HomeService,
    Viewer,
)
from guildbot.contract.home import HomeSection
from guildbot.contract.richtext import RichText
from guildbot.storage.models import Member
from tests.bot.features.calendar.helpers import create_event, setup_community
from tests.fakes import Harness


def home_service(harness: Harness) -> HomeService:
    app = harness.app
    return HomeService(app.database, app.clock, app.identities)


def plain(lines: tuple[RichText, ...]) -> list[str]:
    return [line.plain() for line in lines]


async def test_a_new_member_sees_their_profile_and_sections_that_say_nothing_yet(
    harness: Harness,
) -> None:
    view = await home_service(harness).home(harness.ref("ana_lima"), harness.adapter.lookup_user)
    assert view is not None
    assert view.display_name == "Ana Lima"
    assert [s.key for s in view.sections] == [
        SECTION_PROFILE,
        SECTION_EXPERTISE,
        SECTION_QUESTIONS,
        SECTION_COFFEE,
        SECTION_EVENTS,
    ]
    assert "Time zone: America/Toronto" in plain(view.section(SECTION_PROFILE).lines)
    for key in (SECTION_EXPERTISE, SECTION_QUESTIONS, SECTION_COFFEE, SECTION_EVENTS):
        section = view.section(key)
        assert section.lines == ()
        assert section.empty  # says so, rather than showing an empty box


async def test_expertise_and_upcoming_events_of_my_communities(harness: Harness) -> None:
    await setup_community(harness, "bo")
    await harness.text("bo", "expertise add plain language, k8s")
    await create_event(harness, "Show and tell tomorrow 15:00")
    view = await home_service(harness).home(harness.ref("bo"), harness.adapter.lookup_user)
    assert view is not None
    assert plain(view.section(SECTION_EXPERTISE).lines) == ["kubernetes", "plain language"]
    [event] = view.section(SECTION_EVENTS).lines
    assert text_of(event).startswith("*Show and tell* (Accessibility) — Tue 3 Nov 2026, 15:00")
    assert "Communities: Accessibility" in plain(view.section(SECTION_PROFILE).lines)


async def test_someone_the_platform_cannot_describe_gets_no_page_and_nothing_is_stored(
    harness: Harness,
) -> None:
    harness.adapter.profiles["ghost"] = None
    assert (
        await home_service(harness).home(harness.ref("ghost"), harness.adapter.lookup_user) is None
    )
    async with harness.app.database.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Member)) == 0


async def test_features_fill_their_own_section(harness: Harness) -> None:
    service = home_service(harness)

    async def questions(_session: AsyncSession, viewer: Viewer) -> HomeSection:
        return HomeSection(
            SECTION_QUESTIONS,
            "Open questions",
            (RichText.of(f"#{viewer.member_id}"),),
            RichText.of("-"),
        )

    service.add_section(SECTION_QUESTIONS, questions)
    view = await service.home(harness.ref("ana"), harness.adapter.lookup_user)
    assert view is not None
    assert plain(view.section(SECTION_QUESTIONS).lines) == ["#1"]
