"""What the privacy feature says."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from guildbot.bot.rich import joined, say
from guildbot.contract.richtext import Code, RichText

NONE = "—"
EXPORT_HINT = say("`privacy export` gives all of it as JSON; `privacy erase` deletes it.")
ERASE_WARNING = say(
    "This deletes your profile, expertise, community memberships, questions, RSVPs and "
    "coffee intros from Guildbot. It cannot be undone."
)
ERASE_BUTTON = "Erase my data"
CANCEL = "Cancel"
NOT_YOURS = say("That button was for someone else; nothing was erased.")
NOTHING_LEFT = say("There is nothing left to erase.")
ERASED = say(
    "Done: your data is erased. If you use Guildbot again, you start with a new, empty profile."
)


def summary(data: dict[str, Any]) -> RichText:
    """A readable account of an export (see `Export.of`)."""
    profile = data["profile"]
    return joined(
        "\n",
        [
            say("*What Guildbot holds about you*"),
            say(
                "• Profile: {name}, department {department}, title {title}, e-mail {email}, "
                "time zone {zone}",
                name=profile["display_name"],
                department=profile["department"] or NONE,
                title=profile["title"] or NONE,
                email=profile["email"] or NONE,
                zone=profile["timezone"],
            ),
            say(
                "• Accounts: {accounts}",
                accounts=", ".join(i["platform"] for i in data["platform_identities"]),
            ),
            say(
                "• Expertise: {n} {skills}",
                n=len(data["expertise"]),
                skills="skill" if len(data["expertise"]) == 1 else "skills",
            ),
            say("• Communities: {n}", n=len(data["communities"])),
            say(
                "• Questions you asked: {asked}; requests for your help: {requests}; "
                "evidence of your expertise: {evidence}",
                asked=len(data["questions_asked"]),
                requests=len(data["help_requests_received"]),
                evidence=len(data["expertise_evidence"]),
            ),
            say(
                "• Event RSVPs: {rsvps}; coffee intros: {intros}",
                rsvps=len(data["event_rsvps"]),
                intros=len(data["coffee"]["intros"]),
            ),
            say("• Actions you took, in the audit log: {n}", n=len(data["actions"])),
            say(
                "Other channel messages are never stored: where a channel routes questions, "
                "only the questions it routes are kept."
            ),
        ],
    )


def export(data: str) -> RichText:
    return say("Everything Guildbot holds about you:\n{data}", data=Code(data, block=True))


def hand_over_first(communities: Sequence[tuple[str, str]]) -> RichText:
    """`privacy erase` by the only admin of communities others are in: nothing is erased."""
    names = ", ".join(name for name, _slug in communities)
    slug = communities[0][1]
    return say(
        "You're the only admin of {names}, and others are in it. Make someone else admin first "
        "(`role grant @member admin {slug}`), then erase: nothing has been erased.",
        names=names,
        slug=slug,
    )


UNDER_HOLD = say(
    "Your data can't be erased right now: it is under a legal hold (for example an "
    "access-to-information or litigation request), which the law says must keep it as it is. "
    "I've recorded your request; it will be acted on when the hold is lifted. Your "
    "organisation's privacy officer can tell you more."
)


def kept_for(periods: Sequence[tuple[str, int]]) -> RichText:
    """How long each kind of data is kept, after the summary."""
    listed = "; ".join(f"{what} {days:,} days" for what, days in periods)
    return say("\n• Kept for: {listed} (unless a legal hold keeps it longer).", listed=listed)
