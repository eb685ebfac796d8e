"""Time in the console demo: a clock that moves when told (`advance 1d`), and the scheduler run
after every line, so events, reminders and announcements show up as they would on Slack.

Console only. `advance` steps through every moment something is due on the way (as a running
bot would), rather than jumping past it and finding everything late.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.bot.features.calendar.phrases import format_duration, format_instant, parse_duration
from guildbot.bot.rich import say
from guildbot.bot.scheduler.outbox import next_due
from guildbot.contract.adapter import Adapter, Capabilities, Dispatch, PlatformProfile, Replies
from guildbot.contract.errors import DeliveryError
from guildbot.contract.inbound import CommandInvoked, InboundEvent
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef, MessageRef
from guildbot.contract.richtext import RichText

MAX_ADVANCE = timedelta(days=60)
_ADVANCE = re.compile(r"/?(?:guild\s+)?advance\b\s*(.*)", re.IGNORECASE | re.DOTALL)


class LabelledAdapter:
    """The console, for messages the scheduler sends: each says where it was posted."""

    def __init__(self, inner: Adapter) -> None:
        self.inner = inner

    @property
    def platform(self) -> str:
        """The wrapped platform."""
        return self.inner.platform

    @property
    def capabilities(self) -> Capabilities:
        """No pacing: the demo's clock does not move while messages are printed."""
        return Capabilities(min_send_interval_seconds=0.0)

    async def start(self, dispatch: Dispatch) -> None:
        """Not used: the console itself is started by the CLI."""

    async def stop(self) -> None:
        """Nothing to release."""

    async def send(self, message: OutboundMessage) -> MessageRef:
        """Print with a label: "[#accessibility]" or "[direct message to @amara.okafor]"."""
        channel = message.to.channel_id
        label = (
            f"[direct message to @{channel.removeprefix('dm:')}]"
            if channel.startswith("dm:")
            else f"[#{channel}]"
        )
        return await self.inner.send(
            OutboundMessage(
                to=message.to,
                text=RichText.of(label, " ", message.text),
                buttons=message.buttons,
                context=message.context,
                thread_id=message.thread_id,
            )
        )

    async def open_conversation(
        self, members: Sequence[MemberRef], key: str | None = None
    ) -> ConversationRef:
        """A direct conversation named after its member, so `send` can say who it is for."""
        first = members[0]
        return ConversationRef(
            first.platform,
            first.workspace_id,
            "dm:" + ",".join(m.user_id for m in members),
            None,
            ConversationKind.DIRECT,
        )

    async def lookup_user(self, member: MemberRef) -> PlatformProfile | None:
        """As the console knows them."""
        return await self.inner.lookup_user(member)


async def _printed_already(message: OutboundMessage, error: DeliveryError) -> None:
    """`advance` prints as it goes: it has no replies left to deliver."""


class DemoTime:
    """Runs the scheduler after each line; `advance DURATION` moves the clock through time."""

    def __init__(
        self,
        app: Guildbot,
        clock: ManualClock,
        console: Adapter,
        background: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.app = app
        self.clock = clock
        self.console = console
        # What the demo's other people do meanwhile (the dashboard's demo: colleagues
        # answering their coffee follow-ups), before and after each tick.
        self.background = background

        async def no_wait(seconds: float) -> None:
            return None

        self.ticker = app.ticker([LabelledAdapter(console)], sleep=no_wait)

    async def tick(self) -> None:
        """One scheduler pass at the current (demo) time."""
        if self.background is not None:
            await self.background()
        await self.ticker.tick()
        if self.background is not None:
            await self.background()

    async def advance(self, delta: timedelta) -> None:
        """Move time forward, ticking at every moment something falls due on the way."""
        target = self.clock.now() + delta
        for _ in range(10_000):
            async with self.app.database.transaction() as session:
                due = await next_due(session)
            if due is None or due > target:
                break
            step = max(due, self.clock.now() + timedelta(seconds=1))
            if step > target:
                break
            self.clock.advance(step - self.clock.now())
            await self.tick()
        self.clock.advance(target - self.clock.now())
        await self.tick()

    def wrap(self, dispatch: Dispatch) -> Dispatch:
        """The console's dispatch, understanding `advance` too (the console ticks the
        scheduler after each line's replies, through `tick`)."""

        async def demo_dispatch(event: InboundEvent) -> Replies:
            if isinstance(event, CommandInvoked):
                match = _ADVANCE.fullmatch(event.text.strip())
                if match is not None:
                    await self._advance_command(event, match.group(1))
                    return Replies((), _printed_already)
            return await dispatch(event)

        return demo_dispatch

    async def _advance_command(self, event: CommandInvoked, typed: str) -> None:
        delta = parse_duration(typed) if typed.strip() else None
        if delta is None or not timedelta(0) < delta <= MAX_ADVANCE:
            await self._say(
                event,
                say("Usage: `advance DURATION`, e.g. `advance 1d`, `advance 2h 30m`, up to 60d."),
            )
            return
        await self._say(event, say("(time passes: {delta}…)", delta=format_duration(delta)))
        await self.advance(delta)
        actor = await self.app.identities.resolve_actor(event.actor, self.console.lookup_user)
        zone = actor.timezone if actor is not None else "UTC"
        now = format_instant(self.clock.now(), zone)
        await self._say(event, say("(it is now {now})", now=now))

    async def _say(self, event: CommandInvoked, text: RichText) -> None:
        await self.console.send(OutboundMessage(to=event.conversation, text=text))
