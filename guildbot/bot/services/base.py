"""What every service shares: who is acting, how to answer, and the errors users see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from guildbot.contract.outbound import Button
from guildbot.contract.refs import ConversationRef, MemberRef


@dataclass(frozen=True, slots=True)
class Actor:
    """The member behind an event, resolved from their platform identity."""

    member_id: int
    display_name: str
    is_admin: bool
    timezone: str
    ref: MemberRef


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a command handler knows about the request it serves."""

    actor: Actor
    conversation: ConversationRef
    now: datetime


@dataclass(frozen=True, slots=True)
class Reply:
    """A platform-neutral answer. Private to the actor unless `public`."""

    text: str
    buttons: tuple[Button, ...] = ()
    context: str | None = None
    public: bool = False


class UserError(Exception):
    """A request that cannot be done as asked; the message is shown to the member as is."""

    def __init__(self, message: str, buttons: tuple[Button, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.buttons = buttons


class UsageError(Exception):
    """Arguments that do not fit the command; the router answers with its usage line."""

    def __init__(self, command: str, subcommand: str, problem: str = "") -> None:
        super().__init__(problem or f"{command} {subcommand}: wrong arguments")
        self.command = command
        self.subcommand = subcommand
        self.problem = problem


def quoted(value: str, limit: int = 60) -> str:
    """Echo user text back safely: shortened, on one line, in quotes."""
    flat = " ".join(value.split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return f"“{flat}”"
