"""Outbound messages as JSON for the outbox, and back."""

from __future__ import annotations

from typing import Any

from guildbot.contract.outbound import Button, ButtonStyle, Confirmation


def message_payload(
    text: str, buttons: tuple[Button, ...] = (), context: str | None = None
) -> dict[str, Any]:
    """What the outbox stores for a message."""
    payload: dict[str, Any] = {"text": text}
    if context:
        payload["context"] = context
    if buttons:
        payload["buttons"] = [_button(b) for b in buttons]
    return payload


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


def buttons_of(payload: dict[str, Any]) -> tuple[Button, ...]:
    """The buttons stored in a payload."""
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
