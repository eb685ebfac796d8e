"""What every service shares: who is acting, how to answer, and the errors users see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from guildbot.bot.i18n.languages import DEFAULT_LANGUAGE, Language
from guildbot.contract.outbound import Button
from guildbot.contract.refs import ConversationRef, MemberRef
from guildbot.contract.richtext import RichText


@dataclass(frozen=True, slots=True)
class Actor:
    """The member behind an event, resolved from their platform identity."""

    member_id: int
    display_name: str
    is_admin: bool
    timezone: str
    ref: MemberRef
    # Their language and region ("en", "fr-CA"): how they write numeric dates.
    locale: str = "en"
    # The language of ours they are answered in: their locale's, else the operator's default.
    language: Language = DEFAULT_LANGUAGE


@dataclass(frozen=True, slots=True)
class Context:
    """Everything a command handler knows about the request it serves; `mentions` are the
    members the command's text mentions (its mention tokens, in order)."""

    actor: Actor
    conversation: ConversationRef
    now: datetime
    mentions: tuple[MemberRef, ...] = ()

    @property
    def language(self) -> Language:
        """The language the acting member reads: what copy writes its replies in."""
        return self.actor.language


@dataclass(frozen=True, slots=True)
class Reply:
    """A platform-neutral answer. Private to the actor unless `public`.

    `settled`, in answer to a button press, is the line the pressed message shows once its
    buttons are gone (the router writes "✓ CHOICE — NAME" itself where the button settles;
    a handler sets it to say more, e.g. who now has a question)."""

    text: RichText
    buttons: tuple[Button, ...] = ()
    context: RichText | None = None
    public: bool = False
    settled: RichText | None = None


class UserError(Exception):
    """A request that cannot be done as asked; the message is shown to the member as is."""

    def __init__(self, message: RichText, buttons: tuple[Button, ...] = ()) -> None:
        super().__init__(message.plain())
        self.words = str(self)  # the message as plain words (reports, the console)
        self.message = message
        self.buttons = buttons


class UsageError(Exception):
    """Arguments that do not fit the command; the router answers with its usage line."""

    def __init__(self, command: str, subcommand: str, problem: RichText | None = None) -> None:
        super().__init__(problem.plain() if problem else f"{command} {subcommand}: wrong arguments")
        self.command = command
        self.subcommand = subcommand
        self.problem = problem


def quoted(value: str, limit: int = 60) -> str:
    """Echo user text back safely: shortened, on one line, in quotes."""
    flat = " ".join(value.split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return f"“{flat}”"
