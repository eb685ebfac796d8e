"""What coffee intros tell members when they act, and what all coffee copy shares.

Every message of the feature is in the catalogues (`bot/i18n/locales/*/coffee.ftl` and
`coffee-facilitator.ftl`), written from this module and its two siblings:
`facilitator_copy` (setup, settings, pause, preview, stats, what options may be) and
`round_copy` (what rounds queue: questions, intros, follow-ups, notes). Each function takes
the reader's language first: the acting member's for a reply, each recipient's for what is
sent to others. Names, titles, departments, community names and what people typed are
values, shown as written and never read as markup. Times are instants, shown in each
reader's own zone where the platform can, and as written here elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from guildbot.bot.context import Reply
from guildbot.bot.features.coffee.buttons import (
    ACTION_MET,
    ACTION_NEVER_GROUP,
    ACTION_NOT_YET,
    ACTION_SNOOZE,
    GroupButton,
    ProgramButton,
)
from guildbot.bot.i18n import Language, translate, translate_plain
from guildbot.bot.i18n import quoted as quoted_in
from guildbot.bot.rich import Value, joined, say
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.contract.richtext import Instant, InstantStyle, RichText
from guildbot.storage.models import CoffeeParticipantStatus, Community

# Where a member stands in one program: community, status, snoozed until, next round, paused.
Place = tuple[str, CoffeeParticipantStatus, datetime | None, datetime | None, bool]


def expired(language: Language) -> RichText:
    return translate(language, "coffee-expired")


def not_in_any(language: Language) -> RichText:
    return translate(language, "coffee-not-in-any")


def not_in_those(language: Language) -> RichText:
    return translate(language, "coffee-not-in-those")


def group_only(language: Language) -> RichText:
    return translate(language, "coffee-group-only")


def not_yourself(language: Language) -> RichText:
    return translate(language, "coffee-not-yourself")


def name_the_community(language: Language) -> RichText:
    """`UsageError` carries its problem as words the router reads as the bot's own markup."""
    return translate(language, "coffee-name-the-community")


def someone(language: Language) -> str:
    """A group member whose name is gone."""
    return translate_plain(language, "coffee-someone")


def them(language: Language) -> str:
    return translate_plain(language, "coffee-them")


# -- times ---------------------------------------------------------------------------------

# French as the Government of Canada writes it ("lundi 2 novembre à 10 h 00"); English as
# it always was (strftime's C-locale names).
_FR_WHEN = "EEEE d MMMM 'à' HH 'h' mm"
_FR_DAY = "EEEE d MMMM y"


def when(language: Language, at: datetime, zone: str) -> Instant:
    """ "Monday 2 November at 10:00 America/Toronto": written in `zone`, and saying which,
    where a platform cannot show the moment in each reader's own zone."""
    if language is Language.FR:
        written = format_datetime(at, _FR_WHEN, tzinfo=ZoneInfo(zone), locale="fr")
        return Instant(at, f"{written} {zone}")
    local = at.astimezone(ZoneInfo(zone))
    return Instant(at, f"{local:%A} {local.day} {local:%B} at {local:%H:%M} {zone}")


def day(language: Language, at: datetime, zone: str) -> Instant:
    """ "Saturday 7 November 2026" (as written in `zone`)."""
    if language is Language.FR:
        written = format_datetime(at, _FR_DAY, tzinfo=ZoneInfo(zone), locale="fr")
        return Instant(at, written, InstantStyle.DATE)
    local = at.astimezone(ZoneInfo(zone))
    return Instant(at, f"{local:%A} {local.day} {local:%B %Y}", InstantStyle.DATE)


def date(at: datetime, zone: str) -> Instant:
    """ "2026-11-07" (as written in `zone`; the same in every language)."""
    return Instant(at, f"{at.astimezone(ZoneInfo(zone)):%Y-%m-%d}", InstantStyle.DATE)


def weekday(language: Language, index: int) -> str:
    """Monday (0) to Sunday (6), capitalised as the language writes a day on its own."""
    names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    return translate_plain(language, "coffee-weekday", day=names[index])


# -- which program -------------------------------------------------------------------------


def no_program(language: Language, community: Community) -> RichText:
    """A community without coffee intros."""
    return translate(language, "coffee-no-program", name=community.name, slug=community.slug)


def none_offered(language: Language, joining: bool) -> RichText:
    """Nothing to join, or to change."""
    if joining:
        return translate(language, "coffee-none-offered")
    return translate(language, "coffee-none-joined")


def which_community(language: Language, slugs: Sequence[str]) -> RichText:
    """Several programs would do."""
    listed = joined(", ", [say("`{s}`", s=s) for s in slugs])
    return translate(language, "coffee-which-community", slugs=listed)


# -- members -------------------------------------------------------------------------------


def members_only(language: Language, community: Community) -> RichText:
    """Joining a community's intros without being in the community."""
    return translate(language, "coffee-members-only", name=community.name, slug=community.slug)


def already_in(language: Language, community: Community) -> Reply:
    """Joining again."""
    return Reply(translate(language, "coffee-already-in", name=community.name))


def joined_intros(
    language: Language,
    community: Community,
    next_round: datetime | None,
    zone: str,
    group_size: int,
) -> Reply:
    """`coffee join` (or [Count me in again]) done."""
    others = group_size - 1
    text = (
        translate(language, "coffee-joined", name=community.name, others=others)
        if next_round is None
        else translate(
            language,
            "coffee-joined-next",
            name=community.name,
            when=when(language, next_round, zone),
            others=others,
        )
    )
    return Reply(text, context=translate(language, "coffee-joined-hint"))


def not_in(language: Language, community: Community) -> Reply:
    """Leaving (or snoozing from an intro) what one is not in."""
    return Reply(translate(language, "coffee-not-in", name=community.name))


def left(language: Language, community: Community) -> Reply:
    """`coffee leave` done."""
    return Reply(translate(language, "coffee-left", name=community.name, slug=community.slug))


def snoozed(language: Language, until: datetime, zone: str, communities: Sequence[str]) -> Reply:
    """`coffee snooze` done."""
    return Reply(
        translate(
            language,
            "coffee-snoozed",
            day=day(language, until, zone),
            names=", ".join(communities),
        )
    )


def snoozed_two_weeks(language: Language, community: Community) -> Reply:
    """[Snooze me 2 weeks] done."""
    return Reply(translate(language, "coffee-snoozed-two-weeks", name=community.name))


def never_already(language: Language, name: str) -> Reply:
    """`coffee never` twice."""
    return Reply(translate(language, "coffee-never-already", name=name))


def never_added(language: Language, name: str) -> Reply:
    """`coffee never` done. (Names, not mentions: nobody is to be told.)"""
    return Reply(translate(language, "coffee-never-added", name=name))


def never_group(language: Language, names: Sequence[str]) -> Reply:
    """[Never pair me with them] done."""
    return Reply(translate(language, "coffee-never-group", names=", ".join(names)))


def status(language: Language, places: Sequence[Place], never_pairs: int, zone: str) -> Reply:
    """`coffee status`: where the member stands in each program."""
    if not places:
        return Reply(
            translate(language, "coffee-status-none"),
            context=translate(language, "coffee-status-none-hint"),
        )
    lines = [translate(language, "coffee-status-title")]
    for community, status_now, until, next_round, is_paused in places:
        if status_now is not CoffeeParticipantStatus.SNOOZED:
            state = translate(language, "coffee-status-word", status=status_now.value)
        elif until:
            state = translate(language, "coffee-status-snoozed-until", date=date(until, zone))
        else:
            state = translate(language, "coffee-status-snoozed-open")
        if is_paused:
            line = translate(language, "coffee-status-line-paused", name=community, state=state)
        elif next_round is not None:
            line = translate(
                language,
                "coffee-status-line-next",
                name=community,
                state=state,
                when=when(language, next_round, zone),
            )
        else:
            line = translate(language, "coffee-status-line", name=community, state=state)
        lines.append(line)
    if never_pairs:
        lines.append(translate(language, "coffee-status-never", count=never_pairs))
    return Reply(joined("\n", lines))


def round_answer(language: Language, joining: bool) -> Reply:
    """[I'm in] or [Not this time] noted."""
    if joining:
        return Reply(translate(language, "coffee-round-in"))
    return Reply(translate(language, "coffee-round-out"))


def round_formed_already(language: Language) -> Reply:
    """[I'm in] after the round was formed."""
    return Reply(translate(language, "coffee-round-formed"))


# -- follow-ups and history ----------------------------------------------------------------


def response_word(language: Language, response: str) -> str:
    """What a member answered (as stored: met, not_yet, skip), as its button says it."""
    return translate_plain(language, "coffee-response", response=response)


def follow_up_answered(language: Language, response: str) -> Reply:
    """[We met], [Not yet] or [Skip] noted."""
    if response == "met":
        return Reply(translate(language, "coffee-answered-met"))
    if response == "not_yet":
        return Reply(translate(language, "coffee-answered-not-yet"))
    return Reply(translate(language, "coffee-answered-skip"))


def follow_up_outsider(language: Language) -> Reply:
    """A follow-up's button pressed by someone not in the group."""
    return Reply(translate(language, "coffee-follow-up-outsider"))


def history(
    language: Language, groups: Sequence[tuple[datetime, str, str, Sequence[str], str | None]]
) -> Reply:
    """`coffee history`: (round's time, its local date, community, the others, one's
    answer) per group."""
    if not groups:
        return Reply(translate(language, "coffee-history-none"))
    lines = [translate(language, "coffee-history-title")]
    for at, local_date, community, others, response in groups:
        values: dict[str, Value] = {
            "on": Instant(at, local_date, InstantStyle.DATE),
            "community": community,
            "others": ", ".join(others),
        }
        if response:
            answer = response_word(language, response)
            lines.append(translate(language, "coffee-history-line-said", answer=answer, **values))
        else:
            lines.append(translate(language, "coffee-history-line", **values))
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


def current_groups(language: Language, groups: Sequence[CurrentGroup]) -> Reply:
    """`coffee mine`: each current group and its buttons (labelled by community when there
    are several, as one message holds them all)."""
    if not groups:
        return Reply(translate(language, "coffee-mine-none"))
    lines = [translate(language, "coffee-mine-title")]
    buttons: list[Button] = []
    for current in groups:
        values: dict[str, Value] = {
            "community": current.community,
            "on": Instant(current.at, current.local_date, InstantStyle.DATE),
            "others": ", ".join(current.others) or translate_plain(language, "coffee-mine-nobody"),
        }
        if current.response:
            answer = response_word(language, current.response)
            lines.append(translate(language, "coffee-mine-line-said", answer=answer, **values))
        else:
            lines.append(translate(language, "coffee-mine-line", **values))
        suffix = f" ({current.community})" if len(groups) > 1 else ""

        if not current.response:
            buttons += [
                Button(
                    translate_plain(language, "coffee-button-met") + suffix,
                    ACTION_MET,
                    current.group.encode(),
                    ButtonStyle.PRIMARY,
                ),
                Button(
                    translate_plain(language, "coffee-button-not-yet") + suffix,
                    ACTION_NOT_YET,
                    current.group.encode(),
                ),
            ]
        buttons += [
            Button(
                translate_plain(language, "coffee-button-snooze") + suffix,
                ACTION_SNOOZE,
                current.program.encode(),
            ),
            Button(
                translate_plain(language, "coffee-button-never") + suffix,
                ACTION_NEVER_GROUP,
                current.group.encode(),
            ),
        ]
    return Reply(joined("\n", lines), buttons=tuple(buttons))


# -- what a snooze may be ------------------------------------------------------------------


def snooze_help(language: Language) -> RichText:
    return translate(language, "coffee-snooze-help")


def snooze_too_long(language: Language) -> RichText:
    return translate(language, "coffee-snooze-too-long")


def not_a_date(language: Language, typed: str) -> RichText:
    """`coffee snooze until whenever`."""
    return translate(language, "coffee-not-a-date", typed=quoted_in(language, typed, 30))


def not_a_duration(language: Language, typed: str) -> RichText:
    """`coffee snooze soon`."""
    return translate(language, "coffee-not-a-duration", typed=quoted_in(language, typed, 20))


def snooze_in_the_past(language: Language, until: datetime, zone: str) -> RichText:
    """`coffee snooze until 2020-01-01`."""
    return translate(language, "coffee-snooze-in-the-past", date=date(until, zone))
