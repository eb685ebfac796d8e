"""Coffee intros end to end: setup, join, rounds through the scheduler, intros, follow-ups.

Everything goes through the recording adapter and a clock that only moves here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.outbox import Outbox
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.refs import ConversationKind
from guildbot.contract.richtext import Mention
from guildbot.storage.models import (
    CoffeeGroup,
    CoffeeGroupMember,
    CoffeeProgram,
    CoffeeRound,
    Schedule,
)
from tests.fakes import Harness, Sent, button

# START (conftest) is Monday 2 November 2026, 14:00 UTC = 09:00 in Toronto.
FIRST_ROUND = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)  # Monday 10:00 Toronto
PEOPLE = {
    "ana": "Finance",
    "ben": "Health",
    "cy": "Transport",
    "di": "Legal",
    "ed": "Statistics",
}
SETUP = "coffee setup data-science weekly on monday at 10:00 in America/Toronto"


async def community_with(harness: Harness, people: dict[str, str] = PEOPLE) -> None:
    """Ana founds Data Science (she is its admin); everyone sets a department and joins."""
    await harness.say("ana", "community create Data Science")
    for user, department in people.items():
        await harness.text(user, f"profile set department {department}")
        if user != "ana":
            await harness.text(user, "community join data-science")


async def join_all(harness: Harness, people: dict[str, str] = PEOPLE) -> None:
    for user in people:
        text = await harness.text(user, "coffee join data-science")
        assert "You're in" in text, text


def intros(messages: list[Sent]) -> list[Sent]:
    return [m for m in messages if m.text.startswith("☕ *Coffee intro*")]


def members_of(message: OutboundMessage) -> set[str]:
    """The fake adapter names a group conversation G<user>-<user>…"""
    return set(message.to.channel_id.removeprefix("G").split("-"))


async def test_a_round_introduces_everyone_once_and_follows_up(
    harness: Harness, clock: ManualClock
) -> None:
    await community_with(harness)
    reply = await harness.text("ana", SETUP)
    assert "Coffee intros are set up for *Data Science*" in reply
    assert "weekly on Monday at 10:00 (America/Toronto)" in reply
    assert "Next round: Monday 2 November at 10:00" in reply
    await join_all(harness)

    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    found = intros(sent)
    assert len(found) == 2  # five people: a pair and a trio
    groups = [members_of(m) for m in found]
    assert sorted(len(g) for g in groups) == [2, 3]
    assert set().union(*groups) == set(PEOPLE)
    for message in found:
        assert message.to.kind is ConversationKind.GROUP
        assert "you're proposing a time this round" in message.text
        assert "Why this group:" in message.text
        assert "To start:" in message.text
        assert [b.label for b in message.buttons] == [
            "Snooze me 2 weeks",
            "Never pair me with them",
            "Leave coffee intros",
        ]
    trio = next(m for m in found if len(members_of(m)) == 3)
    assert "so nobody is left out" in trio.text

    # The follow-up comes near the end of the round (five days later), in each group chat.
    later = await harness.run_until(clock, FIRST_ROUND + timedelta(days=5, minutes=1))
    follow_ups = [m for m in later if "How did your Data Science coffee go?" in m.text]
    assert len(follow_ups) == 2
    assert [b.label for b in follow_ups[0].buttons] == ["We met", "Not yet", "Skip"]
    pair_follow_up = next(m for m in follow_ups if len(members_of(m)) == 2)
    first = sorted(members_of(pair_follow_up))[0]
    [thanks] = await harness.press(first, button(pair_follow_up, "We met"))
    assert "Lovely" in thanks.text
    outsider = next(u for u in PEOPLE if u not in members_of(pair_follow_up))
    [refused] = await harness.press(outsider, button(pair_follow_up, "We met"))
    assert "for the people in that coffee group" in refused.text

    history = await harness.text(first, "coffee history")
    assert "you said: We met" in history
    stats = await harness.text("ana", "coffee stats data-science")
    assert "Participation: 5 of 5 members in" in stats
    assert "Meeting rate: 50% of groups met (1 of 2 answered the follow-up)" in stats
    assert "Repeat rate: 0%" in stats
    assert "2026-Q4: 4 (1 met)" in stats  # one pair + three pairs in the trio

    # Nothing is sent twice, however often the scheduler runs.
    before = len(harness.adapter.sent)
    await harness.run_until(clock, FIRST_ROUND + timedelta(days=6))
    assert intros(harness.adapter.sent[before:]) == []


async def test_two_processes_run_a_round_once(harness: Harness, clock: ManualClock) -> None:
    await community_with(harness)
    await harness.text("ana", SETUP)
    await join_all(harness)
    clock.advance(FIRST_ROUND - clock.now())
    first, second = harness.ticker(clock, "A"), harness.ticker(clock, "B")
    await first.tick()
    await second.tick()
    await first.tick()
    assert len(intros(harness.adapter.sent)) == 2
    assert await harness.count(CoffeeRound) == 1
    assert await harness.count(CoffeeGroup) == 2


async def test_a_process_dying_mid_round_is_taken_over_after_its_lease(
    harness: Harness, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    await community_with(harness)
    await harness.text("ana", SETUP)
    await join_all(harness)
    clock.advance(FIRST_ROUND - clock.now())

    async def dies(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the process died")

    # It formed the groups and then died before queueing any intro.
    with monkeypatch.context() as patched:
        patched.setattr(Outbox, "group", dies)
        await harness.ticker(clock, "dying").tick()
    assert await harness.count(CoffeeGroup) == 2
    await harness.ticker(clock, "survivor").tick()
    assert intros(harness.adapter.sent) == []  # still someone else's
    clock.advance(timedelta(minutes=6))
    await harness.ticker(clock, "survivor").tick()
    assert len(intros(harness.adapter.sent)) == 2  # the same groups, introduced once
    assert await harness.count(CoffeeGroup) == 2


async def test_never_pairs_are_respected_and_private(harness: Harness, clock: ManualClock) -> None:
    people = {"ana": "Finance", "ben": "Health", "cy": "Finance", "di": "Health"}
    await community_with(harness, people)
    await harness.text("ana", SETUP)
    await join_all(harness, people)
    # Cross-department pairs would be ana+ben and cy+di, or ana+di and ben+cy.
    reply = await harness.say("ana", "coffee never @ben")
    assert len(reply) == 1
    assert "you'll never be in a coffee group with Ben" in reply[0].text
    assert reply[0].ephemeral_to is not None  # private
    assert "already asked" in await harness.text("ana", "coffee never ben")
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    groups = [members_of(m) for m in intros(sent)]
    assert {"ana", "ben"} not in groups
    assert {"ana", "di"} in groups


async def test_bad_input_is_refused_and_changes_nothing(harness: Harness) -> None:
    await community_with(harness)
    assert "isn't a time I can read" in await harness.text(
        "ana", "coffee setup data-science at 25:00"
    )
    assert "2 to 6 people" in await harness.text("ana", "coffee setup data-science groups of 7")
    assert "every 1 to 12 weeks" in await harness.text(
        "ana", "coffee setup data-science every 0 weeks"
    )
    assert "can't read that cadence" in await harness.text(
        "ana", "coffee setup data-science every fortnight"
    )
    assert "isn't a day of the week" in await harness.text(
        "ana", "coffee setup data-science on mundy"
    )
    assert "didn't understand “sometimes”" in await harness.text(
        "ana", "coffee setup data-science weekly sometimes"
    )
    assert await harness.count(CoffeeProgram) == 0
    assert "facilitators and admins" in await harness.text("ben", SETUP)
    assert await harness.count(CoffeeProgram) == 0
    await harness.text("ana", SETUP)
    assert "in the past" in await harness.text("ben", "coffee snooze until 2020-01-01")
    assert "isn't a duration" in await harness.text("ben", "coffee snooze soon")
    assert "yourself" in await harness.text("ben", "coffee never @ben")
    assert "couldn't find a member" in await harness.text("ben", "coffee never @nobody.here")
    assert "Usage" in await harness.text("ben", "coffee never")


async def test_coffee_mine_shows_the_group_and_its_buttons_again(
    harness: Harness, clock: ManualClock
) -> None:
    await community_with(harness)
    await harness.text("ana", SETUP)
    assert "no coffee group this month" in await harness.text("ben", "coffee mine")
    await join_all(harness)
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    [group] = [members_of(m) for m in intros(sent) if "ben" in members_of(m)]
    [mine] = await harness.say("ben", "coffee mine")
    assert "Your coffee groups now" in mine.text
    assert "Data Science, round of" in mine.text and "not answered yet" in mine.text
    for other in group - {"ben"}:
        assert other.title() in mine.text
    assert [b.label for b in mine.buttons] == [
        "We met",
        "Not yet",
        "Snooze me 2 weeks",
        "Never pair me with them",
    ]
    [thanks] = await harness.press("ben", button(mine, "We met"))
    assert "Lovely" in thanks.text
    [after] = await harness.say("ben", "coffee mine")
    assert "you said: We met" in after.text
    assert [b.label for b in after.buttons] == ["Snooze me 2 weeks", "Never pair me with them"]
    clock.advance(timedelta(days=40))
    assert "no coffee group this month" in await harness.text("ben", "coffee mine")


async def test_snooze_until_reads_dates_as_events_do(harness: Harness) -> None:
    await community_with(harness)
    await harness.text("ana", SETUP)
    await join_all(harness)
    # START is Monday 2 November 2026.
    friday = await harness.text("ben", "coffee snooze until next Friday data-science")
    assert "Snoozed until Friday 6 November 2026" in friday
    january = await harness.text("cy", "coffee snooze until Jan 15")
    assert "Snoozed until Friday 15 January 2027" in january
    iso = await harness.text("di", "coffee snooze until 2027-02-01")
    assert "Snoozed until Monday 1 February 2027" in iso
    refused = await harness.text("ed", "coffee snooze until whenever suits")
    assert "I couldn't read “whenever suits” as a date" in refused
    assert "Data Science: in" in await harness.text("ed", "coffee status")


async def test_snooze_resumes_by_itself(harness: Harness, clock: ManualClock) -> None:
    await community_with(harness)
    await harness.text("ana", SETUP)
    await join_all(harness)
    reply = await harness.text("ben", "coffee snooze 5d")
    assert "Snoozed until Saturday 7 November 2026" in reply
    status = await harness.text("ben", "coffee status")
    assert "Data Science: snoozed until 2026-11-07" in status
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    assert "ben" not in set().union(*(members_of(m) for m in intros(sent)))
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(days=7, minutes=1))
    assert "ben" in set().union(*(members_of(m) for m in intros(sent)))
    assert "Data Science: in; next round" in await harness.text("ben", "coffee status")


async def test_three_ignored_intros_snooze_with_a_friendly_note(
    harness: Harness, clock: ManualClock
) -> None:
    people = {"ana": "Finance", "ben": "Health", "cy": "Transport"}
    await community_with(harness, people)
    await harness.text("ana", SETUP)
    await join_all(harness, people)
    for week in range(3):
        sent = await harness.run_until(clock, FIRST_ROUND + timedelta(days=7 * week + 6))
        assert len(intros(sent)) == 1
        [follow_up] = [m for m in sent if "How did your" in m.text]
        await harness.press("ana", button(follow_up, "Skip"))  # ana answers, the others don't
    fourth = await harness.run_until(clock, FIRST_ROUND + timedelta(days=21, hours=1))
    notes = [m for m in fourth if "I haven't heard back after your last three" in m.text]
    assert sorted(m.to.channel_id for m in notes) == ["Gben", "Gcy"]
    assert notes[0].buttons[0].label == "Count me in again"
    # Only ana is left: the round is skipped, and the facilitator (ana) is told why.
    skipped = [m for m in fourth if "was skipped: only 1 person taking part" in m.text]
    assert [m.to.channel_id for m in skipped] == ["Gana"]
    assert intros(fourth) == []
    [back] = await harness.press("ben", notes[0].buttons[0])
    assert "You're in" in back.text


async def test_preview_and_reroll_show_the_groups_the_round_will_make(
    harness: Harness, clock: ManualClock
) -> None:
    await community_with(harness)
    await harness.text("ana", SETUP)
    await join_all(harness)
    [preview] = await harness.say("ana", "coffee preview data-science")
    assert "*Preview* — Data Science, round of Monday 2 November at 10:00" in preview.text
    assert preview.ephemeral_to is not None
    assert [b.label for b in preview.buttons] == ["Re-roll"]
    assert "only you see this" in preview.text
    [refused] = await harness.press("ben", preview.buttons[0])
    assert "facilitators and admins" in refused.text
    shown = preview
    for _ in range(3):
        [shown] = await harness.press("ana", shown.buttons[0])
        assert shown.text.startswith("🎲 Re-rolled.")
    expected = sorted(
        sorted(line.split(" — ")[0].removeprefix("• ").split(" + "))
        for line in shown.text.splitlines()
        if line.startswith("• ")
    )
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    made = sorted(
        sorted(
            piece.name
            for line in m.message.text.lines()
            if line.plain().startswith("• ")
            for piece in line
            if isinstance(piece, Mention)
        )
        for m in intros(sent)
    )
    assert made == expected


async def test_per_round_programs_ask_a_day_before(harness: Harness, clock: ManualClock) -> None:
    await community_with(harness)
    reply = await harness.text("ana", SETUP.replace("weekly", "weekly per-round"))
    assert "asked a day before" in reply
    await join_all(harness)
    # The first Monday 10:00 is less than a day away: it is asked about right away.
    sent = await harness.run_until(clock, FIRST_ROUND - timedelta(minutes=1))
    asks = [m for m in sent if "are you in this time?" in m.text]
    assert sorted(m.to.channel_id for m in asks) == sorted(f"G{u}" for u in PEOPLE)
    by_user = {m.to.channel_id.removeprefix("G"): m for m in asks}
    for user in ("ana", "ben", "cy"):
        [ok] = await harness.press(user, button(by_user[user], "I'm in"))
        assert "you're in this round" in ok.text
    await harness.press("di", button(by_user["di"], "Not this time"))
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    [trio] = intros(sent)
    assert members_of(trio) == {"ana", "ben", "cy"}
    [late] = await harness.press("ed", button(by_user["ed"], "I'm in"))
    assert "already been formed" in late.text


async def test_paused_programs_skip_rounds_quietly(harness: Harness, clock: ManualClock) -> None:
    await community_with(harness)
    await harness.text("ana", SETUP)
    await join_all(harness)
    assert "paused" in await harness.text("ana", "coffee pause data-science")
    assert "already paused" in await harness.text("ana", "coffee pause data-science")
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    assert sent == []
    reply = await harness.text("ana", "coffee resume data-science")
    assert "back on. Next round: Monday 9 November at 10:00" in reply
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(days=7, minutes=1))
    assert len(intros(sent)) == 2


async def test_settings_show_and_change_the_program(harness: Harness, clock: ManualClock) -> None:
    await community_with(harness)
    await harness.text("ana", SETUP)
    shown = await harness.text("ben", "coffee settings data-science")
    assert "weekly on Monday at 10:00 (America/Toronto)" in shown
    assert "department=1 timezone=0.5 new=1 skills=0.5" in shown
    changed = await harness.text(
        "ana", "coffee settings data-science every 2 weeks on tuesday at 9am groups of 3 new=2"
    )
    assert "every 2 weeks on Tuesday at 09:00 (America/Toronto)" in changed
    assert "Groups of 3" in changed
    assert "new=2" in changed
    assert "Next round: Tuesday 3 November at 09:00" in changed
    async with harness.app.database.transaction() as session:
        active = (await session.scalars(select(Schedule).where(Schedule.active.is_(True)))).all()
    assert len(active) == 1
    assert active[0].rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"


async def test_members_leave_and_buttons_in_intros_work(
    harness: Harness, clock: ManualClock
) -> None:
    await community_with(harness)
    await harness.text("ana", SETUP)
    await join_all(harness)
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    intro = next(m for m in intros(sent) if "ben" in members_of(m))
    [snoozed] = await harness.press("ben", button(intro, "Snooze me 2 weeks"))
    assert "Snoozed for two weeks" in snoozed.text
    [never] = await harness.press("ben", button(intro, "Never pair me with them"))
    assert "you won't be grouped with" in never.text
    [gone] = await harness.press("ben", button(intro, "Leave coffee intros"))
    assert "You've left Data Science's coffee intros" in gone.text
    assert "left" in await harness.text("ben", "coffee status")
    assert "You're not in" in await harness.text("ben", "coffee leave data-science")


@pytest.mark.parametrize("size", [2, 3])
async def test_members_without_a_group_are_told_why(
    harness: Harness, clock: ManualClock, size: int
) -> None:
    people = {"ana": "Finance", "ben": "Health", "cy": "Legal"}
    await community_with(harness, people)
    await harness.text("ana", f"{SETUP} groups of {size}")
    await join_all(harness, people)
    await harness.text("ana", "coffee never @ben")
    await harness.text("ana", "coffee never @cy")
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    [intro] = intros(sent)
    assert members_of(intro) == {"ben", "cy"}
    [told] = [m for m in sent if "couldn't find you a coffee group" in m.text]
    assert told.to.channel_id == "Gana"
    async with harness.app.database.transaction() as session:
        assert await session.scalar(select(func.count(CoffeeGroupMember.id))) == 2
