"""What the outbox stores of a message: its body (text, buttons, small print) as JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from guildbot.contract.outbound import Button, ButtonStyle, Confirmation


@dataclass(frozen=True, slots=True)
class Body:
    """What a queued message shows: its text, its buttons and its small print."""

    text: str
    buttons: tuple[Button, ...] = ()
    context: str | None = None

    def payload(self) -> dict[str, Any]:
        """As stored in the outbox's `payload` column."""
        payload: dict[str, Any] = {"text": self.text}
        if self.context:
            payload["context"] = self.context
        if self.buttons:
            payload["buttons"] = [_button(b) for b in self.buttons]
        return payload

    @classmethod
    def of(cls, payload: dict[str, Any]) -> Body:
        """The body stored in a payload."""
        context = payload.get("context")
        return cls(
            text=str(payload.get("text", "")),
            buttons=_buttons(payload),
            context=str(context) if context else None,
        )


def _button(button: Button) -> dict[str, Any]:
    data: dict[str, Any] = {
        "label": button.label,
        "action_id": button.action_id,
        "value": button.value,
        "style": button.style.value,
    }
    if button.confirm is not None:
        data["confirm"] = {
            "title": button.confirm.title,
            "text": button.confirm.text,
            "confirm_label": button.confirm.confirm_label,
            "deny_label": button.confirm.deny_label,
        }
    return data


def _buttons(payload: dict[str, Any]) -> tuple[Button, ...]:
    buttons: list[Button] = []
    for data in payload.get("buttons", []):
        confirm = data.get("confirm")
        buttons.append(
            Button(
                label=str(data["label"]),
                action_id=str(data["action_id"]),
                value=str(data.get("value", "")),
                style=ButtonStyle(data.get("style", ButtonStyle.DEFAULT.value)),
                confirm=Confirmation(**confirm) if confirm else None,
            )
        )
    return tuple(buttons)
