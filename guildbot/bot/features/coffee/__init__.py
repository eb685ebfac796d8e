"""Coffee intros: members opt in, rounds form small groups across departments that have not
met, an intro opens their conversation, and a follow-up asks how it went."""

from __future__ import annotations

from guildbot.bot.core import Core
from guildbot.bot.features.coffee import rounds
from guildbot.bot.features.coffee.commands import SPECS
from guildbot.bot.features.coffee.rounds import CoffeeRounds
from guildbot.bot.features.coffee.service import PairingService
from guildbot.bot.registry import Registry

__all__ = ["SPECS", "PairingService", "setup"]


def setup(registry: Registry, core: Core) -> PairingService:
    """Register `coffee`, the intro and follow-up buttons, and the rounds' schedule owner."""
    service = PairingService(core.database, core.clock)
    registry.command("coffee", "status", lambda ctx, inv: service.status(ctx))
    registry.command("coffee", "join", lambda ctx, inv: service.join(ctx, inv.rest))
    registry.command("coffee", "leave", lambda ctx, inv: service.leave(ctx, inv.rest))
    registry.command("coffee", "snooze", lambda ctx, inv: service.snooze(ctx, inv.args))
    registry.command("coffee", "never", lambda ctx, inv: service.never(ctx, inv.rest))
    registry.command("coffee", "history", lambda ctx, inv: service.history(ctx))
    registry.command("coffee", "setup", lambda ctx, inv: service.setup(ctx, inv.args))
    registry.command("coffee", "settings", lambda ctx, inv: service.settings(ctx, inv.args))
    registry.command("coffee", "pause", lambda ctx, inv: service.pause(ctx, inv.rest, True))
    registry.command("coffee", "resume", lambda ctx, inv: service.pause(ctx, inv.rest, False))
    registry.command("coffee", "preview", lambda ctx, inv: service.preview(ctx, inv.rest))
    registry.command("coffee", "stats", lambda ctx, inv: service.stats(ctx, inv.rest))
    registry.button(rounds.ACTION_MET, lambda ctx, v: service.respond(ctx, v, "met"))
    registry.button(rounds.ACTION_NOT_YET, lambda ctx, v: service.respond(ctx, v, "not_yet"))
    registry.button(rounds.ACTION_SKIP, lambda ctx, v: service.respond(ctx, v, "skip"))
    registry.button(rounds.ACTION_IN, lambda ctx, v: service.answer_round(ctx, v, True))
    registry.button(rounds.ACTION_OUT, lambda ctx, v: service.answer_round(ctx, v, False))
    registry.button(rounds.ACTION_SNOOZE, service.snooze_button)
    registry.button(rounds.ACTION_LEAVE, service.leave_button)
    registry.button(rounds.ACTION_REJOIN, service.rejoin_button)
    registry.button(rounds.ACTION_NEVER_GROUP, service.never_group)
    registry.button(rounds.ACTION_REROLL, service.reroll)
    coffee_rounds = CoffeeRounds(core.database, core.clock)
    registry.owner(coffee_rounds.owner_kind, coffee_rounds)
    return service
