"""The router: one inbound event in, the replies to send out.

It resolves who is acting, reads a command line with the one grammar against what the
features registered (`bot.registry`), calls the handler that owns it, and turns every
failure into a polite answer. Whatever happens, a command gets a reply, and a failed request
changes nothing (each handler works in one transaction). What a message is — a command in
the bot's DM or addressed to it, else something said in a channel — is decided here, once.
"""

from __future__ import annotations

import dataclasses
import logging
import secrets
from dataclasses import dataclass

from guildbot.bot.clock import Clock
from guildbot.bot.context import Context, Reply, UsageError, UserError
from guildbot.bot.features.help import copy as help_text
from guildbot.bot.grammar import (
    MAX_COMMAND_CHARS,
    FailureReason,
    ParseFailure,
    parse,
    strip_prefixes,
)
from guildbot.bot.i18n import Language, translate
from guildbot.bot.identity import Identities
from guildbot.bot.metrics import Metrics
from guildbot.bot.policy import RefusalLog, Refused
from guildbot.bot.registry import Registry, Settles
from guildbot.bot.rich import say
from guildbot.contract.adapter import ProfileLookup
from guildbot.contract.inbound import (
    ActionInvoked,
    CommandInvoked,
    InboundEvent,
    MemberJoined,
    MessageReceived,
)
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.refs import ConversationKind
from guildbot.contract.richtext import RichText
from guildbot.contract.text import without_control_characters
from guildbot.matching.text import is_question

log = logging.getLogger(__name__)

MAX_ACTION_VALUE = 2_000


class Router:
    """Answers events with what the features registered."""

    def __init__(
        self,
        registry: Registry,
        identities: Identities,
        clock: Clock,
        refusals: RefusalLog,
        metrics: Metrics | None = None,
    ) -> None:
        self.registry = registry
        self.identities = identities
        self.clock = clock
        self.refusals = refusals
        self.metrics = metrics or Metrics()

    async def handle(self, event: InboundEvent, lookup: ProfileLookup) -> list[OutboundMessage]:
        """Everything to send in answer to `event` (often one private reply)."""
        return (await self.answer(event, lookup)).messages

    async def answer(self, event: InboundEvent, lookup: ProfileLookup) -> Answer:
        """What to send in answer to `event`, and how a pressed message now reads."""
        event = as_command(without_control_in(event))
        if isinstance(event, MemberJoined):
            return Answer(await self._welcome(event, lookup))
        if isinstance(event, MessageReceived):
            return Answer(await self._message(event, lookup))
        try:
            reply = await self._answer(event, lookup)
        except Exception:
            reference = secrets.token_hex(4)
            # The event type and id identify the request; its text is never logged here.
            log.exception(
                "request failed ref=%s event=%s id=%s",
                reference,
                type(event).__name__,
                event.event_id,
            )
            language = await self._language_of(event)
            reply = Reply(translate(language, "router-failed", reference=reference))
        settled = reply.settled if isinstance(event, ActionInvoked) and event.pressed else None
        return Answer([_outbound(event, reply)], settled)

    async def _language_of(self, event: InboundEvent) -> Language:
        """The language of the member behind `event`, for an answer that has no actor; the
        default when even that cannot be read (the database may be what failed)."""
        try:
            return await self.identities.language_of(event.actor)
        except Exception:
            log.warning("language of event id=%s unknown; default used", event.event_id)
            return self.identities.default_language

    async def _message(
        self, event: MessageReceived, lookup: ProfileLookup
    ) -> list[OutboundMessage]:
        """Something said in a channel: only features that listen act on it (questions in
        routed channels, thanks), and it is answered only when one did — never with an
        error in the channel."""
        if len(event.text) > MAX_COMMAND_CHARS:
            return []
        replies: list[OutboundMessage] = []
        for listener in self.registry.listeners:
            try:
                reply = await listener(
                    event, lambda: self.identities.resolve_actor(event.actor, lookup)
                )
            except UserError as error:
                reply = Reply(error.message, buttons=error.buttons)
            except Exception:
                log.exception("message handling failed event=MessageReceived id=%s", event.event_id)
                continue
            if reply is not None:
                replies.append(_outbound(event, reply))
        return replies

    async def _answer(self, event: CommandInvoked | ActionInvoked, lookup: ProfileLookup) -> Reply:
        if isinstance(event, CommandInvoked) and len(event.text) > MAX_COMMAND_CHARS:
            # Answered before anyone is created from it, in the language of a member we know.
            language = await self.identities.language_of(event.actor)
            return Reply(
                translate(
                    language, "router-too-long", length=len(event.text), limit=MAX_COMMAND_CHARS
                )
            )
        actor = await self.identities.resolve_actor(event.actor, lookup)
        if actor is None:
            return Reply(
                translate(
                    self.identities.default_language,
                    "router-no-profile",
                    platform=event.actor.platform,
                )
            )
        ctx = Context(
            actor=actor,
            conversation=event.conversation,
            now=self.clock.now(),
            mentions=event.mentions if isinstance(event, CommandInvoked) else (),
        )
        try:
            if isinstance(event, CommandInvoked):
                return await self._command(ctx, event.text)
            return await self._action(ctx, event)
        except Refused as refused:
            # The refused change was rolled back with its unit of work; the attempt is kept.
            await self.refusals.record(ctx, refused)
            return Reply(refused.message, buttons=refused.buttons)
        except UserError as error:
            return Reply(error.message, buttons=error.buttons)
        except UsageError as error:
            return help_text.usage(
                self.registry.commands,
                error.command,
                error.subcommand,
                error.problem,
                ctx.language,
            )

    async def _command(self, ctx: Context, text: str) -> Reply:
        commands = self.registry.commands
        parsed = parse(text, commands, ctx.language)
        platform = ctx.conversation.platform
        if isinstance(parsed, ParseFailure):
            line = strip_prefixes(text)
            question = self.registry.question
            if (
                parsed.reason is FailureReason.UNKNOWN_COMMAND
                and question is not None
                and is_question(line)
            ):
                # "@Guildbot how do I …?": a question addressed to the bot is an `ask`.
                self.metrics.command("ask", commands, platform)
                return await question(ctx, line)
            # Counted under the command it names only when that one exists: never the text.
            self.metrics.command(parsed.command, commands, platform)
            return help_text.not_understood(commands, parsed, ctx.language)
        self.metrics.command(parsed.command, commands, platform)
        handler = self.registry.handler(parsed.command, parsed.subcommand)
        if handler is None:
            return help_text.usage(commands, parsed.command, language=ctx.language)
        log.info(
            "command %s %s by member=%s", parsed.command, parsed.subcommand, ctx.actor.member_id
        )
        return await handler(ctx, parsed)

    async def _action(self, ctx: Context, event: ActionInvoked) -> Reply:
        button = self.registry.buttons.get(event.action_id)
        if button is None or len(event.value) > MAX_ACTION_VALUE:
            log.warning("unknown action id=%r", event.action_id[:60])
            return Reply(translate(ctx.language, "router-expired"))
        log.info("action %s by member=%s", event.action_id, ctx.actor.member_id)
        reply = await button.handler(ctx, event.value)
        if reply.settled is None and _settles(button.settles, event):
            reply = dataclasses.replace(reply, settled=chosen(event, ctx.actor.display_name))
        return reply

    async def _welcome(self, event: MemberJoined, lookup: ProfileLookup) -> list[OutboundMessage]:
        """A community channel's welcome (off unless its facilitators turned it on)."""
        profile = await lookup(event.actor)
        name = profile.display_name if profile else "there"
        welcomes = []
        for greeter in self.registry.greeters:
            text = await greeter(event, name)
            if text is not None:
                welcomes.append(OutboundMessage(to=event.conversation, text=text))
        return welcomes


@dataclass(frozen=True, slots=True)
class Answer:
    """The router's answer to one event: the messages to send, and for a button press that
    settles its message, the line that message shows from now on."""

    messages: list[OutboundMessage]
    settled: RichText | None = None


def _settles(rule: Settles, event: ActionInvoked) -> bool:
    """Whether a successful press closes the message it was pressed on."""
    if event.pressed is None or rule is Settles.NEVER:
        return False
    if rule is Settles.ALWAYS:
        return True
    return event.pressed.private or event.conversation.kind is ConversationKind.DIRECT


def chosen(event: ActionInvoked, name: str) -> RichText:
    """What was chosen on a settled message, and by whom ("✓ I can help — Ana Lopez")."""
    label = " ".join((event.pressed.label if event.pressed else "").split())[:80]
    if label:
        return say("✓ *{label}* — {name}", label=label, name=name)
    return say("✓ Answered by {name}", name=name)


def _outbound(
    event: CommandInvoked | ActionInvoked | MessageReceived, reply: Reply
) -> OutboundMessage:
    conversation = event.conversation
    return OutboundMessage(
        to=conversation,
        text=reply.text,
        buttons=reply.buttons,
        context=reply.context,
        thread_id=conversation.thread_id,
        ephemeral_to=None if reply.public else event.actor,
    )


def as_command(event: InboundEvent) -> InboundEvent:
    """A message in a direct conversation with the bot, or addressed to it, is a command
    line — decided here, once, for every platform."""
    if isinstance(event, MessageReceived) and (
        event.addressed or event.conversation.kind is ConversationKind.DIRECT
    ):
        return CommandInvoked(
            event.event_id, event.actor, event.conversation, event.text, event.mentions
        )
    return event


def without_control_in(event: InboundEvent) -> InboundEvent:
    """The event with control characters out of what people typed, once for every platform,
    before anything is parsed or stored."""
    if isinstance(event, CommandInvoked | MessageReceived):
        cleaned = without_control_characters(event.text)
        return event if cleaned == event.text else dataclasses.replace(event, text=cleaned)
    if isinstance(event, ActionInvoked):
        cleaned = without_control_characters(event.value)
        return event if cleaned == event.value else dataclasses.replace(event, value=cleaned)
    return event
