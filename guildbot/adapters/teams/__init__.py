"""Microsoft Teams: the Microsoft 365 Agents SDK's `AgentApplication` (see `adapter.py`).

The only package that imports the Agents SDK (``microsoft_agents``). `manifest.py` writes the
Teams app package an administrator uploads (``guildbot teams package``).
"""

from __future__ import annotations

from guildbot.adapters.teams.adapter import MESSAGES_PATH, TeamsAdapter
from guildbot.adapters.teams.inbound import PLATFORM

__all__ = ["MESSAGES_PATH", "PLATFORM", "TeamsAdapter"]
