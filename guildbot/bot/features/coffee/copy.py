"""What coffee intros tell members when they act, and what all coffee copy shares.

Every message of the feature is written in this module and its two siblings:
`facilitator_copy` (setup, settings, pause, preview, stats, what options may be) and
`round_copy` (what rounds queue: questions, intros, follow-ups, notes). Templates are the
bot's own words; names, titles, departments, community names and what people typed are
values, shown as written and never read as markup. Times are instants, shown in each
reader's own zone where the platform can, and as written here elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from guildbot.bot.context import Reply, quoted
from guildbot.bot.features.coffee.buttons import (
    ACTION_MET,
    ACTION_NEVER_GROUP,
    ACTION_NOT_YET,
    ACTION_SNOOZE,
    GroupButton,
    ProgramButton,
)
from guildbot.bot.rich import joined, say
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.contract.richtext import Instant, InstantStyle, RichText
from guildbot.storage.models import CoffeeParticipantStatus, Community

RESPONSES = {"met": "We met", "not_yet": "Not yet", "skip": "Skip"}  # as stored: as labelled
STATUS_WORDS = {
    CoffeeParticipantStatus.ACTIVE: "in",
    CoffeeParticipantStatus.SNOOZED: "snoozed",
    CoffeeParticipantStatus.LEFT: "left",
}
EXPIRED = say("That button has expired.")
NOT_IN_ANY = say("You're not in any coffee intros yet: `coffee join COMMUNITY`.")
NOT_IN_THOSE = say("You're not in those coffee intros: `coffee join COMMUNITY` first.")
GROUP_ONLY = say("That button is for the people in that coffee group.")
NOT_YOURSELF = say("You can't be paired with yourself anyway. 🙂")
# Where a member stands in one program: community, status, snoozed until, next round, paused.
Place = tuple[str, CoffeeParticipantStatus, datetime | None, datetime | None, bool]
# `UsageError` carries its problem as words the router reads as the bot's own markup.
NAME_THE_COMMUNITY = say("Name the community, or run this in its channel.")


# -- times ---------------------------------------------------------------------------------


def when(at: datetime, zone: str) -> Instant:
    """ "Monday 2 November at 10:00 America/Toronto": written in `zone`, and saying which,
    where a platform cannot show the moment in each reader's own zone."""
    local = at.astimezone(ZoneInfo(zone))
    return Instant(at, f"{local:%A} {local.day} {local:%B} at {local:%H:%M} {zone}")


def day(at: datetime, zone: str) -> Instant:
    """ "Saturday 7 November 2026" (as written in `zone`)."""
    local = at.astimezone(ZoneInfo(zone))
    return Instant(at, f"{local:%A} {local.day} {local:%B %Y}", InstantStyle.DATE)


def date(at: datetime, zone: str) -> Instant:
    """ "2026-11-07" (as written in `zone`)."""
    return Instant(at, f"{at.astimezone(ZoneInfo(zone)):%Y-%m-%d}", InstantStyle.DATE)


def next_round_words(template: str, at: datetime | None, zone: str) -> RichText:
    """`template` with the next round's time as {when}; nothing when there is none."""
    return say(template, when=when(at, zone)) if at is not None else RichText()


# -- which program -------------------------------------------------------------------------


def no_program(community: Community) -> RichText:
    """A community without coffee intros."""
    return say(
        "{name} has no coffee intros yet. A facilitator can start them with `coffee setup {slug}`.",
        name=community.name,
        slug=community.slug,
    )


def none_offered(joining: bool) -> RichText:
    """Nothing to join, or to change."""
    if joining:
        return say("None of your communities has coffee intros yet.")
    return say("You're not in any coffee intros.")


def which_community(slugs: Sequence[str]) -> RichText:
    """Several programs would do."""
    return say("Which community? {slugs}", slugs=joined(", ", [say("`{s}`", s=s) for s in slugs]))


# -- members -------------------------------------------------------------------------------


def members_only(community: Community) -> RichText:
    """Joining a community's intros without being in the community."""
    return say(
        "Coffee intros are for {name}'s members: `community join {slug}` first.",
        name=community.name,
        slug=community.slug,
    )


def already_in(community: Community) -> Reply:
    """Joining again."""
    return Reply(say("You're already in {name}'s coffee intros.", name=community.name))


def joined_intros(
    community: Community, next_round: datetime | None, zone: str, group_size: int
) -> Reply:
    """`coffee join` (or [Count me in again]) done."""
    size = "a colleague" if group_size == 2 else f"{group_size - 1} colleagues"
    return Reply(
        say(
            "☕ You're in {name}'s coffee intros!{upcoming} I'll open a group chat with {size} "
            "from elsewhere in the organisation.",
            name=community.name,
            upcoming=next_round_words(" The next round is {when}.", next_round, zone),
            size=size,
        ),
        context=say("`coffee snooze 3w` pauses you; `coffee never @someone` is private."),
    )


def not_in(community: Community) -> Reply:
    """Leaving (or snoozing from an intro) what one is not in."""
    return Reply(say("You're not in {name}'s coffee intros.", name=community.name))


def left(community: Community) -> Reply:
    """`coffee leave` done."""
    return Reply(
        say(
            "You've left {name}'s coffee intros. `coffee join {slug}` brings you back any time.",
            name=community.name,
            slug=community.slug,
        )
    )


def snoozed(until: datetime, zone: str, communities: Sequence[str]) -> Reply:
    """`coffee snooze` done."""
    return Reply(
        say(
            "😴 Snoozed until {day} ({names}). You'll be back in the rounds after that, "
            "automatically.",
            day=day(until, zone),
            names=", ".join(communities),
        )
    )


def snoozed_two_weeks(community: Community) -> Reply:
    """[Snooze me 2 weeks] done."""
    return Reply(
        say("😴 Snoozed for two weeks in {name}; you'll be back after that.", name=community.name)
    )


def never_already(name: str) -> Reply:
    """`coffee never` twice."""
    return Reply(say("You already asked never to be paired with {name}.", name=name))


def never_added(name: str) -> Reply:
    """`coffee never` done. (Names, not mentions: nobody is to be told.)"""
    return Reply(
        say(
            "Done: you'll never be in a coffee group with {name}. Nobody else is told, "
            "including them.",
            name=name,
        )
    )


def never_group(names: Sequence[str]) -> Reply:
    """[Never pair me with them] done."""
    return Reply(
        say(
            "Done: you won't be grouped with {names} again. Nobody else is told.",
            names=", ".join(names),
        )
    )


def status(places: Sequence[Place], never_pairs: int, zone: str) -> Reply:
    """`coffee status`: where the member stands in each program."""
    if not places:
        return Reply(
            say("You're not in any coffee intros yet."),
            context=say("`coffee join COMMUNITY` joins a community's intros."),
        )
    lines = [say("☕ *Your coffee intros*")]
    for community, status_now, until, next_round, is_paused in places:
        state = say("{word}", word=STATUS_WORDS[status_now])
        if status_now is CoffeeParticipantStatus.SNOOZED:
            state += (
                say(" until {date}", date=date(until, zone))
                if until
                else say(" until you join again")
            )
        if is_paused:
            upcoming = say("; paused by its facilitators")
        else:
            upcoming = next_round_words("; next round {when}", next_round, zone)
        lines.append(
            say("• {name}: {state}{upcoming}", name=community, state=state, upcoming=upcoming)
        )
    if never_pairs:
        lines.append(say("• Never-pairs you set: {n} (private)", n=never_pairs))
    return Reply(joined("\n", lines))


def round_answer(joining: bool) -> Reply:
    """[I'm in] or [Not this time] noted."""
    return Reply(say("☕ Great, you're in this round!" if joining else "OK, maybe next time."))


def round_formed_already() -> Reply:
    """[I'm in] after the round was formed."""
    return Reply(say("That round has already been formed; see you next time!"))


# -- follow-ups and history ----------------------------------------------------------------


def follow_up_answered(response: str) -> Reply:
    """[We met], [Not yet] or [Skip] noted."""
    if response == "met":
        return Reply(say("🎉 Lovely — thanks for telling me!"))
    if response == "not_yet":
        return Reply(say("No rush: there's still time before the next round."))
    return Reply(say("OK, noted. Thanks for answering."))


def follow_up_outsider() -> Reply:
    """A follow-up's button pressed by someone not in the group."""
    return Reply(say("That follow-up is for the people in that coffee group."))


def history(groups: Sequence[tuple[datetime, str, str, Sequence[str], str | None]]) -> Reply:
    """`coffee history`: (round's time, its local date, community, the others, one's
    answer) per group."""
    if not groups:
        return Reply(say("No coffee groups yet. `coffee join COMMUNITY` to take part."))
    lines = [say("☕ *Your latest coffee groups*")]
    for at, local_date, community, others, response in groups:
        said = say(" — you said: {r}", r=RESPONSES[response]) if response else RichText()
        lines.append(
            say(
                "• {on} ({community}): with {others}{said}",
                on=Instant(at, local_date, InstantStyle.DATE),
                community=community,
                others=", ".join(others),
                said=said,
            )
        )
    return Reply(joined("\n", lines))


@dataclass(frozen=True, slots=True)
class CurrentGroup:
    """One of a member's current coffee groups, as `coffee mine` shows it."""

    community: str
    at: datetime
    local_date: str
    others: Sequence[str]
    response: str | None
    group: GroupButton
    program: ProgramButton


def current_groups(groups: Sequence[CurrentGroup]) -> Reply:
    """`coffee mine`: each current group and its buttons (labelled by community when there
    are several, as one message holds them all)."""
    if not groups:
        return Reply(
            say(
                "You have no coffee group this month. `coffee status` shows your next round; "
                "`coffee history` your earlier groups."
            )
        )
    lines = [say("☕ *Your coffee groups now*")]
    buttons: list[Button] = []
    for current in groups:
        said = (
            say(" — you said: {r}", r=RESPONSES[current.response])
            if current.response
            else say(" — not answered yet: did you meet?")
        )
        lines.append(
            say(
                "• {community}, round of {on}: with {others}{said}",
                community=current.community,
                on=Instant(current.at, current.local_date, InstantStyle.DATE),
                others=", ".join(current.others) or "nobody else now",
                said=said,
            )
        )
        suffix = f" ({current.community})" if len(groups) > 1 else ""
        if not current.response:
            buttons += [
                Button(f"We met{suffix}", ACTION_MET, current.group.encode(), ButtonStyle.PRIMARY),
                Button(f"Not yet{suffix}", ACTION_NOT_YET, current.group.encode()),
            ]
        buttons += [
            Button(f"Snooze me 2 weeks{suffix}", ACTION_SNOOZE, current.program.encode()),
            Button(f"Never pair me with them{suffix}", ACTION_NEVER_GROUP, current.group.encode()),
        ]
    return Reply(joined("\n", lines), buttons=tuple(buttons))


# -- what a snooze may be ------------------------------------------------------------------

SNOOZE_HELP = say("Try `coffee snooze 3w` or `coffee snooze until Jan 15`.")
SNOOZE_TOO_LONG = say("You can snooze for up to a year; `coffee leave` stops intros for good.")


def not_a_date(typed: str) -> RichText:
    """`coffee snooze until whenever`."""
    return say(
        "I couldn't read {typed} as a date. Try `coffee snooze until next Friday`, `until Jan "
        "15` or `until 2027-01-15`.",
        typed=quoted(typed, 30),
    )


def not_a_duration(typed: str) -> RichText:
    """`coffee snooze soon`."""
    return say("{typed} isn't a duration. {help}", typed=quoted(typed, 20), help=SNOOZE_HELP)


def snooze_in_the_past(until: datetime, zone: str) -> RichText:
    """`coffee snooze until 2020-01-01`."""
    return say("{date} is in the past: pick a later date.", date=date(until, zone))
