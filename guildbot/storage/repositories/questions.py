"""Questions of the expert-routing flow: taking one question's lock for a unit of work."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import Question


class QuestionRepository:
    """Serialises the state changes of one question across tasks and processes."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock(self, question_id: int) -> Question | None:
        """Hold the question's lock until the transaction ends, and return the question as it
        is now (None if there is none), so what is decided from it stays true until commit.

        Call it first in the unit of work. PostgreSQL: `SELECT … FOR UPDATE` on its row (a
        racing transaction waits here, then reads what the first committed). SQLite: a write
        as the transaction's first statement takes the database's write lock at once (one
        pooled connection already queues this process's units of work; this also waits out
        another process on the same file instead of reading a snapshot it cannot write from).
        """
        if self.session.get_bind().dialect.name == "postgresql":
            return await self.session.scalar(
                select(Question)
                .where(Question.id == question_id)
                .with_for_update()
                .execution_options(populate_existing=True)
            )
        await self.session.execute(
            update(Question)
            .where(Question.id == question_id)
            .values(status=Question.status)
            .execution_options(synchronize_session=False)
        )
        return await self.session.get(Question, question_id, populate_existing=True)
