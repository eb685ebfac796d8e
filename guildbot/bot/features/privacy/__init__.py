"""Privacy: members see, export and erase what Guildbot holds about them."""

from __future__ import annotations

from guildbot.bot.core import Core
from guildbot.bot.features.privacy.buttons import ACTION_ERASE, ERASE_CONFIRMATION
from guildbot.bot.features.privacy.commands import SPECS
from guildbot.bot.features.privacy.service import Privacy
from guildbot.bot.registry import Registry

__all__ = ["SPECS", "setup"]


def setup(registry: Registry, core: Core) -> None:
    """Register `privacy show|export|erase` and the confirmed [Erase] button; an erasure
    runs every feature's erase hook (`Registry.erasing`)."""
    settings = core.settings
    retention = (
        ("messages", settings.retention_messages.days),
        ("questions", settings.retention_questions.days),
        ("rsvps", settings.retention_rsvps.days),
        ("coffee", settings.retention_coffee.days),
        ("audit", settings.retention_audit.days),
    )
    privacy = Privacy(core.database, registry.erase_hooks, retention)
    registry.command("privacy", "show", lambda ctx, inv: privacy.show(ctx))
    registry.command("privacy", "export", lambda ctx, inv: privacy.export_reply(ctx))
    registry.command("privacy", "erase", lambda ctx, inv: privacy.ask_erase(ctx))
    registry.button(ACTION_ERASE, privacy.erase, ERASE_CONFIRMATION)
