"""Times and recurrences in plain French, read to the same `When` as their English twins.

`parse_when_fr("le premier jeudi de chaque mois 14 h pendant 1 h", "America/Toronto", now)`
is `parse_when("first thursday of each month at 14:00 for 1h", …)`: French words are rewritten
into the phrases the English parser reads, and that parser does the rest (dates, daylight
saving, the repeat's RRULE, every check and every `PhraseError`). So a French phrase and its
English twin cannot disagree about an instant, and what is stored is the same shape whatever
the facilitator's language.

The rewriting works on the text folded to lower case without accents ("Février" → "fevrier")
and apostrophes made straight. Each French piece it recognises becomes its English form held
aside, so no later rule reads the English again (a duration's "1h" is not a clock); what it
does not recognise is left as typed, and the English parser says it could not read it.
Numeric dates are read day first, as French writes them ("3/12/2026" is 3 December).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import available_timezones

from guildbot.bot.features.calendar.phrases import (
    DEFAULT_DURATION,
    MAX_PHRASE_CHARS,
    PhraseError,
    When,
    format_duration,
    parse_offsets,
    parse_when,
)

WEEKDAYS = {
    "lundi": "monday",
    "mardi": "tuesday",
    "mercredi": "wednesday",
    "jeudi": "thursday",
    "vendredi": "friday",
    "samedi": "saturday",
    "dimanche": "sunday",
}
# Abbreviations are read only in a date with its month ("jeu. 3 déc."): alone, "mar" or
# "jeu" are other words ("Mar 14" is English for 14 March).
_WEEKDAY_ABBREVIATIONS = {
    "lun": "monday",
    "mar": "tuesday",
    "mer": "wednesday",
    "jeu": "thursday",
    "ven": "friday",
    "sam": "saturday",
    "dim": "sunday",
}
MONTHS = {
    "janvier": "january",
    "janv": "january",
    "fevrier": "february",
    "fevr": "february",
    "fev": "february",
    "mars": "march",
    "avril": "april",
    "avr": "april",
    "mai": "may",
    "juin": "june",
    "juillet": "july",
    "juil": "july",
    "aout": "august",
    "septembre": "september",
    "sept": "september",
    "octobre": "october",
    "oct": "october",
    "novembre": "november",
    "nov": "november",
    "decembre": "december",
    "dec": "december",
}
ORDINALS = {
    "premier": "first",
    "premiere": "first",
    "1er": "first",
    "1re": "first",
    "1ere": "first",
    "deuxieme": "second",
    "second": "second",
    "seconde": "second",
    "2e": "second",
    "2eme": "second",
    "troisieme": "third",
    "3e": "third",
    "3eme": "third",
    "quatrieme": "fourth",
    "4e": "fourth",
    "4eme": "fourth",
    "cinquieme": "fifth",
    "5e": "fifth",
    "5eme": "fifth",
    "dernier": "last",
    "derniere": "last",
}
NUMBERS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
}
# Canada's French abbreviations (heure normale / avancée de l'Est…) and spoken zone names.
ZONE_WORDS = {
    "hnt": "America/St_Johns",
    "hat": "America/St_Johns",
    "terre-neuve": "America/St_Johns",
    "hna": "America/Halifax",
    "haa": "America/Halifax",
    "l'atlantique": "America/Halifax",
    "hne": "America/Toronto",
    "hae": "America/Toronto",
    "l'est": "America/Toronto",
    "hnc": "America/Winnipeg",
    "hac": "America/Winnipeg",
    "centre": "America/Winnipeg",
    "hnr": "America/Edmonton",
    "har": "America/Edmonton",
    "rocheuses": "America/Edmonton",
    "hnp": "America/Vancouver",
    "hap": "America/Vancouver",
    "pacifique": "America/Vancouver",
}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_WD = rf"(?:{_alternation(WEEKDAYS)})s?"
_WD_LIST = rf"{_WD}(?:\s*(?:,|\bet\b|&|\+)\s*{_WD})*"
_MONTH = rf"(?:{_alternation(MONTHS)})\b\.?"
_ORD = rf"(?:{_alternation(ORDINALS)})s?"
_NUMBER = rf"(?:\d{{1,3}}|{_alternation(NUMBERS)})"
_PERIOD = r"(?:jours?|semaines?|mois|ans|annees?)"
_CLOCK = r"(?<![\d/:.-])(\d{1,2})\s*(?:h|heures?)(?:\s*(\d{2}))?(?:\s*min)?(?![a-z\d])"
_OF_MONTH = r"\s+(?:de\s+chaque|de\s+tous\s+les|du)\s+mois\b"
_HELD = re.compile("\ue000(\\d+)\ue001")


def fold(text: str) -> str:
    """Lower case, accents and typographic apostrophes removed, one character for one, so a
    position in the folded text is the same position in what was typed."""
    folded = []
    for character in text.replace("’", "'").replace("‘", "'"):
        decomposed = unicodedata.normalize("NFKD", character)
        base = decomposed[0] if decomposed and decomposed[0].isascii() else character
        folded.append(base.casefold() if len(base.casefold()) == 1 else base.lower())
    return "".join(folded)


class _Rewrite:
    """The French text being rewritten, with the English pieces held aside."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.held: list[str] = []

    def hold(self, english: str) -> str:
        self.held.append(english)
        return f" \ue000{len(self.held) - 1}\ue001 "

    def sub(self, pattern: str, english: str | Callable[[re.Match[str]], str]) -> None:
        def replace(match: re.Match[str]) -> str:
            return self.hold(english if isinstance(english, str) else english(match))

        self.text = re.sub(pattern, replace, self.text)

    def english(self) -> str:
        text = _HELD.sub(lambda match: self.held[int(match.group(1))], self.text)
        return " ".join(text.split())


def _number(typed: str) -> int:
    return NUMBERS[typed] if typed in NUMBERS else int(typed)


def _singular(word: str) -> str:
    """ "semaines" → "semaine"; "mois" is both."""
    return word if word == "mois" else word.removesuffix("s")


def _weekdays(typed: str) -> str:
    names = [
        WEEKDAYS[word.rstrip("s")]
        for word in re.findall(r"[a-z]+", typed)
        if word.rstrip("s") in WEEKDAYS
    ]
    return " and ".join(names)


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """ "paris" → Europe/Paris, "montreal" → America/Montreal: each zone by its city."""
    cities: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if "/" in name and not name.startswith("Etc/"):
            cities.setdefault(name.rsplit("/", 1)[1].replace("_", " ").casefold(), name)
    return cities


def _zones(rewrite: _Rewrite) -> None:
    # IANA names are held first, so no French rule reads inside them ("America/La_Paz").
    rewrite.sub(r"(?<![\w/])[a-z]+(?:/[a-z0-9_+\-]+)+(?![\w/])", lambda m: m.group(0))

    def spoken(match: re.Match[str]) -> str:
        said = match.group(1)
        return ZONE_WORDS.get(said) or _cities().get(said.replace("-", " ")) or match.group(0)

    rewrite.sub(
        r"\bheure\s+(?:normale\s+|avancee\s+)?"
        r"(?:de\s+|du\s+|des\s+)(l'est|l'atlantique|terre-neuve|centre|rocheuses|pacifique|"
        r"[a-z][a-z-]*)(?![\w'-])",
        spoken,
    )
    rewrite.sub(r"\b(?:hn|ha)[tacerp]\b", lambda m: ZONE_WORDS[m.group(0)])
    rewrite.text = re.sub(r"\bheure\s+locale\b", " ", rewrite.text)


_DURATION_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<half>(?:une\s+)?demi-?\s*heure)"
    r"|(?P<quarter>(?:un\s+)?quart\s+d'heure)"
    r"|et\s+(?P<and>demie|quart)"
    r"|(?P<amount>\d{1,4}(?:[.,]\d+)?|une?|deux|trois|quatre|cinq|six|dix|quinze|trente)\s*"
    r"(?P<unit>semaines?|sem|mois|jours?|j|heures?|h|minutes?|mins?|mn)(?![a-z])"
    r"|(?P<bare>\d{1,2})(?![\d:/.h])(?!\s*(?:h|heures?)\b)"
    r")"
)
_UNIT_MINUTES = {"j": 1440, "h": 60, "m": 1}


def _duration_at(text: str, start: int) -> tuple[str, int] | None:
    """The English for the duration that begins at `start` ("1 h 30" → "1h 30m", "10
    semaines" → "10 weeks"), and where it ends; None when there is none."""
    minutes = 0.0
    position = start
    last_unit = ""
    span: str | None = None
    while (match := _DURATION_TOKEN.match(text, position)) is not None and match.end() > position:
        if match.group("half"):
            minutes += 30
            last_unit = "m"
        elif match.group("quarter"):
            minutes += 15
            last_unit = "m"
        elif match.group("and"):
            if last_unit != "h":
                break
            minutes += 30 if match.group("and") == "demie" else 15
            last_unit = "m"
        elif match.group("bare"):
            if last_unit != "h":  # "1 h 30": a bare number after hours is minutes
                break
            minutes += int(match.group("bare"))
            last_unit = "m"
        else:
            amount_text, unit = match.group("amount"), match.group("unit")
            if amount_text in NUMBERS:
                amount = float(NUMBERS[amount_text])
            else:
                amount = float(amount_text.replace(",", "."))
            if unit.startswith(("sem", "mois")):
                if minutes or span or not amount.is_integer():
                    break
                span = f"{int(amount)} {'weeks' if unit.startswith('sem') else 'months'}"
                position = match.end()
                break
            key = "j" if unit.startswith("j") else "h" if unit.startswith("h") else "m"
            minutes += amount * _UNIT_MINUTES[key]
            last_unit = key
        position = match.end()
    if span is not None:
        return span, position
    if position == start:
        return None
    return format_duration(timedelta(minutes=round(minutes))), position


# An English length ("for 1h", "for 2h 30m") is left as typed: its "1h" is not a French clock.
_ENGLISH_DURATION = (
    r"\bfor\s+(?:\d{1,4}(?:[.,]\d+)?\s*"
    r"(?:weeks?|wks?|w|days?|d|hours?|hrs?|hr|h|minutes?|mins?|min|m)\b\s*)+"
)


def _counts_and_durations(rewrite: _Rewrite) -> None:
    rewrite.sub(_ENGLISH_DURATION, lambda m: m.group(0))
    rewrite.sub(
        rf"(?:\b(?:pendant|durant|sur)\s+)?\b({_NUMBER})\s*"
        r"(?:fois|seances?|occurrences?|sessions?|rencontres?)\b",
        lambda m: f"for {_number(m.group(1))} times",
    )
    text = rewrite.text
    pieces: list[str] = []
    position = 0
    for match in re.finditer(r"\b(?:pendant|durant|sur|d'une\s+duree\s+de|duree\s*:?)\s+", text):
        if match.start() < position:
            continue
        read = _duration_at(text, match.end())
        if read is None:
            continue
        english, end = read
        pieces.append(text[position : match.start()])
        pieces.append(rewrite.hold(f"for {english}"))
        position = end
    pieces.append(text[position:])
    rewrite.text = "".join(pieces)


def _clock(hour: str, minute: str | None) -> str:
    return f"{int(hour)}:{minute or '00'}"


_PARTS_OF_DAY = {
    "matin": "in the morning",
    "apresmidi": "in the afternoon",
    "soir": "in the evening",
}


def _clocks(rewrite: _Rewrite) -> None:
    text = re.sub(_CLOCK, lambda m: " " + _clock(m.group(1), m.group(2)) + " ", rewrite.text)
    text = re.sub(r"\bmidi\s+et\s+demie?\b", " 12:30 ", text)
    text = re.sub(r"\bmidi\b", " noon ", text)
    rewrite.text = re.sub(r"\bminuit\b", " midnight ", text)
    clock = r"(?<![\d/:.-])(\d{1,2}:\d{2}|\d{1,2}\.\d{2}|\bnoon\b|\bmidnight\b)"
    rewrite.sub(
        rf"(?:\b(?:a|vers)\s+)?{clock}\s+(?:du|de\s+l')\s*(matin|apresmidi|soir)\b",
        lambda m: f"at {m.group(1)} {_PARTS_OF_DAY[m.group(2)]}",
    )
    rewrite.sub(
        rf"(?:\b(?:de|entre|des)\s+)?{clock}\s*(?:-|\ba\b|\bet\b|jusqu'a)\s*{clock}(?![\d/-])",
        lambda m: f"at {m.group(1)}-{m.group(2)}",
    )
    rewrite.sub(rf"(?:\b(?:a|vers|des)\s+)?{clock}(?![\d/-])", lambda m: f"at {m.group(1)}")


def _repeats(rewrite: _Rewrite) -> None:
    rewrite.sub(
        r"\b(?:(?:chaque|tous\s+les)\s+jours?\s+(?:ouvrables?|ouvres?|de\s+(?:la\s+)?semaine)"
        r"|du\s+lundi\s+au\s+vendredi|en\s+semaine)\b",
        "every weekday",
    )

    def nth(match: re.Match[str]) -> str:
        typed = match.group(1)
        return f"{ORDINALS.get(typed) or ORDINALS[typed[:-1]]} {_weekdays(match.group(2))}"

    rewrite.sub(
        rf"\b(?:le\s+|la\s+|les\s+|chaque\s+|tous\s+les\s+)?({_ORD})\s+({_WD}){_OF_MONTH}",
        lambda m: nth(m) + " of each month",
    )
    rewrite.sub(rf"\b(?:chaque|tous\s+les)\s+({_ORD})\s+({_WD})\b", lambda m: "every " + nth(m))
    rewrite.sub(
        rf"\b(?:le\s+)?(\d{{1,2}})(?:er|e)?{_OF_MONTH}",
        lambda m: f"the {int(m.group(1))} of each month",
    )
    rewrite.sub(
        rf"\b(?:un|une)\s+({_WD})\s+sur\s+deux\b", lambda m: f"every other {_weekdays(m.group(1))}"
    )
    rewrite.sub(r"\bune\s+semaine\s+sur\s+deux\b", "every other week")
    rewrite.sub(r"\btous\s+les\s+quinze\s+jours\b", "every 2 weeks")
    rewrite.sub(
        rf"\btous\s+les\s+deux\s+({_WD_LIST})\b", lambda m: f"every other {_weekdays(m.group(1))}"
    )
    units = {"jour": "days", "semaine": "weeks", "mois": "months", "an": "years", "annee": "years"}

    def every_n(match: re.Match[str]) -> str:
        unit = units[_singular(match.group(2))]
        return f"every {_number(match.group(1))} {unit}"

    rewrite.sub(rf"\b(?:tous|toutes)\s+les\s+({_NUMBER})\s+({_PERIOD})\b", every_n)
    rewrite.sub(
        rf"\b(?:chaque|tous\s+les|les)\s+({_WD_LIST})\b", lambda m: f"every {_weekdays(m.group(1))}"
    )
    singular = {"jour": "day", "semaine": "week", "mois": "month", "an": "year", "annee": "year"}
    rewrite.sub(
        rf"\b(?:chaque|tous\s+les|toutes\s+les)\s+({_PERIOD})\b",
        lambda m: "every " + singular[_singular(m.group(1))],
    )
    adverbs = {
        "quotidien": "daily",
        "hebdomadaire": "weekly",
        "mensuel": "monthly",
        "annuel": "yearly",
    }
    rewrite.sub(
        r"\b(quotidien|hebdomadaire|mensuel|annuel)(?:le|ne)?(?:ment|lement)?s?\b",
        lambda m: adverbs[m.group(1)],
    )


def _dates(rewrite: _Rewrite) -> None:
    # "Forever" is for `event edit`, which removes a series' end when it is typed.
    rewrite.sub(r"\b(?:sans\s+(?:date\s+de\s+)?fin|pour\s+toujours)\b", "forever")
    rewrite.sub(r"\bjusqu'(?:au|a|en)\s+(?:le\s+)?", "until")
    rewrite.sub(r"\b(?:a\s+partir|a\s+compter)\s+(?:du|de|d')\s*(?:le\s+)?", "from")
    rewrite.sub(r"\baujourd'hui\b", "today")
    rewrite.sub(r"\b(?:ce|cet)\s+(?:soir|matin|apresmidi)\b", "today")
    rewrite.sub(r"\bapres-?\s?demain\b", "in 2 days")
    rewrite.sub(r"\bdemain(?:\s+(?:matin|soir|apresmidi))?\b", "tomorrow")
    rewrite.sub(
        rf"\b({_WD})\s+(?:prochain|qui\s+vient)\b", lambda m: f"next {_weekdays(m.group(1))}"
    )
    rewrite.sub(rf"\bprochain\s+({_WD})\b", lambda m: f"next {_weekdays(m.group(1))}")
    rewrite.sub(rf"\bce\s+({_WD})\b", lambda m: f"this {_weekdays(m.group(1))}")
    rewrite.sub(r"\bla\s+semaine\s+prochaine\b", "next week")
    rewrite.sub(r"\ble\s+mois\s+prochain\b", "next month")
    idioms = {"huit jours": "in 7 days", "quinze jours": "in 14 days"}
    rewrite.sub(r"\bdans\s+(huit|quinze)\s+jours\b", lambda m: idioms[f"{m.group(1)} jours"])
    periods = {"jour": "days", "semaine": "weeks", "mois": "months"}
    rewrite.sub(
        rf"\bdans\s+({_NUMBER})\s+(jours?|semaines?|mois)\b",
        lambda m: f"in {_number(m.group(1))} {periods[_singular(m.group(2))]}",
    )
    rewrite.sub(
        rf"\b(?:le\s+)?(?:({_WD}|(?:lun|mar|mer|jeu|ven|sam|dim)\.?)\s+)?(\d{{1,2}})(?:er|re|ere)?\s+"
        rf"({_MONTH})(?:\s+(\d{{4}}))?",
        _named_date,
    )
    rewrite.sub(
        rf"\b({_MONTH})(?:\s+(\d{{4}}))?",
        lambda m: MONTHS[m.group(1).rstrip(".")] + (f" {m.group(2)}" if m.group(2) else ""),
    )
    rewrite.sub(
        rf"\b(?:le\s+)?({_WD})\s+(\d{{1,2}})(?:er|e)?\b(?![\d:/.-])",
        lambda m: f"{_weekdays(m.group(1))} the {int(m.group(2))}",
    )
    rewrite.sub(r"\ble\s+(\d{1,2})(?:er|e)?\b(?![\d:/.-])", lambda m: f"the {int(m.group(1))}")
    rewrite.sub(rf"\ble\s+({_WD})\b", lambda m: f"on {_weekdays(m.group(1))}")
    rewrite.sub(rf"\b({_WD})\b", lambda m: _weekdays(m.group(1)))


def _named_date(match: re.Match[str]) -> str:
    weekday = match.group(1)
    day_name = ""
    if weekday:
        key = weekday.rstrip(".")
        day_name = _WEEKDAY_ABBREVIATIONS.get(key) or _weekdays(key)
    month = MONTHS[match.group(3).rstrip(".")]
    year = f" {match.group(4)}" if match.group(4) else ""
    return " ".join(f"{day_name} {int(match.group(2))} {month}{year}".split())


def _fillers(rewrite: _Rewrite) -> None:
    # What is left of the French between the pieces read: articles and prepositions.
    text = re.sub(r"\b(?:l'|d')", " ", rewrite.text)
    text = re.sub(r"(?<![\w/'])(?:le|la|les|du|de|des|a|au|aux|et|puis|ou)(?![\w/'])", " ", text)
    rewrite.text = re.sub(r"(?<![\w/'])commencant(?![\w/'])", " starting ", text)


def to_english(text: str) -> str:
    """The English phrase a French one says ("jeudi prochain 14 h" → "next thursday at
    14:00"); words it does not know are left as typed, folded."""
    folded = fold(text).replace("–", "-").replace("—", "-")
    # One word for the afternoon, so "midi" in it is not read as noon.
    folded = re.sub(r"\bapres[-\s]?midi\b", "apresmidi", folded)
    rewrite = _Rewrite(" ".join(folded.split()))
    # The order matters: zones first (nothing reads inside "America/La_Paz"); lengths before
    # clocks ("pendant 1 h 30" is a length, "14 h 30" a time); clocks before dates, so a
    # range's "à" or "jusqu'à" ("de 14 h jusqu'à 16 h") is not an end date; repeats before
    # dates ("le premier jeudi de chaque mois" before "le … jeudi"); articles last.
    _zones(rewrite)
    _counts_and_durations(rewrite)
    _clocks(rewrite)
    _repeats(rewrite)
    _dates(rewrite)
    _fillers(rewrite)
    return rewrite.english()


def parse_when_fr(
    text: str,
    timezone: str,
    now: datetime,
    default_duration: timedelta = DEFAULT_DURATION,
) -> When | PhraseError:
    """Read a French time phrase in `timezone`, as `parse_when` reads its English twin
    (numeric dates day first). Never raises."""
    if len(text) > MAX_PHRASE_CHARS:  # too long as typed, however short its English
        return parse_when(text, timezone, now, default_duration, day_first=True)
    return parse_when(to_english(text), timezone, now, default_duration, day_first=True)


def parse_offsets_fr(text: str) -> list[timedelta] | PhraseError:
    """Reminder offsets in French: "1 j, 15 min" → [1 day, 15 minutes]; "aucun" → []."""
    folded = " ".join(fold(text).split())
    if folded in ("aucun", "aucune", "non", "jamais"):
        return []
    parts = []
    for typed in re.split(r"\s*(?:,|\bet\b)\s*", folded):
        part = re.sub(r"\s*avant$", "", typed.strip())
        read = _duration_at(part, 0)
        parts.append(read[0] if read is not None and read[1] == len(part) else part)
    return parse_offsets(", ".join(parts))


# Where a French time may start in a line. "du jeudi", "du midi" name things ("Causerie du
# midi"), never a time: a time is "à midi", "de midi à 13 h", "jeudi", "du lundi au vendredi".
_WHEN_START_FR = re.compile(
    rf"(?:^|(?<=\s))(?<!\bdu )(?:"
    rf"(?:chaque|tous|toutes)\b|(?:quotidien|hebdomadaire|mensuel|annuel)|du\s+lundi\s+au\b"
    rf"|en\s+semaine\b|une?\s+\w+\s+sur\s+deux\b"
    rf"|aujourd'hui|apres-?\s?demain\b|demain\b|ce\s+(?:soir|matin)\b|dans\s+\w+\s+\w+"
    rf"|(?:la\s+semaine|le\s+mois)\s+prochain"
    rf"|(?:le\s+|la\s+|les\s+)?{_ORD}\s+{_WD}\b"
    rf"|(?:le\s+|ce\s+|a\s+partir\s+du?\s+|prochain\s+)?{_WD}\b"
    rf"|(?:le\s+)?\d{{4}}-\d{{1,2}}-\d{{1,2}}"
    rf"|(?:le\s+)?\d{{1,2}}/\d{{1,2}}"
    rf"|(?:le\s+)?\d{{1,2}}(?:er|re)?\s+{_MONTH}"
    rf"|le\s+\d{{1,2}}(?:er)?\b"
    rf"|(?:a\s+|vers\s+|de\s+|entre\s+)?(?:\d{{1,2}}\s*h(?:eures?)?(?![a-z])|\d{{1,2}}:\d{{2}}|midi\b|minuit\b)"
    rf")",
)


def time_starts(text: str) -> list[int]:
    """Where a French time may start in a line ("Atelier jeudi prochain 14 h" → [8, …]),
    for `split_title`: positions in `text` as typed."""
    return [match.start() for match in _WHEN_START_FR.finditer(fold(text))]
