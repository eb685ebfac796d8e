"""Why a coffee group was formed, and why someone was not placed, in the reader's language.

The pairing solver gives its reasons as parts (`matching.pairing.ReasonPart`, plain values);
a group keeps them in the database beside their English words, so an intro, its preview and
a notice are each written in their reader's language. A group stored before the parts were
kept has only its English words, which are shown as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from guildbot.bot.i18n import Language, translate, translate_plain
from guildbot.bot.i18n.formatting import format_number
from guildbot.bot.rich import joined
from guildbot.contract.richtext import RichText
from guildbot.matching.pairing import Alone, ReasonPart, Why

_PART = {
    Why.TWO_DEPARTMENTS: "coffee-reason-two-departments",
    Why.ONE_DEPARTMENT: "coffee-reason-one-department",
    Why.DEPARTMENTS: "coffee-reason-departments",
    Why.NEVER_MET: "coffee-reason-never-met",
    Why.MET: "coffee-reason-met",
    Why.SAME_HOURS: "coffee-reason-same-hours",
    Why.SOME_HOURS: "coffee-reason-some-hours",
    Why.NO_HOURS: "coffee-reason-no-hours",
    Why.SHARED_SKILLS: "coffee-reason-shared-skills",
    Why.COMPLEMENTARY: "coffee-reason-complementary",
    Why.FOLDED: "coffee-reason-folded",
}
_ALONE = {
    Alone.NOBODY_ELSE: "coffee-alone-nobody-else",
    Alone.ALL_NEVER_PAIRS: "coffee-alone-all-never-pairs",
    Alone.NOBODY_LEFT: "coffee-alone-nobody-left",
    Alone.NEVER_PAIR: "coffee-alone-never-pair",
}


def group_reason(language: Language, parts: Sequence[ReasonPart], stored: str) -> RichText:
    """Why the group was formed, in `language` (`stored`: its English words, for a group
    kept before its parts were)."""
    if not parts:
        return RichText.of(stored)
    separator = translate_plain(language, "coffee-reason-separator")
    return joined(separator, [_part(language, part) for part in parts])


def not_placed(language: Language, why: Alone) -> RichText:
    """Why someone could not be placed this round."""
    return translate(language, _ALONE[why])


def stored_parts(data: Any) -> tuple[ReasonPart, ...]:
    """The parts a group keeps in the database (nothing, if any of them is not one)."""
    if not isinstance(data, list):
        return ()
    parts = [ReasonPart.from_json(item) for item in data]
    return tuple(part for part in parts if part is not None) if all(parts) else ()


def _part(language: Language, part: ReasonPart) -> RichText:
    names = ", ".join(part.names)
    first, second = (*part.names, "", "")[:2]
    # Hours as the solver writes them in English (7.5, 8); each language's own decimal mark.
    hours = f"{part.number:g}" if language is Language.EN else format_number(language, part.number)
    return translate(
        language,
        _PART[part.why],
        size=part.size,
        count=round(part.number),
        rounds=round(part.number),
        hours=hours,
        names=names,
        first=first,
        second=second,
        department=first,
    )
