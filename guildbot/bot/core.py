"""What every feature is built from: the database, the clock and the settings."""

from __future__ import annotations

from dataclasses import dataclass

from guildbot.bot.clock import Clock
from guildbot.bot.config import Settings
from guildbot.storage.engine import Database


@dataclass(frozen=True, slots=True)
class Core:
    """The shared parts a feature's `setup` builds its services on."""

    database: Database
    clock: Clock
    settings: Settings
