"""Privacy: members see, export and erase what Guildbot holds about them."""

from __future__ import annotations

from guildbot.bot.core import Core
from guildbot.bot.features.privacy.commands import SPECS
from guildbot.bot.features.privacy.service import ACTION_ERASE, ERASE_CONFIRMATION, PrivacyService
from guildbot.bot.registry import Registry

__all__ = ["SPECS", "PrivacyService", "setup"]


def setup(registry: Registry, core: Core) -> PrivacyService:
    """Register `privacy show|export|erase` and the confirmed [Erase] button; an erasure
    runs every feature's erase hook (`Registry.erasing`)."""
    service = PrivacyService(core.database)
    service.on_erase = registry.erase_hooks
    registry.command("privacy", "show", lambda ctx, inv: service.show(ctx))
    registry.command("privacy", "export", lambda ctx, inv: service.export_reply(ctx))
    registry.command("privacy", "erase", lambda ctx, inv: service.ask_erase(ctx))
    registry.button(ACTION_ERASE, service.erase, ERASE_CONFIRMATION)
    return service
