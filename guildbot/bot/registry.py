"""Where features plug in: commands and their forms, buttons, and what they listen to.

Each feature package declares its commands as specs (`grammar.CommandSpec`: names, usage,
summaries, what each form's first argument names) and, in its `setup(registry, core)`,
binds a handler to every form and every button it owns. The router answers from here; the
grammar parses against these specs; help and every platform's command list are derived
from them. Adding a command touches one feature package.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from guildbot.bot.context import Actor, Context, Reply
from guildbot.bot.grammar import CommandSpec, Invocation, Subcommand, catalogue_of
from guildbot.bot.scheduler.tick import OccurrenceOwner
from guildbot.contract.commands import CommandCatalogue
from guildbot.contract.inbound import MemberJoined, MessageReceived
from guildbot.contract.outbound import Confirmation
from guildbot.contract.richtext import RichText

CommandHandler = Callable[[Context, Invocation], Awaitable[Reply]]
ButtonHandler = Callable[[Context, str], Awaitable[Reply]]
QuestionHandler = Callable[[Context, str], Awaitable[Reply]]
MessageListener = Callable[
    [MessageReceived, Callable[[], Awaitable[Actor | None]]], Awaitable[Reply | None]
]
Greeter = Callable[[MemberJoined, str], Awaitable[RichText | None]]
EraseHook = Callable[[int], None]
Chore = Callable[[], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class Forms:
    """Forms one feature adds to a command another feature declares (the questions feature
    adds ``expertise who|optin|optout|default`` to the directory's ``expertise``)."""

    command: str
    forms: tuple[Subcommand, ...]


Spec = CommandSpec | Forms


def merged(specs: Iterable[Spec]) -> dict[str, CommandSpec]:
    """The command specs, with the forms features add to each other's commands, in order."""
    commands: dict[str, CommandSpec] = {}
    for spec in specs:
        if isinstance(spec, CommandSpec):
            if spec.name in commands:
                raise ValueError(f"command {spec.name!r} is declared twice")
            commands[spec.name] = spec
            continue
        base = commands.get(spec.command)
        if base is None:
            raise ValueError(f"forms for {spec.command!r}, which no feature declares")
        commands[spec.command] = replace(base, subcommands=base.subcommands + spec.forms)
    words: set[str] = set(commands)
    for spec in commands.values():
        for alias in spec.aliases:
            # One word, one command: an alias that is another command's name or alias
            # would make what people type ambiguous.
            if alias.word in words:
                raise ValueError(f"alias {alias.word!r} of {spec.name!r} is taken")
            words.add(alias.word)
    return commands


class Settles(StrEnum):
    """When a press changes the message it was pressed on (its buttons taken away, what was
    chosen said under it)."""

    # A message only the presser sees (ephemeral, or in their chat with the bot) is answered
    # once: "I can help", [Save]/[Cancel], a confirmation. A shared post stays pressable.
    PRIVATE = "private"
    # Whoever presses first answers for everyone who sees the message.
    ALWAYS = "always"
    # Every reader answers the same message for themselves (RSVPs, "Each of you can answer").
    NEVER = "never"


@dataclass(frozen=True, slots=True)
class ButtonAction:
    """What pressing a button with this action id does, how it is confirmed first, and
    when the press settles the message it was pressed on."""

    handler: ButtonHandler
    confirm: Confirmation | None = None
    settles: Settles = Settles.PRIVATE


class Registry:
    """What every feature registered; checked complete before the bot answers anyone."""

    def __init__(self, specs: Sequence[Spec]) -> None:
        self.commands: Mapping[str, CommandSpec] = merged(specs)
        self._handlers: dict[tuple[str, str], CommandHandler] = {}
        self.buttons: dict[str, ButtonAction] = {}
        self.listeners: list[MessageListener] = []
        self.greeters: list[Greeter] = []
        self.erase_hooks: list[EraseHook] = []
        self.owners: dict[str, OccurrenceOwner] = {}
        self.chores: list[Chore] = []
        self.question: QuestionHandler | None = None

    # -- what features register ----------------------------------------------------------------

    def command(self, command: str, form: str, handler: CommandHandler) -> None:
        """`handler` answers ``COMMAND FORM`` (declared in a spec)."""
        spec = self.commands.get(command)
        if spec is None or spec.sub(form) is None:
            raise ValueError(f"no form {command!r} {form!r} is declared")
        if (command, form) in self._handlers:
            raise ValueError(f"{command!r} {form!r} has a handler already")
        self._handlers[(command, form)] = handler

    def button(
        self,
        action_id: str,
        handler: ButtonHandler,
        confirm: Confirmation | None = None,
        settles: Settles = Settles.PRIVATE,
    ) -> None:
        """`handler` answers a press of a button with `action_id` (confirmed by `confirm`
        first where a platform has no dialog of its own; `settles` says when a successful
        press closes the message it was on)."""
        if action_id in self.buttons:
            raise ValueError(f"button {action_id!r} is handled already")
        self.buttons[action_id] = ButtonAction(handler, confirm, settles)

    def listen(self, listener: MessageListener) -> None:
        """`listener` sees ordinary messages (not commands); it answers only when it acted."""
        self.listeners.append(listener)

    def greet(self, greeter: Greeter) -> None:
        """`greeter` may welcome someone who joined a channel (None: no welcome)."""
        self.greeters.append(greeter)

    def questions(self, handler: QuestionHandler) -> None:
        """`handler` takes a question addressed to the bot that is no command ("@Guildbot
        how do I…?")."""
        self.question = handler

    def erasing(self, hook: EraseHook) -> None:
        """`hook` forgets what a feature keeps in memory about a member being erased."""
        self.erase_hooks.append(hook)

    def owner(self, kind: str, owner: OccurrenceOwner) -> None:
        """`owner` runs the occurrences of schedules with this owner kind (coffee rounds)."""
        self.owners[kind] = owner

    def chore(self, chore: Chore) -> None:
        """`chore` runs with the scheduler's hourly housekeeping (refitting the ranking); it
        decides itself whether there is anything to do."""
        self.chores.append(chore)

    # -- what the rest of the bot reads --------------------------------------------------------

    def handler(self, command: str, form: str) -> CommandHandler | None:
        """What answers ``COMMAND FORM``."""
        return self._handlers.get((command, form))

    def check(self) -> None:
        """Every declared form has a handler: raise naming the first one that has none."""
        for name, spec in self.commands.items():
            for sub in spec.subcommands:
                if (name, sub.name) not in self._handlers:
                    raise ValueError(f"no handler for {name!r} {sub.name!r}")

    def catalogue(self) -> CommandCatalogue:
        """The commands as platforms list them."""
        return catalogue_of(self.commands)

    def confirmations(self) -> dict[str, Confirmation]:
        """How each confirmed button's action is confirmed, by action id."""
        return {action: b.confirm for action, b in self.buttons.items() if b.confirm is not None}
