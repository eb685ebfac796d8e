"""The questions page: asked, helped and resolved in a period, the time to help, the share
of the busiest helpers, and the topics whose questions found nobody."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from guildbot.bot.features.dashboard.questions import questions_figures, spoken
from guildbot.bot.features.questions.buttons import ACTION_ACCEPT, ACTION_DECLINE
from guildbot.bot.scheduler.tick import Ticker
from guildbot.storage.repositories.dashboard import QuestionFacts
from tests.bot.features.dashboard.test_access import link_for, sign_in
from tests.bot.features.dashboard.test_participation import rows
from tests.bot.features.questions.helpers import PDF_QUESTION, to
from tests.fakes import Harness, Sleep, button

Client = TestClient[web.Request, web.Application]
NOW = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


@pytest.fixture
def ticker(harness: Harness, sleep: Sleep) -> Ticker:
    app = harness.app
    return Ticker(
        app.database, app.clock, {harness.adapter.platform: harness.adapter}, app.policy(),
        "A", sleep=sleep,
    )  # fmt: skip


async def test_the_page_counts_a_communitys_questions_and_names_the_topics_nobody_took(
    harness: Harness, client: Client, ticker: Ticker
) -> None:
    await harness.say("ana", "community create Accessibility", where=harness.channel)
    # Each is asked at most 3 times a week: the last two PDF questions wait for them.
    experts = ("lea", "rahul")
    for expert in experts:
        await harness.text(expert, "expertise add pdf accessibility, accessibility")
    for number in range(5):
        await harness.say(f"asker{number}", PDF_QUESTION, where=harness.channel)
    await harness.say("asker0", "ask How do I run a cron job on kubernetes?", where=harness.channel)
    sent = await harness.deliver(ticker)
    for expert in experts:
        for invite in to(sent, expert):
            await harness.press(expert, button(invite, action=ACTION_ACCEPT))
    for invite in to(sent, "ana"):  # the facilitator, asked last for the Kubernetes one
        await harness.press("ana", button(invite, action=ACTION_DECLINE))

    await sign_in(client, await link_for(harness, "ana", "dashboard accessibility"))
    response = await client.get("/dashboard/c/accessibility/questions?days=30")
    assert response.status == 200
    page = await response.text()
    table = rows(page)
    assert table["Asked"] == ["6"]
    assert table["Someone offered to help"] == ["3"]
    assert table["Nobody offered within a day"] == ["0"]  # asked just now
    assert table["Share of helped questions taken by the 3 busiest helpers"] == [
        "too few questions"
    ]
    assert table["kubernetes"] == ["1"]
    # The two PDF questions still waiting for Lea or Rahul are not topics nobody knows.
    assert "accessibility" not in table and "pdf accessibility" not in table
    assert "Kubernetes" not in page or "cron job" not in page  # never the questions' words


def facts(**fields: object) -> QuestionFacts:
    base: dict[str, object] = {
        "status": "connected",
        "tags": (),
        "created_at": NOW - timedelta(days=3),
        "closed_at": None,
        "helper_id": 1,
        "first_accepted_at": NOW - timedelta(days=3) + timedelta(hours=2),
        "invited": 1,
        "turned_down": 0,
    }
    base.update(fields)
    return QuestionFacts(**base)  # type: ignore[arg-type]


def test_times_and_shares_need_five_questions() -> None:
    four = questions_figures([facts(helper_id=n) for n in range(4)], NOW)
    assert four.median_to_help is None and four.top_helpers_share is None
    five = questions_figures([facts(helper_id=n) for n in range(5)], NOW)
    assert spoken(five.median_to_help) == "2 h"
    assert five.top_helpers_share == pytest.approx(0.6)


def test_a_question_found_nobody_when_nobody_was_asked_or_all_said_no() -> None:
    figures = questions_figures(
        [
            facts(helper_id=None, first_accepted_at=None, invited=0, tags=("cobol",)),
            facts(helper_id=None, first_accepted_at=None, invited=2, turned_down=2),
            facts(helper_id=None, first_accepted_at=None, invited=2, turned_down=1),
        ],
        NOW,
    )
    assert [(t.name, t.questions) for t in figures.nobody_topics] == [("cobol", 1)]
    assert figures.nobody_untagged == 1
    assert figures.unanswered_after_a_day == 3
