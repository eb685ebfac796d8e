"""Who Discord says someone is, and where a member who joins a server is welcomed.

A profile comes from what Discord sends with the person anyway, before any REST call: the
name they chose for all of Discord (``global_name``), else their nickname in the server they
acted in, else their username; and with an interaction, their client's language
(``locale``), else the server's (``guild_locale``).

With the privileged Server Members intent on (``DISCORD_MEMBERS_INTENT``), Discord tells the
bot when someone joins a server. Joining a server is joining each channel they can see
there, so the join becomes one `MemberJoined` per such text channel the bot can post in: the
core welcomes them in those linked to a community with a welcome, and says nothing elsewhere.
"""

from __future__ import annotations

from typing import Any

import discord

from guildbot.contract.adapter import PlatformProfile
from guildbot.contract.inbound import MemberJoined
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef

PLATFORM = "discord"
WORKSPACE = "discord"


def display_name(user: discord.User | discord.Member) -> str:
    """The name to call them by: their Discord-wide display name, else their nickname here,
    else their username."""
    nick = getattr(user, "nick", None)
    return str(user.global_name or nick or user.name or "").strip()


def profile_of(user: discord.User | discord.Member, locale: str | None) -> PlatformProfile | None:
    """What Discord says about `user` (None for a bot, or someone without a name)."""
    name = display_name(user)
    if user.bot or not name:
        return None
    return PlatformProfile(display_name=name, locale=locale or None)


def interaction_locale(interaction: discord.Interaction[Any]) -> str | None:
    """The language of the member's Discord client, else their server's."""
    for locale in (interaction.locale, interaction.guild_locale):
        if locale is not None:
            return str(locale)
    return None


def joined(member: discord.Member) -> list[MemberJoined]:
    """Someone joined a server: one event for each text channel of it they can see and the
    bot can post in (a channel the bot cannot post in cannot welcome anyone)."""
    if member.bot:
        return []
    guild = member.guild
    me = guild.me
    actor = MemberRef(PLATFORM, WORKSPACE, str(member.id))
    # The same join, seen again (a redelivery, another instance), is the same event; a
    # later join of the same person is a new one.
    since = int(member.joined_at.timestamp()) if member.joined_at else 0
    events = []
    for channel in guild.text_channels:
        if not channel.permissions_for(member).view_channel:
            continue
        if me is not None and not channel.permissions_for(me).send_messages:
            continue
        where = ConversationRef(
            PLATFORM, WORKSPACE, str(channel.id), None, ConversationKind.CHANNEL
        )
        events.append(MemberJoined(f"joined:{member.id}:{since}:{channel.id}", actor, where))
    return events
