"""Refitting the ranking on this deployment's own resolved questions, and saying which model
is in use (`guildbot routing status|refit`).

`matching.calibration` does the fitting (pure); this module reads the history from the
database, decides when a refit is due (`needs_refit`: a day after the last fit with something
new, or every `refit_every` resolutions), fits off the event loop, and stores the model. Every
process's `RoutingIndex` picks the newest stored model up at its next ranking, so instances
sharing a database rank alike whichever of them refitted.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.bot.clock import Clock
from guildbot.bot.features.questions.routing import RoutingIndex, history
from guildbot.matching.calibration import (
    Calibration,
    FitSettings,
    Resolution,
    calibrate,
    describe,
    needs_refit,
)
from guildbot.matching.experts import PRIOR_MODEL, Query, RankingModel
from guildbot.storage.engine import Database
from guildbot.storage.repositories.questions import QuestionRepository
from guildbot.storage.repositories.routing_models import RoutingModelRepository, StoredModel

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RoutingStatus:
    """What `routing status` prints: the model in use and the history it could learn from."""

    model: RankingModel
    model_id: int | None  # the stored model; None: no fit stored yet (the prior)
    stored_at: datetime | None
    reason: str
    resolved: int  # questions resolved by a colleague so far
    refit_due: bool

    def lines(self) -> list[str]:
        """The status as lines for a terminal."""
        stored = (
            f"model {self.model_id}, stored {self.stored_at:%Y-%m-%d %H:%M} UTC"
            if self.model_id is not None and self.stored_at is not None
            else "no model stored yet"
        )
        return [
            describe(self.model),
            f"{stored}: {self.reason}",
            f"resolved questions in the history: {self.resolved}"
            + ("; a refit is due" if self.refit_due else ""),
        ]


class Calibrator:
    """Fits and stores ranking models for one deployment."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        routing: RoutingIndex,
        settings: FitSettings | None = None,
    ) -> None:
        self.database = database
        self.clock = clock
        self.routing = routing
        self.settings = settings or FitSettings()

    async def refit_if_due(self, force: bool = False) -> Calibration | None:
        """Refit when due (or `force`), store the model and return what was decided; None
        when nothing was due."""
        now = self.clock.now()
        async with self.database.transaction() as session:
            resolved, newest = await QuestionRepository(session).resolved_count()
            models = RoutingModelRepository(session)
            seen = await models.newest_id()
            current = await self._stored_model(session)
            if not force and not needs_refit(current, resolved, newest, now, self.settings):
                return None
            evidence = await history(session)
            questions = await QuestionRepository(session).resolved()
        resolutions = [
            Resolution(Query(q.text, q.tags, q.asker_id), q.resolver_id, q.asked_at)
            for q in questions
        ]
        # Fitting is CPU work of a second or so on a large history: off the event loop, so
        # the process keeps answering meanwhile.
        calibration = await asyncio.to_thread(
            calibrate, evidence, resolutions, self.routing.config, self.settings
        )
        model = calibration.model
        async with self.database.transaction() as session:
            models = RoutingModelRepository(session)
            if not force and await models.newest_id() != seen:
                # Another process refitted meanwhile, on the same history: keep its model.
                return None
            model_id = await models.add(
                model.as_json(),
                model.source,
                calibration.examples,
                calibration.resolutions,
                calibration.reason,
                now,
            )
        log.info(
            "routing model %d stored: %s examples=%d history=%d",
            model_id,
            model.source,
            calibration.examples,
            calibration.resolutions,
        )
        return calibration

    async def status(self) -> RoutingStatus:
        """The model in use and whether a refit is due."""
        now = self.clock.now()
        async with self.database.transaction() as session:
            resolved, newest = await QuestionRepository(session).resolved_count()
            stored = await RoutingModelRepository(session).newest()
        if stored is None:
            model = PRIOR_MODEL
            reason = "the prior: nothing has been fitted yet"
        else:
            model = _readable(stored.model)
            reason = stored.reason
        due = needs_refit(_as_of(model, stored), resolved, newest, now, self.settings)
        return RoutingStatus(
            model,
            None if stored is None else stored.id,
            None if stored is None else stored.created_at,
            reason,
            resolved,
            due,
        )

    async def _stored_model(self, session: AsyncSession) -> RankingModel:
        stored = await RoutingModelRepository(session).newest()
        return PRIOR_MODEL if stored is None else _as_of(_readable(stored.model), stored)


def _as_of(model: RankingModel, stored: StoredModel | None) -> RankingModel:
    """The model dated by when it was stored: refits come a day after the last, not a day
    after the newest question it saw."""
    if stored is None or model.fitted_at is None:
        return model
    return replace(model, fitted_at=stored.created_at)


def _readable(data: Mapping[str, Any]) -> RankingModel:
    """The stored model, or the prior when it cannot be read (a later refit replaces it)."""
    try:
        return RankingModel.from_json(data)
    except (ValueError, TypeError, KeyError):
        return PRIOR_MODEL
