"""The Discord adapter: a discord.py 2.x client on the gateway, for the core.

Inbound: app commands (`commands.py`) and persistent buttons (`views.py`) become neutral
events; so do DMs to the bot, mentions of it, and — only with the Message Content intent
switched on — ordinary channel messages, for question detection. Discord wants an answer to
an interaction within 3 seconds, and the core touches the database for every one: each is
deferred as it arrives and the core's replies follow up (`interaction.py`). A press the core
settles (`Replies.settled`) has its message edited: the text kept, what was chosen and by
whom under it, the buttons gone. Every other send goes through REST.

Outbound: markdown content plus persistent buttons; private replies are ephemeral inside an
interaction and direct messages elsewhere (Discord has no other private messages). Group
conversations (coffee groups, expert connections) are private threads in a configured
channel with the members added, since bots cannot create group DMs.

Which shards this process runs is claimed first (the contract's `ShardLeases`, kept in the
database), so two instances never receive — and answer — the same events.

Connection: discord.py reconnects by itself after a drop; the adapter is connected while
every shard it runs has a session (READY or RESUMED), for `/healthz`. A close Discord means
for good (`FATAL_CLOSES`: a refused token, an intent not enabled…), or a token refused after
start-up, stops the process (`supervise`) with one line naming the code and what to do.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import logging
import re
import time
from collections.abc import Callable, Coroutine, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Literal

import discord
import yarl
from discord import app_commands

from guildbot.adapters.common import (
    ConnectionState,
    HandlerTasks,
    TtlCache,
    deliver_replies,
    keep_alive,
    quiet_library_logs,
)
from guildbot.adapters.discord import members, render
from guildbot.adapters.discord.commands import (
    CatalogueTranslator,
    Suggest,
    build_commands,
    same_commands,
)
from guildbot.adapters.discord.delivery import (
    FAILURES,
    NONCE_ENFORCED_FOR,
    delivery_error,
    outbox_nonce,
    send_parts,
)
from guildbot.adapters.discord.interaction import ALLOWED_MENTIONS, InteractionReply
from guildbot.adapters.discord.views import GuildbotButton, confirmation_view
from guildbot.contract.adapter import (
    Capabilities,
    Connection,
    Dispatch,
    Fail,
    PlatformProfile,
    Replies,
)
from guildbot.contract.commands import CommandCatalogue
from guildbot.contract.errors import ConfigError, DeliveryError, RecipientUnreachable
from guildbot.contract.inbound import (
    ActionInvoked,
    CommandInvoked,
    InboundEvent,
    MessageReceived,
    PressedMessage,
    with_mention_tokens,
)
from guildbot.contract.outbound import Confirmation, OutboundMessage
from guildbot.contract.phrases import Phrases
from guildbot.contract.reconciling import Found, SendKey
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef, MessageRef
from guildbot.contract.richtext import Bold, RichText
from guildbot.contract.stores import ShardConflict, ShardLeases
from guildbot.contract.text import without_control_characters

log = logging.getLogger(__name__)

PLATFORM = "discord"
# Discord user ids are global, so the whole of Discord is one workspace for the core: a
# member is the same person in every server and in DMs.
WORKSPACE = "discord"
DISCORD_API_URL = "https://discord.com/api/v10"
USER_CACHE_SECONDS = 600.0
USER_CACHE_SIZE = 10_000
DM_CACHE_SECONDS = 86_400.0
THREAD_ARCHIVE_MINUTES: Literal[10080] = 10080  # a week without messages
SHUTDOWN_GRACE_SECONDS = 10.0
PRIVATE_THREAD: Literal[12] = 12
# Channel types (interaction payloads): DM, group DM, and guild threads.
_DM, _GROUP_DM = 1, 3
_THREADS = {10, 11, 12}
_MENTION = re.compile(r"<@!?(\d+)>")
# The gateway close codes after which discord.py does not reconnect (its
# `DiscordWebSocket._can_handle_close`), with what each means and what the operator does.
FATAL_CLOSES: dict[int, tuple[str, str]] = {
    4004: (
        "authentication failed",
        "DISCORD_BOT_TOKEN is not the bot's current token; copy it again from the Developer "
        "Portal (Bot, Reset Token)",
    ),
    4010: ("invalid shard", "each of DISCORD_SHARD_IDS must be below DISCORD_SHARD_COUNT"),
    4011: (
        "sharding required",
        "the bot is in too many servers for one shard; raise DISCORD_SHARD_COUNT (about one "
        "shard per 1,000 servers) and give each instance its DISCORD_SHARD_IDS",
    ),
    4012: (
        "invalid API version",
        "this Guildbot's discord.py speaks a gateway version Discord no longer accepts; "
        "upgrade Guildbot",
    ),
    4013: (
        "invalid intents",
        "Discord did not understand the intents asked for; upgrade Guildbot",
    ),
    4014: (
        "disallowed intents",
        "enable the Message Content intent in the Developer Portal (Bot, Privileged Gateway "
        "Intents), or set DISCORD_MESSAGE_CONTENT=off",
    ),
}
# The privileged intents Guildbot may ask for: their names in the Developer Portal, and the
# setting that asks for each.
MESSAGE_CONTENT = ("Message Content", "DISCORD_MESSAGE_CONTENT")
SERVER_MEMBERS = ("Server Members", "DISCORD_MEMBERS_INTENT")
LOGIN_REFUSED = (
    "Discord refused the bot token: DISCORD_BOT_TOKEN is not the bot's current token; copy "
    "it again from the Developer Portal (Bot, Reset Token)"
)


class GuildbotClient(discord.AutoShardedClient):
    """discord.py's client with Guildbot's command tree and persistent buttons."""

    def __init__(self, adapter: DiscordAdapter, **options: Any) -> None:
        super().__init__(**options)
        self.guildbot_adapter = adapter
        self.tree: app_commands.CommandTree[GuildbotClient] = app_commands.CommandTree(self)
        for command in build_commands(
            adapter.commands, adapter.on_line, adapter.phrases, adapter.suggest
        ):
            self.tree.add_command(command)

    async def setup_hook(self) -> None:
        """Once, after login: buttons from any earlier process work; commands are synced
        if Discord's differ from ours (not on every start: creations are rate-limited)."""
        self.add_dynamic_items(GuildbotButton)
        translator = CatalogueTranslator()
        await self.tree.set_translator(translator)
        if not self.guildbot_adapter.sync_commands:
            return
        local = [
            await command.get_translated_payload(self.tree, translator)
            for command in self.tree.get_commands()
        ]
        try:
            registered = await self.tree.fetch_commands()
            if same_commands(local, [dict(command.to_dict()) for command in registered]):
                log.info("discord app commands unchanged count=%d", len(registered))
                return
            synced = await self.tree.sync()
        except FAILURES as error:
            delivery_error("sync commands", error)  # logged; yesterday's commands stay
        else:
            log.info("discord app commands synced count=%d", len(synced))

    async def on_message(self, message: discord.Message) -> None:
        """Gateway messages: DMs, mentions, and (with the intent) channel messages."""
        await self.guildbot_adapter.on_message(message)

    # A shard has a session from READY (connect) or RESUMED until discord.py sees it drop.
    async def on_shard_connect(self, shard_id: int) -> None:
        self.guildbot_adapter.shard_connected(shard_id, True)

    async def on_shard_resumed(self, shard_id: int) -> None:
        self.guildbot_adapter.shard_connected(shard_id, True)

    async def on_shard_disconnect(self, shard_id: int) -> None:
        self.guildbot_adapter.shard_connected(shard_id, False)

    async def on_member_join(self, member: discord.Member) -> None:
        """Someone joined a server (only with the members intent)."""
        await self.guildbot_adapter.on_member_join(member)


class DiscordAdapter:
    """Discord as a Guildbot platform (implements `guildbot.contract.adapter.Adapter`)."""

    def __init__(
        self,
        *,
        bot_token: str,
        commands: CommandCatalogue,
        phrases: Phrases,
        confirmations: Mapping[str, Confirmation] | None = None,
        shard_count: int = 1,
        shard_ids: Sequence[int] = (),
        intro_channels: Mapping[str, str] | None = None,
        message_content: bool = False,
        members_intent: bool = False,
        api_url: str = DISCORD_API_URL,
        gateway_url: str = "",
        claims: ShardLeases | None = None,
        suggest: Suggest | None = None,
        sync_commands: bool = True,
        connect_gateway: bool = True,
        max_retry_wait: float = 30.0,
        shutdown_grace: float = SHUTDOWN_GRACE_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._token = bot_token
        self.commands = commands
        # The adapter's own words (option prompts, errors), in the reader's language.
        self.phrases = phrases
        # How the core confirms each destructive action, by action id: Discord has no
        # confirmation dialog, so a second private step asks in these words.
        self.confirmations = dict(confirmations or {})
        self.shard_count = shard_count
        self.shard_ids = tuple(shard_ids) or tuple(range(shard_count))
        self.intro_channels = dict(intro_channels or {})
        self.message_content = message_content
        self.members_intent = members_intent
        self.api_url = api_url.rstrip("/")
        self.gateway_url = gateway_url
        self.claims = claims
        self.suggest = suggest
        self.sync_commands = sync_commands
        self.connect_gateway = connect_gateway
        self.max_retry_wait = max_retry_wait
        self._shutdown_grace = shutdown_grace
        self._dispatch: Dispatch | None = None
        self._client: GuildbotClient | None = None
        self._fail: Fail | None = None
        self._failed = False  # the process was told to stop: say nothing more
        self._logged_in = False
        self._stopping = False
        self._connection = ConnectionState(monotonic=monotonic)
        self._shards_up: set[int] = set()
        self._tasks = HandlerTasks(log, PLATFORM)
        self._background: list[asyncio.Task[None]] = []
        self._profiles: TtlCache[PlatformProfile | None] = TtlCache(
            USER_CACHE_SECONDS, USER_CACHE_SIZE, monotonic
        )
        # user id -> DM channel id: stable on Discord, so kept a day, bounded like profiles.
        self._dms: TtlCache[str] = TtlCache(DM_CACHE_SECONDS, USER_CACHE_SIZE, monotonic)

    # -- the Adapter protocol -------------------------------------------------------------

    @property
    def platform(self) -> str:
        """``discord``."""
        return PLATFORM

    @property
    def capabilities(self) -> Capabilities:
        """Discord allows five messages per five seconds a channel."""
        return Capabilities(min_send_interval_seconds=1.0)

    @property
    def client(self) -> GuildbotClient:
        """The discord.py client (after `start`)."""
        if self._client is None:
            raise RuntimeError("the Discord adapter has not started")
        return self._client

    def intents(self) -> discord.Intents:
        """The fewest intents that work: servers, messages (for DMs and mentions) — message
        content only when question detection in channels was asked for, and members only
        for welcomes."""
        intents = discord.Intents.none()
        intents.guilds = True
        intents.guild_messages = True
        intents.dm_messages = True
        intents.message_content = self.message_content
        intents.members = self.members_intent
        return intents

    def privileged(self) -> list[tuple[str, str]]:
        """The privileged intents asked for, as (name in the Developer Portal, setting)."""
        asked = [(self.message_content, MESSAGE_CONTENT), (self.members_intent, SERVER_MEMBERS)]
        return [intent for on, intent in asked if on]

    async def start(self, dispatch: Dispatch) -> None:
        """Claim the shards, log in (a refused token stops start-up), then connect to the
        gateway in the background: this returns once events can arrive."""
        self._dispatch = dispatch
        if self.claims is not None:
            try:
                await self.claims.claim(self.shard_ids, self.shard_count)
            except ShardConflict as error:
                raise ConfigError("DISCORD_SHARD_IDS", str(error)) from None
        # discord.py keeps these addresses on classes: one Discord client per process.
        discord.http.Route.BASE = self.api_url
        if self.gateway_url:
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        # discord.py logs request bodies at DEBUG and gateway chatter at INFO.
        quiet_library_logs("discord")
        self._client = GuildbotClient(
            self,
            intents=self.intents(),
            shard_count=self.shard_count,
            shard_ids=list(self.shard_ids),
            max_ratelimit_timeout=self.max_retry_wait,
            enable_debug_events=False,
            # Joins are all the members intent is for: no member lists fetched at start-up
            # (a large server's take minutes) and none kept.
            chunk_guilds_at_startup=False,
            member_cache_flags=discord.MemberCacheFlags.none(),
        )
        try:
            await self._login()
        except discord.LoginFailure:
            await self._release()
            raise ConfigError("DISCORD_BOT_TOKEN", "Discord refused the bot token") from None
        except FAILURES as error:
            log.warning("discord not reachable at start-up (%s); retrying", type(error).__name__)
        except BaseException:
            await self._release()
            raise
        if self.connect_gateway:
            self._background.append(asyncio.create_task(self._run_gateway()))
        if self.claims is not None:
            self._background.append(asyncio.create_task(self._heartbeat()))
        log.info(
            "discord adapter started shards=%s/%d application=%s",
            ",".join(map(str, self.shard_ids)),
            self.shard_count,
            self._client.application_id or "?",
        )

    async def connection(self) -> Connection:
        """Connected while every shard this process runs has a gateway session."""
        return self._connection.snapshot()

    def shard_connected(self, shard_id: int, connected: bool) -> None:
        """A shard got a session (READY, RESUMED) or lost it."""
        if connected:
            self._shards_up.add(shard_id)
        else:
            self._shards_up.discard(shard_id)
        self._connection.mark(self._shards_up.issuperset(self.shard_ids))

    async def stop(self) -> None:
        """Take no new events, let handlers in progress finish (they still need REST to
        answer), then disconnect and free the shards."""
        self._stopping = True
        await self._tasks.close(self._shutdown_grace)
        client = self._client
        if client is not None:
            if self._logged_in:
                await client.close()
            else:
                await client.http.close()
        for task in self._background:
            task.cancel()
        await asyncio.gather(*self._background, return_exceptions=True)
        self._background.clear()
        await self._release()
        log.info("discord adapter stopped")

    async def drain(self, grace: float | None = None) -> None:
        """Wait until every event handed to the core so far has been handled."""
        await self._tasks.drain(grace)

    # -- the Reconciling protocol: outbox rows carry a nonce Discord enforces ----------------

    @property
    def resend_is_idempotent_for(self) -> timedelta:
        """Discord answers a message with an enforced nonce it saw lately with that message."""
        return NONCE_ENFORCED_FOR

    async def send_keyed(self, message: OutboundMessage, key: SendKey) -> MessageRef:
        """Post a message under the outbox row's nonce (one per part)."""
        return await self._send(message, outbox_nonce(key))

    async def find_sent(
        self, conversation: ConversationRef, keys: Sequence[SendKey], since: datetime
    ) -> Found | None:
        """Discord gives a message's nonce back only when it is created (the REST answer and
        the gateway's MESSAGE_CREATE), never when messages are read: it cannot tell. A resend
        under the same nonce is what finds the message posted before."""
        return None

    async def send(self, message: OutboundMessage) -> MessageRef:
        """Post through REST; private messages (outside an interaction, where they could be
        ephemeral) become DMs; a long one goes in parts (`render.parts`). Raises
        `DeliveryError` on failure."""
        return await self._send(message, None)

    async def _send(self, message: OutboundMessage, nonce: str | None) -> MessageRef:
        to = message.to
        if message.ephemeral_to is not None and to.kind is not ConversationKind.DIRECT:
            to = await self.open_conversation([message.ephemeral_to])
        reference: dict[str, Any] = {}
        if message.thread_id and message.thread_id.isdigit():
            # Threads are channels on Discord; a core "thread" is a reply to that message.
            # Only the first part replies: the others follow it at once.
            reference["reference"] = discord.MessageReference(
                message_id=int(message.thread_id),
                channel_id=int(to.channel_id),
                fail_if_not_exists=False,
            )
        channel = self.client.get_partial_messageable(_snowflake(to.channel_id))
        part = itertools.count()

        async def post(text: str, view: discord.ui.View | None, first: bool) -> str:
            options: dict[str, Any] = {"allowed_mentions": ALLOWED_MENTIONS}
            if view is not None:
                options["view"] = view
            if nonce is not None:  # discord.py sends enforce_nonce with every nonce
                options["nonce"] = f"{nonce}.{next(part)}"
            sent = await channel.send(text, **options, **(reference if first else {}))
            return str(sent.id)

        return MessageRef(to, await send_parts("send message", render.parts(message), post))

    async def open_conversation(
        self, members: Sequence[MemberRef], key: str | None = None
    ) -> ConversationRef:
        """A DM with one member; for several, a private thread in the intro channel of a
        server they all belong to, with each of them added. Discord makes a new thread on
        every call, so a thread opened under `key` carries the key's mark in its name, and is
        found again (not made twice) when opened with that key again."""
        bot_id = str(self._client.user.id) if self._client and self._client.user else None
        users = list(dict.fromkeys(m.user_id for m in members if m.user_id != bot_id))
        if not users:
            raise RecipientUnreachable("nobody to open a conversation with", code="no_users")
        if len(users) == 1:
            return await self._direct(users[0])
        guild_id, channel_id = await self._intro_channel(users)
        mark = _mark(key) if key else ""
        thread_id = await self._thread_marked(guild_id, channel_id, mark) if mark else None
        if thread_id is not None:
            await self._add_to_thread(thread_id, users)
            return ConversationRef(PLATFORM, WORKSPACE, thread_id, None, ConversationKind.GROUP)
        profiles = [await self.lookup_user(MemberRef(PLATFORM, WORKSPACE, u)) for u in users]
        # The thread's name in the language they all read (their Discord's), else the default.
        locale = _shared_locale([p.locale if p else None for p in profiles])
        someone = self.phrases.translate_plain(locale, "adapters-discord-someone")
        names = [(p.display_name if p else "") or someone for p in profiles]
        title = self.phrases.translate_plain(
            locale, "adapters-discord-intro-thread", names=", ".join(names)
        )
        try:
            thread = await self.client.http.start_thread_without_message(
                channel_id,
                name=_thread_name(title, mark),
                auto_archive_duration=THREAD_ARCHIVE_MINUTES,
                type=PRIVATE_THREAD,
                invitable=False,
                reason="Guildbot intro",
            )
        except FAILURES as error:
            raise delivery_error("open private thread", error) from None
        thread_id = str(thread["id"])
        await self._add_to_thread(thread_id, users)
        return ConversationRef(PLATFORM, WORKSPACE, thread_id, None, ConversationKind.GROUP)

    async def _add_to_thread(self, thread_id: str, users: Sequence[str]) -> None:
        """Add everyone (adding someone already in is harmless), or nobody."""
        added: list[str] = []
        try:
            for user in users:
                await self.client.http.add_user_to_thread(thread_id, user)
                added.append(user)
        except FAILURES as error:
            failure = delivery_error("add to private thread", error)
            await self._empty_thread(thread_id, added)
            raise failure from None

    async def _thread_marked(self, guild_id: str, channel_id: str, mark: str) -> str | None:
        """The active thread of `channel_id` whose name ends with `mark`, if there is one."""
        try:
            active = await self.client.http.get_active_threads(_snowflake(guild_id))
        except FAILURES as error:
            raise delivery_error("list active threads", error) from None
        for thread in active.get("threads", []):
            if str(thread.get("parent_id")) == channel_id and str(thread.get("name", "")).endswith(
                mark
            ):
                return str(thread["id"])
        return None

    async def _empty_thread(self, thread_id: str, added: Sequence[str]) -> None:
        """An intro that could not add everyone is abandoned: those already added are taken
        out again (a private thread's creator may), so nobody waits in a half-made group."""
        for user in added:
            try:
                await self.client.http.remove_user_from_thread(thread_id, user)
            except FAILURES as error:
                delivery_error("remove from private thread", error)

    async def lookup_user(self, member: MemberRef) -> PlatformProfile | None:
        """The member's display name (and language) from what Discord sent with them last
        (an interaction, a join), else from REST; cached a while. Discord shares neither time
        zone nor e-mail, so members set their time zone with ``profile set``."""
        cached = self._profiles.get(member.user_id)
        if cached is not None:
            return cached.value
        try:
            user = await self.client.http.get_user(_snowflake(member.user_id))
        except DeliveryError:  # not a Discord id
            return None
        except FAILURES as error:
            delivery_error("get user", error)
            return None
        profile = None
        if not user.get("bot"):
            name = str(user.get("global_name") or user.get("username") or "").strip()
            profile = PlatformProfile(display_name=name) if name else None
        self._profiles.put(member.user_id, profile)
        return profile

    # -- inbound --------------------------------------------------------------------------

    async def on_line(self, interaction: discord.Interaction[Any], line: str) -> None:
        """An app command, as its neutral command line (mentions typed into an option as
        ``<@id>`` become mention tokens)."""
        self._seen(interaction)
        text, mentioned = with_mentions(line)
        event = CommandInvoked(
            f"interaction:{interaction.id}",
            self.actor_of(interaction),
            self.conversation_of(interaction),
            text,
            mentioned,
        )
        await self._answer(interaction, event, thinking=True)

    async def on_press(
        self, interaction: discord.Interaction[Any], custom: str, label: str
    ) -> None:
        """A Guildbot button, from this process or any earlier one."""
        press = render.parse(custom)
        if press is None:
            return
        self._seen(interaction)
        if press.declined:
            # The confirmation is settled at once (nothing to ask the core): its question
            # stays, its buttons go, so the destructive one cannot be pressed afterwards.
            asked = interaction.message.content if interaction.message else ""
            unchanged = self.phrases.translate_plain(
                members.interaction_locale(interaction), "adapters-nothing-changed"
            )
            await interaction.response.edit_message(
                content=render.settled(asked, RichText.of(unchanged)),
                view=None,
                allowed_mentions=discord.AllowedMentions.none(),
            )
            return
        if press.confirm_first:
            confirm = self.confirmations.get(press.action_id) or self._plain_confirmation(
                label, members.interaction_locale(interaction)
            )
            await interaction.response.send_message(
                render.markdown(RichText.of(Bold(confirm.title), " ", confirm.text)),
                view=confirmation_view(
                    press.action_id, press.value, confirm.confirm_label, confirm.deny_label
                ),
                ephemeral=True,
            )
            return
        conversation = self.conversation_of(interaction)
        event = ActionInvoked(
            f"interaction:{interaction.id}",
            self.actor_of(interaction),
            conversation,
            press.action_id,
            press.value,
            pressed_message(interaction, label, conversation),
        )
        await self._answer(interaction, event, thinking=False)

    async def on_message(self, message: discord.Message) -> None:
        """DMs to the bot are command lines; a mention of it in a channel is one too; other
        channel messages reach the core only with the Message Content intent."""
        me = self._client.user if self._client else None
        if self._stopping:
            return  # stopping: another instance takes this shard's events once it is free
        if message.author.bot or (me is not None and message.author.id == me.id):
            return
        if message.type not in (discord.MessageType.default, discord.MessageType.reply):
            return
        direct = message.guild is None
        kind = ConversationKind.DIRECT if direct else _kind_of_channel(message.channel)
        conversation = ConversationRef(PLATFORM, WORKSPACE, str(message.channel.id), None, kind)
        actor = MemberRef(PLATFORM, WORKSPACE, str(message.author.id))
        event_id = f"message:{message.id}"
        text = without_control_characters(message.content or "")
        addressed = me is not None and me in message.mentions
        if not (direct or addressed or self.message_content):
            return  # without the intent, Discord sends no text of other messages anyway
        bot_id = me.id if addressed and me is not None else None
        words, mentioned = with_mentions(_strip_mention(text, bot_id))
        if words:
            said = MessageReceived(event_id, actor, conversation, words, mentioned, addressed)
            self._spawn(self._deliver(said))

    async def on_member_join(self, member: discord.Member) -> None:
        """Someone joined a server (only with the members intent): they joined each channel
        they can see there, whose communities may welcome them."""
        if self._stopping:
            return
        events = members.joined(member)
        if not events:
            return
        self._profiles.put(
            str(member.id), members.profile_of(member, str(member.guild.preferred_locale))
        )
        self._spawn(self._deliver_each(events))

    async def _deliver_each(self, events: Sequence[InboundEvent]) -> None:
        """One after the other: a join in a server of many channels is not a burst."""
        for event in events:
            await self._deliver(event)

    def _seen(self, interaction: discord.Interaction[Any]) -> None:
        """Keep who acted as Discord describes them now, for the core's profile lookup."""
        profile = members.profile_of(interaction.user, members.interaction_locale(interaction))
        if profile is not None:
            self._profiles.put(str(interaction.user.id), profile)

    def actor_of(self, interaction: discord.Interaction[Any]) -> MemberRef:
        """Who acted."""
        return MemberRef(PLATFORM, WORKSPACE, str(interaction.user.id))

    def conversation_of(self, interaction: discord.Interaction[Any]) -> ConversationRef:
        """Where the interaction happened: a DM, a group DM, a thread or a channel."""
        channel = interaction.channel
        channel_type = getattr(getattr(channel, "type", None), "value", None)
        if interaction.guild_id is None and channel_type != _GROUP_DM:
            kind = ConversationKind.DIRECT
        elif channel_type in (_GROUP_DM, PRIVATE_THREAD):
            kind = ConversationKind.GROUP
        else:
            kind = ConversationKind.CHANNEL
        return ConversationRef(PLATFORM, WORKSPACE, str(interaction.channel_id or ""), None, kind)

    def _plain_confirmation(self, label: str, locale: str | None) -> Confirmation:
        """What to ask before a ``gb?`` button's action the core never said how to confirm
        (a button from a newer process, say): a plain question in the reader's language."""
        words = self.phrases
        action = label or words.translate_plain(locale, "adapters-confirm-do-this")
        return Confirmation(
            words.translate_plain(locale, "adapters-confirm-title", action=action),
            words.translate_plain(locale, "adapters-confirm-text"),
            label or words.translate_plain(locale, "adapters-confirm-yes"),
            words.translate_plain(locale, "adapters-confirm-cancel"),
        )

    # -- handling ---------------------------------------------------------------------------

    async def _answer(
        self, interaction: discord.Interaction[Any], event: InboundEvent, *, thinking: bool
    ) -> None:
        """Defer the interaction at once and run the core on `event`; its replies follow
        up, and a press it settles has its message edited first."""
        locale = members.interaction_locale(interaction)
        if self._stopping:
            restarting = self.phrases.translate_plain(locale, "adapters-restarting")
            try:
                await interaction.response.send_message(restarting, ephemeral=True)
            except FAILURES as error:
                delivery_error("interaction reply", error)
            return
        reply = InteractionReply(
            interaction,
            event.conversation.channel_id,
            event.actor.user_id,
            event.conversation.kind is ConversationKind.DIRECT,
            thinking,
        )
        # The core starts now, beside the deferral rather than after its round trip to
        # Discord; the deferral takes the reply's lock before the core can, so it goes first.
        self._spawn(self._work(reply, event, locale))
        await reply.acknowledge()

    async def _work(self, reply: InteractionReply, event: InboundEvent, locale: str | None) -> None:
        try:
            replies = await self._dispatch_event(event)
        except Exception:
            log.exception("discord event handling failed id=%s", event.event_id)
            if reply.sent == 0 and not reply.lost:
                sorry = self.phrases.translate_plain(locale, "adapters-something-went-wrong")
                await reply.send(sorry, None, True)
            return
        if isinstance(event, ActionInvoked) and event.pressed and replies.settled is not None:
            # Before the replies: by the time they are read, the choice cannot be made twice.
            await self._settle(reply, event.pressed, replies.settled)
        await deliver_replies(replies, lambda message: self._reply(reply, message))
        if reply.sent == 0 and reply.thinking and not reply.lost:
            # A command left "thinking…" would spin forever: close it with a word.
            await reply.send("Done.", None, True)

    async def _settle(
        self, reply: InteractionReply, pressed: PressedMessage, line: RichText
    ) -> None:
        """Edit the pressed message: its text, then `line`, and no buttons. Through the
        interaction (the only way for an ephemeral message); a message everyone sees is
        edited through REST when the interaction is lost. Failing, the message stays."""
        message = reply.interaction.message
        content = render.settled(message.content if message else "", line)
        if await reply.settle(content) or pressed.private or not pressed.message_id.isdigit():
            return
        channel = self.client.get_partial_messageable(_snowflake(reply.channel_id))
        try:
            await channel.get_partial_message(int(pressed.message_id)).edit(
                content=content, view=None, allowed_mentions=discord.AllowedMentions.none()
            )
        except FAILURES as error:
            delivery_error("settle pressed message", error)

    def _spawn(self, work: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        return self._tasks.spawn(work)

    async def _dispatch_event(self, event: InboundEvent) -> Replies:
        if self._dispatch is None:
            log.warning("discord event before start(); dropped id=%s", event.event_id)
            return Replies((), _dropped)
        return await self._dispatch(event)

    async def _deliver(self, event: InboundEvent) -> None:
        """An event outside an interaction (a DM, a mention): its replies go through REST."""
        await deliver_replies(await self._dispatch_event(event), self.send)

    async def _reply(self, reply: InteractionReply, message: OutboundMessage) -> MessageRef:
        """Through the interaction when the message is its answer, else through REST."""
        if not reply.fits(message):
            return await self.send(message)

        async def post(text: str, view: discord.ui.View | None, first: bool) -> str:
            return await reply.send(text, view, message.ephemeral_to is not None)

        parts = render.parts(message)
        return MessageRef(message.to, await send_parts("interaction reply", parts, post))

    # -- outbound helpers -------------------------------------------------------------------

    async def _direct(self, user_id: str) -> ConversationRef:
        cached = self._dms.get(user_id)
        if cached is not None:
            channel_id = cached.value
        else:
            try:
                data = await self.client.http.start_private_message(_snowflake(user_id))
            except FAILURES as error:
                raise delivery_error("open DM", error) from None
            channel_id = str(data["id"])
            self._dms.put(user_id, channel_id)
        return ConversationRef(PLATFORM, WORKSPACE, channel_id, None, ConversationKind.DIRECT)

    async def _intro_channel(self, users: Sequence[str]) -> tuple[str, str]:
        """The configured intro channel of a server every user belongs to (a server's system
        channel when none is configured), with its server; with one candidate, no membership
        checks."""
        candidates = list(self.intro_channels.items())
        if self._client is not None:
            for guild in self._client.guilds:
                if str(guild.id) not in self.intro_channels and guild.system_channel:
                    candidates.append((str(guild.id), str(guild.system_channel.id)))
        if not candidates:
            raise RecipientUnreachable(
                "no intro channel: set DISCORD_INTRO_CHANNELS", code="no_intro_channel"
            )
        if len(candidates) == 1:
            return candidates[0]
        for guild_id, channel_id in candidates:
            if await self._all_members(guild_id, users):
                return guild_id, channel_id
        raise RecipientUnreachable("no server has all of them", code="no_shared_server")

    async def _all_members(self, guild_id: str, users: Sequence[str]) -> bool:
        for user in users:
            try:
                await self.client.http.get_member(_snowflake(guild_id), _snowflake(user))
            except discord.NotFound:
                return False
            except FAILURES as error:
                raise delivery_error("get member", error) from None
        return True

    # -- connection -------------------------------------------------------------------------

    async def _login(self) -> None:
        await self.client.login(self._token)
        self._logged_in = True

    async def _run_gateway(self) -> None:
        """Log in (if start-up could not) and stay connected; discord.py reconnects itself,
        so when `connect` ends without a stop, the gateway is gone for good: the process
        must not live on without it."""
        delay = 1.0
        while not self._logged_in:
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)
            try:
                await self._login()
            except discord.LoginFailure:
                self._gateway_gone(LOGIN_REFUSED)
                return
            except FAILURES as error:
                log.warning("discord still not reachable (%s)", type(error).__name__)
        try:
            await self.client.connect(reconnect=True)
        except asyncio.CancelledError:
            raise
        except discord.PrivilegedIntentsRequired:  # 4014, raised without its code
            self._gateway_gone(gateway_refusal(4014, self.privileged()))
        except discord.ConnectionClosed as error:
            self._gateway_gone(gateway_refusal(error.code, self.privileged()))
        except Exception as error:
            self._gateway_gone(f"discord gateway stopped ({type(error).__name__})")
        else:
            self._gateway_gone("discord gateway closed")

    def _gateway_gone(self, reason: str) -> None:
        """Stop the process with `reason`, unless it is stopping already (then the gateway
        was closed on purpose)."""
        self._connection.mark(False)
        if self._stopping or self._failed:
            return
        self._failed = True
        if self._fail is not None:
            self._fail(reason)
        else:
            log.error("%s", reason)

    def supervise(self, fail: Fail) -> None:
        """`fail` stops the process when this instance loses its shards, or Discord closes
        the gateway for good."""
        self._fail = fail

    async def _heartbeat(self) -> None:
        assert self.claims is not None
        await keep_alive(self.claims, len(self.shard_ids), self._shards_lost)

    async def _shards_lost(self, reason: str) -> None:
        """Disconnect at once rather than answer twice, then stop the process: another
        instance may be receiving these shards' events now."""
        log.error("discord %s; disconnecting", reason)
        self._failed = True  # the gateway closing now is on purpose
        if self._client is not None:
            await self._client.close()
        if self._fail is not None:
            self._fail(f"discord {reason}")

    async def _release(self) -> None:
        if self.claims is None:
            return
        try:
            await self.claims.release()
        except Exception as error:
            log.warning("discord shard claims not released (%s)", type(error).__name__)


def pressed_message(
    interaction: discord.Interaction[Any], label: str, conversation: ConversationRef
) -> PressedMessage | None:
    """The message a button was pressed on: its id, the button's label (discord.py found the
    component in the message by its custom id), and whether only the presser sees it — an
    ephemeral message, or one in their DM with the bot."""
    message = interaction.message
    if message is None:
        return None
    private = message.flags.ephemeral or conversation.kind is ConversationKind.DIRECT
    return PressedMessage(str(message.id), label, private)


def gateway_refusal(code: int, privileged: Sequence[tuple[str, str]] = (MESSAGE_CONTENT,)) -> str:
    """One line for a gateway close Discord means for good: the code, what it means, and
    what to do — for 4014, about the privileged intents that were asked for."""
    if code not in FATAL_CLOSES:
        return f"Discord closed the gateway connection for good ({code})"
    meaning, remedy = FATAL_CLOSES[code]
    if code == 4014 and len(privileged) > 1:
        names = " and ".join(name for name, _ in privileged)
        settings = ", ".join(f"{setting}=off" for _, setting in privileged)
        remedy = (
            f"enable the {names} intents in the Developer Portal (Bot, Privileged Gateway "
            f"Intents), or turn off those not enabled there ({settings})"
        )
    elif code == 4014 and privileged:
        [(name, setting)] = privileged
        remedy = (
            f"enable the {name} intent in the Developer Portal (Bot, Privileged Gateway "
            f"Intents), or set {setting}=off"
        )
    return f"Discord refused the gateway connection ({code} {meaning}): {remedy}"


async def _dropped(message: OutboundMessage, error: DeliveryError) -> None:
    """No replies: the event was dropped before the adapter started."""


def _snowflake(value: str) -> int:
    if not value.isdigit():
        raise RecipientUnreachable(f"not a Discord id: {value[:20]!r}", code="bad_id")
    return int(value)


def with_mentions(text: str) -> tuple[str, tuple[MemberRef, ...]]:
    """`text` with each user mention (``<@123>``, ``<@!123>``) as a mention token."""
    spans = [
        (m.start(), m.end(), MemberRef(PLATFORM, WORKSPACE, m.group(1)))
        for m in _MENTION.finditer(text)
    ]
    return with_mention_tokens(text, spans)


def _strip_mention(text: str, bot_id: int | None) -> str:
    if bot_id is not None:
        text = re.sub(rf"<@!?{bot_id}>", " ", text, count=1)
    return " ".join(text.split())


def _kind_of_channel(channel: Any) -> ConversationKind:
    channel_type = getattr(getattr(channel, "type", None), "value", None)
    if channel_type in (_GROUP_DM, PRIVATE_THREAD):
        return ConversationKind.GROUP
    if channel_type == _DM:
        return ConversationKind.DIRECT
    return ConversationKind.CHANNEL


def _mark(key: str) -> str:
    """What a thread opened under `key` ends its name with (short, and stable)."""
    return " · " + hashlib.sha256(key.encode()).hexdigest()[:8]


def _shared_locale(locales: Sequence[str | None]) -> str | None:
    """The first locale, when every one has its language (None: someone's is unknown)."""
    languages = {(locale or "").replace("_", "-").split("-")[0].casefold() for locale in locales}
    if len(languages) != 1 or "" in languages:
        return None
    return locales[0]


def _thread_name(name: str, mark: str = "") -> str:
    """ "Guildbot intro: Ana, Bo · 3f9a1c0d", within Discord's 100 characters (mark kept)."""
    room = 100 - len(mark)
    return (name if len(name) <= room else name[: room - 1] + "…") + mark
