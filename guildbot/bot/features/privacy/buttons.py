"""The privacy feature's button: erase, carrying whose data it was offered for."""

from __future__ import annotations

from dataclasses import dataclass

from guildbot.contract.outbound import Confirmation

ACTION_ERASE = "privacy.erase"
ACTION_CANCEL = "cancel"
ERASE_CONFIRMATION = Confirmation("Erase your data?", "This cannot be undone.", "Erase")


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
