"""Which language an `event create` line is read in: the facilitator's when it is French,
else English, with the other language read too and chosen where the first finds no time in
the line, or reads less of it as a time than the other does.

Both parsers give the same `When`, so nothing after this knows which one read it, except the
echo, which `Reading.language` tells what to write in. A line English reads, or finds a time
in that does not work ("Party Feb 30 10:00"), is read as it always was, unless French reads
more of the line as its time, and a time that English cannot read ("10:00" is not: French
does not read "Party Feb 30" at 10:00 out of it). So "Atelier le 3/12 à 14 h" is "Atelier" on
3 December, not an event called "Atelier le 3/12 à" at 14:00 today (English, day first), nor
"12 March is past" (English, month first): a French phrase must not silently mean something
else in English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from guildbot.bot.features.calendar.dates import day_first_locale
from guildbot.bot.features.calendar.phrases import PhraseError, When, parse_when
from guildbot.bot.features.calendar.phrases_fr import parse_when_fr
from guildbot.bot.features.calendar.request import EventRequest, parse_event_request

PhraseLanguage = Literal["en", "fr"]


@dataclass(frozen=True, slots=True)
class Reading:
    """An event line's fields, its time (or what is wrong with it), and the language they
    were read in."""

    request: EventRequest
    when: When | PhraseError
    language: PhraseLanguage

    @property
    def complete(self) -> bool:
        """Whether the whole line was understood."""
        return isinstance(self.when, When)


def writes_french(locale: str) -> bool:
    """Whether a member's locale ("fr", "fr-CA", "fr_BE") is French."""
    return locale.strip().replace("_", "-").split("-", 1)[0].casefold() == "fr"


def read_event_line(text: str, locale: str, timezone: str, now: datetime) -> Reading | PhraseError:
    """The fields and time of an `event create` line typed by a member of `locale` in
    `timezone`; the first language's problem when neither language reads it."""
    if writes_french(locale):
        return _french_first(text, locale, timezone, now)
    english = _read(text, "en", locale, timezone, now)
    french = _read(text, "fr", locale, timezone, now)
    if not isinstance(french, Reading) or not _says_more_in_french(french, timezone, now):
        return english
    if _found_no_time(english):
        return french
    if isinstance(english, PhraseError):
        return english  # an option that does not work: said as English says it
    longer = len(french.request.when_text) > len(english.request.when_text)
    if not english.complete:
        # A time that does not work in English ("Party Feb 30 10:00") keeps its answer,
        # unless French reads more of the line as a time that does ("le 3/12 à 14 h").
        return french if longer else english
    return french if longer and french.when != english.when else english


def _french_first(text: str, locale: str, timezone: str, now: datetime) -> Reading | PhraseError:
    """A French facilitator's line: French, unless English reads more of it as a time (French
    would read "Pizza Friday every Friday" at 12:00 today out of "Pizza Friday every Friday
    12:00"; English reads every Friday). A French time that does not work keeps its answer
    ("Fête le 31 février 10:00" is not "Fête le 31 février" at 10:00)."""
    french = _read(text, "fr", locale, timezone, now)
    english = _read(text, "en", locale, timezone, now)
    if not isinstance(english, Reading) or not english.complete:
        return french
    if isinstance(french, PhraseError):
        return english if french.unread else french
    if _found_no_time(french):
        return english
    ours, theirs = len(french.request.when_text), len(english.request.when_text)
    if not french.complete:
        return english if theirs >= ours else french
    return english if theirs > ours and english.when != french.when else french


def _complete(reading: Reading | PhraseError) -> bool:
    return isinstance(reading, Reading) and reading.complete


def _found_no_time(reading: Reading | PhraseError) -> bool:
    if isinstance(reading, PhraseError):
        return reading.unread
    return isinstance(reading.when, PhraseError) and reading.when.unread


def _says_more_in_french(french: Reading, timezone: str, now: datetime) -> bool:
    """Whether a complete French reading means what English cannot read in its time: not
    "10:00", which English reads the same."""
    if not isinstance(french.when, When):
        return False
    return parse_when(french.request.when_text, timezone, now, day_first=True) != french.when


def _read(
    text: str, language: PhraseLanguage, locale: str, timezone: str, now: datetime
) -> Reading | PhraseError:
    if language == "fr":

        def reads(phrase: str) -> When | PhraseError:
            return parse_when_fr(phrase, timezone, now)

    else:
        day_first = day_first_locale(locale)

        def reads(phrase: str) -> When | PhraseError:
            return parse_when(phrase, timezone, now, day_first=day_first)

    request = parse_event_request(text, reads=reads, french=language == "fr")
    if isinstance(request, PhraseError):
        return request
    return Reading(request, reads(request.when_text), language)
