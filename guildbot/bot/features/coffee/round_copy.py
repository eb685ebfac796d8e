"""What coffee rounds queue: the "in this time?" question, intros, follow-ups, and notes to
members and facilitators (see `copy` for how copy is written; the messages are in
`bot/i18n/locales/*/coffee-round.ftl`), each in the language of whoever reads it. Members a
group meets are mentions, which people can click.

A group's intro and follow-up are one message seen by everyone in the group. When they all
read one language, it is written in that language; when they read different ones, it says
everything in each of their languages, one after the other: the language most of them read
first, English first on a tie (the issue's other choice, each person's part in their own
language, would leave the others unable to read what was said about them). Its buttons say
their words in each language too, in the same order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
from guildbot.bot.features.coffee.reasons import group_reason, not_placed, stored_parts
from guildbot.bot.i18n import DEFAULT_LANGUAGE, Language, translate, translate_plain
from guildbot.bot.i18n.channels import side_by_side
from guildbot.bot.rich import joined
from guildbot.bot.scheduler.payload import Body
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.contract.refs import MemberRef
from guildbot.contract.richtext import Bold, Mention, RichText
from guildbot.matching.pairing import Alone
from guildbot.storage.models import CoffeeGroup
from guildbot.storage.repositories.coffee import Person

STARTERS = 8  # conversation starters in the catalogue (coffee-starter, 0 to 7)

# A program's schedule stands for its rounds, which run code and are never sent as such;
# operators' listings of schedules show this.
SCHEDULE = Body(translate(DEFAULT_LANGUAGE, "coffee-schedule-body"))


def group_languages(readers: Sequence[Language]) -> tuple[Language, ...]:
    """The languages a group's message is written in, in order: the one most of its readers
    read first, English first on a tie (see the module's docstring)."""
    counts = {language: readers.count(language) for language in set(readers)}
    ordered = sorted(counts, key=lambda one: (-counts[one], one is not Language.EN, one.value))
    return tuple(ordered) or (DEFAULT_LANGUAGE,)


# Between the versions of a mixed group's message: a blank line (see `bot.i18n.channels`).
_BETWEEN = "\n\n"


def ask_who_is_in(
    language: Language, community: str | None, at: datetime, zone: str, button: RoundButton
) -> Body:
    """A per-round program's question, a day before."""
    return Body(
        translate(
            language,
            "coffee-ask",
            name=_ours(language, community),
            when=when(language, at, zone),
        ),
        (
            Button(
                translate_plain(language, "coffee-button-in"),
                ACTION_IN,
                button.encode(),
                ButtonStyle.PRIMARY,
            ),
            Button(translate_plain(language, "coffee-button-out"), ACTION_OUT, button.encode()),
        ),
    )


def unmatched(language: Language, why: Alone) -> Body:
    """To someone the solver could not place."""
    return Body(translate(language, "coffee-unmatched", reason=not_placed(language, why)))


def autosnoozed(language: Language, community: str | None, button: ProgramButton) -> Body:
    """To someone who ignored three intros in a row."""
    return Body(
        translate(language, "coffee-autosnoozed", name=_ours(language, community)),
        (
            Button(
                translate_plain(language, "coffee-button-rejoin"),
                ACTION_REJOIN,
                button.encode(),
                ButtonStyle.PRIMARY,
            ),
        ),
    )


def too_few(language: Language, count: int) -> str:
    """Why a round was skipped (kept as the round's note, and told to facilitators)."""
    return translate_plain(language, "coffee-too-few", count=count)


def skipped(language: Language, community: str | None, at: datetime, zone: str, why: str) -> Body:
    """To facilitators: a round had no groups."""
    return Body(
        translate(
            language,
            "coffee-skipped",
            name=_a(language, community),
            when=when(language, at, zone),
            why=why,
        )
    )


def missed(language: Language, community: str | None, at: datetime, zone: str) -> Body:
    """To facilitators: a round came and went while the bot was down."""
    return Body(
        translate(
            language,
            "coffee-missed",
            name=_a(language, community),
            when=when(language, at, zone),
        )
    )


def intro(
    languages: Sequence[Language],
    community: str | None,
    people: Sequence[Person],
    group: CoffeeGroup,
    starter: int,
    where: tuple[str, str],
    program: ProgramButton,
    openers: Mapping[Language, str] | None = None,
) -> Body:
    """Who is who, what they share, a conversation starter, who proposes a time, and what
    each of them can do from there, in the group's `languages` (`group_languages`; `where`:
    the platform and workspace the group meets on, for mentions; `starter`: which
    conversation starter, when they share no skill; `openers`: the facilitators' own
    opening line in a language, in place of the starter)."""
    never = GroupButton(group.id)
    own = openers or {}

    def version(language: Language) -> Body:
        text = _intro_text(language, community, people, group, starter, where, own.get(language))
        return Body(
            text,
            (
                Button(
                    translate_plain(language, "coffee-button-snooze"),
                    ACTION_SNOOZE,
                    program.encode(),
                ),
                Button(
                    translate_plain(language, "coffee-button-never"),
                    ACTION_NEVER_GROUP,
                    never.encode(),
                ),
                Button(
                    translate_plain(language, "coffee-button-leave"),
                    ACTION_LEAVE,
                    program.encode(),
                    ButtonStyle.DANGER,
                ),
            ),
        )

    return side_by_side([version(language) for language in languages], between=_BETWEEN)


def _intro_text(
    language: Language,
    community: str | None,
    people: Sequence[Person],
    group: CoffeeGroup,
    starter: int,
    where: tuple[str, str],
    opener_written: str | None = None,
) -> RichText:
    def who(person: Person) -> Mention | Bold:
        """A member the others can click (by name, where they cannot be reached there)."""
        if person.user_id is None:
            return Bold(person.name)
        return Mention(MemberRef(where[0], where[1], person.user_id), person.name)

    lines = [translate(language, "coffee-intro-title", name=_ours(language, community))]
    for person in people:
        role = ", ".join(part for part in (person.title, person.department) if part)
        city = person.timezone.rsplit("/", 1)[-1].replace("_", " ")
        if role:
            lines.append(
                translate(
                    language, "coffee-intro-person-role", who=who(person), role=role, city=city
                )
            )
        else:
            lines.append(translate(language, "coffee-intro-person", who=who(person), city=city))
    counts: dict[str, int] = {}
    for person in people:
        for skill in person.skills:
            counts[skill] = counts.get(skill, 0) + 1
    shared = sorted(s for s, k in counts.items() if k >= 2)
    if shared:
        lines.append(translate(language, "coffee-intro-shared", skills=", ".join(shared[:4])))
    else:
        offers = [
            translate_plain(
                language,
                "coffee-intro-knows",
                name=p.name.split()[0],
                skills=", ".join(sorted(p.skills)[:2]),
            )
            for p in people
            if p.skills
        ]
        if len(offers) >= 2:
            lines.append(translate(language, "coffee-intro-swap", offers="; ".join(offers)))
    reason = group_reason(language, stored_parts(group.reason_parts), group.reason)
    lines.append(translate(language, "coffee-intro-why", reason=reason))
    opener = (
        RichText.of(opener_written)  # the facilitators' words, never read as markup
        if opener_written
        else translate(language, "coffee-intro-skill-opener", skill=shared[0])
        if shared
        else translate(language, "coffee-starter", number=starter % STARTERS)
    )
    lines.append(translate(language, "coffee-intro-start", opener=opener))
    proposer = next((p for p in people if p.member_id == group.proposer_id), people[0])
    lines.append(translate(language, "coffee-intro-proposer", who=who(proposer)))
    return joined("\n", lines)


def follow_up(languages: Sequence[Language], community: str | None, group: GroupButton) -> Body:
    """Near the end of the round, in the group's conversation (in its `languages`)."""

    def version(language: Language) -> Body:
        return Body(
            translate(language, "coffee-follow-up", name=_ours(language, community)),
            (
                Button(
                    translate_plain(language, "coffee-button-met"),
                    ACTION_MET,
                    group.encode(),
                    ButtonStyle.PRIMARY,
                ),
                Button(
                    translate_plain(language, "coffee-button-not-yet"),
                    ACTION_NOT_YET,
                    group.encode(),
                ),
                Button(
                    translate_plain(language, "coffee-button-skip"), ACTION_SKIP, group.encode()
                ),
            ),
        )

    return side_by_side([version(language) for language in languages], between=_BETWEEN)


def _ours(language: Language, community: str | None) -> str:
    return community or translate_plain(language, "coffee-your-community")


def _a(language: Language, community: str | None) -> str:
    return community or translate_plain(language, "coffee-a-community")
