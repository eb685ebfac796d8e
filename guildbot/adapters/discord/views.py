"""Buttons as persistent discord.py items: any process understands any Guildbot button.

Every button we send is a `GuildbotButton`, a `DynamicItem` whose custom id carries the
core's action id and value (see `render.custom_id`). The client registers the class once
(`Client.add_dynamic_items`), so a press is parsed from its custom id alone — also after a
restart, when no view object from the sending process exists any more. Views never time out.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

import discord

from guildbot.adapters.discord import render
from guildbot.contract.outbound import Button

Interaction = discord.Interaction[Any]
BaseButton = discord.ui.Button[discord.ui.View]


class PressHandler(Protocol):
    """What handles a press: the adapter (found on the client, so no global is needed)."""

    on_press: Callable[[Interaction, str, str], Awaitable[None]]


class GuildbotButton(
    discord.ui.DynamicItem[BaseButton],
    template=re.compile(render.CUSTOM_ID.pattern, re.DOTALL),
):
    """A button whose custom id is ``gb:ACTION:VALUE`` (or a confirm/decline variant)."""

    def __init__(self, button: BaseButton) -> None:
        super().__init__(button)

    @classmethod
    async def from_custom_id(
        cls, interaction: Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> GuildbotButton:
        """Rebuild the button from the pressed component (label included, for confirmations)."""
        label = getattr(item, "label", None)
        return cls(discord.ui.Button(custom_id=match.group(0), label=label))

    async def callback(self, interaction: Interaction) -> None:
        """Hand the press to the adapter that owns this client."""
        handler: PressHandler | None = getattr(interaction.client, "guildbot_adapter", None)
        if handler is not None:
            await handler.on_press(interaction, self.item.custom_id or "", self.item.label or "")


def button_item(button: Button, custom_id: str | None = None) -> GuildbotButton:
    """One neutral button as a persistent Discord button."""
    style = getattr(discord.ButtonStyle, render.STYLES[button.style])
    return GuildbotButton(
        discord.ui.Button(
            label=render.label(button),
            style=style,
            custom_id=custom_id or render.custom_id(button),
        )
    )


def view_for(buttons: Sequence[Button]) -> discord.ui.View | None:
    """One message's buttons (a page of `render.button_pages`: 25 at most, which discord.py
    lays out five a row) as a view that never times out; None without buttons."""
    if not buttons:
        return None
    view = discord.ui.View(timeout=None)
    for button in buttons:
        view.add_item(button_item(button))
    return view


def confirmation_view(
    action_id: str, value: str, confirm_label: str, deny_label: str
) -> discord.ui.View:
    """The second step of a destructive button: really do it, or leave things as they are."""
    view = discord.ui.View(timeout=None)
    view.add_item(
        GuildbotButton(
            discord.ui.Button(
                label=confirm_label[: render.MAX_BUTTON_LABEL],
                style=discord.ButtonStyle.danger,
                custom_id=render.confirmed_id(action_id, value),
            )
        )
    )
    view.add_item(
        GuildbotButton(
            discord.ui.Button(
                label=deny_label[: render.MAX_BUTTON_LABEL],
                style=discord.ButtonStyle.secondary,
                custom_id=render.DECLINE_ID,
            )
        )
    )
    return view
