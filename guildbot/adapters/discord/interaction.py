"""Answering one Discord interaction: acknowledged at once, answered by follow-ups.

Discord gives up on an interaction not acknowledged within 3 seconds, and that budget also
pays for the gateway's delay in delivering it and for the acknowledgement's own trip back.
Every command and press is handed to the core, which reads and writes the database (and may
call other platforms), so the adapter never waits to see whether the core is quick: it
defers as the interaction arrives — a command shows "thinking…" (type 5,
DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, private where its answers will be), a press shows
nothing (type 6, DEFERRED_UPDATE_MESSAGE) — and the core's replies follow up through the
interaction's webhook, which stays valid for 15 minutes.

After a deferred update, the interaction's "original response" is the message that was
pressed, ephemeral or not: that is how a press the core settles edits it (`settle`).

An interaction whose deferral failed (Discord no longer takes it, or was out of reach) is
`lost`: the adapter answers through REST instead — channel posts, and DMs for what is private.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

import discord

from guildbot.adapters.discord.delivery import FAILURES, delivery_error
from guildbot.contract.outbound import OutboundMessage

log = logging.getLogger(__name__)

ALLOWED_MENTIONS = discord.AllowedMentions(everyone=False, roles=False, users=True)
PUBLIC_AFTER_PRIVATE_WAIT = "Posted in the channel."


@dataclass
class InteractionReply:
    """The interaction being answered: the core's replies to its actor go through it."""

    interaction: discord.Interaction[Any]
    channel_id: str
    user_id: str
    direct: bool
    thinking: bool  # a command shows "thinking…" when deferred; a button press shows nothing
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    sent: int = 0
    lost: bool = False  # the deferral failed: answer through REST
    # A deferred command's "thinking…" placeholder, until the first follow-up replaces it:
    # whether it is private. Discord gives that first follow-up the placeholder's visibility,
    # whatever the follow-up asks for.
    placeholder_private: bool | None = None

    def fits(self, message: OutboundMessage) -> bool:
        """True when `message` is for this interaction's channel (and its actor, if private)
        and the interaction can still carry it."""
        private = message.ephemeral_to
        return (
            not self.lost
            and message.to.channel_id == self.channel_id
            and (private is None or private.user_id == self.user_id)
        )

    async def acknowledge(self) -> None:
        """Defer, so Discord does not give up on the interaction while the core works. The
        caller holds no lock yet, so this takes it first: no reply can overtake it."""
        async with self.lock:
            if self.interaction.response.is_done():
                return
            # Most replies are private to the actor, so "thinking…" is private too — except
            # in the member's DM with the bot, where replies are ordinary messages.
            private = not self.direct
            try:
                await self.interaction.response.defer(ephemeral=private, thinking=self.thinking)
            except FAILURES as error:
                delivery_error("defer interaction", error)
                self.lost = True
                return
            if self.thinking:
                self.placeholder_private = private

    async def send(self, text: str, view: discord.ui.View | None, private: bool) -> str:
        """Answer through the interaction; returns the message id when Discord gave one."""
        options: dict[str, Any] = {"allowed_mentions": ALLOWED_MENTIONS}
        if view is not None:
            options["view"] = view
        # In the member's DM with the bot nobody else can see it anyway, and ordinary
        # messages survive a reload there (ephemeral ones do not).
        ephemeral = private and not self.direct
        async with self.lock:
            self.sent += 1
            if not self.interaction.response.is_done():
                callback = await self.interaction.response.send_message(
                    text, ephemeral=ephemeral, **options
                )
                return str(getattr(callback, "message_id", None) or "")
            if self.placeholder_private is not None:
                if self.placeholder_private != ephemeral:
                    # A public answer after a private "thinking…": close the placeholder
                    # first, so the follow-up is a message of its own that everyone sees.
                    await self.interaction.edit_original_response(content=PUBLIC_AFTER_PRIVATE_WAIT)
                self.placeholder_private = None
            message = await self.interaction.followup.send(
                text, ephemeral=ephemeral, wait=True, **options
            )
            return str(message.id)

    async def settle(self, content: str) -> bool:
        """Edit the pressed message to `content`, its buttons gone; False when the
        interaction could not (the caller may still edit a message everyone sees)."""
        async with self.lock:
            if self.lost or not self.interaction.response.is_done():
                return False
            try:
                # Mentions already in the message pinged when it was posted; an edit
                # should not ping anyone again.
                await self.interaction.edit_original_response(
                    content=content, view=None, allowed_mentions=discord.AllowedMentions.none()
                )
            except FAILURES as error:
                delivery_error("settle pressed message", error)
                return False
            return True
