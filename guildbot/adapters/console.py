"""The console adapter: talk to Guildbot in a terminal, or drive it with a pipe.

You act as one member at a time (`as NAME` switches); lines are the same commands people type
on Slack, with or without the slash command in front. Buttons are shown as numbered choices:
type the number to press one. End of input ends the session cleanly.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import sys
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import TextIO

from guildbot.adapters.common import PlainRenderer, deliver_replies
from guildbot.contract.adapter import Capabilities, Dispatch, PlatformProfile
from guildbot.contract.inbound import ActionInvoked, CommandInvoked, InboundEvent
from guildbot.contract.outbound import Button, OutboundMessage
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef, MessageRef
from guildbot.contract.richtext import Mention, RichText

PLATFORM = "console"
WORKSPACE = "local"

# Who a name typed after `as` refers to: (user id, display name), or a message saying why not.
Switcher = Callable[[str], Awaitable[tuple[str, str] | str]]
ProfileSource = Callable[[str], Awaitable[PlatformProfile | None]]


class ConsoleAdapter:
    """A terminal (or pipe) as a chat platform with one conversation."""

    def __init__(
        self,
        user_id: str,
        display_name: str,
        switch_member: Switcher,
        profiles: ProfileSource,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        describe_actor: Callable[[str], Awaitable[str]] | None = None,
    ) -> None:
        self.user_id = user_id
        self.display_name = display_name
        self._switch_member = switch_member
        self._profiles = profiles
        self._describe_actor = describe_actor
        # Run after each line's replies (the demo's scheduler tick, so its output follows).
        self.after_each: Callable[[], Awaitable[None]] | None = None
        self._stdin = stdin or sys.stdin
        self._stdout = stdout or sys.stdout
        self._echo = not self._stdin.isatty()
        self._choices: list[Button] = []
        self._ids = itertools.count(1)
        self._stopped = asyncio.Event()
        self.conversation = ConversationRef(
            PLATFORM, WORKSPACE, "console", None, ConversationKind.DIRECT
        )

    @property
    def platform(self) -> str:
        """The platform name used in member refs."""
        return PLATFORM

    @property
    def capabilities(self) -> Capabilities:
        """The default pace (buttons become numbered choices; everything is visible to the
        one person present)."""
        return Capabilities()

    @property
    def actor(self) -> MemberRef:
        """Who is typing now."""
        return MemberRef(PLATFORM, WORKSPACE, self.user_id)

    async def start(self, dispatch: Dispatch) -> None:
        """Read lines until end of input (or `quit`), dispatching each as an event."""
        loop = asyncio.get_running_loop()
        while not self._stopped.is_set():
            await self._prompt()
            line = await loop.run_in_executor(None, self._stdin.readline)
            if line == "":
                self._write("")
                break
            text = line.strip()
            if self._echo:
                self._write(text)
            if not text:
                continue
            if text.casefold() in ("quit", "exit"):
                break
            await self._handle_line(text, dispatch)

    async def _handle_line(self, text: str, dispatch: Dispatch) -> None:
        as_match = re.fullmatch(r"as\s+(.+)", text, flags=re.IGNORECASE)
        if as_match:
            await self._switch(as_match.group(1))
            return
        # Unique across runs: the database remembers handled event ids.
        event_id = f"console-{uuid.uuid4().hex}"
        if text.isdigit() and self._choices:
            index = int(text) - 1
            if not 0 <= index < len(self._choices):
                self._write(f"  (choose 1 to {len(self._choices)})")
                return
            button = self._choices[index]
            self._choices = []
            if button.confirm is not None and not await self._confirmed(button):
                self._write("  (cancelled)")
                return
            await self._answer(
                dispatch,
                ActionInvoked(
                    event_id, self.actor, self.conversation, button.action_id, button.value
                ),
            )
            return
        self._choices = []
        await self._answer(dispatch, CommandInvoked(event_id, self.actor, self.conversation, text))

    async def _answer(self, dispatch: Dispatch, event: InboundEvent) -> None:
        await deliver_replies(await dispatch(event), self.send)
        if self.after_each is not None:
            await self.after_each()

    async def _confirmed(self, button: Button) -> bool:
        assert button.confirm is not None
        self._write(f"  {button.confirm.title}: {button.confirm.text} [y/N]")
        loop = asyncio.get_running_loop()
        answer = await loop.run_in_executor(None, self._stdin.readline)
        if self._echo:
            self._write(f"  > {answer.strip()}")
        return answer.strip().casefold() in ("y", "yes")

    async def _switch(self, name: str) -> None:
        outcome = await self._switch_member(name.strip())
        if isinstance(outcome, str):
            self._write(f"guildbot: {outcome}")
            return
        self.user_id, self.display_name = outcome
        self._choices = []
        self._write(f"  (you are now {self.display_name})")

    async def _prompt(self) -> None:
        label = self.display_name
        if self._describe_actor is not None:
            label = await self._describe_actor(self.user_id)
        self._stdout.write(f"\n[{label}] > ")
        self._stdout.flush()

    def _write(self, text: str) -> None:
        self._stdout.write(text + "\n")
        self._stdout.flush()

    async def stop(self) -> None:
        """Stop after the current line."""
        self._stopped.set()

    async def send(self, message: OutboundMessage) -> MessageRef:
        """Print a message; its buttons become the numbered choices."""
        self._write(render(message))
        if message.buttons:
            self._choices = list(message.buttons)
        return MessageRef(message.to, f"console-out-{next(self._ids)}")

    async def open_conversation(
        self, members: Sequence[MemberRef], key: str | None = None
    ) -> ConversationRef:
        """Everything happens in the one console conversation."""
        return self.conversation

    async def lookup_user(self, member: MemberRef) -> PlatformProfile | None:
        """Console users are the members seeded or imported into the database."""
        return await self._profiles(member.user_id)


def render(message: OutboundMessage) -> str:
    """Plain text: the message, its small print, and buttons as numbered choices."""
    lines = [f"guildbot: {text_of(message.text)}"]
    if message.context:
        lines.append(f"  ({text_of(message.context)})")
    if message.buttons:
        lines.append(
            "  " + "   ".join(f"[{i}] {b.label}" for i, b in enumerate(message.buttons, 1))
        )
    return "\n".join(lines)


def text_of(text: RichText, platform: str = PLATFORM) -> str:
    """Rich text as a terminal shows it: *bold* and `code` marked as people write them in
    plain text, members of this platform by name and @handle (what `as` and commands take),
    times as the core wrote them."""
    return _Terminal(platform).render(text)


class _Terminal(PlainRenderer):
    def __init__(self, platform: str) -> None:
        self.platform = platform  # whose members have handles here

    def mention(self, piece: Mention) -> str:
        if piece.member.platform != self.platform:
            return piece.name
        handle = f"@{piece.member.user_id}"
        return f"{piece.name} ({handle})" if piece.name and piece.name != handle else handle
