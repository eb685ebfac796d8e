"""The composition root: settings -> engine -> repositories -> services -> adapters.

This is the one module that knows every part; everything else receives what it needs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from guildbot.bot.config import Settings
from guildbot.bot.events import InboundEvent
from guildbot.bot.ports import Adapter, Clock, Dispatch, SystemClock
from guildbot.bot.router import Router
from guildbot.bot.services.communities import CommunityService
from guildbot.bot.services.directory import DirectoryService
from guildbot.bot.services.privacy import PrivacyService
from guildbot.matching.skills import skill_key
from guildbot.matching.vocabulary import STARTER_SKILLS
from guildbot.storage import migrate
from guildbot.storage.engine import Database, check_connection, create_engine
from guildbot.storage.repositories.skills import SkillRepository

log = logging.getLogger(__name__)


@dataclass
class Guildbot:
    """A wired application: its database, clock, services and router."""

    settings: Settings
    database: Database
    clock: Clock
    directory: DirectoryService
    communities: CommunityService
    router: Router

    def dispatcher(self, adapter: Adapter) -> Dispatch:
        """The function `adapter` calls with each event: route it, send the replies back."""

        async def dispatch(event: InboundEvent) -> None:
            for message in await self.router.handle(event, adapter.lookup_user):
                await adapter.send(message)

        return dispatch

    async def close(self) -> None:
        """Release the database."""
        await self.database.dispose()


async def build(settings: Settings, clock: Clock | None = None) -> Guildbot:
    """Connect, migrate, seed the starter vocabulary and wire the services.

    Raises `DatabaseUnavailable` when the database cannot be opened; the CLI reports it.
    """
    engine = create_engine(settings.database_url)
    try:
        await check_connection(engine)
        await migrate.upgrade(engine)
    except BaseException:
        await engine.dispose()
        raise
    database = Database(engine)
    clock = clock or SystemClock()
    await ensure_starter_skills(database, clock)
    directory = DirectoryService(database, clock, settings.default_timezone)
    communities = CommunityService(database)
    privacy = PrivacyService(database)
    router = Router(directory, communities, privacy, clock)
    log.info("guildbot ready instance=%s backend=%s", settings.instance_name, engine.dialect.name)
    return Guildbot(settings, database, clock, directory, communities, router)


async def ensure_starter_skills(database: Database, clock: Clock) -> None:
    """Add the starter vocabulary's skills that the database does not have yet."""
    async with database.transaction() as session:
        skills = SkillRepository(session)
        present = await skills.vocabulary()
        for name, aliases in STARTER_SKILLS.items():
            key = skill_key(name)
            if key not in present:
                await skills.ensure(key, clock.now(), [skill_key(a) for a in aliases])
