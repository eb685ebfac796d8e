"""What coffee intros tell facilitators: setup, settings, pause, preview and stats, and what
the options of `coffee setup|settings` may be (see `copy` for how copy is written; the
messages are in `bot/i18n/locales/*/coffee-facilitator.ftl`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from babel.numbers import format_decimal

from guildbot.bot.context import Reply
from guildbot.bot.features.coffee.buttons import ACTION_REROLL, ProgramButton
from guildbot.bot.features.coffee.copy import weekday, when
from guildbot.bot.features.coffee.figures import Figures
from guildbot.bot.features.coffee.reasons import group_reason, not_placed
from guildbot.bot.i18n import Language, translate, translate_plain
from guildbot.bot.i18n import quoted as quoted_in
from guildbot.bot.rich import Value, joined
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.contract.richtext import RichText
from guildbot.matching.pairing import Pairing
from guildbot.storage.models import Community
from guildbot.storage.repositories.coffee import Person


def decimal(language: Language, value: float, digits: int) -> str:
    """A figure with `digits` decimals, with the language's decimal mark (English as it
    always was: "2.0")."""
    if language is Language.EN:
        return f"{value:.{digits}f}"
    pattern = "0." + "0" * digits if digits else "0"
    return format_decimal(value, format=pattern, locale=language.value)


# -- settings, pause -----------------------------------------------------------------------


def cadence(
    language: Language, frequency: str, interval: int, day: int, local_time: str, zone: str
) -> str:
    """ "every 2 weeks on Tuesday at 10:00 (America/Toronto)", in `language`."""
    if language is Language.FR:
        hours, _, minutes = local_time.partition(":")
        local_time = f"{int(hours)} h {minutes}"
    return translate_plain(
        language,
        "coffee-cadence",
        frequency="monthly" if frequency == "monthly" else "weekly",
        interval=interval,
        day=weekday(language, day),
        time=local_time,
        zone=zone,
    )


def summary(
    language: Language,
    cadence: str,
    group_size: int,
    per_round: bool,
    weights: Sequence[tuple[str, float]],
    taking_part: int,
    next_round: datetime | None,
    is_paused: bool,
    zone: str,
    shared_language: bool = False,
) -> RichText:
    """A program's settings, one per line (`cadence` as `cadence` writes it)."""
    if is_paused:
        upcoming = translate(language, "coffee-summary-paused")
    elif next_round is None:
        upcoming = translate(language, "coffee-summary-not-scheduled")
    else:
        upcoming = translate(language, "coffee-summary-next", when=when(language, next_round, zone))
    lines = [
        translate(language, "coffee-summary-cadence", cadence=cadence),
        translate(
            language,
            "coffee-summary-groups",
            size=group_size,
            participation="per_round" if per_round else "standing",
        ),
        *([translate(language, "coffee-summary-shared-language")] if shared_language else []),
        translate(
            language,
            "coffee-summary-weights",
            weights=" ".join(f"{name}={weight:g}" for name, weight in weights),
        ),
        translate(language, "coffee-summary-taking-part", count=taking_part),
        upcoming,
    ]
    return joined("\n", lines)


def set_up(language: Language, community: Community, settings: RichText, created: bool) -> Reply:
    """`coffee setup` done."""
    if created:
        text = translate(language, "coffee-set-up", name=community.name, settings=settings)
    else:
        text = translate(language, "coffee-updated", name=community.name, settings=settings)
    return Reply(
        text,
        context=translate(language, "coffee-set-up-hint", slug=community.slug),
    )


def settings_shown(language: Language, community: Community, settings: RichText) -> Reply:
    """`coffee settings` with nothing to change."""
    return Reply(
        translate(language, "coffee-settings", name=community.name, settings=settings),
        context=translate(language, "coffee-settings-hint"),
    )


def settings_changed(language: Language, community: Community, settings: RichText) -> Reply:
    """`coffee settings` with changes."""
    return Reply(translate(language, "coffee-updated", name=community.name, settings=settings))


def already(language: Language, community: Community, is_paused: bool) -> Reply:
    """Pausing what is paused, or resuming what runs."""
    state = "paused" if is_paused else "running"
    return Reply(translate(language, "coffee-already", name=community.name, state=state))


def paused(language: Language, community: Community) -> Reply:
    """`coffee pause` done."""
    return Reply(translate(language, "coffee-paused", name=community.name))


def resumed(
    language: Language, community: Community, next_round: datetime | None, zone: str
) -> Reply:
    """`coffee resume` done."""
    if next_round is None:
        return Reply(translate(language, "coffee-resumed", name=community.name))
    return Reply(
        translate(
            language,
            "coffee-resumed-next",
            name=community.name,
            when=when(language, next_round, zone),
        )
    )


def no_next_round(language: Language, community: Community) -> RichText:
    """A preview with nothing to preview."""
    return translate(language, "coffee-no-next-round", name=community.name)


def preview_too_few(
    language: Language,
    community: Community,
    at: datetime,
    zone: str,
    count: int,
    left_out: Sequence[str] = (),
) -> Reply:
    """A preview of a round that would be skipped."""
    line = translate(
        language,
        "coffee-preview-too-few",
        name=community.name,
        when=when(language, at, zone),
        count=count,
    )
    return Reply(joined("\n", [line, *_left_out(language, left_out)]))


def _left_out(language: Language, names: Sequence[str]) -> list[RichText]:
    """Who the round snoozes, as it will (said in the preview so its count adds up)."""
    if not names:
        return []
    return [translate(language, "coffee-left-out", names=", ".join(names))]


def preview(
    language: Language,
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
    title: dict[str, Value] = {
        "name": community.name,
        "when": when(language, at, zone),
        "count": taking_part,
    }
    if rerolled:
        lines = [translate(language, "coffee-preview-title-rerolled", **title)]
    else:
        lines = [translate(language, "coffee-preview-title", **title)]
    for group in pairing.groups:
        names = " + ".join(people[int(m)].name for m in group.members)
        reason = group_reason(language, group.parts, group.reason)
        lines.append(translate(language, "coffee-preview-group", names=names, reason=reason))
    for unmatched in pairing.unmatched:
        lines.append(
            translate(
                language,
                "coffee-preview-unmatched",
                name=people[int(unmatched.id)].name,
                reason=not_placed(language, unmatched.why),
            )
        )
    lines.append(
        translate(language, "coffee-preview-total", total=decimal(language, pairing.total, 1))
    )
    lines += _left_out(language, left_out)
    return Reply(
        joined("\n", lines),
        buttons=(
            Button(
                translate_plain(language, "coffee-button-reroll"),
                ACTION_REROLL,
                button.encode(),
                ButtonStyle.DEFAULT,
            ),
        ),
        context=translate(language, "coffee-preview-hint"),
    )


def stats(language: Language, community: Community, figures: Figures) -> Reply:
    """`coffee stats`."""
    taking = figures.participation
    lines = [
        translate(language, "coffee-stats-title", name=community.name),
        translate(
            language,
            "coffee-stats-participation",
            active=taking.active,
            size=taking.community_size,
            snoozed=taking.snoozed,
            left=taking.left,
        ),
    ]
    if not figures.rounds:
        lines.append(translate(language, "coffee-stats-no-rounds", skipped=figures.skipped))
        return Reply(joined("\n", lines))
    lines.append(
        translate(
            language,
            "coffee-stats-rounds",
            rounds=figures.rounds,
            skipped=figures.skipped,
            groups=figures.groups,
            people=decimal(language, figures.people_per_round, 1),
        )
    )
    meeting = figures.meeting
    if meeting.asked == 0:
        lines.append(translate(language, "coffee-stats-no-follow-ups"))
    else:
        lines.append(
            translate(
                language,
                "coffee-stats-meeting",
                rate=decimal(language, 100 * meeting.met / meeting.asked, 0),
                answered=meeting.answered,
                asked=meeting.asked,
            )
        )
    lines.append(
        translate(language, "coffee-stats-repeat", rate=decimal(language, figures.repeat_rate, 0))
    )
    connections = joined(
        ", ",
        [
            translate(language, "coffee-stats-connection", quarter=quarter, new=new, met=met)
            for quarter, new, met in figures.connections
        ],
    )
    lines.append(translate(language, "coffee-stats-connections", connections=connections))
    return Reply(joined("\n", lines))


# -- options -------------------------------------------------------------------------------


def setting_not_understood(language: Language, typed: str) -> RichText:
    """A word after the options began that is no option."""
    return translate(
        language, "coffee-setting-not-understood", typed=quoted_in(language, typed, 30)
    )


def group_size_missing(language: Language, low: int, high: int) -> RichText:
    """`groups of` with no number."""
    return translate(language, "coffee-group-size-missing", low=low, high=high)


def group_size_out_of_range(language: Language, typed: str, low: int, high: int) -> RichText:
    """A group size that is no number, or too small or large."""
    return translate(
        language,
        "coffee-group-size-out-of-range",
        low=low,
        high=high,
        typed=quoted_in(language, typed, 10),
    )


def interval_out_of_range(language: Language, limit: int) -> RichText:
    """`every 0 weeks`, `every 13 months`."""
    return translate(language, "coffee-interval-out-of-range", limit=limit)


def cadence_unreadable(language: Language) -> RichText:
    """`every` followed by something else."""
    return translate(language, "coffee-cadence-unreadable")


def not_a_weekday(language: Language, typed: str, suggestion: str | None) -> RichText:
    """`on mundy`."""
    shown = quoted_in(language, typed, 20)
    if suggestion:
        return translate(
            language, "coffee-not-a-weekday-suggest", typed=shown, day=suggestion.title()
        )
    return translate(language, "coffee-not-a-weekday", typed=shown)


def not_a_time(language: Language, typed: str) -> RichText:
    """`at 25:00`."""
    return translate(language, "coffee-not-a-time", typed=quoted_in(language, typed, 20))


def weight_out_of_range(language: Language, name: str, limit: float) -> RichText:
    """`department=9`, `skills=x`."""
    return translate(language, "coffee-weight-out-of-range", name=name, limit=f"{limit:g}")
