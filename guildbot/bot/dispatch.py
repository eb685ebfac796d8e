"""One inbound event in, its replies out — and no reply lost.

An event a platform delivers twice is acted on once. The router decides the replies; the
adapter delivers them through the event's interaction within the platform's deadline, and
hands back any it cannot deliver: those are queued in the outbox, which retries them with
its pacing and backoff (a private reply then reaches the member by direct message).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from datetime import timedelta

from guildbot.bot.clock import Clock
from guildbot.bot.i18n import translate
from guildbot.bot.pending import MARK, PendingActions, fits
from guildbot.bot.router import Router
from guildbot.bot.scheduler.outbox import Outbox, OutboxKey, Owner, Target
from guildbot.bot.scheduler.payload import Body
from guildbot.contract.adapter import ProfileLookup, Replies
from guildbot.contract.errors import DeliveryError, RecipientUnreachable
from guildbot.contract.inbound import ActionInvoked, InboundEvent
from guildbot.contract.outbound import OutboundMessage
from guildbot.storage.engine import Database
from guildbot.storage.models import OutboxKind
from guildbot.storage.repositories.members import MemberRepository
from guildbot.storage.repositories.processed_events import ProcessedEventRepository

log = logging.getLogger(__name__)

MAX_EVENT_ID = 128


class Dispatcher:
    """The core's side of `contract.adapter.Dispatch` for one platform."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        router: Router,
        platform: str,
        lookup: ProfileLookup,
    ) -> None:
        self.database = database
        self.clock = clock
        self.router = router
        self.platform = platform
        self.lookup = lookup

    async def __call__(self, event: InboundEvent) -> Replies:
        """The replies to `event` (none for an event already handled)."""
        if not await self._first_delivery(event.event_id):
            log.info("duplicate event ignored platform=%s id=%s", self.platform, event.event_id)
            return Replies((), self._undelivered(event, ()))
        pressed = await self._pressed(event)
        if pressed is None:
            assert isinstance(event, ActionInvoked)
            language = await self.router.identities.language_of(event.actor)
            expired = OutboundMessage(
                event.conversation, translate(language, "router-expired"),
                thread_id=event.conversation.thread_id, ephemeral_to=event.actor,
            )  # fmt: skip
            return Replies((expired,), self._undelivered(event, (expired,)))
        answer = await self.router.answer(pressed, self.lookup)
        messages = await self._short(tuple(answer.messages))
        return Replies(messages, self._undelivered(event, messages), answer.settled)

    async def _pressed(self, event: InboundEvent) -> InboundEvent | None:
        """A press of a button whose value was kept for it, with that value (None: the
        button has expired); any other event as it is."""
        if not isinstance(event, ActionInvoked) or not event.value.startswith(MARK):
            return event
        async with self.database.transaction() as session:
            value = await PendingActions(session, self.clock.now()).value_of(
                event.action_id, event.value
            )
        return None if value is None else dataclasses.replace(event, value=value)

    async def _short(self, messages: tuple[OutboundMessage, ...]) -> tuple[OutboundMessage, ...]:
        """Replies whose buttons all fit a platform (longer values kept as pending actions)."""
        if all(fits(button) for message in messages for button in message.buttons):
            return messages
        async with self.database.transaction() as session:
            pending = PendingActions(session, self.clock.now())
            short = []
            for message in messages:
                buttons = await pending.shortened(message.buttons)
                short.append(dataclasses.replace(message, buttons=buttons))
            return tuple(short)

    async def _first_delivery(self, event_id: str) -> bool:
        """True the first time an event id is seen: platforms redeliver, we act once."""
        async with self.database.transaction() as session:
            return await ProcessedEventRepository(session).claim(
                self.platform, event_id[:MAX_EVENT_ID], self.clock.now()
            )

    def _undelivered(
        self, event: InboundEvent, messages: tuple[OutboundMessage, ...]
    ) -> _Undelivered:
        return _Undelivered(self, event, messages)

    async def requeue(
        self,
        event: InboundEvent,
        index: int,
        message: OutboundMessage,
        error: DeliveryError,
    ) -> None:
        """Queue a reply the adapter could not deliver, to be sent through the outbox."""
        private = message.ephemeral_to
        now = self.clock.now()
        async with self.database.transaction() as session:
            if private is not None:
                member = await MemberRepository(session).by_identity(
                    private.platform, private.workspace_id, private.user_id
                )
                if member is None:
                    log.warning("reply undelivered to an unknown member id=%s", event.event_id)
                    return
                target = Target.member(private.platform, private.workspace_id, member.id)
            elif isinstance(error, RecipientUnreachable):
                # The conversation refuses us for good: queuing it would only fail again.
                log.warning(
                    "reply undelivered platform=%s id=%s code=%s; not retried",
                    self.platform,
                    event.event_id,
                    error.code,
                )
                return
            else:
                to = message.to
                target = Target(
                    to.platform,
                    to.workspace_id,
                    to.channel_id,
                    message.thread_id or to.thread_id,
                    to.kind.value,
                )
            delay = timedelta(seconds=error.retry_after or 0) if error.retryable else timedelta(0)
            queued = await Outbox(session, now).queue(
                Body(message.text, message.buttons, message.context),
                target,
                now + delay,
                reply_key(self.platform, event.event_id, index),
                kind=OutboxKind.NOTICE,
            )
        log.info(
            "reply undelivered platform=%s id=%s code=%s; %s",
            self.platform,
            event.event_id,
            error.code or type(error).__name__,
            "queued in the outbox" if queued else "already queued",
        )


class _Undelivered:
    """`Replies.undelivered` for one event's replies."""

    def __init__(
        self, dispatcher: Dispatcher, event: InboundEvent, messages: tuple[OutboundMessage, ...]
    ) -> None:
        self.dispatcher = dispatcher
        self.event = event
        self.messages = messages

    async def __call__(self, message: OutboundMessage, error: DeliveryError) -> None:
        index = next(
            (i for i, sent in enumerate(self.messages) if sent is message),
            self.messages.index(message) if message in self.messages else len(self.messages),
        )
        await self.dispatcher.requeue(self.event, index, message, error)


def reply_key(platform: str, event_id: str, index: int) -> OutboxKey:
    """A reply queued after its adapter could not deliver it (once per event and reply)."""
    digest = hashlib.sha256(f"{platform}\x1f{event_id}".encode()).hexdigest()[:32]
    return OutboxKey(f"reply:{digest}:{index}", Owner("reply", digest), "reply")
