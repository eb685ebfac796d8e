"""How the core confirms each destructive action, by action id.

Buttons carry their confirmation, and platforms with a dialog (Slack, Teams, the console)
show it. A platform without one (Discord) asks in a second step — possibly in a process
that did not send the button — and needs the words from here.
"""

from __future__ import annotations

from guildbot.bot.calendar.events import ACTION_CANCEL_EVENT, CANCEL_CONFIRMATION
from guildbot.bot.services.privacy import ACTION_ERASE, ERASE_CONFIRMATION
from guildbot.contract.outbound import Confirmation


def confirmations() -> dict[str, Confirmation]:
    """Every confirmed action's words."""
    return {ACTION_ERASE: ERASE_CONFIRMATION, ACTION_CANCEL_EVENT: CANCEL_CONFIRMATION}
