"""The adapters' own words, in the reader's language.

An adapter writes a few things itself: an error when the core could not answer, a note that
a button was not for this member, a card's fallback text, its platform's option prompts.
It takes them from the core's catalogues through `Phrases`, by message id (``adapters-…``),
in the language of the locale it knows for the reader (the event's, the member's); without
one, the default language. An adapter never keeps a sentence of its own.
"""

from __future__ import annotations

from typing import Protocol

from guildbot.contract.refs import MemberRef


class Phrases(Protocol):
    """Messages from the core's catalogues, as plain text."""

    @property
    def languages(self) -> tuple[str, ...]:
        """The language tags the catalogues are written in, the default first ("en", "fr")."""
        ...

    def translate_plain(self, locale: str | None, message_id: str, /, **values: str | int) -> str:
        """Message `message_id` in the language of `locale` (a BCP 47 tag such as "fr-CA";
        None or one not spoken: the default language), its values filled in."""
        ...


class KnownLocales(Protocol):
    """The language a member chose in Guildbot (`profile set language`), for platforms whose
    events do not say the reader's (Matrix)."""

    async def locale_of(self, member: MemberRef) -> str | None:
        """The member's chosen locale ("fr"), or None when Guildbot does not know it."""
        ...
