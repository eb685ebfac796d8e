"""English and French: message catalogues, each member's language, and Babel formatting.

Why Project Fluent (`fluent.runtime`, ``.ftl`` catalogues) rather than gettext with Babel:

- A Fluent message carries its own grammar per language. Plurals and other choices are
  selectors *inside* the message (``{ $count -> [one] … *[other] … }``), so French writes
  ``1 personne`` / ``2 personnes`` (and ``0 personne``) by CLDR's French rules while English
  keeps its own, without the code choosing between ``ngettext`` forms or knowing how many
  forms a language has.
- Placeholders are named (``{ $name }``), so a translator can reorder a sentence, and a
  check can compare each message's variables between languages (`checks`).
- Translators edit plain text files, one per feature, with no compile step (no ``.mo``).
- It formats numbers with Babel in the bundle's locale, and we need Babel anyway for dates,
  times, numbers and lists (`formatting`), so Fluent adds a parser and a resolver, not a
  second locale database.

gettext's strength is its tooling (extraction, ``.po`` editors); our messages live in copy
modules with ids, not English sentences scattered in code, so extraction buys little.

`translate` keeps the guarantee of `bot.rich.say`: values are never read as markup (see
`catalogue`).
"""

from guildbot.bot.i18n.catalogue import Catalogue, catalogue, translate, translate_plain
from guildbot.bot.i18n.formatting import (
    format_day,
    format_instant,
    format_number,
    format_range,
    format_time,
    listed,
    quoted,
)
from guildbot.bot.i18n.languages import (
    DEFAULT_LANGUAGE,
    Language,
    chosen_locale,
    language_of,
    parse_language,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "Catalogue",
    "Language",
    "catalogue",
    "chosen_locale",
    "format_day",
    "format_instant",
    "format_number",
    "format_range",
    "format_time",
    "language_of",
    "listed",
    "parse_language",
    "quoted",
    "translate",
    "translate_plain",
]
