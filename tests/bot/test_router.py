"""Bad input never crashes the bot: every command gets exactly one polite reply."""

import logging
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from guildbot.bot.clock import ManualClock
from guildbot.bot.features.directory.profile import Profiles
from guildbot.contract.inbound import CommandInvoked, MemberJoined, MessageReceived
from guildbot.contract.outbound import Button
from guildbot.storage.models import AuditEntry, Member, Question
from tests.fakes import Harness


async def test_help_lists_commands_and_explains_one(harness: Harness) -> None:
    overview = await harness.text("ana", "help")
    for command in ("profile", "expertise", "community", "role"):
        assert f"`{command}`" in overview
    detail = await harness.text("ana", "help expertise")
    assert "`expertise add SKILL[, SKILL…]`" in detail


async def test_unknown_command_gets_short_help_with_suggestion(harness: Harness) -> None:
    text = await harness.text("ana", "/guild expertize add k8s")
    assert text.startswith("I don't know the command “expertize”. Did you mean `expertise`?")
    assert "`community`" in text


async def test_unknown_form_gets_that_commands_usage(harness: Harness) -> None:
    text = await harness.text("ana", "community joni data")
    assert "Did you mean `community join`?" in text
    assert "`community join COMMUNITY`" in text


async def test_oversized_text_is_refused_politely(harness: Harness) -> None:
    text = await harness.text("ana", "expertise add " + "python, " * 700)
    assert "I can read up to 4,000" in text
    async with harness.app.database.transaction() as session:
        assert await session.scalar(select(func.count(AuditEntry.id))) == 0


async def test_unknown_button_has_expired(harness: Harness) -> None:
    [reply] = await harness.press("ana", Button("?", "no.such.action", "x"))
    assert "expired" in reply.text


async def test_plain_messages_and_joins_get_no_reply_yet(harness: Harness) -> None:
    await harness.handle(MessageReceived("m1", harness.ref("ana"), harness.channel, "hello"))
    await harness.handle(MemberJoined("j1", harness.ref("ana"), harness.channel))
    assert harness.adapter.sent == []


async def test_internal_failure_is_apologised_for_and_logged_without_the_text(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(Profiles, "show", broken)
    with caplog.at_level(logging.INFO):
        text = await harness.text("ana", "profile")
    assert text.startswith("Sorry, something went wrong on my side and nothing was changed.")
    assert "reference:" in text
    assert all(
        "profile" not in record.getMessage() or "command" in record.getMessage()
        for record in caplog.records
        if record.levelno >= logging.ERROR
    )


async def test_message_bodies_are_not_logged_at_info(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "my-secret-project-codename"
    with caplog.at_level(logging.INFO):
        await harness.text("ana", f"expertise add {secret}")
    assert secret not in caplog.text


HOSTILE = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "'; DROP TABLE members; --",
            "<!channel> <!everyone> @here",
            "role grant <@U1|x> admin",
            "expertise add \x00\x1b[31m",
            "community create " + "é" * 90,
            "profile set timezone ../../../etc/passwd",
            "expertise list @",
            "role revoke",
            "community info \u202e\u200b",
            '"',
        ]
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=HOSTILE)
async def test_any_text_gets_exactly_one_reply(harness: Harness, text: str) -> None:
    before = len(harness.adapter.sent)
    await harness.say("fuzz", text)
    replies = harness.adapter.sent[before:]
    assert len(replies) == 1
    assert replies[0].text.strip()
    assert not replies[0].text.startswith("Sorry, something went wrong")


async def test_hostile_strings_are_stored_as_plain_data(harness: Harness) -> None:
    await harness.text("ana", "profile set title '; DROP TABLE members; --")
    async with harness.app.database.transaction() as session:
        titles = (await session.scalars(select(Member.title))).all()
    assert titles == ["'; DROP TABLE members; --"]


async def test_an_event_delivered_four_times_gets_one_reply(harness: Harness) -> None:
    event = CommandInvoked("Ev-retried", harness.ref("ana"), harness.direct, "expertise add sql")
    for _ in range(4):
        await harness.handle(event)
    assert [m.text for m in harness.adapter.sent] == ["Added *sql*."]


async def test_old_processed_events_are_pruned(harness: Harness) -> None:
    event = CommandInvoked("old", harness.ref("ana"), harness.direct, "expertise add sql")
    assert len(await harness.dispatch(event)) == 1
    assert isinstance(harness.app.clock, ManualClock)
    harness.app.clock.advance(timedelta(days=3))
    assert await harness.app.prune_processed_events() == 1
    assert len(await harness.dispatch(event)) == 1  # forgotten, so new again


async def test_control_characters_never_reach_storage(harness: Harness) -> None:
    # PostgreSQL refuses a NUL in text: without care this is "something went wrong".
    assert await harness.text("ana", "profile set title Lead\x00 analyst\x1b[31m") == (
        "Your title is now “Lead analyst [31m”."
    )
    replies = await harness.say("ana", "ask How do I\x00 tag a PDF\x07 for screen readers?")
    assert replies
    assert not replies[0].text.startswith("Sorry, something went wrong")
    async with harness.app.database.transaction() as session:
        [title] = (await session.scalars(select(Member.title))).all()
        questions = (await session.scalars(select(Question.text))).all()
    assert title is not None and "\x00" not in title
    assert all("\x00" not in q and "\x07" not in q for q in questions)


async def test_a_message_to_the_bot_or_in_its_dm_is_a_command_on_every_platform(
    harness: Harness,
) -> None:
    ana = harness.ref("ana")
    await harness.handle(MessageReceived("d1", ana, harness.direct, "expertise add sql"))
    await harness.handle(MessageReceived("c1", ana, harness.channel, "help", addressed=True))
    await harness.handle(MessageReceived("c2", ana, harness.channel, "help"))
    assert [m.text.split(".")[0] for m in harness.adapter.sent[:1]] == ["Added *sql*"]
    assert len(harness.adapter.sent) == 2  # the channel message not addressed is no command


async def test_a_bare_number_with_nothing_to_choose_says_so_briefly(harness: Harness) -> None:
    for typed in ("1", "#2", " 3 "):
        text = await harness.text("ana", typed)
        assert text.startswith("There's nothing waiting for a number from you just now"), typed
        assert "Commands:" not in text  # not the whole help
