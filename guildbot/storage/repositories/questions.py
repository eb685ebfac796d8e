"""Questions of the expert-routing flow: taking one question's lock for a unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from guildbot.storage.models import Question
from guildbot.storage.repositories.locks import lock_row


class QuestionRepository:
    """Serialises the state changes of one question across tasks and processes."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lock(self, question_id: int) -> Question | None:
        """Hold the question's lock until the transaction ends (see `lock_row`; call it first
        in the unit of work), and return the question as it is now (None if there is none)."""
        await lock_row(self.session, Question.id, question_id)
        return await self.session.get(Question, question_id, populate_existing=True)
