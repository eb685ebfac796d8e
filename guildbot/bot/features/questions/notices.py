"""What expert routing sends to people other than the one acting, through the outbox:
invitations, the asker's good news, introductions, "it's taken" notices and community posts.

Each is written in its reader's language (the caller passes the recipient's, from their
stored locale: `Identities.language_for`), buttons included, with people's words as values;
each is a `Body`, queued with the state it reports. Members are mentions, except in two
messages that name them in plain words, as they always read: the invitation's asker ("Amara
(Finance) has a question…") and the helper in "Thanks — Lea is helping…".
"""

from __future__ import annotations

from collections.abc import Sequence

from guildbot.bot.features.questions.copy import Person, invitation_buttons, number
from guildbot.bot.i18n import Language, quoted, translate
from guildbot.bot.rich import Value, joined
from guildbot.bot.scheduler.payload import Body
from guildbot.contract.outbound import Button
from guildbot.contract.richtext import RichText


def invitation(language: Language, question_id: int, asker: Person, text: str, reason: str) -> Body:
    """A colleague asked whether they can help, and why them."""
    return _invitation(
        language,
        question_id,
        translate(
            language,
            "questions-invitation",
            asker=asker,
            question=quoted(language, text, 300),
            reason=reason,
        ),
    )


def facilitator_invitation(
    language: Language, question_id: int, asker: Person, text: str, asked: Sequence[Person]
) -> Body:
    """A facilitator asked after a working day without a taker, told who was asked."""
    names: Value = joined(", ", [RichText.of(name) for name in asked]) or translate(
        language, "questions-nobody-qualified"
    )
    return _invitation(
        language,
        question_id,
        translate(
            language,
            "questions-facilitator-invitation",
            asker=asker,
            question=quoted(language, text, 300),
            asked=names,
        ),
    )


def connected(
    language: Language, question_id: int, helper: Person, text: str, buttons: tuple[Button, ...]
) -> Body:
    """The asker is told who can help."""
    return Body(
        translate(
            language,
            "questions-connected",
            helper=helper,
            id=number(question_id),
            question=quoted(language, text, 80),
        ),
        buttons,
    )


def introduced(language: Language, asker: Person, helper: Person) -> Body:
    """Asker and helper introduced in the thread where the question was asked."""
    return Body(translate(language, "questions-introduced", asker=asker, helper=helper))


def taken_by(language: Language, helper: Person, question_id: int, text: str) -> Body:
    """A colleague who was asked is told someone else helps."""
    return Body(
        translate(
            language,
            "questions-taken-by",
            helper=helper,
            id=number(question_id),
            question=quoted(language, text, 60),
        )
    )


def community_post(language: Language, asker: Person, text: str) -> Body:
    """The question, posted to its community's channel."""
    return Body(
        translate(
            language, "questions-community-post", asker=asker, question=quoted(language, text, 300)
        )
    )


def _invitation(language: Language, question_id: int, text: RichText) -> Body:
    return Body(
        text,
        invitation_buttons(language, question_id),
        translate(language, "questions-small-print"),
    )
