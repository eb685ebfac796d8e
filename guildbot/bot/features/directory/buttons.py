"""The directory's buttons: which action, and the value each carries."""

from __future__ import annotations

from dataclasses import dataclass

ACTION_ADD_SKILL = "expertise.add"
ACTION_ADD_NEW_SKILL = "expertise.add_new"
ACTION_SET_DEPARTMENT = "profile.department"
ACTION_CANCEL = "cancel"
ACTION_ACCEPT_SKILL = "expertise.accept"
ACTION_REJECT_SKILL = "expertise.reject"
MAX_NAME = 120


@dataclass(frozen=True, slots=True)
class Named:
    """A button that stands for a name: a skill to add, a department to join."""

    name: str

    def encode(self) -> str:
        """The button's value."""
        return self.name

    @classmethod
    def decode(cls, value: str) -> Named | None:
        """The name a pressed button carried; None for nothing usable."""
        name = " ".join(value.split())
        return cls(name) if 0 < len(name) <= MAX_NAME else None
