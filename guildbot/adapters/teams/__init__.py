"""Microsoft Teams: the Microsoft 365 Agents SDK's `AgentApplication` (see `adapter.py`).

The only package that imports the Agents SDK (``microsoft_agents``). `manifest.py` writes the
Teams app package an administrator uploads (``guildbot teams package``).
"""

from __future__ import annotations

from guildbot.adapters.teams.adapter import MESSAGES_PATH, TeamsAdapter
from guildbot.adapters.teams.inbound import PLATFORM
from guildbot.bot.config import Settings
from guildbot.bot.conversation_store import ConversationStore

__all__ = ["MESSAGES_PATH", "PLATFORM", "TeamsAdapter", "teams_adapter"]


def teams_adapter(settings: Settings, store: ConversationStore) -> TeamsAdapter:
    """The adapter configured by TEAMS_* settings (anonymous mode without a client id);
    mount `adapter.routes()` on the web app."""
    return TeamsAdapter(
        store=store,
        client_id=settings.teams_client_id,
        client_secret=settings.teams_client_secret,
        tenant_id=settings.teams_tenant_id,
    )
