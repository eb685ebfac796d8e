"""What the directory says: every message about profiles and declared expertise."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from guildbot.bot.context import quoted
from guildbot.bot.i18n import Language, language_of, listed, translate, translate_plain
from guildbot.bot.i18n import quoted as quoted_in
from guildbot.bot.rich import joined, say
from guildbot.bot.text import month_year
from guildbot.contract.richtext import RichText

# The profile's messages are in the catalogues (bot/i18n/locales/*/directory.ftl), in the
# reader's language; the expertise messages below are still English only.


def profile(
    language: Language,
    name: str,
    department: str | None,
    title: str | None,
    timezone: str,
    locale: str,
    email: str | None,
    skills: Sequence[str],
    communities: Sequence[tuple[str, str]],
) -> RichText:
    """A member's own profile, e-mail included (only they see it)."""
    not_set = translate(language, "profile-not-set")
    listed_communities = [
        translate(language, "profile-community", name=c, role=role) for c, role in communities
    ]
    lines = [
        translate(language, "profile-name", name=name),
        translate(language, "profile-department", value=department or not_set),
        translate(language, "profile-title", value=title or not_set),
        translate(language, "profile-timezone", value=timezone),
        translate(language, "profile-language", language=language_of(locale).value),
        translate(language, "profile-email", value=email or not_set),
        translate(language, "profile-expertise", count=len(skills),
                  skills=listed(language, list(skills))),
        translate(language, "profile-communities", count=len(communities),
                  communities=listed(language, listed_communities)),
    ]  # fmt: skip
    return joined("\n", lines)


def profile_hint(language: Language) -> RichText:
    return translate(language, "profile-hint")


def timezone_set(language: Language, zone: str) -> RichText:
    return translate(language, "profile-timezone-set", zone=zone)


def title_set(language: Language, title: str) -> RichText:
    return translate(language, "profile-title-set", title=quoted_in(language, title, 120))


def department_set(language: Language, name: str) -> RichText:
    return translate(language, "profile-department-set", name=name)


def language_set(language: Language) -> RichText:
    """Said in the language just chosen."""
    return translate(language, "profile-language-set")


def unknown_language(language: Language, typed: str) -> RichText:
    return translate(language, "profile-unknown-language", typed=quoted_in(language, typed, 30))


def no_such_department(language: Language, typed: str, suggestion: str) -> RichText:
    return translate(
        language,
        "profile-no-such-department",
        typed=quoted_in(language, typed),
        suggestion=suggestion,
    )


def use_department(language: Language, name: str) -> str:
    return translate_plain(language, "profile-use-department", name=name)


def create_department(language: Language, name: str) -> str:
    return translate_plain(
        language, "profile-create-department", name=quoted_in(language, name, 30)
    )


def cancel(language: Language) -> str:
    return translate_plain(language, "directory-cancel")


def nothing_changed(language: Language) -> RichText:
    return translate(language, "directory-nothing-changed")


CANCEL = "Cancel"


def too_many_skills(limit: int) -> RichText:
    return say("Please add at most {limit} skills at a time.", limit=limit)


def did_you_mean_skill(typed: str, suggestions: Sequence[str]) -> RichText:
    options = joined(" or ", [say("*{s}*", s=s) for s in suggestions])
    return say("{typed}: did you mean {options}?", typed=quoted(typed), options=options)


def add_skill(name: str) -> str:
    return f"Add {name}"


def add_new_skill(key: str) -> str:
    return f"Add {quoted(key, 30)} as a new skill"


def not_a_skill_name(typed: str) -> RichText:
    return say(
        "{typed} isn't a skill name I can store (letters or digits, up to 60 characters).",
        typed=quoted(typed),
    )


CHOICE_NO_LONGER_VALID = say("That choice is no longer valid; please type the skill again.")
SKILL_GONE = say("That skill is no longer in the directory; please type it again.")


def already_listed(name: str) -> RichText:
    return say("You already list *{name}*.", name=name)


def added(name: str, new: bool) -> RichText:
    if new:
        return say(
            "Added *{name}* (new to the directory: it's on your profile now, and offered to "
            "others once a facilitator accepts it).",
            name=name,
        )
    return say("Added *{name}*.", name=name)


def removed(name: str) -> RichText:
    return say("Removed *{name}*.", name=name)


def not_listed(typed: str, suggestion: str | None) -> RichText:
    hint = say(" Did you mean *{s}*?", s=suggestion) if suggestion else RichText()
    return say("You don't list {typed}.{hint}", typed=quoted(typed), hint=hint)


NO_EXPERTISE_YET = say(
    "You haven't declared any expertise yet. Try `expertise add plain language, excel`."
)


def none_declared(name: str) -> RichText:
    return say("{name} hasn't declared any expertise yet.", name=name)


def expertise_list(owner: str | None, skills: Sequence[tuple[str, datetime]]) -> RichText:
    """``owner`` None: the reader's own."""
    title = say("*Your expertise*") if owner is None else say("*{o}'s expertise*", o=owner)
    lines = [title] + [
        say("• {name} (since {since})", name=name, since=month_year(at)) for name, at in skills
    ]
    return joined("\n", lines)


# -- reviewing new skills ---------------------------------------------------------------------

NOTHING_TO_REVIEW = say("No new skills are waiting for review.")
REVIEWED_ALREADY = say("That skill was reviewed already (or removed): nothing changed.")
REVIEWERS_ONLY = say("Only community facilitators and admins review new skills.")


def accept_skill(name: str) -> str:
    return f"Accept {name}"[:75]


def reject_skill(name: str) -> str:
    return f"Reject {name}"[:75]


def review_queue(skills: list[tuple[str, int]], more: int) -> RichText:
    """The new skills waiting, with how many declared each."""
    lines = [say("*New skills waiting for review* (accepted, they join the shared vocabulary)")]
    for name, count in skills:
        people = "1 person" if count == 1 else f"{count} people"
        lines.append(say("• {name} — declared by {people}", name=name, people=people))
    if more:
        lines.append(say("…and {n} more after these.", n=more))
    return joined("\n", lines)


def skill_accepted(name: str) -> RichText:
    return say("Accepted *{name}*: everyone can now find and add it.", name=name)


def skill_rejected(name: str) -> RichText:
    return say("Rejected *{name}*: it's gone from the profiles that had it.", name=name)
