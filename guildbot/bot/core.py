"""What every feature is built from: the database, the clock, the settings, and who is
acting."""

from __future__ import annotations

from dataclasses import dataclass, field

from guildbot.bot.clock import Clock
from guildbot.bot.config import Settings
from guildbot.bot.identity import Identities
from guildbot.bot.metrics import Metrics
from guildbot.storage.engine import Database


@dataclass(frozen=True, slots=True)
class Core:
    """The shared parts a feature's `setup` builds its services on."""

    database: Database
    clock: Clock
    settings: Settings
    identities: Identities
    metrics: Metrics = field(default_factory=Metrics)
