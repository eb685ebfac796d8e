"""What the calendar answers about scheduled announcements."""

from __future__ import annotations

from collections.abc import Sequence

from guildbot.bot.context import Reply, quoted
from guildbot.bot.features.calendar import times
from guildbot.bot.features.calendar.phrases import When
from guildbot.bot.features.calendar.zones import zone_label
from guildbot.bot.rich import joined, say
from guildbot.contract.richtext import ChannelLink, RichText


def posted_when(when: When, viewer_zone: str) -> RichText:
    """When an announcement is posted: its first post, then its repeat in its own zone."""
    first = times.moment(when.start, viewer_zone)
    if when.repeat is None:
        return first
    return say(
        "first {first}, then {repeat} ({zone})",
        first=first,
        repeat=when.repeat.describe(),
        zone=zone_label(when.timezone),
    )


def scheduled(item_id: int, channel: str, when: RichText, text: str) -> Reply:
    """`announce` done."""
    return Reply(
        say(
            "Scheduled announcement {id} for #{channel}: {when}.\n> {text}",
            id=item_id,
            channel=channel,
            when=when,
            text=quoted(text, 200),
        ),
        context=say("`announce cancel {id}` · `announce edit {id} …`", id=item_id),
    )


def updated(item_id: int, when: RichText, text: str) -> Reply:
    """`announce edit` done."""
    return Reply(
        say(
            "Updated announcement {id}: {when}.\n> {text}",
            id=item_id,
            when=when,
            text=quoted(text, 200),
        )
    )


def cancelled(item_id: int) -> Reply:
    """`announce cancel` done."""
    return Reply(say("Cancelled announcement {id}; it won't be posted.", id=item_id))


def cannot_post_in(name: str, example: str) -> RichText:
    """A channel that is no community's (`example`: an announcement that works)."""
    return say(
        "I can't post in {channel}: I'm not in that channel, or it isn't a community's "
        "channel. Run `community link COMMUNITY` in the channel first. For example: "
        "`{example}`.",
        channel=quoted("#" + name, 40),
        example=example,
    )


def no_such_announcement(typed: str) -> RichText:
    """An announcement id that names none (or a cancelled one)."""
    return say("There's no scheduled announcement {typed}. See `announce list`.", typed=typed)


def listed(
    item_id: int, channel: ChannelLink, next_post: RichText, repeat: str, text: str
) -> RichText:
    """One line of `announce list` (`repeat`: how it repeats, "" when it does not)."""
    return say(
        "• {id} in {channel} — next {next}{repeat}: {text}",
        id=item_id,
        channel=channel,
        next=next_post,
        repeat=say(", {r}", r=repeat) if repeat else "",
        text=quoted(text, 60),
    )


def scheduled_list(rows: Sequence[RichText]) -> Reply:
    """`announce list`."""
    return Reply(say("*Scheduled announcements*\n{rows}", rows=joined("\n", list(rows))))


def nothing_scheduled(example: str) -> Reply:
    """`announce list` with nothing scheduled."""
    return Reply(
        say("No announcements are scheduled."), context=say("Try `{example}`.", example=example)
    )
