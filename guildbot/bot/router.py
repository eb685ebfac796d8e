"""The router: one inbound event in, the replies to send out.

It resolves who is acting, parses commands with the one grammar, calls the service that owns
the command, and turns every failure into a polite answer. Whatever happens, a command gets a
reply, and a failed request changes nothing (each service works in one transaction).
"""

from __future__ import annotations

import dataclasses
import logging
import secrets
from collections.abc import Awaitable, Callable

from guildbot.bot.calendar.announcements import AnnouncementService
from guildbot.bot.calendar.events import ACTION_CANCEL_EVENT, ACTION_RSVP, CalendarService
from guildbot.bot.calendar.events import ACTION_CREATE as ACTION_CREATE_EVENT
from guildbot.bot.calendar.feeds import FeedService
from guildbot.bot.clock import Clock
from guildbot.bot.grammar import (
    MAX_COMMAND_CHARS,
    FailureReason,
    Invocation,
    ParseFailure,
    parse,
    strip_prefixes,
)
from guildbot.bot.policy import RefusalLog, Refused
from guildbot.bot.rich import markup
from guildbot.bot.scheduler.operations import OutboxService
from guildbot.bot.scheduler.tick import ACTION_DISMISS, ACTION_RESEND
from guildbot.bot.services import help as help_text
from guildbot.bot.services import pairing_rounds as coffee
from guildbot.bot.services.base import Context, Reply, UsageError, UserError
from guildbot.bot.services.communities import CommunityService
from guildbot.bot.services.directory import (
    ACTION_ADD_NEW_SKILL,
    ACTION_ADD_SKILL,
    ACTION_CANCEL,
    ACTION_SET_DEPARTMENT,
    DirectoryService,
)
from guildbot.bot.services.pairing import PairingService
from guildbot.bot.services.privacy import ACTION_ERASE, PrivacyService
from guildbot.bot.services.questions import (
    ACTION_ACCEPT,
    ACTION_CLOSE,
    ACTION_DECLINE,
    ACTION_FIND_EXPERT,
    ACTION_POST_TO_COMMUNITY,
    ACTION_REFER,
    ACTION_RESOLVED_BY,
    QuestionService,
)
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
from guildbot.contract.text import without_control_characters
from guildbot.matching.text import is_question

log = logging.getLogger(__name__)

CommandHandler = Callable[[Context, Invocation], Awaitable[Reply]]
ActionHandler = Callable[[Context, str], Awaitable[Reply]]
MAX_ACTION_VALUE = 2_000


class Router:
    """Maps commands and button actions to the services that handle them."""

    def __init__(
        self,
        directory: DirectoryService,
        communities: CommunityService,
        privacy: PrivacyService,
        outbox: OutboxService,
        clock: Clock,
        calendar: CalendarService,
        announcements: AnnouncementService,
        feeds: FeedService,
        questions: QuestionService | None = None,
        refusals: RefusalLog | None = None,
    ) -> None:
        self.directory = directory
        self.refusals = refusals
        self.communities = communities
        self.questions = questions
        self.clock = clock
        self.commands: dict[tuple[str, str], CommandHandler] = {
            ("help", ""): lambda ctx, inv: _const(help_text.help_for(inv.rest)),
            ("profile", "show"): lambda ctx, inv: directory.show_profile(ctx),
            ("profile", "set"): lambda ctx, inv: directory.set_profile(ctx, inv.args, inv.rest),
            ("expertise", "add"): lambda ctx, inv: directory.add_expertise(ctx, inv.rest),
            ("expertise", "remove"): lambda ctx, inv: directory.remove_expertise(ctx, inv.rest),
            ("expertise", "list"): lambda ctx, inv: directory.list_expertise(ctx, inv.rest),
            ("community", "create"): lambda ctx, inv: communities.create(ctx, inv.rest),
            ("community", "join"): lambda ctx, inv: communities.join(ctx, inv.rest),
            ("community", "leave"): lambda ctx, inv: communities.leave(ctx, inv.rest),
            ("community", "list"): lambda ctx, inv: communities.list(ctx),
            ("community", "info"): lambda ctx, inv: communities.info(ctx, inv.rest),
            ("community", "link"): lambda ctx, inv: communities.link(ctx, inv.rest),
            ("community", "welcome"): lambda ctx, inv: communities.welcome(ctx, inv.rest),
            ("role", "grant"): lambda ctx, inv: communities.grant(ctx, inv.args),
            ("role", "revoke"): lambda ctx, inv: communities.revoke(ctx, inv.args),
            ("privacy", "show"): lambda ctx, inv: privacy.show(ctx),
            ("privacy", "export"): lambda ctx, inv: privacy.export_reply(ctx),
            ("privacy", "erase"): lambda ctx, inv: privacy.ask_erase(ctx),
            ("event", "create"): lambda ctx, inv: calendar.create(ctx, inv.rest),
            ("event", "list"): lambda ctx, inv: calendar.list_events(ctx, inv.rest),
            ("event", "show"): lambda ctx, inv: calendar.show(ctx, inv.args),
            ("event", "rsvp"): lambda ctx, inv: calendar.rsvp_command(ctx, inv.args),
            ("event", "attendees"): lambda ctx, inv: calendar.attendees(ctx, inv.args),
            ("event", "edit"): lambda ctx, inv: calendar.edit(ctx, inv.args, inv.rest),
            ("event", "cancel"): lambda ctx, inv: calendar.cancel(ctx, inv.args),
            ("event", "feed"): lambda ctx, inv: feeds.command(ctx, inv.rest),
            ("announce", "create"): lambda ctx, inv: announcements.create(ctx, inv.rest),
            ("announce", "list"): lambda ctx, inv: announcements.list_announcements(ctx),
            ("announce", "edit"): lambda ctx, inv: announcements.edit(ctx, inv.args, inv.rest),
            ("announce", "cancel"): lambda ctx, inv: announcements.cancel(ctx, inv.args),
        }
        self.actions: dict[str, ActionHandler] = {
            ACTION_ADD_SKILL: lambda ctx, v: directory.add_skill_by_button(ctx, v, new=False),
            ACTION_ADD_NEW_SKILL: lambda ctx, v: directory.add_skill_by_button(ctx, v, new=True),
            ACTION_SET_DEPARTMENT: lambda ctx, v: directory.set_department(ctx, v, exact=True),
            ACTION_CANCEL: lambda ctx, v: _const(Reply("OK, nothing changed.")),
            ACTION_ERASE: privacy.erase,
            ACTION_CANCEL_EVENT: calendar.cancel_confirmed,
            ACTION_RESEND: lambda ctx, v: _text(
                outbox.answer_uncertain(ctx.actor.member_id, v, True)
            ),
            ACTION_DISMISS: lambda ctx, v: _text(
                outbox.answer_uncertain(ctx.actor.member_id, v, False)
            ),
            ACTION_CREATE_EVENT: calendar.confirm_create,
            ACTION_RSVP: calendar.rsvp,
        }
        if questions is not None:
            self._route_questions(questions)

    def _route_questions(self, questions: QuestionService) -> None:
        """Expert routing: the `ask` command, `expertise who|optin|optout|default`, buttons."""
        for form in ("question", "mine", "close", "suggest", "mode"):
            self.commands[("ask", form)] = lambda ctx, inv, form=form: questions.command(  # type: ignore[misc]
                ctx, form, inv.args, inv.rest
            )
        self.commands[("expertise", "who")] = lambda ctx, inv: questions.who(ctx, inv.rest)
        self.commands[("expertise", "optin")] = lambda ctx, inv: questions.set_consent(ctx, True)
        self.commands[("expertise", "optout")] = lambda ctx, inv: questions.set_consent(ctx, False)
        self.commands[("expertise", "default")] = lambda ctx, inv: questions.set_default(
            ctx, inv.rest
        )
        self.actions[ACTION_ACCEPT] = questions.accept
        self.actions[ACTION_DECLINE] = questions.decline
        self.actions[ACTION_REFER] = questions.refer_prompt
        self.actions[ACTION_RESOLVED_BY] = questions.resolved_by
        self.actions[ACTION_CLOSE] = questions.close_button
        self.actions[ACTION_FIND_EXPERT] = questions.find_expert
        self.actions[ACTION_POST_TO_COMMUNITY] = questions.post_to_community

    def route_pairing(self, pairing: PairingService) -> None:
        """Coffee intros: the `coffee` command, and the buttons of intros and follow-ups."""
        self.commands.update(
            {
                ("coffee", "status"): lambda ctx, inv: pairing.status(ctx),
                ("coffee", "join"): lambda ctx, inv: pairing.join(ctx, inv.rest),
                ("coffee", "leave"): lambda ctx, inv: pairing.leave(ctx, inv.rest),
                ("coffee", "snooze"): lambda ctx, inv: pairing.snooze(ctx, inv.args),
                ("coffee", "never"): lambda ctx, inv: pairing.never(ctx, inv.rest),
                ("coffee", "history"): lambda ctx, inv: pairing.history(ctx),
                ("coffee", "setup"): lambda ctx, inv: pairing.setup(ctx, inv.args),
                ("coffee", "settings"): lambda ctx, inv: pairing.settings(ctx, inv.args),
                ("coffee", "pause"): lambda ctx, inv: pairing.pause(ctx, inv.rest, True),
                ("coffee", "resume"): lambda ctx, inv: pairing.pause(ctx, inv.rest, False),
                ("coffee", "preview"): lambda ctx, inv: pairing.preview(ctx, inv.rest),
                ("coffee", "stats"): lambda ctx, inv: pairing.stats(ctx, inv.rest),
            }
        )
        self.actions.update(
            {
                coffee.ACTION_MET: lambda ctx, v: pairing.respond(ctx, v, "met"),
                coffee.ACTION_NOT_YET: lambda ctx, v: pairing.respond(ctx, v, "not_yet"),
                coffee.ACTION_SKIP: lambda ctx, v: pairing.respond(ctx, v, "skip"),
                coffee.ACTION_IN: lambda ctx, v: pairing.answer_round(ctx, v, True),
                coffee.ACTION_OUT: lambda ctx, v: pairing.answer_round(ctx, v, False),
                coffee.ACTION_SNOOZE: pairing.snooze_button,
                coffee.ACTION_LEAVE: pairing.leave_button,
                coffee.ACTION_REJOIN: pairing.rejoin_button,
                coffee.ACTION_NEVER_GROUP: pairing.never_group,
                coffee.ACTION_REROLL: pairing.reroll,
            }
        )

    async def handle(self, event: InboundEvent, lookup: ProfileLookup) -> list[OutboundMessage]:
        """Everything to send in answer to `event` (often one private reply)."""
        event = as_command(without_control_in(event))
        if isinstance(event, MemberJoined):
            return await self._welcome(event, lookup)
        if isinstance(event, MessageReceived):
            return await self._message(event, lookup)
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
            reply = Reply(
                "Sorry, something went wrong on my side and nothing was changed. "
                f"If it keeps happening, give your operator this reference: {reference}."
            )
        return [self._outbound(event, reply)]

    async def _message(
        self, event: MessageReceived, lookup: ProfileLookup
    ) -> list[OutboundMessage]:
        """A plain message: only expert routing listens (questions in routed channels, thanks).
        It is answered only when it was acted on, and never with an error in the channel."""
        if self.questions is None or len(event.text) > MAX_COMMAND_CHARS:
            return []
        try:
            reply = await self.questions.on_message(
                event, lambda: self.directory.resolve_actor(event.actor, lookup)
            )
        except UserError as error:
            reply = Reply(error.message, buttons=error.buttons)
        except Exception:
            log.exception("message handling failed event=MessageReceived id=%s", event.event_id)
            return []
        if reply is None:
            return []
        conversation = event.conversation
        return [
            OutboundMessage(
                to=conversation,
                text=reply.rich,
                buttons=reply.buttons,
                context=reply.small_print,
                thread_id=conversation.thread_id,
                ephemeral_to=None if reply.public else event.actor,
            )
        ]

    async def _answer(self, event: CommandInvoked | ActionInvoked, lookup: ProfileLookup) -> Reply:
        if isinstance(event, CommandInvoked) and len(event.text) > MAX_COMMAND_CHARS:
            return Reply(
                f"That message is {len(event.text):,} characters long; I can read up to "
                f"{MAX_COMMAND_CHARS:,}. Please shorten it."
            )
        actor = await self.directory.resolve_actor(event.actor, lookup)
        if actor is None:
            return Reply(
                f"I couldn't look up your profile on {event.actor.platform}, so I haven't "
                "done anything. Please try again in a minute."
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
            if self.refusals is not None:
                await self.refusals.record(ctx, refused)
            return Reply(refused.message, buttons=refused.buttons)
        except UserError as error:
            return Reply(error.message, buttons=error.buttons)
        except UsageError as error:
            return help_text.usage(error.command, error.subcommand, error.problem)

    async def _command(self, ctx: Context, text: str) -> Reply:
        parsed = parse(text)
        if isinstance(parsed, ParseFailure):
            line = strip_prefixes(text)
            if (
                parsed.reason is FailureReason.UNKNOWN_COMMAND
                and self.questions is not None
                and is_question(line)
            ):
                # "@Guildbot how do I …?": a question addressed to the bot is an `ask`.
                return await self.questions.ask(ctx, line)
            return _explain(parsed)
        handler = self.commands.get((parsed.command, parsed.subcommand))
        if handler is None:
            return help_text.usage(parsed.command)
        log.info(
            "command %s %s by member=%s", parsed.command, parsed.subcommand, ctx.actor.member_id
        )
        return await handler(ctx, parsed)

    async def _action(self, ctx: Context, event: ActionInvoked) -> Reply:
        handler = self.actions.get(event.action_id)
        if handler is None or len(event.value) > MAX_ACTION_VALUE:
            log.warning("unknown action id=%r", event.action_id[:60])
            return Reply("That button has expired. Please run the command again.")
        log.info("action %s by member=%s", event.action_id, ctx.actor.member_id)
        return await handler(ctx, event.value)

    async def _welcome(self, event: MemberJoined, lookup: ProfileLookup) -> list[OutboundMessage]:
        """A community channel's welcome (off unless its facilitators turned it on)."""
        profile = await lookup(event.actor)
        name = profile.display_name if profile else "there"
        text = await self.communities.greet(event, name)
        if text is None:
            return []
        return [OutboundMessage(to=event.conversation, text=markup(text))]

    def _outbound(self, event: CommandInvoked | ActionInvoked, reply: Reply) -> OutboundMessage:
        conversation = event.conversation
        return OutboundMessage(
            to=conversation,
            text=reply.rich,
            buttons=reply.buttons,
            context=reply.small_print,
            thread_id=conversation.thread_id,
            ephemeral_to=None if reply.public else event.actor,
        )


async def _const(reply: Reply) -> Reply:
    return reply


async def _text(answer: Awaitable[str]) -> Reply:
    return Reply(await answer)


def _explain(failure: ParseFailure) -> Reply:
    if failure.reason is FailureReason.EMPTY:
        return help_text.overview()
    if failure.reason is FailureReason.TOO_LONG:
        return Reply(f"That's too long for me: I can read up to {MAX_COMMAND_CHARS:,} characters.")
    if failure.reason is FailureReason.UNKNOWN_SUBCOMMAND and failure.command is not None:
        hint = (
            f"Did you mean `{failure.command} {failure.suggestion}`?" if failure.suggestion else ""
        )
        return help_text.usage(failure.command, None, hint)
    hint = f" Did you mean `{failure.suggestion}`?" if failure.suggestion else ""
    overview = help_text.overview()
    return Reply(
        f"I don't know the command “{failure.typed}”.{hint}\n{overview.text}",
        context=overview.context,
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
