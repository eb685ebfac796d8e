"""A member's place in a coffee program, as a state machine over plain values.

A participant is active, snoozed (until a moment, or until they join again) or left. They
join, leave and snooze themselves; a snooze that has ended wakes them at the next round;
three intros in a row they did not answer snooze them, with a friendly note. Each rule is a
pure function returning effects (`effects`), applied by `executor.Executor`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from guildbot.bot.features.coffee import keys, round_copy
from guildbot.bot.features.coffee.buttons import ProgramButton
from guildbot.bot.features.coffee.effects import (
    Effect,
    Enrol,
    Leave,
    Rejoin,
    SetStreak,
    Snooze,
    Tell,
    Wake,
)
from guildbot.bot.i18n import DEFAULT_LANGUAGE, Language
from guildbot.storage.models import CoffeeParticipant, CoffeeParticipantStatus

IGNORED_INTROS_BEFORE_SNOOZE = 3

Status = CoffeeParticipantStatus


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a member stands in a program."""

    member: int
    status: Status
    snoozed_until: datetime | None = None
    ignored_streak: int = 0

    @classmethod
    def of(cls, row: CoffeeParticipant) -> Standing:
        """A stored participant's standing."""
        return cls(row.member_id, Status(row.status), row.snoozed_until, row.ignored_streak)

    @property
    def taking_part(self) -> bool:
        """Joined and not gone (snoozed counts: they come back)."""
        return self.status is not Status.LEFT


def join(standing: Standing | None, member: int) -> list[Effect]:
    """Joining: a first time, or back with a clean slate; nothing when they are in already."""
    if standing is None:
        return [Enrol(member)]
    if standing.status is Status.ACTIVE:
        return []
    return [Rejoin(member)]


def leave(standing: Standing | None) -> list[Effect]:
    """Leaving; nothing when they are not in."""
    if standing is None or not standing.taking_part:
        return []
    return [Leave(standing.member)]


def snooze(standing: Standing | None, until: datetime) -> list[Effect]:
    """No intros until `until`; nothing when they are not in."""
    if standing is None or not standing.taking_part:
        return []
    return [Snooze(standing.member, until)]


def in_round_at(standing: Standing, at: datetime) -> bool:
    """Whether they are in a round at `at`: joined, and any snooze over by then."""
    if standing.status is Status.SNOOZED:
        return standing.snoozed_until is not None and standing.snoozed_until <= at
    return standing.status is Status.ACTIVE


def woken(standings: Iterable[Standing], at: datetime) -> list[Effect]:
    """The snoozes over by a round at `at`: those members are active again."""
    return [
        Wake(s.member)
        for s in standings
        if s.status is Status.SNOOZED and s.snoozed_until is not None and s.snoozed_until <= at
    ]


def after_intro(
    standings: Iterable[Standing],
    answered: Mapping[int, bool],
    *,
    community: str | None,
    program: ProgramButton,
    round_id: int,
    languages: Mapping[int, Language] | None = None,
) -> list[Effect]:
    """The streaks of ignored intros after a round whose follow-up `answered` tells who in
    its groups answered: an answer resets a streak; an active member reaching three is
    snoozed until they join again, and told so (in round `round_id`'s notes, in their
    language from `languages`; anyone missing: the default)."""
    effects: list[Effect] = []
    for standing in standings:
        if standing.member not in answered:
            continue
        streak = 0 if answered[standing.member] else standing.ignored_streak + 1
        if _snoozed_by(standing, streak):
            effects += [
                SetStreak(standing.member, 0),
                Snooze(standing.member, None),
                Tell(
                    standing.member,
                    round_id,
                    keys.AUTOSNOOZE,
                    round_copy.autosnoozed(
                        (languages or {}).get(standing.member, DEFAULT_LANGUAGE),
                        community,
                        program,
                    ),
                ),
            ]
        else:
            effects.append(SetStreak(standing.member, streak))
    return effects


def ignored_too_often(standings: Iterable[Standing], answered: Mapping[int, bool]) -> set[int]:
    """Whom `after_intro` snoozes for these answers (without its effects): what a preview
    leaves out of the round, as the round itself will."""
    return {
        s.member
        for s in standings
        if s.member in answered and not answered[s.member] and _snoozed_by(s, s.ignored_streak + 1)
    }


def _snoozed_by(standing: Standing, streak: int) -> bool:
    return streak >= IGNORED_INTROS_BEFORE_SNOOZE and standing.status is Status.ACTIVE


def snoozing(effects: Iterable[Effect]) -> set[int]:
    """Who these effects snooze."""
    return {e.member for e in effects if isinstance(e, Snooze)}
