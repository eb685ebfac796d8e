"""What the communities feature says, in the reader's language (messages in
`bot/i18n/locales/*/communities.ftl`)."""

from __future__ import annotations

from collections.abc import Sequence

from guildbot.bot.context import Reply
from guildbot.bot.i18n import Language, translate, translate_plain
from guildbot.bot.rich import joined
from guildbot.contract.outbound import Button
from guildbot.contract.richtext import RichText


def role_word(language: Language, role: str) -> RichText:
    """A role (``member``, ``facilitator``, ``admin``) as a word of a sentence."""
    return translate(language, "communities-role", role=role)


def field(language: Language, name: str) -> str:
    """A field's name (``name``, ``description``, ``welcome``) as `text.clean_field` says it."""
    return translate_plain(language, "communities-field", field=name)


def needs_a_letter(language: Language) -> RichText:
    return translate(language, "communities-needs-a-letter")


def link_in_a_channel(language: Language) -> RichText:
    return translate(language, "communities-link-in-a-channel")


def no_communities(language: Language) -> RichText:
    return translate(language, "communities-none")


def join_hint(language: Language) -> RichText:
    return translate(language, "communities-join-hint")


def everyone_is_a_member(language: Language) -> RichText:
    return translate(language, "communities-everyone-is-a-member")


def name_the_community(language: Language) -> RichText:
    return translate(language, "communities-name-the-community")


def already_exists(language: Language, name: str, slug: str) -> RichText:
    return translate(language, "communities-already-exists", name=name, slug=slug)


def created(language: Language, name: str, slug: str, linked: bool) -> RichText:
    if linked:
        return translate(language, "communities-created-linked", name=name, slug=slug)
    return translate(language, "communities-created", name=name, slug=slug)


def others_can_join(language: Language, slug: str) -> RichText:
    return translate(language, "communities-others-can-join", slug=slug)


def channel_taken(language: Language, name: str) -> RichText:
    return translate(language, "communities-channel-taken", name=name)


def channel_linked(language: Language, name: str) -> RichText:
    return translate(language, "communities-channel-linked", name=name)


def already_in(language: Language, name: str) -> RichText:
    return translate(language, "communities-already-in", name=name)


def welcome_aboard(language: Language, name: str) -> RichText:
    return translate(language, "communities-welcome-aboard", name=name)


def not_in(language: Language, name: str) -> RichText:
    return translate(language, "communities-not-in", name=name)


def only_admin(language: Language, name: str, slug: str) -> RichText:
    return translate(language, "communities-only-admin", name=name, slug=slug)


def left(language: Language, name: str) -> RichText:
    return translate(language, "communities-left", name=name)


def listing(language: Language, rows: Sequence[tuple[str, str, int, str | None]]) -> RichText:
    """``rows``: name, slug, size, and the reader's role when they are in it."""
    lines = [translate(language, "communities-listing-title")]
    for name, slug, size, role in rows:
        if role:
            line = translate(
                language,
                "communities-listing-line-yours",
                name=name,
                slug=slug,
                size=size,
                role=role_word(language, role),
            )
        else:
            line = translate(language, "communities-listing-line", name=name, slug=slug, size=size)
        lines.append(line)
    return joined("\n", lines)


def info(
    language: Language,
    name: str,
    slug: str,
    description: str,
    size: int,
    leads: Sequence[str],
    role: str | None,
) -> RichText:
    lines = [translate(language, "communities-info-title", name=name, slug=slug)]
    if description:
        lines.append(RichText.of(description))
    lines.append(translate(language, "communities-info-members", size=size))
    lines.append(
        translate(
            language, "communities-info-facilitators", count=len(leads), leads=", ".join(leads)
        )
    )
    if role:
        lines.append(translate(language, "communities-info-you", role=role_word(language, role)))
    else:
        lines.append(translate(language, "communities-info-not-a-member", slug=slug))
    return joined("\n", lines)


def already_has_role(language: Language, who: str, role: str, community: str) -> RichText:
    word = role_word(language, role)
    return translate(
        language, "communities-already-has-role", who=who, role=word, community=community
    )


def now_has_role(language: Language, who: str, role: str, community: str) -> RichText:
    word = role_word(language, role)
    return translate(language, "communities-now-has-role", who=who, role=word, community=community)


def lacks_role(language: Language, who: str, role: str, community: str) -> RichText:
    word = role_word(language, role)
    return translate(language, "communities-lacks-role", who=who, role=word, community=community)


def no_longer_has_role(language: Language, who: str, role: str, community: str) -> RichText:
    word = role_word(language, role)
    return translate(
        language, "communities-no-longer-has-role", who=who, role=word, community=community
    )


def needs_an_admin(language: Language, community: str) -> RichText:
    return translate(language, "communities-needs-an-admin", community=community)


def welcome_off(language: Language, community: str) -> RichText:
    return translate(language, "communities-welcome-off", community=community)


def welcome_preview(language: Language, community: str, example: RichText) -> RichText:
    return translate(language, "communities-welcome-preview", community=community, example=example)


def welcome(
    language: Language,
    community: str,
    slug: str,
    description: str,
    own: str | None,
    newcomer: str,
) -> RichText:
    """The greeting: the community's own words (shown as written), or a short default that
    says what to try."""
    if own:
        intro = RichText.of(own)
    else:
        default = translate(language, "communities-welcome-default", slug=slug)
        intro = joined("\n", [RichText.of(description), default]) if description else default
    return translate(
        language, "communities-welcome", community=community, newcomer=newcomer, intro=intro
    )


def leave_instead(language: Language) -> RichText:
    return translate(language, "communities-leave-instead")


def renamed(language: Language, old: str, new: str, slug: str) -> RichText:
    return translate(language, "communities-renamed", old=old, new=new, slug=slug)


def not_a_member(language: Language, name: str, community: str) -> RichText:
    return translate(language, "communities-not-a-member", name=name, community=community)


def removed(language: Language, name: str, community: str) -> RichText:
    return translate(language, "communities-removed", name=name, community=community)


def button_expired(language: Language) -> RichText:
    return translate(language, "communities-button-expired")


def add_them(language: Language) -> str:
    return translate_plain(language, "communities-add-them")


def cancel(language: Language) -> str:
    return translate_plain(language, "communities-cancel")


def add_first(
    language: Language, name: str, role: str, community: str, buttons: tuple[Button, ...]
) -> Reply:
    """`role grant` to someone who is not in the community: nothing changes until asked."""
    return Reply(
        translate(
            language,
            "communities-add-first",
            name=name,
            community=community,
            role=role_word(language, role),
        ),
        buttons=buttons,
    )


def already_in_it(language: Language, name: str, community: str) -> RichText:
    return translate(language, "communities-already-in-it", name=name, community=community)


def archived(
    language: Language, name: str, slug: str, archived: bool, coffee_paused: bool
) -> RichText:
    """A community archived, or brought back."""
    if not archived:
        return translate(language, "communities-unarchived", name=name, slug=slug)
    if coffee_paused:
        return translate(language, "communities-archived-coffee-paused", name=name, slug=slug)
    return translate(language, "communities-archived", name=name, slug=slug)


def archived_already(language: Language, name: str, archived: bool) -> RichText:
    if archived:
        return translate(language, "communities-archived-already", name=name)
    return translate(language, "communities-not-archived", name=name)


def is_archived(language: Language, name: str) -> RichText:
    """Joining, or planning for, an archived community."""
    return translate(language, "communities-is-archived", name=name)
