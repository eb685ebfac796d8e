"""What the privacy feature says, in the reader's language (messages in
`bot/i18n/locales/*/privacy.ftl`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from guildbot.bot.i18n import Language, translate, translate_plain
from guildbot.bot.rich import joined
from guildbot.contract.outbound import Confirmation
from guildbot.contract.richtext import Code, RichText

# What `privacy` says each kind of data is kept for (the `what` of `privacy-kept`).
KEPT = ("messages", "questions", "rsvps", "coffee", "audit")


def export_hint(language: Language) -> RichText:
    return translate(language, "privacy-export-hint")


def erase_warning(language: Language) -> RichText:
    return translate(language, "privacy-erase-warning")


def erase_button(language: Language) -> str:
    return translate_plain(language, "privacy-erase-button")


def cancel(language: Language) -> str:
    return translate_plain(language, "privacy-cancel")


def erase_confirmation(language: Language) -> Confirmation:
    """The platform's "are you sure?" dialog on [Erase my data]."""
    return Confirmation(
        translate_plain(language, "privacy-erase-confirm-title"),
        translate_plain(language, "privacy-erase-confirm-text"),
        translate_plain(language, "privacy-erase-confirm-yes"),
        cancel(language),
    )


def not_yours(language: Language) -> RichText:
    return translate(language, "privacy-not-yours")


def nothing_left(language: Language) -> RichText:
    return translate(language, "privacy-nothing-left")


def erased(language: Language) -> RichText:
    return translate(language, "privacy-erased")


def summary(language: Language, data: dict[str, Any]) -> RichText:
    """A readable account of an export (see `Export.of`)."""
    profile = data["profile"]
    none = translate_plain(language, "privacy-none")
    accounts = ", ".join(i["platform"] for i in data["platform_identities"])
    return joined(
        "\n",
        [
            translate(language, "privacy-summary-title"),
            translate(
                language,
                "privacy-summary-profile",
                name=profile["display_name"],
                department=profile["department"] or none,
                title=profile["title"] or none,
                email=profile["email"] or none,
                zone=profile["timezone"],
            ),
            translate(language, "privacy-summary-accounts", accounts=accounts),
            translate(language, "privacy-summary-expertise", count=len(data["expertise"])),
            translate(language, "privacy-summary-communities", count=len(data["communities"])),
            translate(
                language,
                "privacy-summary-questions",
                asked=len(data["questions_asked"]),
                requests=len(data["help_requests_received"]),
                evidence=len(data["expertise_evidence"]),
            ),
            translate(
                language,
                "privacy-summary-events",
                rsvps=len(data["event_rsvps"]),
                intros=len(data["coffee"]["intros"]),
            ),
            translate(language, "privacy-summary-actions", count=len(data["actions"])),
            translate(language, "privacy-summary-channels"),
        ],
    )


def export(language: Language, data: str) -> RichText:
    return translate(language, "privacy-export", data=Code(data, block=True))


def hand_over_first(language: Language, communities: Sequence[tuple[str, str]]) -> RichText:
    """`privacy erase` by the only admin of communities others are in: nothing is erased."""
    names = ", ".join(name for name, _slug in communities)
    slug = communities[0][1]
    return translate(language, "privacy-hand-over-first", names=names, slug=slug)


def under_hold(language: Language) -> RichText:
    return translate(language, "privacy-under-hold")


def kept_for(language: Language, periods: Sequence[tuple[str, int]]) -> RichText:
    """How long each kind of data (one of `KEPT`) is kept, after the summary."""
    separator = translate_plain(language, "privacy-kept-separator")
    listed = joined(
        separator,
        [translate(language, "privacy-kept", what=what, days=days) for what, days in periods],
    )
    return RichText.of("\n") + translate(language, "privacy-kept-for", periods=listed)
