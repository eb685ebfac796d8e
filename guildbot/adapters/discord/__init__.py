"""Discord: a discord.py 2.x client on the gateway (see `adapter.py`).

The only package that imports discord.py.
"""

from __future__ import annotations

from guildbot.adapters.discord.adapter import DiscordAdapter

__all__ = ["DiscordAdapter"]
