"""What the communities feature says."""

from __future__ import annotations

from collections.abc import Sequence

from guildbot.bot.context import Reply
from guildbot.bot.rich import joined, say
from guildbot.contract.outbound import Button
from guildbot.contract.richtext import RichText

NEEDS_A_LETTER = say("A community name needs at least one letter or digit.")
LINK_IN_A_CHANNEL = say("Run `community link` in the channel you want to link.")
NO_COMMUNITIES = say("There are no communities yet. Start one with `community create NAME`.")
JOIN_HINT = say("Join one with `community join SLUG`.")
EVERYONE_IS_A_MEMBER = say(
    "Everyone in a community is a member; to leave, they use `community leave`."
)
NAME_THE_COMMUNITY = say("Name the community, or run this in the community's channel.")


def already_exists(name: str, slug: str) -> RichText:
    return say(
        "There is already a community {name} ({slug}). Join it with `community join {slug}`.",
        name=name,
        slug=slug,
    )


def created(name: str, slug: str, linked: bool) -> RichText:
    where = say(" This channel is now its channel.") if linked else RichText()
    return say(
        "Created *{name}* ({slug}). You are its admin.{where}", name=name, slug=slug, where=where
    )


def others_can_join(slug: str) -> RichText:
    return say("Others can join with `community join {slug}`.", slug=slug)


def channel_taken(name: str) -> RichText:
    return say("This channel already belongs to {name}.", name=name)


def channel_linked(name: str) -> RichText:
    return say("This channel is now {name}'s channel.", name=name)


def already_in(name: str) -> RichText:
    return say("You're already in {name}.", name=name)


def welcome_aboard(name: str) -> RichText:
    return say("Welcome to *{name}*!", name=name)


def not_in(name: str) -> RichText:
    return say("You're not in {name}.", name=name)


def only_admin(name: str, slug: str) -> RichText:
    return say(
        "You're the only admin of {name}. Make someone else admin first: "
        "`role grant @member admin {slug}`.",
        name=name,
        slug=slug,
    )


def left(name: str) -> RichText:
    return say("You've left {name}.", name=name)


def listing(rows: Sequence[tuple[str, str, int, str | None]]) -> RichText:
    """``rows``: name, slug, size, and the reader's role when they are in it."""
    lines = [say("*Communities*")]
    for name, slug, size, role in rows:
        you = say(" — you're {role}", role=role) if role else RichText()
        people = "member" if size == 1 else "members"
        lines.append(
            say(
                "• {name} ({slug}): {size} {people}{you}",
                name=name,
                slug=slug,
                size=size,
                people=people,
                you=you,
            )
        )
    return joined("\n", lines)


def info(
    name: str,
    slug: str,
    description: str,
    size: int,
    leads: Sequence[str],
    role: str | None,
) -> RichText:
    lines = [say("*{name}* ({slug})", name=name, slug=slug)]
    if description:
        lines.append(RichText.of(description))
    lines.append(say("• Members: {size}", size=size))
    lines.append(say("• Facilitators: {leads}", leads=", ".join(leads) or "none"))
    if role:
        lines.append(say("• You: {role}", role=role))
    else:
        lines.append(say("• You're not a member: `community join {slug}`", slug=slug))
    return joined("\n", lines)


def already_has_role(who: str, role: str, community: str) -> RichText:
    return say("{who} is already {role} of {community}.", who=who, role=role, community=community)


def now_has_role(who: str, role: str, community: str) -> RichText:
    return say("{who} is now {role} of {community}.", who=who, role=role, community=community)


def lacks_role(who: str, role: str, community: str) -> RichText:
    return say("{who} isn't {role} of {community}.", who=who, role=role, community=community)


def no_longer_has_role(who: str, role: str, community: str) -> RichText:
    return say("{who} is no longer {role} of {community}.", who=who, role=role, community=community)


def needs_an_admin(community: str) -> RichText:
    return say("{community} needs at least one admin.", community=community)


def welcome_off(community: str) -> RichText:
    return say("I won't greet people who join {community}'s channel.", community=community)


def welcome_preview(community: str, example: RichText) -> RichText:
    return say(
        "People who join {community}'s channel will see:\n{example}",
        community=community,
        example=example,
    )


def welcome(
    community: str, slug: str, description: str, own: str | None, newcomer: str
) -> RichText:
    """The greeting: the community's own words (shown as written), or a short default that
    says what to try."""
    if own:
        intro = RichText.of(own)
    else:
        about = say("{d}\n", d=description) if description else RichText()
        intro = say(
            "{about}Try `ask` for a question, `coffee join {slug}` for intros across "
            "departments, and `event list` for what's coming up.",
            about=about,
            slug=slug,
        )
    return say(
        "👋 Welcome to *{community}*, {newcomer}! {intro}",
        community=community,
        newcomer=newcomer,
        intro=intro,
    )


LEAVE_INSTEAD = say("To leave a community yourself, use `community leave COMMUNITY`.")


def renamed(old: str, new: str, slug: str) -> RichText:
    return say(
        "Renamed {old} to {new}. Its short name stays {slug}, so links and feeds keep working.",
        old=old,
        new=new,
        slug=slug,
    )


def not_a_member(name: str, community: str) -> RichText:
    return say("{name} isn't in {community}: nothing to remove.", name=name, community=community)


def removed(name: str, community: str) -> RichText:
    return say("Removed {name} from {community}.", name=name, community=community)


BUTTON_EXPIRED = say("That button has expired.")


def add_first(name: str, role: str, community: str, buttons: tuple[Button, ...]) -> Reply:
    """`role grant` to someone who is not in the community: nothing changes until asked."""
    return Reply(
        say(
            "{name} isn't in {community} yet. Add them as {role}? They'll see its events and "
            "can leave any time.",
            name=name,
            community=community,
            role=role,
        ),
        buttons=buttons,
    )


def already_in_it(name: str, community: str) -> RichText:
    return say(
        "{name} joined {community} meanwhile: use `role grant` again to change their role.",
        name=name,
        community=community,
    )


def archived(name: str, slug: str, archived: bool, coffee_paused: bool) -> RichText:
    """A community archived, or brought back."""
    if not archived:
        return say(
            "{name} is active again: listed, open to join, and events can be planned. Coffee "
            "intros stay paused until a facilitator runs `coffee resume {slug}`.",
            name=name,
            slug=slug,
        )
    coffee = " Its coffee intros are paused." if coffee_paused else ""
    return say(
        "Archived {name}: it's kept as it was, but no longer listed or open to join, and no "
        "new events can be planned.{coffee} `community unarchive {slug}` brings it back.",
        name=name,
        coffee=coffee,
        slug=slug,
    )


def archived_already(name: str, archived: bool) -> RichText:
    state = "archived already" if archived else "not archived"
    return say("{name} is {state}: nothing changed.", name=name, state=state)


def is_archived(name: str) -> RichText:
    """Joining, or planning for, an archived community."""
    return say(
        "{name} is archived: it isn't taking new members or events. Its admins can bring it "
        "back with `community unarchive`.",
        name=name,
    )
