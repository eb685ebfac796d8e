"""The privacy feature's button: erase, carrying whose data it was offered for."""

from __future__ import annotations

from dataclasses import dataclass

from guildbot.bot.features.privacy import copy
from guildbot.bot.i18n import DEFAULT_LANGUAGE

ACTION_ERASE = "privacy.erase"
ACTION_CANCEL = "cancel"
# The dialog a platform keeps for the action itself (it knows no reader): the operator's
# language. The button a member is shown carries theirs (`copy.erase_confirmation`).
ERASE_CONFIRMATION = copy.erase_confirmation(DEFAULT_LANGUAGE)


@dataclass(frozen=True, slots=True)
class ErasureOf:
    """The member an [Erase my data] button was shown to; only they may press it."""

    member_id: int

    def encode(self) -> str:
        """The button's value."""
        return str(self.member_id)

    @classmethod
    def decode(cls, value: str) -> ErasureOf | None:
        """Whose erasure a pressed button stood for; None for anything else."""
        if not value.isascii() or not value.isdigit() or len(value) > 18:
            return None
        return cls(int(value))
