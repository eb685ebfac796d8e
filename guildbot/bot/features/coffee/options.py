"""What facilitators and members type for coffee: cadences, times, sizes, weights, snoozes.

`parse_options` reads the words after `coffee setup|settings`: the community's name first,
then any of

    weekly | biweekly | every N weeks | monthly | every N months
    on monday … sunday     at 09:30 | at 9am     in America/Toronto (or a city)
    groups of N | size N   standing | per-round   shared-language | any-language
    department=1 timezone=0.5 new=1 skills=0.5       (weights, 0 to 5)

Anything else is refused with a clear message, so nothing half-understood is saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from guildbot.bot.context import UserError
from guildbot.bot.features.calendar.phrases import read_day  # the one natural-date reader
from guildbot.bot.features.calendar.phrases_fr import to_english
from guildbot.bot.features.coffee import copy, facilitator_copy
from guildbot.bot.i18n import Language
from guildbot.bot.lookup import best_match, find_timezone
from guildbot.matching.pairing import MAX_GROUP_SIZE, MIN_GROUP_SIZE
from guildbot.storage.models import CoffeeParticipation, CoffeeProgram

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEIGHT_NAMES = ("department", "timezone", "new", "skills")
MAX_WEIGHT = 5.0
MAX_INTERVAL = 12
MAX_SNOOZE = timedelta(days=366)
# What starts a snooze's date: `until`, and French readers' words for it.
UNTIL = ("until", "jusqu'au", "jusqu'à", "jusqu’au", "jusqu’à")
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
_DURATION = re.compile(r"^(\d{1,3})\s*(d|day|days|w|wk|week|weeks|m|mo|month|months)$")


@dataclass(frozen=True, slots=True)
class Cadence:
    """How often rounds happen, on which day, at what local time, in which zone."""

    frequency: str = "weekly"  # weekly | monthly
    interval: int = 1
    weekday: int = 0
    local_time: str = "10:00"
    timezone: str = "UTC"

    def rrule(self) -> str:
        """The RFC 5545 rule: weekly on the day, or monthly on the first such day."""
        day = RRULE_DAYS[self.weekday]
        if self.frequency == "monthly":
            return f"FREQ=MONTHLY;INTERVAL={self.interval};BYDAY=+1{day}"
        return f"FREQ=WEEKLY;INTERVAL={self.interval};BYDAY={day}"

    def period(self) -> timedelta:
        """About how long a round lasts (until the next one)."""
        weeks = 4 if self.frequency == "monthly" else 1
        return timedelta(weeks=weeks * self.interval)

    def follow_up_after(self) -> timedelta:
        """When to ask "did you meet?": two days before the next round, after at least one."""
        return max(timedelta(days=1), self.period() - timedelta(days=2))

    def local_start(self, now: datetime) -> datetime:
        """The first local time the rule may use: today at the time, or tomorrow if passed."""
        zone = ZoneInfo(self.timezone)
        local_now = now.astimezone(zone).replace(tzinfo=None)
        hours, minutes = (int(part) for part in self.local_time.split(":"))
        start = datetime.combine(local_now.date(), time(hours, minutes))
        return start if start > local_now else start + timedelta(days=1)

    def describe(self) -> str:
        """ "every 2 weeks on Tuesday at 10:00 (America/Toronto)" (in English: the audit
        log's words; facilitators read `facilitator_copy.cadence` in theirs)."""
        return facilitator_copy.cadence(
            Language.EN,
            self.frequency,
            self.interval,
            self.weekday,
            self.local_time,
            self.timezone,
        )


@dataclass(frozen=True, slots=True)
class ProgramOptions:
    """A program's settings as typed; None means "keep what is there" (or the default)."""

    community: str = ""
    frequency: str | None = None
    interval: int | None = None
    weekday: int | None = None
    local_time: str | None = None
    timezone: str | None = None
    group_size: int | None = None
    participation: CoffeeParticipation | None = None
    weights: dict[str, float] = field(default_factory=dict)
    # Keep people who share no working language apart (see `coffee.languages`).
    shared_language: bool | None = None

    @property
    def changes_cadence(self) -> bool:
        """Whether the schedule must be redone."""
        return any(
            value is not None
            for value in (
                self.frequency,
                self.interval,
                self.weekday,
                self.local_time,
                self.timezone,
                self.participation,
            )
        )

    @property
    def empty(self) -> bool:
        """Nothing but (maybe) a community was given."""
        return (
            not self.changes_cadence
            and self.group_size is None
            and not self.weights
            and self.shared_language is None
        )


def parse_options(language: Language, tokens: tuple[str, ...]) -> ProgramOptions:
    """The community name and the options after it. Raises UserError (in the facilitator's
    `language`) on anything unclear."""
    words = list(tokens)
    name: list[str] = []
    options = ProgramOptions()
    index = 0
    started = False
    while index < len(words):
        consumed, options = _option(language, words, index, options)
        if consumed:
            started = True
            index += consumed
            continue
        if started:
            raise UserError(facilitator_copy.setting_not_understood(language, words[index]))
        name.append(words[index])
        index += 1
    return replace(options, community=" ".join(name))


def _option(
    language: Language, words: list[str], index: int, options: ProgramOptions
) -> tuple[int, ProgramOptions]:
    """How many words the option at `index` takes (0: not an option), and the new options."""
    word = words[index].casefold()
    following = words[index + 1].casefold() if index + 1 < len(words) else ""
    if word in ("weekly", "biweekly", "fortnightly", "monthly"):
        frequency = "monthly" if word == "monthly" else "weekly"
        interval = 2 if word in ("biweekly", "fortnightly") else 1
        return 1, replace(options, frequency=frequency, interval=interval)
    if word == "every":
        return _every(language, words, index, options)
    if word == "on" and following:
        return 2, replace(options, weekday=_weekday(language, following))
    if word.rstrip("s") in DAYS:
        return 1, replace(options, weekday=DAYS.index(word.rstrip("s")))
    if word == "at" and following:
        return 2, replace(options, local_time=_local_time(language, following))
    if word in ("in", "tz", "timezone") and following:
        return 2, replace(options, timezone=find_timezone(words[index + 1], language))
    if word in ("size", "groups") and following:
        offset = 2 if word == "groups" and following == "of" else 1
        if index + offset >= len(words):
            raise UserError(
                facilitator_copy.group_size_missing(language, MIN_GROUP_SIZE, MAX_GROUP_SIZE)
            )
        return offset + 1, replace(options, group_size=_group_size(language, words[index + offset]))
    if word in ("standing", "per-round", "per_round") or (word, following) == ("per", "round"):
        participation = (
            CoffeeParticipation.STANDING if word == "standing" else CoffeeParticipation.PER_ROUND
        )
        return (2 if word == "per" else 1), replace(options, participation=participation)
    if word in ("shared-language", "any-language"):
        return 1, replace(options, shared_language=word == "shared-language")
    if "=" in word:
        key, _, value = word.partition("=")
        if key in WEIGHT_NAMES:
            return 1, replace(
                options, weights={**options.weights, key: _weight(language, key, value)}
            )
    return 0, options


def _every(
    language: Language, words: list[str], index: int, options: ProgramOptions
) -> tuple[int, ProgramOptions]:
    rest = [w.casefold() for w in words[index + 1 : index + 3]]
    if rest and rest[0] in ("week", "month"):
        return 2, replace(
            options, frequency="monthly" if rest[0] == "month" else "weekly", interval=1
        )
    if len(rest) == 2 and rest[0].isdigit() and rest[1].rstrip("s") in ("week", "month"):
        interval = int(rest[0])
        if not 1 <= interval <= MAX_INTERVAL:
            raise UserError(facilitator_copy.interval_out_of_range(language, MAX_INTERVAL))
        frequency = "monthly" if rest[1].startswith("month") else "weekly"
        return 3, replace(options, frequency=frequency, interval=interval)
    raise UserError(facilitator_copy.cadence_unreadable(language))


def _weekday(language: Language, typed: str) -> int:
    word = typed.casefold().rstrip("s")
    for position, day in enumerate(DAYS):
        if word in (day, day[:3]):
            return position
    raise UserError(facilitator_copy.not_a_weekday(language, typed, best_match(word, list(DAYS))))


def _local_time(language: Language, typed: str) -> str:
    match = _TIME.match(typed.strip())
    if match is not None:
        hours, minutes = int(match.group(1)), int(match.group(2) or 0)
        suffix = (match.group(3) or "").casefold()
        if suffix and 1 <= hours <= 12:
            hours = hours % 12 + (12 if suffix == "pm" else 0)
        elif suffix:
            hours = 99
        if hours < 24 and minutes < 60:
            return f"{hours:02d}:{minutes:02d}"
    raise UserError(facilitator_copy.not_a_time(language, typed))


def _group_size(language: Language, typed: str) -> int:
    if not typed.isdigit() or not MIN_GROUP_SIZE <= int(typed) <= MAX_GROUP_SIZE:
        raise UserError(
            facilitator_copy.group_size_out_of_range(
                language, typed, MIN_GROUP_SIZE, MAX_GROUP_SIZE
            )
        )
    return int(typed)


def _weight(language: Language, key: str, typed: str) -> float:
    try:
        value = float(typed)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= MAX_WEIGHT:
        raise UserError(facilitator_copy.weight_out_of_range(language, key, MAX_WEIGHT))
    return value


def cadence_of(program: CoffeeProgram) -> Cadence:
    """A stored program's cadence."""
    return Cadence(
        program.frequency, program.interval, program.weekday, program.local_time, program.timezone
    )


def with_options(cadence: Cadence, options: ProgramOptions) -> Cadence:
    """A cadence changed by what was typed."""
    return Cadence(
        options.frequency or cadence.frequency,
        options.interval or cadence.interval,
        cadence.weekday if options.weekday is None else options.weekday,
        options.local_time or cadence.local_time,
        options.timezone or cadence.timezone,
    )


def parse_snooze(
    language: Language, args: tuple[str, ...], now: datetime, zone: str
) -> tuple[datetime, list[str]]:
    """`3w`, `2 weeks`, `10d`, `until 2027-01-15`, `until next Friday` -> (until, the words
    left: a community); refused in the member's `language`."""
    words = list(args)
    if not words:
        raise UserError(copy.snooze_help(language))
    if words[0].casefold() in UNTIL:
        if len(words) < 2:
            raise UserError(copy.snooze_help(language))
        # The date is read as events read theirs ("next Friday", "Jan 15", "2027-01-15"):
        # the longest run of words after "until" that is a day; what follows names a
        # community.
        for end in range(len(words), 1, -1):
            day = _read_day(language, " ".join(words[1:end]), zone, now)
            if day is not None:
                break
        else:
            raise UserError(copy.not_a_date(language, " ".join(words[1:])))
        until = datetime.combine(day, time(0, 0), tzinfo=ZoneInfo(zone))
        rest = words[end:]
    else:
        first = words[0].casefold()
        joined = f"{first} {words[1].casefold()}" if len(words) > 1 else first
        match = _DURATION.match(joined) if first.isdigit() else _DURATION.match(first)
        if match is None:
            raise UserError(copy.not_a_duration(language, words[0]))
        rest = words[2:] if first.isdigit() else words[1:]
        amount, unit = int(match.group(1)), match.group(2)
        days = {"d": 1, "w": 7, "m": 30}[unit[0] if unit[:2] != "mo" else "m"]
        until = now + timedelta(days=amount * days)
    if until <= now:
        raise UserError(copy.snooze_in_the_past(language, until, zone))
    if until - now > MAX_SNOOZE:
        raise UserError(copy.snooze_too_long(language))
    return until, rest


def _read_day(language: Language, text: str, zone: str, now: datetime) -> date | None:
    """The day typed, as events read theirs; a French reader's French words first
    ("vendredi prochain", "15 janvier"), then as English reads them."""
    if language is Language.FR:
        day = read_day(to_english(text), zone, now)
        if day is not None:
            return day
    return read_day(text, zone, now)
