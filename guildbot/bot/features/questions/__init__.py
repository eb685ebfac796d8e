"""Expert routing: `ask` a question, colleagues who know are invited privately, the two are
connected, and who actually answered becomes evidence for the next question."""

from __future__ import annotations

from guildbot.bot.core import Core
from guildbot.bot.features.questions.commands import SPECS
from guildbot.bot.features.questions.service import (
    ACTION_ACCEPT,
    ACTION_CLOSE,
    ACTION_DECLINE,
    ACTION_FIND_EXPERT,
    ACTION_POST_TO_COMMUNITY,
    ACTION_REFER,
    ACTION_RESOLVED_BY,
    QuestionService,
)
from guildbot.bot.registry import Registry

__all__ = ["SPECS", "QuestionService", "setup"]

ASK_FORMS = ("question", "mine", "close", "suggest", "mode")


def setup(registry: Registry, core: Core) -> QuestionService:
    """Register `ask`, `expertise who|optin|optout|default`, the invitation buttons, the
    channel listener (questions, thanks) and questions addressed to the bot."""
    service = QuestionService(core.database, core.clock)
    for form in ASK_FORMS:
        registry.command(
            "ask",
            form,
            lambda ctx, inv, form=form: service.command(ctx, form, inv.args, inv.rest),  # type: ignore[misc]
        )
    registry.command("expertise", "who", lambda ctx, inv: service.who(ctx, inv.rest))
    registry.command("expertise", "optin", lambda ctx, inv: service.set_consent(ctx, True))
    registry.command("expertise", "optout", lambda ctx, inv: service.set_consent(ctx, False))
    registry.command("expertise", "default", lambda ctx, inv: service.set_default(ctx, inv.rest))
    registry.button(ACTION_ACCEPT, service.accept)
    registry.button(ACTION_DECLINE, service.decline)
    registry.button(ACTION_REFER, service.refer_prompt)
    registry.button(ACTION_RESOLVED_BY, service.resolved_by)
    registry.button(ACTION_CLOSE, service.close_button)
    registry.button(ACTION_FIND_EXPERT, service.find_expert)
    registry.button(ACTION_POST_TO_COMMUNITY, service.post_to_community)
    registry.listen(service.on_message)
    registry.questions(service.ask)
    registry.erasing(service.forget_member)
    return service
