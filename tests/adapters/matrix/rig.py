"""The real Matrix adapter over an app, logged in to the test Synapse as a bot account, and
what a member reads of the bot's messages."""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from guildbot.adapters.matrix import MatrixAdapter
from guildbot.adapters.matrix.render import CHOICES_KEY
from guildbot.app.build import Guildbot
from guildbot.bot.adapter_support.localised import CataloguePhrases, MemberLocales
from guildbot.bot.adapter_support.shards import ShardClaims
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.refs import MessageRef
from guildbot.contract.richtext import FENCE
from tests.adapters.matrix.members import Member, RoomEvent
from tests.adapters.matrix.synapse import Account, Synapse
from tests.scenario import Answer

PICKLE_KEY = "k" * 32
FIRST_ANSWER_SECONDS = 20.0
ANSWER_WAIT = 15.0


@dataclass
class Bot:
    """The adapter under test, its account, and the ids of the messages it sent."""

    adapter: MatrixAdapter
    account: Account
    sent: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        send = self.adapter._send  # every message goes out here (replies, choices, notes)

        async def recorded(message: OutboundMessage, *, for_user: str | None) -> MessageRef:
            ref = await send(message, for_user=for_user)
            self.sent.append(ref.message_id)
            return ref

        self.adapter._send = recorded  # type: ignore[method-assign]


def bot_adapter(
    app: Guildbot,
    account: Account,
    *,
    encryption: bool = True,
    instance: str = "instance-a",
    lease_seconds: float = 30.0,
    allowed_servers: tuple[str, ...] = (),
    password_login: bool = False,
) -> MatrixAdapter:
    """A Matrix adapter for `account`, keeping its device in `app`'s database."""
    claims = ShardClaims(
        app.database, app.clock, "matrix", instance, timedelta(seconds=lease_seconds)
    )
    return MatrixAdapter(
        homeserver=account.homeserver,
        user_id=account.user_id,
        database_url=app.settings.database_url,
        phrases=CataloguePhrases(app.settings.default_locale),
        claims=claims,
        access_token="" if password_login else account.access_token,
        password=account.password if password_login else "",
        device_id=account.device_id,
        pickle_key=PICKLE_KEY,
        encryption=encryption,
        allowed_servers=allowed_servers,
        locales=MemberLocales(app.identities),
    )


@asynccontextmanager
async def running_bot(
    app: Guildbot, synapse: Synapse, *, encryption: bool = True, account: Account | None = None
) -> AsyncIterator[Bot]:
    """The bot, started over `app` (a new account unless one is given), stopped after."""
    account = account or await synapse.register(synapse.fresh_localpart("guildbot"))
    adapter = bot_adapter(app, account, encryption=encryption)
    await adapter.start(app.dispatcher(adapter))
    try:
        yield Bot(adapter, account)
    finally:
        await adapter.stop()


async def direct_room(member: Member, bot: Bot, *, encrypted: bool = True) -> str:
    """A direct room the member opens with the bot, once the bot has joined it."""
    room = await member.create_room(invite=[bot.account.user_id], encrypted=encrypted, direct=True)
    await member.wait_for_membership(room, bot.account.user_id)
    return room


async def answers_to(member: Member, room: str, bot: Bot, mark: int) -> list[RoomEvent]:
    """The bot's messages in `room` since `mark`: once it has answered what the member
    sent, and the member has read everything it sent for that."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + FIRST_ANSWER_SECONDS
    sent_before, answered_before = len(bot.sent), bot.adapter.answered
    while loop.time() < deadline:
        await asyncio.sleep(0.05)
        if bot.adapter.answered > answered_before:
            break
    expected = set(bot.sent[sent_before:])
    while loop.time() < deadline:
        seen = [e for e in member.messages_since(mark) if e.event_id in expected]
        if len(seen) == len(expected):
            return [e for e in seen if e.room_id == room and not is_edit(e)]
        await asyncio.sleep(0.05)
    return [e for e in member.messages_since(mark) if e.event_id in expected and e.room_id == room]


async def first_since(
    member: Member, mark: int, wanted: Callable[[RoomEvent], bool], within: float = 30
) -> RoomEvent:
    """The first message the member read since `mark` that is `wanted`, waiting for it."""
    for _ in range(int(within * 10)):
        found = [event for event in member.messages_since(mark) if wanted(event)]
        if found:
            return found[0]
        await asyncio.sleep(0.1)
    raise AssertionError(f"{member.user_id} saw nothing wanted: {member.messages_since(mark)}")


def is_edit(event: RoomEvent) -> bool:
    relates = event.relates_to or {}
    return relates.get("rel_type") == "m.replace"


_TAGS = (
    (re.compile(r"<pre><code>(.*?)</code></pre>", re.S), f"{FENCE}\n\\1\n{FENCE}"),
    (re.compile(r"<strong>(.*?)</strong>", re.S), r"*\1*"),
    (re.compile(r"<code>(.*?)</code>", re.S), r"`\1`"),
    (re.compile(r"<br>"), "\n"),
    (re.compile(r"<[^>]+>"), ""),
)


def as_read(formatted: str) -> str:
    """HTML as the console writes the same text: *bold*, `code`, the words."""
    for pattern, replacement in _TAGS:
        formatted = pattern.sub(replacement, formatted)
    return html.unescape(formatted)


def answer_of(event: RoomEvent) -> tuple[Answer, list[int]]:
    """What a member sees of one of the bot's messages: the text, the small print, the
    choices (their numbers, for a `Press`)."""
    content = event.content
    formatted = str(content.get("formatted_body", ""))
    choices = content.get(CHOICES_KEY)
    labels: tuple[str, ...] = ()
    if isinstance(choices, dict):
        formatted = formatted[: int(choices["html_length"])]
        labels = tuple(option["label"] for option in choices["options"])
    small = re.search(r"<br><sub>(.*)</sub>$", formatted, re.S)
    context = None
    if small is not None:
        context = as_read(small.group(1))
        formatted = formatted[: small.start()]
    return Answer(as_read(formatted), context, labels), list(range(1, len(labels) + 1))


class Watch:
    """What the bot does from now on, as one member reads it: `answers` waits until the
    adapter has handled `handled` more events and the member has read every message the bot
    sent since (rather than for a quiet moment, which proves nothing)."""

    def __init__(self, member: Member, bot: Bot) -> None:
        self.member, self.bot = member, bot
        self.mark, self.sent, self.answered = member.mark(), len(bot.sent), bot.adapter.answered

    async def answers(
        self, room: str | None, *, handled: int = 1, within: float = ANSWER_WAIT
    ) -> list[RoomEvent]:
        """The bot's messages since the watch began (edits left out), in `room` (None: any)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while self.bot.adapter.answered < self.answered + handled:
            assert loop.time() < deadline, f"the bot handled no {handled} events"
            await asyncio.sleep(0.05)
        expected = set(self.bot.sent[self.sent :])
        while True:
            seen = [e for e in self.member.messages_since(self.mark) if e.event_id in expected]
            if len(seen) == len(expected):
                return [e for e in seen if room in (None, e.room_id) and not is_edit(e)]
            assert loop.time() < deadline, f"{self.member.user_id} did not read all the bot sent"
            await asyncio.sleep(0.05)


async def said(member: Member, room: str, bot: Bot, text: str, **how: str) -> list[RoomEvent]:
    """What the bot answers in `room` to `text` (`reply_to=`… as `Member.send_text` takes)."""
    watch = Watch(member, bot)
    await member.send_text(room, text, **how)  # type: ignore[arg-type]
    return await watch.answers(room)


def texts(events: list[RoomEvent]) -> list[str]:
    return [answer_of(event)[0].text for event in events]


async def choices_message(member: Member, room: str, bot: Bot, text: str) -> RoomEvent:
    """The bot's one answer to `text`, which must carry choices."""
    answers = await said(member, room, bot, text)
    assert len(answers) == 1, texts(answers)
    assert answer_of(answers[0])[0].buttons, texts(answers)
    return answers[0]


async def reacted(member: Member, room: str, bot: Bot, event_id: str, key: str) -> list[RoomEvent]:
    """What the bot answers, in any room, to the member's reaction `key` on `event_id`."""
    watch = Watch(member, bot)
    await member.react(room, event_id, key)
    return await watch.answers(None)
