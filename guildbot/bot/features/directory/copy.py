"""What the directory says: every message about profiles and declared expertise."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from babel.dates import format_date

from guildbot.bot.i18n import Language, language_of, listed, translate, translate_plain
from guildbot.bot.i18n import quoted as quoted_in
from guildbot.bot.rich import joined, say
from guildbot.contract.richtext import RichText

# Every message is in the catalogues (bot/i18n/locales/*/directory.ftl), in the reader's
# language: the profile's, then the declared expertise's and its review's.


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


def field(language: Language, name: str) -> str:
    """A profile field's name (``title``, ``department``) as `text.clean_field` says it."""
    return translate_plain(language, "profile-field", field=name)


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


def too_many_skills(language: Language, limit: int) -> RichText:
    return translate(language, "expertise-too-many", limit=limit)


def did_you_mean_skill(language: Language, typed: str, suggestions: Sequence[str]) -> RichText:
    bold = [say("*{s}*", s=s) for s in suggestions]
    options = joined(translate_plain(language, "expertise-or"), bold)
    return translate(
        language, "expertise-did-you-mean", typed=quoted_in(language, typed), options=options
    )


def add_skill(language: Language, name: str) -> str:
    return translate_plain(language, "expertise-add-skill", name=name)


def add_new_skill(language: Language, key: str) -> str:
    return translate_plain(language, "expertise-add-new-skill", typed=quoted_in(language, key, 30))


def not_a_skill_name(language: Language, typed: str) -> RichText:
    return translate(language, "expertise-not-a-skill-name", typed=quoted_in(language, typed))


def choice_no_longer_valid(language: Language) -> RichText:
    return translate(language, "expertise-choice-no-longer-valid")


def skill_gone(language: Language) -> RichText:
    return translate(language, "expertise-skill-gone")


def already_listed(language: Language, name: str) -> RichText:
    return translate(language, "expertise-already-listed", name=name)


def added(language: Language, name: str, new: bool) -> RichText:
    if new:
        return translate(language, "expertise-added-new", name=name)
    return translate(language, "expertise-added", name=name)


def removed(language: Language, name: str) -> RichText:
    return translate(language, "expertise-removed", name=name)


def not_listed(language: Language, typed: str, suggestion: str | None) -> RichText:
    shown = quoted_in(language, typed)
    if suggestion:
        return translate(
            language, "expertise-not-listed-suggest", typed=shown, suggestion=suggestion
        )
    return translate(language, "expertise-not-listed", typed=shown)


def no_expertise_yet(language: Language) -> RichText:
    return translate(language, "expertise-none-yet")


def none_declared(language: Language, name: str) -> RichText:
    return translate(language, "expertise-none-declared", name=name)


# A month as each language abbreviates it in a line ("Nov 2026", "novembre 2026").
_MONTH = {Language.EN: "MMM y", Language.FR: "MMMM y"}


def since(language: Language, at: datetime) -> str:
    """The month a skill was declared in."""
    return format_date(at, _MONTH[language], locale=language.value)


def expertise_list(
    language: Language, owner: str | None, skills: Sequence[tuple[str, datetime]]
) -> RichText:
    """``owner`` None: the reader's own."""
    title = (
        translate(language, "expertise-yours")
        if owner is None
        else translate(language, "expertise-theirs", name=owner)
    )
    lines = [title] + [
        translate(language, "expertise-line", name=name, since=since(language, at))
        for name, at in skills
    ]
    return joined("\n", lines)


# -- reviewing new skills ---------------------------------------------------------------------


def nothing_to_review(language: Language) -> RichText:
    return translate(language, "expertise-nothing-to-review")


def reviewed_already(language: Language) -> RichText:
    return translate(language, "expertise-reviewed-already")


def reviewers_only(language: Language) -> RichText:
    return translate(language, "expertise-reviewers-only")


def accept_skill(language: Language, name: str) -> str:
    return translate_plain(language, "expertise-accept", name=name)[:75]


def reject_skill(language: Language, name: str) -> str:
    return translate_plain(language, "expertise-reject", name=name)[:75]


def review_queue(language: Language, skills: list[tuple[str, int]], more: int) -> RichText:
    """The new skills waiting, with how many declared each."""
    lines = [translate(language, "expertise-queue-title")]
    for name, count in skills:
        lines.append(translate(language, "expertise-queue-line", name=name, count=count))
    if more:
        lines.append(translate(language, "expertise-queue-more", count=more))
    return joined("\n", lines)


def skill_accepted(language: Language, name: str) -> RichText:
    return translate(language, "expertise-accepted", name=name)


def skill_rejected(language: Language, name: str) -> RichText:
    return translate(language, "expertise-rejected", name=name)
