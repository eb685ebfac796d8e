"""What every handler of expert routing shares: the database, the clock, the flow's settings,
this process's routing index, and the language a member other than the actor reads."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.clock import Clock
from guildbot.bot.features.questions.calibrating import Calibrator
from guildbot.bot.features.questions.flow import RoutingSettings
from guildbot.bot.features.questions.routing import RoutingIndex, rank_for_question
from guildbot.bot.features.questions.similar import SimilarIndex
from guildbot.bot.i18n import DEFAULT_LANGUAGE, Language, language_of
from guildbot.bot.metrics import Metrics
from guildbot.matching.experts import RankerConfig, Suggestion
from guildbot.storage.engine import Database
from guildbot.storage.models import Question


class QuestionService:
    """The feature's shared parts. `settings` may be replaced while the bot runs (tests do):
    handlers read them when they act."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        settings: RoutingSettings | None = None,
        config: RankerConfig | None = None,
        metrics: Metrics | None = None,
        language_for: Callable[[str], Language] | None = None,
    ) -> None:
        self.database = database
        self.clock = clock
        self.metrics = metrics or Metrics()
        self.settings = settings or RoutingSettings()
        self.routing = RoutingIndex(config or RankerConfig(), self.settings.index_max_age)
        self.calibrator = Calibrator(database, clock, self.routing)
        self.similar = SimilarIndex()
        # What a stored locale reads as (`Identities.language_for`): invitations, the
        # asker's good news and notices are written in their recipient's language.
        self.language_for = language_for or (lambda locale: language_of(locale, DEFAULT_LANGUAGE))

    def forget_member(self, member_id: int) -> None:
        """An erased member leaves this process's routing index now, not at its next rebuild
        (other processes drop them at theirs, `index_max_age` at most)."""
        self.routing.index.remove_member(member_id)

    async def rank(
        self, session: AsyncSession, now: datetime, question: Question, exclude: Iterable[int]
    ) -> list[Suggestion]:
        """Colleagues to ask about the question, best first: enough for the first wave and
        the escalation wave."""
        wanted = self.settings.first_wave + self.settings.escalation_wave
        return await rank_for_question(self.routing, session, now, question, exclude, wanted)
