"""A facilitator's preview is the round: the groups `coffee preview` shows are the groups the
round then forms, round after round (history, rotation, re-rolls, ignored intros), for every
group size, in rounds small enough for the exact search and larger ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from guildbot.bot.clock import ManualClock
from guildbot.contract.richtext import Mention
from tests.fakes import Harness, Sent, button

FIRST_ROUND = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)  # Monday 10:00 Toronto
SETUP = "coffee setup data-science weekly on monday at 10:00 in America/Toronto"
DEPARTMENTS = ("Finance", "Health", "Transport", "Legal", "Statistics")
ZONES = ("America/Toronto", "America/Vancouver", "Europe/London", "America/Halifax")
SKILLS = ("python", "sql", "statistics", "excel", "r")

Groups = list[frozenset[str]]


def people(count: int) -> list[str]:
    return [f"p{k:02d}" for k in range(count)]


async def community(harness: Harness, count: int, size: int) -> None:
    """p00 founds Data Science and sets intros up; everyone has a department, a zone and a
    skill or two, and joins."""
    await harness.say("p00", "community create Data Science")
    for k, user in enumerate(people(count)):
        await harness.text(user, f"profile set department {DEPARTMENTS[k % 5]}")
        await harness.text(user, f"profile set timezone {ZONES[k * 7 % 4]}")
        for skill in {SKILLS[k % 5], SKILLS[k * 3 % 5]}:
            await harness.say(user, f"expertise add {skill}")
        if user != "p00":
            await harness.text(user, "community join data-science")
    assert "set up" in await harness.text("p00", f"{SETUP} groups of {size}")
    for user in people(count):
        assert "You're in" in await harness.text(user, "coffee join data-science")


def previewed(preview: Sent) -> tuple[Groups, list[str]]:
    """The groups a preview shows, and whom it says it could not place."""
    groups: Groups = []
    unplaced: list[str] = []
    for line in preview.text.splitlines():
        if not line.startswith("• "):
            continue
        names = line.removeprefix("• ").split(" — ")[0]
        if ": not placed" in names:
            unplaced.append(names.split(":")[0])
        else:
            groups.append(frozenset(names.split(" + ")))
    return sorted(groups, key=sorted), sorted(unplaced)


def introduced(sent: list[Sent]) -> Groups:
    """The groups the round's intros introduce (by the names they mention)."""
    return sorted(
        (
            frozenset(
                piece.name
                for line in m.message.text.lines()
                if line.plain().startswith("• ")
                for piece in line
                if isinstance(piece, Mention)
            )
            for m in sent
            if m.text.startswith("☕ *Coffee intro*")
        ),
        key=sorted,
    )


@pytest.mark.parametrize(
    ("count", "size"),
    [(11, 2), (11, 3), (13, 3), (17, 3), (9, 4), (7, 4), (9, 5), (11, 6), (17, 6)],
)
async def test_the_preview_is_the_round_it_forms(
    harness: Harness, clock: ManualClock, count: int, size: int
) -> None:
    await community(harness, count, size)
    for week in range(4):
        occurrence = FIRST_ROUND + timedelta(days=7 * week)
        [preview] = await harness.say("p00", "coffee preview data-science")
        if week == 1:  # a re-roll: the round takes the new seed
            [preview] = await harness.press("p00", button(preview, "Re-roll"))
        shown, unplaced = previewed(preview)
        sent = await harness.run_until(clock, occurrence + timedelta(minutes=1))
        made = introduced(sent)
        assert made == shown, (week, preview.text)
        assert unplaced == []
        if week == 3:  # who ignored three intros is left out, in the preview as in the round
            assert "Not in it: " in preview.text
        if not made:
            assert "it would be skipped" in preview.text
            continue
        assert max(map(len, made)) - min(map(len, made)) <= 1
        # Near the end of the round, the first two groups say they met; the others ignore
        # the follow-up (after three such rounds they are snoozed: the fourth preview knows).
        later = await harness.run_until(clock, occurrence + timedelta(days=5, minutes=1))
        for follow_up in [m for m in later if "How did your" in m.text][:2]:
            member = follow_up.to.channel_id.removeprefix("G").split("-")[0]
            await harness.press(member, button(follow_up, "We met"))
