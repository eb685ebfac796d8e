"""What the calendar answers about scheduled announcements, in the reader's language
(`locales/*/announcements.ftl`). The announcement itself is the facilitator's own words,
posted as they wrote them."""

from __future__ import annotations

from collections.abc import Sequence

from guildbot.bot.context import Reply
from guildbot.bot.features.calendar import times
from guildbot.bot.features.calendar.phrases import Repeat, When
from guildbot.bot.features.calendar.wording import describe_repeat
from guildbot.bot.features.calendar.zones import zone_label
from guildbot.bot.i18n import Language, quoted, translate
from guildbot.bot.rich import Value, joined
from guildbot.contract.richtext import ChannelLink, RichText


def posted_when(when: When, viewer_zone: str, language: Language = Language.EN) -> RichText:
    """When an announcement is posted: its first post, then its repeat in its own zone."""
    first = times.moment(when.start, viewer_zone, None, language)
    if when.repeat is None:
        return first
    return translate(
        language,
        "announce-posted-when",
        first=first,
        repeat=repeated(language, when.repeat),
        zone=zone_label(when.timezone),
    )


def repeated(language: Language, repeat: Repeat) -> RichText:
    """How an announcement repeats ("every weekday" / "chaque jour ouvrable")."""
    if language is Language.EN:
        return RichText.of(repeat.describe())
    return describe_repeat(language, repeat)


def scheduled(
    item_id: int, channel: str, when: RichText, text: str, language: Language = Language.EN
) -> Reply:
    """`announce` done."""
    return Reply(
        translate(
            language,
            "announce-scheduled",
            id=item_id,
            channel=channel,
            when=when,
            text=quoted(language, text, 200),
        ),
        context=translate(language, "announce-scheduled-hint", id=item_id),
    )


def updated(item_id: int, when: RichText, text: str, language: Language = Language.EN) -> Reply:
    """`announce edit` done."""
    return Reply(
        translate(
            language, "announce-updated", id=item_id, when=when, text=quoted(language, text, 200)
        )
    )


def cancelled(item_id: int, language: Language = Language.EN) -> Reply:
    """`announce cancel` done."""
    return Reply(translate(language, "announce-cancelled", id=item_id))


def cannot_post_in(name: str, example: str, language: Language = Language.EN) -> RichText:
    """A channel that is no community's (`example`: an announcement that works)."""
    return translate(
        language,
        "announce-cannot-post-in",
        channel=quoted(language, "#" + name, 40),
        example=example,
    )


def no_such_announcement(typed: str, language: Language = Language.EN) -> RichText:
    """An announcement id that names none (or a cancelled one)."""
    return translate(language, "announce-no-such", typed=typed)


def listed(
    item_id: int,
    channel: ChannelLink,
    next_post: RichText,
    repeat: RichText | None,
    text: str,
    language: Language = Language.EN,
) -> RichText:
    """One line of `announce list` (`repeat`: how it repeats, None when it does not)."""
    values: dict[str, Value] = {
        "id": item_id,
        "channel": channel,
        "next": next_post,
        "text": quoted(language, text),
    }
    if repeat is None:
        return translate(language, "announce-listed", **values)
    return translate(language, "announce-listed-repeat", repeat=repeat, **values)


def scheduled_list(rows: Sequence[RichText], language: Language = Language.EN) -> Reply:
    """`announce list`."""
    return Reply(translate(language, "announce-list", rows=joined("\n", list(rows))))


def nothing_scheduled(example: str, language: Language = Language.EN) -> Reply:
    """`announce list` with nothing scheduled."""
    return Reply(
        translate(language, "announce-none"),
        context=translate(language, "announce-none-hint", example=example),
    )
