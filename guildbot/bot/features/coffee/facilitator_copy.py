"""What coffee intros tell facilitators: setup, settings, pause, preview and stats, and what
the options of `coffee setup|settings` may be (see `copy` for how copy is written)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from guildbot.bot.context import Reply, quoted
from guildbot.bot.features.coffee.buttons import ACTION_REROLL, ProgramButton
from guildbot.bot.features.coffee.copy import next_round_words, when
from guildbot.bot.features.coffee.figures import Figures
from guildbot.bot.rich import joined, say
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.contract.richtext import RichText
from guildbot.matching.pairing import Pairing
from guildbot.storage.models import Community
from guildbot.storage.repositories.coffee import Person

# -- settings, pause -----------------------------------------------------------------------


def summary(
    cadence: str,
    group_size: int,
    per_round: bool,
    weights: Sequence[tuple[str, float]],
    taking_part: int,
    next_round: datetime | None,
    is_paused: bool,
    zone: str,
) -> RichText:
    """A program's settings, one per line."""
    participation = (
        "members say each time whether they're in (asked a day before)"
        if per_round
        else "everyone who joined takes part until they snooze or leave"
    )
    lines = [
        say("• Cadence: {cadence}", cadence=cadence),
        say("• Groups of {size}; {participation}", size=group_size, participation=participation),
        say(
            "• Weights: {weights}",
            weights=" ".join(f"{name}={weight:g}" for name, weight in weights),
        ),
        say("• Taking part: {n}", n=taking_part),
        say("• Paused")
        if is_paused
        else say(
            "• Next round: {when}",
            when=when(next_round, zone) if next_round is not None else "not scheduled",
        ),
    ]
    return joined("\n", lines)


def set_up(community: Community, settings: RichText, created: bool) -> Reply:
    """`coffee setup` done."""
    head = "☕ Coffee intros are set up" if created else "☕ Coffee intros updated"
    return Reply(
        say("{head} for *{name}*.\n{settings}", head=head, name=community.name, settings=settings),
        context=say(
            "Members join with `coffee join {slug}`; `coffee preview {slug}` shows the next "
            "round privately.",
            slug=community.slug,
        ),
    )


def settings_shown(community: Community, settings: RichText) -> Reply:
    """`coffee settings` with nothing to change."""
    return Reply(
        say("☕ Coffee intros for *{name}*\n{settings}", name=community.name, settings=settings),
        context=say(
            "Facilitators change them with `coffee settings COMMUNITY every 2 weeks on tuesday "
            "at 10:00 groups of 3 department=2` and the like."
        ),
    )


def settings_changed(community: Community, settings: RichText) -> Reply:
    """`coffee settings` with changes."""
    return Reply(
        say(
            "☕ Coffee intros updated for *{name}*.\n{settings}",
            name=community.name,
            settings=settings,
        )
    )


def already(community: Community, is_paused: bool) -> Reply:
    """Pausing what is paused, or resuming what runs."""
    state = "paused" if is_paused else "running"
    return Reply(
        say("{name}'s coffee intros are already {state}.", name=community.name, state=state)
    )


def paused(community: Community) -> Reply:
    """`coffee pause` done."""
    return Reply(
        say("⏸ {name}'s coffee intros are paused. `coffee resume` restarts.", name=community.name)
    )


def resumed(community: Community, next_round: datetime | None, zone: str) -> Reply:
    """`coffee resume` done."""
    upcoming = next_round_words(" Next round: {when}.", next_round, zone)
    return Reply(
        say(
            "▶ {name}'s coffee intros are back on.{upcoming}",
            name=community.name,
            upcoming=upcoming,
        )
    )


def no_next_round(community: Community) -> RichText:
    """A preview with nothing to preview."""
    return say("{name}'s coffee intros have no next round.", name=community.name)


def preview_too_few(
    community: Community, at: datetime, zone: str, count: int, left_out: Sequence[str] = ()
) -> Reply:
    """A preview of a round that would be skipped."""
    lines = [
        say(
            "The next {name} round ({when}) has {count} {people} taking part so far: it would "
            "be skipped.",
            name=community.name,
            when=when(at, zone),
            count=count,
            people="person" if count == 1 else "people",
        )
    ]
    return Reply(joined("\n", [*lines, *_left_out(left_out)]))


def _left_out(names: Sequence[str]) -> list[RichText]:
    """Who the round snoozes, as it will (said in the preview so its count adds up)."""
    if not names:
        return []
    return [
        say(
            "Not in it: {names} (no answer to their last three intros; they will be snoozed "
            "unless they answer the last one).",
            names=", ".join(names),
        )
    ]


def preview(
    community: Community,
    at: datetime,
    zone: str,
    pairing: Pairing,
    people: dict[int, Person],
    taking_part: int,
    button: ProgramButton,
    rerolled: bool,
    left_out: Sequence[str] = (),
) -> Reply:
    """The next round's groups (of `taking_part` people), privately, with [Re-roll]."""
    lines = [
        say(
            "{head}☕ *Preview* — {name}, round of {when} ({count}, only you see this):",
            head="🎲 Re-rolled. " if rerolled else "",
            name=community.name,
            when=when(at, zone),
            count="1 person" if taking_part == 1 else f"{taking_part} people",
        )
    ]
    for group in pairing.groups:
        names = " + ".join(people[int(m)].name for m in group.members)
        lines.append(say("• {names} — {reason}", names=names, reason=group.reason))
    for unmatched in pairing.unmatched:
        lines.append(
            say(
                "• {name}: not placed ({reason})",
                name=people[int(unmatched.id)].name,
                reason=unmatched.reason,
            )
        )
    lines.append(say("Total score {total}.", total=f"{pairing.total:.1f}"))
    lines += _left_out(left_out)
    return Reply(
        joined("\n", lines),
        buttons=(Button("Re-roll", ACTION_REROLL, button.encode(), ButtonStyle.DEFAULT),),
        context=say("If nobody joins or leaves before then, these are the groups."),
    )


def stats(community: Community, figures: Figures) -> Reply:
    """`coffee stats`."""
    taking = figures.participation
    lines = [
        say("📊 *Coffee stats* — {name}", name=community.name),
        say(
            "• Participation: {active} of {size} members in ({snoozed} snoozed, {left} left)",
            active=taking.active,
            size=taking.community_size,
            snoozed=taking.snoozed,
            left=taking.left,
        ),
    ]
    if not figures.rounds:
        lines.append(say("• No rounds yet ({skipped} skipped).", skipped=figures.skipped))
        return Reply(joined("\n", lines))
    lines.append(
        say(
            "• Rounds: {rounds} ({skipped} skipped), {groups} groups, {people} people per round",
            rounds=figures.rounds,
            skipped=figures.skipped,
            groups=figures.groups,
            people=f"{figures.people_per_round:.1f}",
        )
    )
    meeting = figures.meeting
    if meeting.asked == 0:
        lines.append(say("• Meeting rate: no follow-ups asked yet"))
    else:
        lines.append(
            say(
                "• Meeting rate: {rate}% of groups met ({answered} of {asked} answered the "
                "follow-up)",
                rate=f"{100 * meeting.met / meeting.asked:.0f}",
                answered=meeting.answered,
                asked=meeting.asked,
            )
        )
    lines.append(
        say("• Repeat rate: {rate}% of groups had met before", rate=f"{figures.repeat_rate:.0f}")
    )
    connections = ", ".join(
        f"{quarter}: {new} ({met} met)" for quarter, new, met in figures.connections
    )
    lines.append(say("• New cross-department connections: {c}", c=connections))
    return Reply(joined("\n", lines))


# -- options -------------------------------------------------------------------------------


def setting_not_understood(typed: str) -> RichText:
    """A word after the options began that is no option."""
    return say(
        "I didn't understand {typed} in those settings. See `help coffee` for what you can set.",
        typed=quoted(typed, 30),
    )


def group_size_missing(low: int, high: int) -> RichText:
    """`groups of` with no number."""
    return say("Give a group size from {low} to {high}, like `groups of 3`.", low=low, high=high)


def group_size_out_of_range(typed: str, low: int, high: int) -> RichText:
    """A group size that is no number, or too small or large."""
    return say(
        "Groups can have {low} to {high} people, not {typed}.",
        low=low,
        high=high,
        typed=quoted(typed, 10),
    )


def interval_out_of_range(limit: int) -> RichText:
    """`every 0 weeks`, `every 13 months`."""
    return say("Rounds can be every 1 to {limit} weeks or months.", limit=limit)


def cadence_unreadable() -> RichText:
    """`every` followed by something else."""
    return say(
        "I can't read that cadence. Try `weekly`, `every 2 weeks`, `monthly` or `every 3 months`."
    )


def not_a_weekday(typed: str, suggestion: str | None) -> RichText:
    """`on mundy`."""
    hint = say(" Did you mean {day}?", day=suggestion.title()) if suggestion else RichText()
    return say("{typed} isn't a day of the week.{hint}", typed=quoted(typed, 20), hint=hint)


def not_a_time(typed: str) -> RichText:
    """`at 25:00`."""
    return say(
        "{typed} isn't a time I can read: use 24-hour HH:MM like 09:30, or 9am.",
        typed=quoted(typed, 20),
    )


def weight_out_of_range(name: str, limit: float) -> RichText:
    """`department=9`, `skills=x`."""
    return say(
        "The {name} weight must be a number from 0 to {limit}.", name=name, limit=f"{limit:g}"
    )
