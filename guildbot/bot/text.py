"""Cleaning free text people give us before it is stored."""

from __future__ import annotations

import unicodedata

from guildbot.bot.context import UserError
from guildbot.bot.i18n import DEFAULT_LANGUAGE, Language, translate


def clean_field(
    value: str, label: str, max_length: int, language: Language = DEFAULT_LANGUAGE
) -> str:
    """One line of printable text, trimmed; a polite error when empty or too long, in
    `language` (`label` names the field in it: the callers' catalogues have their words)."""
    normalised = unicodedata.normalize("NFKC", value)
    printable = "".join(ch if ch.isprintable() else " " for ch in normalised)
    single_line = " ".join(printable.split())
    if not single_line:
        raise UserError(translate(language, "field-empty", label=label))
    if len(single_line) > max_length:
        raise UserError(
            translate(
                language,
                "field-too-long",
                label=label,
                # As digits, not numbers: the English kept its "2000" (no separator).
                length=str(len(single_line)),
                limit=str(max_length),
            )
        )
    return single_line
