"""What adapters hand the core: one small frozen dataclass per kind of event.

Every event carries the platform's own id for it (`event_id`), so the core acts once on
an event a platform delivers twice.

People mentioned in what someone typed are resolved by the adapter, which knows its
platform's syntax (``<@U2>``, ``<@123>``, a Teams ``<at>`` entity): the event's `text` holds
a mention token where each was (`mention_token`), and `mentions` the members, in order.
The core never reads a platform's mention syntax.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from guildbot.contract.refs import ConversationRef, MemberRef

# Private-use characters: nobody types them, every platform carries them.
MENTION_OPEN = "\ue000"
MENTION_CLOSE = "\ue001"
_MARKS = re.compile(f"[{MENTION_OPEN}{MENTION_CLOSE}]")
MAX_MENTIONS = 50


def mention_token(index: int) -> str:
    """What stands in an event's text for its `index`-th mention."""
    return f"{MENTION_OPEN}{index}{MENTION_CLOSE}"


def with_mention_tokens(
    text: str, spans: Sequence[tuple[int, int, MemberRef]]
) -> tuple[str, tuple[MemberRef, ...]]:
    """`text` with each span (start, end, member) — a mention in the platform's syntax —
    replaced by a mention token, and the members in order. A member mentioned twice is one
    member; past `MAX_MENTIONS`, mentions stay as typed. Marks people typed themselves are
    removed first, so no token is ever forged."""
    members: list[MemberRef] = []
    parts: list[str] = []
    last = 0
    for start, end, member in sorted(spans, key=lambda span: span[0]):
        if start < last:
            continue  # overlapping spans: the first one counts
        parts.append(_MARKS.sub("", text[last:start]))
        if member not in members and len(members) >= MAX_MENTIONS:
            parts.append(_MARKS.sub("", text[start:end]))
        else:
            if member not in members:
                members.append(member)
            parts.append(mention_token(members.index(member)))
        last = end
    parts.append(_MARKS.sub("", text[last:]))
    return "".join(parts), tuple(members)


@dataclass(frozen=True, slots=True)
class MessageReceived:
    """A message the bot can see. `addressed`: it mentioned the bot (whose mention the
    adapter removed). The core decides what a message is — in a direct conversation or
    addressed to the bot, a command line; elsewhere, something said in a channel."""

    event_id: str
    actor: MemberRef
    conversation: ConversationRef
    text: str
    mentions: tuple[MemberRef, ...] = ()
    addressed: bool = False


@dataclass(frozen=True, slots=True)
class CommandInvoked:
    """A slash command (or a platform's app command); `text` is parsed by the one command
    grammar.

    Adapters put the whole command line in `text`, e.g. ``"/guild expertise add k8s"`` or
    ``"coffee join"``; the grammar strips the slash-command prefixes itself.
    """

    event_id: str
    actor: MemberRef
    conversation: ConversationRef
    text: str
    mentions: tuple[MemberRef, ...] = ()


@dataclass(frozen=True, slots=True)
class PressedMessage:
    """The message a button was pressed on, as the platform showed it to the presser.

    `message_id` is the platform's id for it (what an edit addresses), `label` the pressed
    button's words where the platform says them, and `private` whether only the presser sees
    the message (ephemeral, or in their direct conversation with the bot)."""

    message_id: str
    label: str = ""
    private: bool = False


@dataclass(frozen=True, slots=True)
class ActionInvoked:
    """A button press: which action, the value the button carried, and (where the adapter
    can tell) the message it was pressed on, so the core can have that message settled."""

    event_id: str
    actor: MemberRef
    conversation: ConversationRef
    action_id: str
    value: str
    pressed: PressedMessage | None = None


@dataclass(frozen=True, slots=True)
class MemberJoined:
    """Someone joined a conversation the bot is in."""

    event_id: str
    actor: MemberRef
    conversation: ConversationRef


InboundEvent = MessageReceived | CommandInvoked | ActionInvoked | MemberJoined
