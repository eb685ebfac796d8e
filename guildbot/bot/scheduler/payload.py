"""What the outbox stores of a message: its body (text, buttons, small print) as JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from guildbot.bot.rich import TemplateError, say
from guildbot.contract.outbound import Button, ButtonStyle, Confirmation
from guildbot.contract.richtext import RichText, from_json, to_json


@dataclass(frozen=True, slots=True)
class Body:
    """What a queued message shows: its text, its buttons and its small print."""

    text: RichText
    buttons: tuple[Button, ...] = ()
    context: RichText | None = None

    def payload(self) -> dict[str, Any]:
        """As stored in the outbox's `payload` column: rich text as JSON, and its plain
        words (for operators' listings)."""
        payload: dict[str, Any] = {"rich": to_json(self.text), "text": self.text.plain()}
        if self.context:
            payload["context_rich"] = to_json(self.context)
        if self.buttons:
            payload["buttons"] = [_button(b) for b in self.buttons]
        return payload

    @classmethod
    def of(cls, payload: dict[str, Any]) -> Body:
        """The body stored in a payload (rows queued before rich text keep their markup)."""
        text = from_json(payload["rich"]) if "rich" in payload else _legacy(payload.get("text"))
        context: RichText | None = None
        if "context_rich" in payload:
            context = from_json(payload["context_rich"])
        elif payload.get("context"):
            context = _legacy(payload["context"])
        return cls(text=text, buttons=_buttons(payload), context=context)


def _legacy(text: Any) -> RichText:
    """A row queued before rich text: the bot's own words, with ``*bold*`` and ```code```
    as it wrote them then; anything that does not read so is shown as it is."""
    words = str(text or "")
    try:
        return say(words.replace("{", "{{").replace("}", "}}"))
    except TemplateError:
        return RichText.of(words)


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
