"""What a community posts in its channel: English, French, or both in one post.

A message to one person is in that person's language. A channel is read by everyone in it,
so its posts (an event, an announcement, a reminder, a welcome) follow the community's
choice: `en`, `fr`, or both versions in one post, the official language the community names
first on top (``en+fr`` or ``fr+en``), the way bilingual public services write notices.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace
from enum import StrEnum

from guildbot.bot.i18n.languages import Language
from guildbot.bot.rich import joined
from guildbot.bot.scheduler.payload import Body
from guildbot.contract.outbound import Button


class ChannelLanguage(StrEnum):
    """A community's setting, as stored in `communities.language`."""

    EN = "en"
    FR = "fr"
    EN_FR = "en+fr"
    FR_EN = "fr+en"

    @property
    def languages(self) -> tuple[Language, ...]:
        """The versions its posts carry, in order."""
        return tuple(Language(part) for part in self.value.split("+"))

    @classmethod
    def stored(cls, value: str | None) -> ChannelLanguage:
        """The setting in a row; anything unreadable is English, as every post was before."""
        try:
            return cls(value or "en")
        except ValueError:
            return cls.EN


# What facilitators type, accents and case folded: `both` puts English first unless they
# name French ("both fr", "fr+en", "les deux fr").
_ONE = {
    "en": Language.EN,
    "english": Language.EN,
    "anglais": Language.EN,
    "fr": Language.FR,
    "french": Language.FR,
    "francais": Language.FR,
}
_BOTH = {"both", "bilingual", "bilingue", "deux", "les deux", "en+fr", "fr+en", "en fr", "fr en"}


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.replace("-first", "").replace("/", "+").split())


def parse_channel_language(typed: str) -> ChannelLanguage | None:
    """`en`, `fr`, `both` (English first), `both fr` / `fr+en` (French first); None for
    anything else."""
    words = _folded(typed)
    if words in _ONE:
        return ChannelLanguage(_ONE[words].value)
    if words in ("fr+en", "fr en"):
        return ChannelLanguage.FR_EN
    if words in _BOTH:
        return ChannelLanguage.EN_FR
    for both in sorted(_BOTH, key=len, reverse=True):
        if words.startswith(both + " ") and words[len(both) + 1 :] in _ONE:
            first = _ONE[words[len(both) + 1 :]]
            return ChannelLanguage.FR_EN if first is Language.FR else ChannelLanguage.EN_FR
    return None


# Between the versions of one post: a rule every platform shows as a line of its own.
_BETWEEN = "\n———\n"


def in_languages(setting: ChannelLanguage, render: Callable[[Language], Body]) -> Body:
    """The post `render` writes, in the setting's language or languages."""
    return side_by_side([render(language) for language in setting.languages])


def side_by_side(versions: Sequence[Body], between: str = _BETWEEN) -> Body:
    """One message carrying each version in turn, `between` them. Buttons are the same
    choices in every version, so each is shown once, its labels joined ("Going / J'y vais")."""
    if len(versions) == 1:
        return versions[0]
    text = joined(between, [version.text for version in versions])
    contexts = [version.context for version in versions if version.context is not None]
    context = joined(" · ", contexts) if contexts else None
    return Body(text, _buttons_of(versions), context)


def _buttons_of(versions: Sequence[Body]) -> tuple[Button, ...]:
    first = versions[0].buttons
    same = all(
        [(b.action_id, b.value) for b in version.buttons] == [(b.action_id, b.value) for b in first]
        for version in versions
    )
    if not same:  # not the same choices: the first version's stand (never two sets)
        return first
    labels = zip(*[[b.label for b in version.buttons] for version in versions], strict=True)
    return tuple(
        replace(button, label=" / ".join(dict.fromkeys(words)))
        for button, words in zip(first, labels, strict=True)
    )
