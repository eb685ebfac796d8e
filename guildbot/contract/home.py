"""A member's home page (Slack's App Home, later Teams' personal tab), as neutral sections.

The core builds it; every adapter that has a home surface renders it natively.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from guildbot.contract.adapter import ProfileLookup
from guildbot.contract.refs import MemberRef
from guildbot.contract.richtext import Code, RichText, Text


@dataclass(frozen=True, slots=True)
class HomeSection:
    """One titled part of the page. `lines` empty means "show `empty`"."""

    key: str
    title: str
    lines: tuple[RichText, ...]
    empty: RichText
    hint: RichText | None = None  # a command that does more, e.g. `event list`


# The core writes the page's footer in the viewer's language (`bot.home`); this is what a page
# built without one shows.
FOOTER = RichText((Text("Type "), Code("/guild help"), Text(" to see everything I can do.")))


@dataclass(frozen=True, slots=True)
class HomeView:
    """Everything a member's home page shows, in order."""

    display_name: str
    sections: tuple[HomeSection, ...]
    footer: RichText = FOOTER

    def section(self, key: str) -> HomeSection:
        """The section with this key."""
        return next(s for s in self.sections if s.key == key)


HomeSource = Callable[[MemberRef, ProfileLookup], Awaitable[HomeView | None]]
"""The core's read-only home page for a member (None when it cannot be built now)."""
