"""The ranking models fitted for this deployment, newest last."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import RoutingModelRow


@dataclass(frozen=True, slots=True)
class StoredModel:
    """A fitted model as stored: its JSON (`RankingModel.as_json`) and why it was chosen."""

    id: int
    model: dict[str, Any]
    reason: str
    created_at: datetime


class RoutingModelRepository:
    """Adds fitted models and finds the newest."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def newest_id(self) -> int | None:
        """The newest model's id (a cheap check for whether another process refitted)."""
        value = await self.session.scalar(select(func.max(RoutingModelRow.id)))
        return None if value is None else int(value)

    async def newest(self) -> StoredModel | None:
        """The model every process should rank with; None before the first fit."""
        row = await self.session.scalar(
            select(RoutingModelRow).order_by(RoutingModelRow.id.desc()).limit(1)
        )
        if row is None:
            return None
        return StoredModel(row.id, dict(row.model), row.reason, row.created_at)

    async def add(
        self,
        model: dict[str, Any],
        source: str,
        examples: int,
        history: int,
        reason: str,
        at: datetime,
    ) -> int:
        """Store a model; its id."""
        row = RoutingModelRow(
            source=source,
            examples=examples,
            history=history,
            model=model,
            reason=reason,
            created_at=at,
        )
        self.session.add(row)
        await self.session.flush()
        return row.id
