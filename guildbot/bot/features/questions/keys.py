"""The outbox keys of expert routing's messages: one builder per kind of message.

Every message about a question belongs to that question (``question:ID:PURPOSE[:DETAIL]``),
so the same message queued twice — by a retry, or by two processes — is one row, and an
invitation is withdrawn by its own key.
"""

from __future__ import annotations

from guildbot.bot.scheduler.outbox import OutboxKey, Owner

INVITE = "invite"
TAKEN = "taken"
CONNECT = "connect"
COMMUNITY_POST = "community-post"


def question(question_id: int) -> Owner:
    """What a question's messages belong to."""
    return Owner.of("question", question_id)


def invitation(question_id: int, member_id: int) -> OutboxKey:
    """A colleague's invitation to answer a question (or a facilitator's escalation)."""
    return _key(question_id, INVITE, member_id)


def taken(question_id: int, member_id: int) -> OutboxKey:
    """Telling a colleague who was asked that someone else is helping."""
    return _key(question_id, TAKEN, member_id)


def connected(question_id: int, asker_id: int) -> OutboxKey:
    """Telling the asker who can help."""
    return _key(question_id, CONNECT, asker_id)


def introduced_in_channel(question_id: int) -> OutboxKey:
    """Introducing asker and helper in the thread where the question was asked."""
    return _key(question_id, CONNECT, "channel")


def community_post(question_id: int) -> OutboxKey:
    """The question, posted to its community's channel."""
    return _key(question_id, COMMUNITY_POST)


def _key(question_id: int, purpose: str, detail: int | str | None = None) -> OutboxKey:
    text = f"question:{question_id}:{purpose}" + ("" if detail is None else f":{detail}")
    return OutboxKey(text, question(question_id), purpose)
