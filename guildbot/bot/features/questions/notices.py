"""What expert routing sends to people other than the one acting, through the outbox:
invitations, the asker's good news, introductions, "it's taken" notices and community posts.

Copy like `copy.py`'s, built from `say` templates with people's words as values; each is a
`Body`, queued with the state it reports. Members are mentions, except in two messages that
name them in plain words, as they always read: the invitation's asker ("Amara (Finance) has
a question…") and the helper in "Thanks — Lea is helping…".
"""

from __future__ import annotations

from collections.abc import Sequence

from guildbot.bot.context import quoted
from guildbot.bot.features.questions.copy import Person, invitation_buttons
from guildbot.bot.rich import Value, joined, say
from guildbot.bot.scheduler.payload import Body
from guildbot.contract.outbound import Button
from guildbot.contract.richtext import RichText

_SMALL_PRINT = say(
    "Only you can see this. Questions come a few a week at most; `expertise optout` stops them."
)


def invitation(question_id: int, asker: Person, text: str, reason: str) -> Body:
    """A colleague asked whether they can help, and why them."""
    return _invitation(
        question_id,
        say(
            "{asker} has a question you may be able to answer: {question}\nWhy you: {reason}.",
            asker=asker,
            question=quoted(text, 300),
            reason=reason,
        ),
    )


def facilitator_invitation(
    question_id: int, asker: Person, text: str, asked: Sequence[Person]
) -> Body:
    """A facilitator asked after a working day without a taker, told who was asked."""
    names: Value = joined(", ", [RichText.of(name) for name in asked]) or "nobody qualified"
    return _invitation(
        question_id,
        say(
            "No one has taken this question from {asker} for a working day: {question}\n"
            "Asked so far: {asked}. Could you help, or suggest someone?",
            asker=asker,
            question=quoted(text, 300),
            asked=names,
        ),
    )


def connected(question_id: int, helper: Person, text: str, buttons: tuple[Button, ...]) -> Body:
    """The asker is told who can help."""
    return Body(
        say(
            "Good news: {helper} can help with your question #{id} {question}. Reach out to "
            "them directly; when it's answered, tell me below.",
            helper=helper,
            id=question_id,
            question=quoted(text, 80),
        ),
        buttons,
    )


def introduced(asker: Person, helper: Person) -> Body:
    """Asker and helper introduced in the thread where the question was asked."""
    return Body(say("{asker}, {helper} can help with this question.", asker=asker, helper=helper))


def taken_by(helper: Person, question_id: int, text: str) -> Body:
    """A colleague who was asked is told someone else helps."""
    return Body(
        say(
            "Thanks — {helper} is helping with question #{id} {question}, so there's nothing "
            "more to do.",
            helper=helper,
            id=question_id,
            question=quoted(text, 60),
        )
    )


def community_post(asker: Person, text: str) -> Body:
    """The question, posted to its community's channel."""
    return Body(
        say(
            "{asker} asks: {question} Can anyone help? Reply in a thread.",
            asker=asker,
            question=quoted(text, 300),
        )
    )


def _invitation(question_id: int, text: RichText) -> Body:
    return Body(text, invitation_buttons(question_id), _SMALL_PRINT)
