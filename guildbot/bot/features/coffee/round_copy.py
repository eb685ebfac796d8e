"""What coffee rounds queue: the "in this time?" question, intros, follow-ups, and notes to
members and facilitators (see `copy` for how copy is written). Members a group meets are
mentions, which people can click."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from guildbot.bot.features.coffee.buttons import (
    ACTION_IN,
    ACTION_LEAVE,
    ACTION_MET,
    ACTION_NEVER_GROUP,
    ACTION_NOT_YET,
    ACTION_OUT,
    ACTION_REJOIN,
    ACTION_SKIP,
    ACTION_SNOOZE,
    GroupButton,
    ProgramButton,
    RoundButton,
)
from guildbot.bot.features.coffee.copy import when
from guildbot.bot.rich import joined, say
from guildbot.bot.scheduler.payload import Body
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.contract.refs import MemberRef
from guildbot.contract.richtext import Bold, Mention
from guildbot.storage.models import CoffeeGroup
from guildbot.storage.repositories.coffee import Person

STARTERS = (
    "What's something at work you're quietly proud of this year?",
    "What does a good week look like in your team?",
    "Which tool or habit saves you the most time?",
    "What's a problem your department solves that others might not know about?",
    "What would you change first if you ran the organisation for a day?",
    "What's the best thing you've read or watched lately, for work or not?",
    "What did you do before your current role?",
    "Who outside your team has helped you most, and how?",
)

# A program's schedule stands for its rounds, which run code and are never sent as such;
# operators' listings of schedules show this.
SCHEDULE = Body(say("coffee round"))


def ask_who_is_in(community: str | None, at: datetime, zone: str, button: RoundButton) -> Body:
    """A per-round program's question, a day before."""
    return Body(
        say(
            "☕ {name} coffee round on {when}: are you in this time?",
            name=_ours(community),
            when=when(at, zone),
        ),
        (
            Button("I'm in", ACTION_IN, button.encode(), ButtonStyle.PRIMARY),
            Button("Not this time", ACTION_OUT, button.encode()),
        ),
    )


def unmatched(reason: str) -> Body:
    """To someone the solver could not place."""
    return Body(
        say(
            "☕ I couldn't find you a coffee group this round: {reason}. You're in the next "
            "one as usual.",
            reason=reason,
        )
    )


def autosnoozed(community: str | None, button: ProgramButton) -> Body:
    """To someone who ignored three intros in a row."""
    return Body(
        say(
            "☕ I haven't heard back after your last three coffee intros in {name}, so I've "
            "paused yours — no hard feelings. Whenever you'd like them again, press the "
            "button or type `coffee join`.",
            name=_ours(community),
        ),
        (Button("Count me in again", ACTION_REJOIN, button.encode(), ButtonStyle.PRIMARY),),
    )


def too_few(count: int) -> str:
    """Why a round was skipped (kept as the round's note, and told to facilitators)."""
    return f"only {count} {'person' if count == 1 else 'people'} taking part"


def skipped(community: str | None, at: datetime, zone: str, why: str) -> Body:
    """To facilitators: a round had no groups."""
    return Body(
        say(
            "☕ The {name} coffee round of {when} was skipped: {why}.",
            name=_a(community),
            when=when(at, zone),
            why=why,
        )
    )


def missed(community: str | None, at: datetime, zone: str) -> Body:
    """To facilitators: a round came and went while the bot was down."""
    return Body(
        say(
            "☕ The {name} coffee round of {when} was missed: Guildbot was offline past the "
            "time it could still be useful. The next round is on schedule.",
            name=_a(community),
            when=when(at, zone),
        )
    )


def intro(
    community: str | None,
    people: Sequence[Person],
    group: CoffeeGroup,
    starter: int,
    where: tuple[str, str],
    program: ProgramButton,
) -> Body:
    """Who is who, what they share, a conversation starter, who proposes a time, and what
    each of them can do from there (`where`: the platform and workspace the group meets on,
    for mentions; `starter`: which conversation starter, when they share no skill)."""

    def who(person: Person) -> Mention | Bold:
        """A member the others can click (by name, where they cannot be reached there)."""
        if person.user_id is None:
            return Bold(person.name)
        return Mention(MemberRef(where[0], where[1], person.user_id), person.name)

    lines = [say("☕ *Coffee intro* — {name}. Meet each other:", name=_ours(community))]
    for person in people:
        role = ", ".join(part for part in (person.title, person.department) if part)
        city = person.timezone.rsplit("/", 1)[-1].replace("_", " ")
        lines.append(
            say(
                "• {who}{role} · {city}",
                who=who(person),
                role=say(" — {role}", role=role) if role else "",
                city=city,
            )
        )
    counts: dict[str, int] = {}
    for person in people:
        for skill in person.skills:
            counts[skill] = counts.get(skill, 0) + 1
    shared = sorted(s for s, k in counts.items() if k >= 2)
    if shared:
        lines.append(say("You have in common: {skills}.", skills=", ".join(shared[:4])))
    else:
        offers = [
            f"{p.name.split()[0]} knows {', '.join(sorted(p.skills)[:2])}"
            for p in people
            if p.skills
        ]
        if len(offers) >= 2:
            lines.append(say("Plenty to swap: {offers}.", offers="; ".join(offers)))
    lines.append(say("Why this group: {reason}.", reason=group.reason))
    opener = (
        say("What's the most useful thing you've learned about {skill} lately?", skill=shared[0])
        if shared
        else STARTERS[starter % len(STARTERS)]
    )
    lines.append(say("To start: {opener}", opener=opener))
    proposer = next((p for p in people if p.member_id == group.proposer_id), people[0])
    lines.append(
        say(
            "{who}, you're proposing a time this round: suggest two slots that suit everyone.",
            who=who(proposer),
        )
    )
    never = GroupButton(group.id)
    return Body(
        joined("\n", lines),
        (
            Button("Snooze me 2 weeks", ACTION_SNOOZE, program.encode()),
            Button("Never pair me with them", ACTION_NEVER_GROUP, never.encode()),
            Button("Leave coffee intros", ACTION_LEAVE, program.encode(), ButtonStyle.DANGER),
        ),
    )


def follow_up(community: str | None, group: GroupButton) -> Body:
    """Near the end of the round, in the group's conversation."""
    return Body(
        say(
            "☕ How did your {name} coffee go? Each of you can answer — it helps me make "
            "better groups.",
            name=_ours(community),
        ),
        (
            Button("We met", ACTION_MET, group.encode(), ButtonStyle.PRIMARY),
            Button("Not yet", ACTION_NOT_YET, group.encode()),
            Button("Skip", ACTION_SKIP, group.encode()),
        ),
    )


def _ours(community: str | None) -> str:
    return community or "your community"


def _a(community: str | None) -> str:
    return community or "a community"
