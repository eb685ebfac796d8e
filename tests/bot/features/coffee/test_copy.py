"""Coffee copy as people read it: what they typed and their names stay words, the members a
group meets are mentions, and times are instants each platform can show in its reader's
zone."""

from __future__ import annotations

from datetime import timedelta

from guildbot.bot.clock import ManualClock
from guildbot.contract.richtext import Bold, Instant, InstantStyle, Mention, RichText, Text
from tests.bot.features.coffee.test_coffee import (
    FIRST_ROUND,
    PEOPLE,
    SETUP,
    community_with,
    intros,
    join_all,
    members_of,
)
from tests.fakes import Harness

NEXT_ROUND = Instant(FIRST_ROUND, "Monday 2 November at 10:00 America/Toronto")


def bold(text: RichText) -> list[str]:
    return [piece.text for piece in text if isinstance(piece, Bold)]


async def test_what_people_typed_is_never_read_as_markup(harness: Harness) -> None:
    await community_with(harness)
    [refused] = await harness.say("ana", "coffee setup data-science weekly *often*")
    assert "I didn't understand “*often*” in those settings." in refused.text
    assert bold(refused.message.text) == []
    [refused] = await harness.say("ana", "coffee setup data-science on *fri*")
    assert refused.text.startswith("“*fri*” isn't a day of the week.")


async def test_names_and_departments_stay_words(harness: Harness, clock: ManualClock) -> None:
    people = {"ana": "Finance", "ben": "Data *Ops*"}
    await community_with(harness, people)
    await harness.text("ana", SETUP)
    await join_all(harness, people)
    [intro] = intros(await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1)))
    assert "• Ben (@ben) — Data *Ops* · Toronto" in intro.text
    assert bold(intro.message.text) == ["Coffee intro"]


async def test_an_intro_mentions_the_group_and_who_proposes_a_time(
    harness: Harness, clock: ManualClock
) -> None:
    await community_with(harness)
    await harness.text("ana", SETUP)
    await join_all(harness)
    sent = await harness.run_until(clock, FIRST_ROUND + timedelta(minutes=1))
    for intro in intros(sent):
        lines = intro.message.text.lines()
        listed = [p for line in lines[1:] for p in line if isinstance(p, Mention)]
        group = members_of(intro.message)
        # Each member once in "Meet each other", and the one proposing a time again.
        assert sorted(m.member.user_id for m in listed[:-1]) == sorted(group)
        assert {m.name for m in listed} <= {u.title() for u in PEOPLE}
        proposer = listed[-1]
        assert proposer.member.user_id in group
        assert intro.text.endswith(
            f"{proposer.name} (@{proposer.member.user_id}), you're proposing a time this "
            "round: suggest two slots that suit everyone."
        )


async def test_times_are_instants_in_the_readers_zone(harness: Harness) -> None:
    await community_with(harness)
    [set_up] = await harness.say("ana", SETUP)
    assert NEXT_ROUND in set_up.message.text.pieces
    [joined] = await harness.say("ben", "coffee join data-science")
    assert NEXT_ROUND in joined.message.text.pieces
    [snoozed] = await harness.say("ben", "coffee snooze 5d")
    until = Instant(FIRST_ROUND - timedelta(hours=1) + timedelta(days=5), "", InstantStyle.DATE)
    [shown] = [p for p in snoozed.message.text if isinstance(p, Instant)]
    assert (shown.at, shown.style) == (until.at, until.style)
    assert shown.shown == "Saturday 7 November 2026"
    [status] = await harness.say("ben", "coffee status")
    instants = [p for p in status.message.text if isinstance(p, Instant)]
    assert [i.shown for i in instants] == [
        "2026-11-07",
        "Monday 2 November at 10:00 America/Toronto",
    ]
    assert all(not isinstance(p, Text) or "*" not in p.text for p in status.message.text)
