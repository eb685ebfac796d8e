"""Completions match what was typed literally, stay bounded, and never fail on any text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guildbot.app.build import Guildbot
from guildbot.bot.adapter_support.completions import MAX_SUGGESTIONS, Suggestions
from tests.fakes import Harness


async def test_communities_skills_and_events_complete_by_what_they_contain(
    harness: Harness,
) -> None:
    await harness.text("ana", "community create Data Science")
    await harness.text("ana", "community create 100% Accessible")
    await harness.text("ana", "expertise add data visualisation")
    suggest = Suggestions(harness.app.database).suggest
    assert await suggest("community", "scien") == [("Data Science", "data-science")]
    # `%` and `_` are what they are, not wildcards.
    assert await suggest("community", "100%") == [("100% Accessible", "100-accessible")]
    assert await suggest("community", "_") == []
    assert ("data visualisation", "data visualisation") in await suggest("skill", "VISUAL")
    assert await suggest("nothing", "x") == []


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["community", "skill", "event"]), typed=st.text(max_size=200))
async def test_any_text_gives_a_bounded_list(app: Guildbot, kind: str, typed: str) -> None:
    found = await Suggestions(app.database).suggest(kind, typed)
    assert len(found) <= MAX_SUGGESTIONS
