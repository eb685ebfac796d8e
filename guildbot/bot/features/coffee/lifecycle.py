"""A coffee round as a state machine over plain values.

A round is scheduled when its occurrence is materialised (a per-round program then asks who
is in), claimed by one process when due, then formed (its groups stored), and finally
introduced (intros and follow-ups queued), skipped (paused, or fewer than two people) or
missed (too late to be useful). Each decision is a pure function returning effects
(`effects`), applied by `executor.Executor`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from guildbot.bot.features.coffee import keys, round_copy
from guildbot.bot.features.coffee.buttons import RoundButton
from guildbot.bot.features.coffee.effects import (
    Effect,
    FormGroups,
    Miss,
    NewGroup,
    Skip,
    Tell,
)
from guildbot.bot.i18n import DEFAULT_LANGUAGE, Language
from guildbot.bot.scheduler.payload import Body
from guildbot.matching.pairing import Pairing

PAUSED = "paused"  # a skipped round's note, which nobody is told about
MAX_REASON = 500
MAX_NOTE = 300


@dataclass(frozen=True, slots=True)
class RoundFacts:
    """What a round's decisions depend on."""

    id: int
    occurrence_at: datetime
    seed: int
    formed: bool
    paused: bool
    community: str | None  # its name (None: gone)
    zone: str  # the program's
    facilitators: tuple[int, ...]  # who hears about its problems
    # The language each member it may tell reads (anyone missing: the default).
    languages: Mapping[int, Language] = field(default_factory=dict)

    def language(self, member: int) -> Language:
        """The language `member` is told things in."""
        return self.languages.get(member, DEFAULT_LANGUAGE)


class Next(StrEnum):
    """What a claimed round does next, when it goes on."""

    FORM = "form"
    INTRODUCE = "introduce"


def asked(facts: RoundFacts, members: Iterable[int], due: datetime) -> list[Effect]:
    """A per-round program's round is scheduled: ask each member whether they are in."""

    def body(member: int) -> Body:
        return round_copy.ask_who_is_in(
            facts.language(member),
            facts.community,
            facts.occurrence_at,
            facts.zone,
            RoundButton(facts.id),
        )

    return [Tell(member, facts.id, keys.ASK, body(member), due) for member in members]


def on_claim(facts: RoundFacts, now: datetime, grace: timedelta) -> Next | Skip | Miss:
    """A claimed round: introduce the groups it has; else miss it when it is past its grace
    (facilitators are told), skip it quietly while paused, or form its groups."""
    if facts.formed:
        return Next.INTRODUCE
    if facts.occurrence_at < now - grace:
        return Miss(
            facts.id,
            _tell_facilitators(
                facts,
                keys.MISSED,
                lambda language: round_copy.missed(
                    language, facts.community, facts.occurrence_at, facts.zone
                ),
            ),
        )
    if facts.paused:
        return Skip(facts.id, PAUSED)
    return Next.FORM


def after_solving(
    facts: RoundFacts,
    taking_part: int,
    pairing: Pairing | None,
    names: Mapping[int, str],
    proposals: Mapping[int, int],
) -> list[Effect]:
    """A round solved (None: fewer than two people, nothing to solve): skip it and tell the
    facilitators, or store its groups and tell whoever could not be placed why."""
    if pairing is None:
        # The round's note is kept in the default language; each facilitator reads theirs.
        why = round_copy.too_few(DEFAULT_LANGUAGE, taking_part)

        def body(language: Language) -> Body:
            said = round_copy.too_few(language, taking_part)
            return round_copy.skipped(
                language, facts.community, facts.occurrence_at, facts.zone, said
            )

        return [Skip(facts.id, why, _tell_facilitators(facts, keys.SKIPPED, body))]
    groups = []
    for position, group in enumerate(pairing.groups):
        members = tuple(int(m) for m in group.members)
        groups.append(
            NewGroup(
                position,
                group.score,
                group.reason[:MAX_REASON],
                proposer(members, proposals, facts.seed),
                members,
                group.parts,
            )
        )
    note = (
        "; ".join(f"{names[int(u.id)]}: {u.reason}" for u in pairing.unmatched)[:MAX_NOTE]
        if pairing.unmatched
        else None
    )
    effects: list[Effect] = [FormGroups(facts.id, tuple(groups), pairing.total, note)]
    effects += [
        Tell(
            int(u.id),
            facts.id,
            keys.UNMATCHED,
            round_copy.unmatched(facts.language(int(u.id)), u.why),
        )
        for u in pairing.unmatched
    ]
    return effects


def proposer(members: Sequence[int], proposals: Mapping[int, int], seed: int) -> int:
    """Who proposes a time: whoever has proposed least often in the program, ties broken
    by the round's seed (so a round reproduces, and ties do not always go the same way)."""
    return min(
        members,
        key=lambda m: (proposals.get(m, 0), hashlib.sha256(f"{seed}:{m}".encode()).hexdigest()),
    )


def _tell_facilitators(
    facts: RoundFacts, purpose: str, body: Callable[[Language], Body]
) -> tuple[Tell, ...]:
    """The same note to each facilitator, in their language."""
    return tuple(
        Tell(member, facts.id, purpose, body(facts.language(member)))
        for member in facts.facilitators
    )
