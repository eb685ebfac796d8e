"""The languages Guildbot speaks, and how a member's locale maps to one.

A member's *locale* is a BCP 47 tag as the platform or the member gave it ("en-GB", "fr-CA",
"de"): it also says how they write numeric dates. Their *language* is the one of ours
Guildbot answers them in: the locale's language when we speak it, else the default.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class Language(StrEnum):
    """A language Guildbot's catalogues are written in."""

    EN = "en"
    FR = "fr"


DEFAULT_LANGUAGE = Language.EN
# What people type for a language, accents and case folded ("Français", "francais").
_NAMES = {
    "en": Language.EN,
    "eng": Language.EN,
    "english": Language.EN,
    "anglais": Language.EN,
    "fr": Language.FR,
    "fra": Language.FR,
    "fre": Language.FR,
    "french": Language.FR,
    "francais": Language.FR,
}
# A language with a region or script ("fr-CA", "en_GB", "fr-Latn-CA"); the width of the
# members.locale column bounds it.
_TAG = re.compile(r"(?P<language>[a-z]{2,3})(?P<rest>(?:-[a-z0-9]{1,8}){1,3})")
MAX_LOCALE = 16


def language_of(locale: str | None, default: Language = DEFAULT_LANGUAGE) -> Language:
    """The language of ours for a locale ("fr-CA" -> fr); `default` for one we do not speak."""
    primary = (locale or "").strip().replace("_", "-").split("-", 1)[0].casefold()
    try:
        return Language(primary)
    except ValueError:
        return default


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def parse_language(value: str) -> tuple[Language, str | None] | None:
    """What a member typed for their language: the language, and the full tag when they gave
    one with a region ("fr-CA"); None when it names no language we speak."""
    word = _folded(value).replace("_", "-")
    if word in _NAMES:
        return _NAMES[word], None
    match = _TAG.fullmatch(word)
    if match is None or len(word) > MAX_LOCALE or match["language"] not in _NAMES:
        return None
    language = _NAMES[match["language"]]
    parts = word.split("-")
    # Regions are written in capitals by convention ("fr-CA"); scripts in title case.
    tail = [part.upper() if len(part) == 2 else part.title() for part in parts[1:]]
    return language, "-".join([language.value, *tail])


def chosen_locale(language: Language, tag: str | None, current: str) -> str:
    """The locale to keep for a member who chose `language`: the tag they typed, else their
    current region in the new language (a member in "fr-CA" who chooses English becomes
    "en-CA", so the way they write dates does not change with the language)."""
    if tag is not None:
        return tag
    _, _, region = current.replace("_", "-").partition("-")
    locale = f"{language.value}-{region}" if region else language.value
    return locale if len(locale) <= MAX_LOCALE else language.value
