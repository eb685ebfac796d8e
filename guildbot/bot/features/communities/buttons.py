"""The communities feature's buttons: [Add them] when a role is granted to a non-member."""

from __future__ import annotations

from dataclasses import dataclass

from guildbot.bot.features.communities import copy
from guildbot.bot.features.directory.buttons import ACTION_CANCEL
from guildbot.bot.i18n import Language
from guildbot.contract.outbound import Button, ButtonStyle
from guildbot.storage.models import Role

ACTION_ADD_MEMBER = "community.add_member"
MAX_ID_DIGITS = 18
ROLES = {role.value for role in Role}


@dataclass(frozen=True, slots=True)
class AddValue:
    """Add the member to the community with the role (asked first)."""

    community_id: int
    member_id: int
    role: str

    def encode(self) -> str:
        """``COMMUNITY:MEMBER:ROLE``."""
        return f"{self.community_id}:{self.member_id}:{self.role}"

    @classmethod
    def decode(cls, value: str) -> AddValue | None:
        """What `encode` wrote, or None; never raises."""
        parts = value.split(":")
        if len(parts) != 3 or parts[2] not in ROLES:
            return None
        ids = [_id(part) for part in parts[:2]]
        if ids[0] is None or ids[1] is None:
            return None
        return cls(ids[0], ids[1], parts[2])


def add_buttons(language: Language, value: AddValue) -> tuple[Button, ...]:
    """[Add them] [Cancel]."""
    return (
        Button(copy.add_them(language), ACTION_ADD_MEMBER, value.encode(), ButtonStyle.PRIMARY),
        Button(copy.cancel(language), ACTION_CANCEL),
    )


def _id(text: str) -> int | None:
    if not text or len(text) > MAX_ID_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number > 0 else None
