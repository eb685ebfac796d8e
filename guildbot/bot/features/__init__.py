"""The features, each a package of one shape: its command specs (`commands.py`), its
services, its copy, and a `setup(registry, core)` that binds a handler to every form and
button it owns. Their order here is the order `help` lists their commands in."""

from __future__ import annotations

from dataclasses import dataclass

from guildbot.bot.adapter_support.localised import described
from guildbot.bot.core import Core
from guildbot.bot.features import (
    calendar,
    coffee,
    communities,
    dashboard,
    directory,
    help,
    privacy,
    questions,
)
from guildbot.bot.features.calendar import Calendar
from guildbot.bot.features.dashboard import Dashboard
from guildbot.bot.features.questions import QuestionService
from guildbot.bot.registry import Registry, Spec, merged
from guildbot.contract.commands import CommandCatalogue

SPECS: tuple[Spec, ...] = (
    *help.SPECS,
    *directory.SPECS,
    *questions.SPECS,
    *communities.SPECS,
    *calendar.SPECS,
    *coffee.SPECS,
    *privacy.SPECS,
    *dashboard.SPECS,
)


# Every command, as the grammar reads them (the specs alone: no database needed).
COMMANDS = merged(SPECS)


def catalogue() -> CommandCatalogue:
    """Every command as platforms list them, with its translations."""
    return described(COMMANDS)


@dataclass(frozen=True, slots=True)
class Features:
    """The services features built, for what the rest of the bot needs of them (the web
    app serves the calendar's feeds)."""

    questions: QuestionService
    calendar: Calendar
    dashboard: Dashboard


def setup(registry: Registry, core: Core) -> Features:
    """Every feature registered, in order."""
    help.setup(registry)
    directory.setup(registry, core)
    asking = questions.setup(registry, core)
    communities.setup(registry, core)
    events = calendar.setup(registry, core)
    coffee.setup(registry, core)
    privacy.setup(registry, core)
    return Features(questions=asking, calendar=events, dashboard=dashboard.setup(registry, core))
