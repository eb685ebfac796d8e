"""What the scheduler tells the person who scheduled a message when it could not be posted
as planned. Times are instants, so each reader sees them in their own zone."""

from __future__ import annotations

from datetime import datetime

from guildbot.bot.rich import say
from guildbot.contract.richtext import Instant, RichText


def _due(at: datetime) -> Instant:
    return Instant(at, f"{at:%Y-%m-%d %H:%M} UTC")


def _what(kind: str) -> str:
    return kind.replace("_", " ")


def uncertain(kind: str, due: datetime) -> RichText:
    return say(
        "I may or may not have posted this {what} (due {due}): the process sending it stopped "
        "before the platform confirmed. Please check, and post it again if it is missing.",
        what=_what(kind),
        due=_due(due),
    )


def missed(kind: str, due: datetime) -> RichText:
    return say(
        "A {what} due {due} was not posted: Guildbot was offline past the time it could still "
        "be useful. Nothing was sent late.",
        what=_what(kind),
        due=_due(due),
    )


def missed_several(count: int, kind: str, latest: datetime) -> RichText:
    return say(
        "{count} occurrences of a recurring {what} (the latest due {due}) were not posted "
        "while Guildbot was offline. Nothing was sent late.",
        count=count,
        what=_what(kind),
        due=_due(latest),
    )


def undeliverable(kind: str, due: datetime, code: str | None) -> RichText:
    return say(
        "I couldn't deliver a {what} due {due} ({code}). Nothing more will be tried automatically.",
        what=_what(kind),
        due=_due(due),
        code=code or "platform error",
    )


def _plural(count: int, kinds: list[str]) -> str:
    """ "12 announcements", "1 intro", "3 messages" (of several kinds)."""
    if len(set(kinds)) != 1:
        return f"{count} message" + ("" if count == 1 else "s")
    return f"{count} {_what(kinds[0])}" + ("" if count == 1 else "s")


def incident(kinds: list[str], at: datetime) -> RichText:
    """One question for every message of one incident the platform could not account for."""
    return say(
        "{what} may not have been posted during a restart at {at}: the process sending them "
        "stopped before the platform confirmed, and the platform cannot tell us. Please check; "
        "I can post the missing ones.",
        what=_plural(len(kinds), kinds),
        at=_due(at),
    )


def incident_listing(lines: list[tuple[str, datetime, str, str]]) -> RichText:
    """The messages of an incident: (kind, due, where, first words) each."""
    parts = [say("These may not have been posted:")]
    for kind, due, where, words in lines:
        parts.append(
            say(
                "• {what} due {due} to {where}: {words}",
                what=_what(kind),
                due=_due(due),
                where=where,
                words=words,
            )
        )
    return RichText.joined("\n", parts)
