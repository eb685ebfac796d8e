"""Numbered choices read back from the bot's own messages: what a reply "2" or a 2️⃣
reaction presses, and for whom."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from guildbot.adapters.matrix.render import CHOICES_KEY
from guildbot.contract.outbound import MAX_ACTION_ID, MAX_BUTTON_VALUE, Confirmation

MAX_CHOICES = 25  # as many buttons as any platform shows


@dataclass(frozen=True, slots=True)
class Choice:
    """One numbered choice: the button it stands for."""

    label: str
    action_id: str
    value: str
    confirm: Confirmation | None = None


@dataclass(frozen=True, slots=True)
class ChoiceSet:
    """The choices of one message the bot sent: `for_user` alone may answer (None: anyone
    in the room, as for an event's RSVP)."""

    event_id: str
    for_user: str | None
    options: tuple[Choice, ...]
    # The message as sent, for the edit that settles it.
    content: dict[str, Any]

    def number(self, number: int) -> Choice | None:
        """Choice `number` (from 1), or None when there is no such choice."""
        return self.options[number - 1] if 1 <= number <= len(self.options) else None

    def may_answer(self, user_id: str) -> bool:
        """Whether this person's answer counts."""
        return self.for_user is None or self.for_user == user_id


def choices_in(event_id: str, content: Any) -> ChoiceSet | None:
    """The choices a message of the bot's carries, or None (none, or not in our shape: the
    content came back from the homeserver, so nothing is taken on trust)."""
    if not isinstance(content, dict):
        return None
    data = content.get(CHOICES_KEY)
    if not isinstance(data, dict) or not isinstance(data.get("options"), list):
        return None
    for_user = data.get("for")
    options = [_choice(option) for option in data["options"][:MAX_CHOICES]]
    if not options or any(option is None for option in options):
        return None
    return ChoiceSet(
        event_id,
        for_user if isinstance(for_user, str) else None,
        tuple(option for option in options if option is not None),
        content,
    )


def _choice(option: Any) -> Choice | None:
    if not isinstance(option, dict):
        return None
    label, action, value = option.get("label"), option.get("action"), option.get("value", "")
    if not (isinstance(label, str) and isinstance(action, str) and isinstance(value, str)):
        return None
    if not action or len(action) > MAX_ACTION_ID or len(value) > MAX_BUTTON_VALUE:
        return None
    confirm = option.get("confirm")
    asked = None
    if isinstance(confirm, dict) and all(
        isinstance(confirm.get(k), str) for k in ("title", "text", "yes", "no")
    ):
        asked = Confirmation(confirm["title"], confirm["text"], confirm["yes"], confirm["no"])
    return Choice(label, action, value, asked)
