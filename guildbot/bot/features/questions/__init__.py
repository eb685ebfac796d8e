"""Expert routing: `ask` a question, colleagues who know are invited privately, the two are
connected, and who actually answered becomes evidence for the next question.

The package, one job a module:

- `commands.py` — the command specs (`ask`, and `expertise who|optin|optout|default`);
- `forms.py` — which of `ask`'s forms a command line is (or the question it turns out to be);
- handlers, by what they are about: `asking.py` (asking, [Find an expert], posting to the
  community channel), `answering.py` (the invited colleague: [I can help], [Not me],
  [Suggest someone], `ask suggest`), `closing.py` (the asker ends it: `ask close`,
  [Resolved by X], [Close]), `listing.py` (`ask mine`, `expertise who`), `consent.py`
  (`expertise optin|optout|default`), `channels.py` (`ask mode`, questions and thanks in
  channels);
- `flow.py` — the question's state machine as pure transitions, which answer `effects.py`'s
  effects (or an outcome: why nothing changes); `executor.py` applies effects to a question
  locked for the unit of work (`locked.py`), queueing messages with `keys.py`'s outbox keys;
- `similar.py` — resolved questions like a new one, offered before anyone is asked;
- `routing.py` — the expertise index and rankings; `calibrating.py` — refitting the
  ranking on the deployment's resolved questions (hourly, when due); `working_hours.py` —
  when escalations are due; `service.py` — what the handlers share (database, clock,
  settings, index);
- `copy.py` (answers to the member acting) and `notices.py` (messages queued for others) —
  everything the feature says; `names.py` — members as those messages name them;
- `buttons.py` — action ids and the typed values buttons carry.

Queries live in `storage.repositories.questions` and `storage.repositories.expertise`.
"""

from __future__ import annotations

from functools import partial

from guildbot.bot.core import Core
from guildbot.bot.features.questions import (
    answering,
    asking,
    channels,
    closing,
    consent,
    forms,
    listing,
    similar,
)
from guildbot.bot.features.questions.buttons import (
    ACTION_ACCEPT,
    ACTION_ANSWERED_BY_EARLIER,
    ACTION_CLOSE,
    ACTION_DECLINE,
    ACTION_FIND_EXPERT,
    ACTION_POST_TO_COMMUNITY,
    ACTION_REFER,
    ACTION_RESOLVED_BY,
)
from guildbot.bot.features.questions.commands import SPECS
from guildbot.bot.features.questions.service import QuestionService
from guildbot.bot.registry import Registry, Settles

__all__ = ["SPECS", "QuestionService", "setup"]


def setup(registry: Registry, core: Core) -> QuestionService:
    """Register `ask`, `expertise who|optin|optout|default`, the invitation buttons, the
    channel listener (questions, thanks) and questions addressed to the bot."""
    service = QuestionService(
        core.database,
        core.clock,
        metrics=core.metrics,
        language_for=core.identities.language_for,
    )
    for form in forms.FORMS:
        registry.command("ask", form, partial(forms.answer, service, form))
    registry.command("expertise", "who", partial(listing.who, service))
    registry.command("expertise", "optin", partial(consent.opt_in, service))
    registry.command("expertise", "optout", partial(consent.opt_out, service))
    registry.command("expertise", "default", partial(consent.set_default, service))
    registry.button(ACTION_ACCEPT, partial(answering.accept, service))
    registry.button(ACTION_DECLINE, partial(answering.decline, service))
    registry.button(ACTION_REFER, partial(answering.refer_prompt, service), settles=Settles.NEVER)
    registry.button(ACTION_RESOLVED_BY, partial(closing.resolved_by, service))
    registry.button(ACTION_CLOSE, partial(closing.close_button, service))
    registry.button(ACTION_FIND_EXPERT, partial(asking.find_expert, service))
    registry.button(ACTION_POST_TO_COMMUNITY, partial(asking.post_to_community, service))
    registry.button(ACTION_ANSWERED_BY_EARLIER, partial(similar.answered_by_earlier, service))
    registry.listen(partial(channels.on_message, service))
    registry.questions(partial(asking.ask, service))
    registry.erasing(service.forget_member)
    registry.chore(service.calibrator.refit_if_due)
    return service
