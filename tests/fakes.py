"""A recording fake adapter and a harness to talk to the bot as named people."""

from __future__ import annotations

import asyncio
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from guildbot.adapters.common import deliver_replies
from guildbot.adapters.console import text_of
from guildbot.app.build import Guildbot
from guildbot.bot.clock import Clock, ManualClock
from guildbot.bot.scheduler.delivery import Sleep
from guildbot.bot.scheduler.tick import Ticker
from guildbot.contract.adapter import Adapter, Capabilities, Dispatch, PlatformProfile
from guildbot.contract.errors import DeliveryError
from guildbot.contract.inbound import (
    ActionInvoked,
    CommandInvoked,
    InboundEvent,
    MemberJoined,
    with_mention_tokens,
)
from guildbot.contract.outbound import Button, OutboundMessage
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef, MessageRef
from guildbot.storage.models import (
    CoffeeRound,
    OutboxMessage,
    OutboxStatus,
    PlatformIdentity,
    Schedule,
)

PLATFORM = "fake"
# How a person is mentioned on the fake platform, in what people type.
_MENTION = re.compile(r"<@([\w.\-]{1,64})>")
WORKSPACE = "T1"


@dataclass(frozen=True)
class Sent:
    """A message as the fake platform showed it: its words as the console prints them
    (``*bold*``, ``@handle`` for a member here), and the message itself."""

    message: OutboundMessage
    text: str
    context: str | None

    @classmethod
    def of(cls, message: OutboundMessage, platform: str) -> Sent:
        context = None if message.context is None else text_of(message.context, platform)
        return cls(message, text_of(message.text, platform), context)

    @property
    def to(self) -> ConversationRef:
        return self.message.to

    @property
    def buttons(self) -> tuple[Button, ...]:
        return self.message.buttons

    @property
    def thread_id(self) -> str | None:
        return self.message.thread_id

    @property
    def ephemeral_to(self) -> MemberRef | None:
        return self.message.ephemeral_to


class RecordingAdapter:
    """Implements the Adapter protocol; keeps every message sent, knows a few profiles."""

    def __init__(self, clock: Clock | None = None, platform: str = PLATFORM) -> None:
        self.sent: list[Sent] = []
        self.sent_at: list[datetime] = []
        self.profiles: dict[str, PlatformProfile | None] = {}
        # Errors to raise from the next sends, in order (then sends succeed again).
        self.failures: list[DeliveryError] = []
        self.clock = clock
        self._platform = platform
        self._ids = itertools.count(1)

    @property
    def platform(self) -> str:
        return self._platform

    @property
    def capabilities(self) -> Capabilities:
        return Capabilities()

    async def start(self, dispatch: Dispatch) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def send(self, message: OutboundMessage) -> MessageRef:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append(Sent.of(message, self._platform))
        if self.clock is not None:
            self.sent_at.append(self.clock.now())
        return MessageRef(message.to, f"m{next(self._ids)}")

    async def open_conversation(
        self, members: Sequence[MemberRef], key: str | None = None
    ) -> ConversationRef:
        """``G<user>-<user>…``: one member's direct conversation too (``Gana``)."""
        return ConversationRef(
            PLATFORM,
            WORKSPACE,
            "G" + "-".join(m.user_id for m in members),
            None,
            ConversationKind.GROUP,
        )

    async def lookup_user(self, member: MemberRef) -> PlatformProfile | None:
        if member.user_id in self.profiles:
            return self.profiles[member.user_id]
        return PlatformProfile(
            display_name=member.user_id.replace("_", " ").title(), timezone="America/Toronto"
        )


class Harness:
    """`await h.say("ana", "expertise add k8s")` returns the replies the bot sent."""

    def __init__(self, app: Guildbot, adapter: RecordingAdapter) -> None:
        self.app = app
        self.adapter = adapter
        self.dispatch = app.dispatcher(adapter)
        self._events = itertools.count(1)
        self.channel = ConversationRef(
            PLATFORM, WORKSPACE, "C-general", None, ConversationKind.CHANNEL
        )
        self.direct = ConversationRef(PLATFORM, WORKSPACE, "D-bot", None, ConversationKind.DIRECT)

    def ref(self, user: str) -> MemberRef:
        return MemberRef(PLATFORM, WORKSPACE, user)

    def command(self, user: str, text: str, where: ConversationRef | None = None) -> CommandInvoked:
        """`user` types `text` (in their DM with the bot unless `where` is given); as on a
        real platform, the adapter turns the fake platform's mentions (``<@bo>``) into
        mention tokens."""
        line, mentions = self.mentions_in(text)
        return CommandInvoked(
            f"e{next(self._events)}", self.ref(user), where or self.direct, line, mentions
        )

    def mentions_in(self, text: str) -> tuple[str, tuple[MemberRef, ...]]:
        """What this fake platform's adapter does with ``<@user>`` in what people type."""
        spans = [(m.start(), m.end(), self.ref(m.group(1))) for m in _MENTION.finditer(text)]
        return with_mention_tokens(text, spans)

    async def handle(self, event: InboundEvent) -> None:
        """What an adapter does with an event: dispatch it, deliver its replies."""
        await deliver_replies(await self.dispatch(event), self.adapter.send)

    async def say(self, user: str, text: str, where: ConversationRef | None = None) -> list[Sent]:
        before = len(self.adapter.sent)
        await self.handle(self.command(user, text, where))
        return self.adapter.sent[before:]

    async def text(self, user: str, text: str, where: ConversationRef | None = None) -> str:
        replies = await self.say(user, text, where)
        assert len(replies) == 1, replies
        return replies[0].text

    async def joins(self, user: str, where: ConversationRef) -> list[Sent]:
        """`user` joins the channel `where`; what the bot sent because of it."""
        before = len(self.adapter.sent)
        await self.handle(MemberJoined(f"e{next(self._events)}", self.ref(user), where))
        return self.adapter.sent[before:]

    async def press(
        self, user: str, button: Button, where: ConversationRef | None = None
    ) -> list[Sent]:
        before = len(self.adapter.sent)
        await self.handle(
            ActionInvoked(
                f"e{next(self._events)}",
                self.ref(user),
                where or self.direct,
                button.action_id,
                button.value,
            )
        )
        return self.adapter.sent[before:]

    # -- what tests of every feature ask ---------------------------------------------------------

    async def member_id(self, user: str) -> int:
        """The member `user` is; someone the bot has not met yet asks for their profile
        first, as a person would."""
        found = await self._member_id(user)
        if found is None:
            await self.text(user, "profile")
            found = await self._member_id(user)
        assert found is not None
        return found

    async def _member_id(self, user: str) -> int | None:
        async with self.app.database.transaction() as session:
            return await session.scalar(
                select(PlatformIdentity.member_id).where(PlatformIdentity.user_id == user)
            )

    async def count(self, model: type) -> int:
        """How many rows of `model` are stored."""
        return await count_rows(self.app, model)

    def ticker(self, clock: ManualClock, instance: str = "A") -> Ticker:
        """The scheduler's tick for this app, waiting on `clock` instead of real time."""
        ticker = self.app.ticker([self.adapter], sleep=clock_sleep(clock))
        ticker.instance = instance
        ticker.delivery.instance = instance
        return ticker

    async def deliver(self, ticker: Ticker) -> list[Sent]:
        """Run one tick; what it sent."""
        before = len(self.adapter.sent)
        await ticker.tick()
        return self.adapter.sent[before:]

    async def run_until(self, clock: ManualClock, until: datetime) -> list[Sent]:
        """Tick at every moment something is due (a schedule, a queued message, a coffee
        round), up to `until`; what was sent meanwhile."""
        ticker = self.ticker(clock)
        before = len(self.adapter.sent)
        await ticker.tick()
        last = clock.now()
        for _ in range(10_000):
            upcoming = await self._due_moments(clock.now())
            if not upcoming:
                break
            step = max(min(upcoming), clock.now())
            if step <= last:
                step = last + timedelta(seconds=1)  # still waiting at that moment: a second on
            if step > until:
                break
            clock.advance(step - clock.now())
            last = step
            await ticker.tick()
        if clock.now() < until:
            clock.advance(until - clock.now())
            await ticker.tick()
        return self.adapter.sent[before:]

    async def _due_moments(self, now: datetime) -> list[datetime]:
        async with self.app.database.transaction() as session:
            schedule = await session.scalar(
                select(func.min(Schedule.next_due_at)).where(Schedule.active.is_(True))
            )
            message = await session.scalar(
                select(func.min(OutboxMessage.not_before)).where(
                    OutboxMessage.status == OutboxStatus.PENDING.value
                )
            )
            round_ = await session.scalar(
                select(func.min(CoffeeRound.occurrence_at)).where(
                    CoffeeRound.status == "scheduled", CoffeeRound.occurrence_at > now
                )
            )
        return [moment for moment in (schedule, message, round_) if moment is not None]


async def count_rows(app: Guildbot, model: type) -> int:
    """How many rows of `model` `app` has stored."""
    async with app.database.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def tick(app: Guildbot, adapter: Adapter, clock: ManualClock) -> None:
    """One pass of `app`'s scheduler through `adapter`, waiting on `clock`."""
    await app.ticker([adapter], sleep=clock_sleep(clock)).tick()


def clock_sleep(clock: ManualClock) -> Sleep:
    """A sleep that moves `clock` on instead of waiting."""

    async def sleep(seconds: float) -> None:
        clock.advance(timedelta(seconds=max(0.0, seconds)))
        await asyncio.sleep(0)  # other tasks get their turn, as during a real wait

    return sleep


def button(
    message: OutboundMessage | Sent, label: str | None = None, action: str | None = None
) -> Button:
    """The button of `message` with this label (or action id)."""
    return next(
        b
        for b in message.buttons
        if (label is None or b.label == label) and (action is None or b.action_id == action)
    )
