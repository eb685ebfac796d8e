"""The Slack adapter: slack-bolt's `AsyncApp`, in Socket Mode or HTTP mode, for the core.

Inbound, every listener acknowledges Slack at once (Slack waits 3 seconds at most) and hands
a neutral event to the core in a task of its own; the work continues after the ack, and
`stop` lets it finish. Slack redelivers events it thinks were lost: the core's dispatcher
acts once per event id, so this adapter only has to give every payload a stable id.

Outbound, `OutboundMessage`s become Block Kit with a plain-text fallback; private replies are
ephemeral (or, in the bot's own DM, ordinary messages, which survive a reload); sends are
paced per conversation; failures become `DeliveryError`s. Nothing here decides *what* to say.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from guildbot.adapters.common import (
    ConnectionState,
    HandlerTasks,
    TtlCache,
    deliver_replies,
    quiet_library_logs,
)
from guildbot.adapters.slack import blocks as render
from guildbot.adapters.slack.delivery import (
    DeadlineRequest,
    HistorySearch,
    Monotonic,
    Sleep,
    delivery_error,
    late_send_guard,
    outbox_metadata,
    retry_handlers,
)
from guildbot.adapters.slack.gate import MAX_BODY_BYTES, TOO_LARGE, Refusal, Signatures, refusal
from guildbot.adapters.slack.inbound import (
    PLATFORM,
    command_text,
    conversation_kind,
    is_human_message,
    mentions,
    slash_commands,
    strip_mention,
)
from guildbot.adapters.slack.settling import pressed_message, settled
from guildbot.contract.adapter import Capabilities, Connection, Dispatch, Fail, PlatformProfile
from guildbot.contract.commands import CommandCatalogue
from guildbot.contract.errors import ConfigError, DeliveryError, RecipientUnreachable
from guildbot.contract.home import HomeSource
from guildbot.contract.inbound import (
    ActionInvoked,
    CommandInvoked,
    InboundEvent,
    MemberJoined,
    MessageReceived,
    PressedMessage,
)
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.phrases import Phrases
from guildbot.contract.reconciling import Found, SendKey
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef, MessageRef
from guildbot.contract.richtext import RichText

log = logging.getLogger(__name__)


EVENTS_PATH = "/slack/events"
# Socket Mode while Slack cannot be reached: tries 1, 2, 4… seconds apart, at most a minute.
RECONNECT_FIRST_SECONDS = 1.0
RECONNECT_MAX_SECONDS = 60.0
SLACK_API_URL = "https://slack.com/api/"
# Events the app subscribes to, as named in the manifest (message.* are one bolt listener).
BOT_EVENTS = (
    "app_home_opened",
    "app_mention",
    "member_joined_channel",
    "message.channels",
    "message.groups",
    "message.im",
    "message.mpim",
)
# Every Web API method this adapter calls, with the bot scopes it needs (the manifest test
# checks that the manifest asks for exactly these, plus what the events need).
METHOD_SCOPES: dict[str, frozenset[str]] = {
    "auth.test": frozenset(),
    "apps.connections.open": frozenset(),  # app-level token (connections:write), Socket Mode
    "chat.postMessage": frozenset({"chat:write"}),
    "chat.postEphemeral": frozenset({"chat:write"}),
    # Looking up outbox messages whose sender stopped mid-send (see delivery.HistorySearch).
    "conversations.history": frozenset(
        {"channels:history", "groups:history", "im:history", "mpim:history"}
    ),
    "conversations.replies": frozenset(
        {"channels:history", "groups:history", "im:history", "mpim:history"}
    ),
    "conversations.open": frozenset({"im:write", "mpim:write"}),
    "users.info": frozenset({"users:read", "users:read.email"}),
    "views.publish": frozenset(),
}
EVENT_SCOPES: dict[str, frozenset[str]] = {
    "app_home_opened": frozenset(),
    "app_mention": frozenset({"app_mentions:read"}),
    "member_joined_channel": frozenset({"channels:read", "groups:read"}),
    "message.channels": frozenset({"channels:history"}),
    "message.groups": frozenset({"groups:history"}),
    "message.im": frozenset({"im:history"}),
    "message.mpim": frozenset({"mpim:history"}),
}
COMMAND_SCOPES = frozenset({"commands"})

USER_CACHE_SECONDS = 600.0
USER_CACHE_SIZE = 10_000
SHUTDOWN_GRACE_SECONDS = 10.0
MAX_GROUP_MEMBERS = 8  # conversations.open takes up to 8 people besides the bot


@dataclass(frozen=True, slots=True)
class _ReplyHint:
    """Where the event being answered came from: lets a private reply fall back to the
    command's `response_url` when the bot is not in the channel (slash commands work there)."""

    channel_id: str
    user_id: str
    response_url: str | None
    # The pressed message as Slack sent it back with a press (not for ephemeral ones).
    message: Mapping[str, Any] | None = None


class SlackAdapter:
    """Slack as a Guildbot platform (implements `guildbot.contract.adapter.Adapter`)."""

    def __init__(
        self,
        *,
        bot_token: str,
        commands: CommandCatalogue,
        phrases: Phrases,
        signing_secret: str = "",
        app_token: str = "",
        api_url: str = SLACK_API_URL,
        home: HomeSource | None = None,
        user_cache_seconds: float = USER_CACHE_SECONDS,
        sleep: Sleep = asyncio.sleep,
        monotonic: Monotonic = time.monotonic,
        shutdown_grace: float = SHUTDOWN_GRACE_SECONDS,
    ) -> None:
        self.app_token = app_token
        # The slash commands the app answers, from the core's command catalogue.
        self.slash = slash_commands(commands)
        # The adapter's own words (the Home tab when Slack cannot say who is looking).
        self.phrases = phrases
        self.api_url = api_url
        self._home = home
        self._shutdown_grace = shutdown_grace
        # Bolt and slack_sdk log request bodies at INFO/DEBUG.
        quiet_library_logs("guildbot.adapters.slack.bolt", "guildbot.adapters.slack.api")
        bolt_logger = logging.getLogger("guildbot.adapters.slack.bolt")
        api_logger = logging.getLogger("guildbot.adapters.slack.api")
        self.client = AsyncWebClient(
            token=bot_token,
            base_url=api_url,
            logger=api_logger,
            retry_handlers=retry_handlers(sleep),
        )
        # AsyncApp also reads SLACK_BOT_TOKEN from the environment and warns that the client
        # (which carries that very token, the base URL and the retry handlers) wins over it.
        quiet_token_warning = _DropMessage("`token` will be unused")
        bolt_logger.addFilter(quiet_token_warning)
        try:
            self.bolt = AsyncApp(
                name="guildbot",
                client=self.client,
                signing_secret=signing_secret,
                logger=bolt_logger,
            )
        finally:
            bolt_logger.removeFilter(quiet_token_warning)
        # slack_sdk retries a websocket it cannot open every few seconds, each time with a
        # traceback: one line each is what happened.
        if not any(isinstance(f, _WithoutTraceback) for f in bolt_logger.filters):
            bolt_logger.addFilter(_WithoutTraceback("Failed to connect"))
        # Socket Mode has no signing secret (and no HTTP route): then every request is refused.
        self._signatures = Signatures(signing_secret)
        self._dispatch: Dispatch | None = None
        self._socket: AsyncSocketModeHandler | None = None
        self._connector: asyncio.Task[None] | None = None  # retrying Socket Mode in background
        self._fail: Fail | None = None
        self._sleep = sleep
        self._connection = ConnectionState(monotonic=monotonic)
        self._session: aiohttp.ClientSession | None = None
        self._tasks = HandlerTasks(log, PLATFORM)
        self._profiles: TtlCache[PlatformProfile] = TtlCache(
            user_cache_seconds, USER_CACHE_SIZE, monotonic
        )
        self._bot_ims: set[str] = set()  # 1:1 DMs between a member and the bot
        self.bot_user_id: str | None = None
        self.team_id: str | None = None
        self._history = HistorySearch(
            self.client, lambda method, call: self._call(method, call, logged=False)
        )
        self._register()

    # -- the Adapter protocol -------------------------------------------------------------

    @property
    def platform(self) -> str:
        """``slack``."""
        return PLATFORM

    @property
    def capabilities(self) -> Capabilities:
        """Slack allows one message a second per channel."""
        return Capabilities(min_send_interval_seconds=1.0)

    @property
    def socket_mode(self) -> bool:
        """True when events arrive over Socket Mode rather than HTTP."""
        return bool(self.app_token)

    def routes(self) -> list[web.RouteDef]:
        """What to mount on the shared web app: `POST /slack/events` in HTTP mode, else none."""
        if self.socket_mode:
            return []
        return [web.post(EVENTS_PATH, self.handle_http)]

    async def start(self, dispatch: Dispatch) -> None:
        """Check the tokens with Slack, then receive events (and return: this does not block).

        A token Slack refuses is a configuration problem (`ConfigError`); Slack being
        unreachable is not — HTTP mode then waits for Slack's first request, Socket Mode keeps
        trying to connect.
        """
        self._dispatch = dispatch
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=30),
            trace_configs=[late_send_guard()],
            request_class=DeadlineRequest,
        )
        self.client.session = self._session
        try:
            await self._identify()
            if self.socket_mode:
                await self._connect_socket()
        except BaseException:
            await self._close_session()
            raise
        if not self.socket_mode:
            self._connection.mark(True)  # Slack calls us: serving is being connected
        log.info(
            "slack adapter started mode=%s team=%s bot=%s",
            "socket" if self.socket_mode else "http",
            self.team_id or "?",
            self.bot_user_id or "?",
        )

    def supervise(self, fail: Fail) -> None:
        """What to call when the adapter cannot go on (a token refused after start-up)."""
        self._fail = fail

    async def connection(self) -> Connection:
        """HTTP mode: connected from start to stop (Slack calls us; nothing to stay connected
        to). Socket Mode: while slack_sdk's socket is open, which it reopens by itself after
        a drop — looked at when asked (no I/O), so a drop counts from when it is first seen."""
        if self.socket_mode:
            socket = self._socket
            self._connection.mark(socket is not None and await socket.client.is_connected())
        return self._connection.snapshot()

    async def stop(self) -> None:
        """Stop receiving, let handlers in progress finish (a few seconds), release sessions."""
        self._connection.mark(False)
        if self._connector is not None:
            self._connector.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._connector
            self._connector = None
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        await self._tasks.close(self._shutdown_grace)
        await self._close_session()
        log.info("slack adapter stopped")

    async def _close_session(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
            self.client.session = None

    async def drain(self, grace: float | None = None) -> None:
        """Wait until every event handed to the core so far has been handled (or `grace`
        seconds have passed)."""
        await self._tasks.drain(grace)

    async def send(self, message: OutboundMessage) -> MessageRef:
        """Post a message; private ones are ephemeral. Raises `DeliveryError` on failure."""
        return await self._send(message, None)

    # -- the Reconciling protocol: outbox rows carry message metadata -----------------------

    @property
    def resend_is_idempotent_for(self) -> timedelta:
        """Never: Slack posts a resend again; rows are looked up in the history instead."""
        return timedelta(0)

    async def send_keyed(self, message: OutboundMessage, key: SendKey) -> MessageRef:
        """Post a message carrying the outbox row's metadata."""
        return await self._send(message, None, outbox_metadata(key))

    async def find_sent(
        self, conversation: ConversationRef, keys: Sequence[SendKey], since: datetime
    ) -> Found | None:
        """The outbox rows Slack has in the conversation's history since `since`."""
        return await self._history.find(conversation, keys, since)

    async def _send(
        self,
        message: OutboundMessage,
        hint: _ReplyHint | None,
        metadata: dict[str, Any] | None = None,
    ) -> MessageRef:
        to = message.to
        thread = message.thread_id or to.thread_id
        text = render.fallback_text(message)
        private_to = message.ephemeral_to
        blocks = render.message_blocks(message, self._shortened(private_to))
        if private_to is not None and to.channel_id not in self._bot_ims:
            return await self._send_ephemeral(to, private_to.user_id, text, blocks, thread, hint)
        response = await self._post(
            "chat.postMessage",
            channel=to.channel_id,
            text=text,
            blocks=blocks,
            thread_ts=thread,
            metadata=metadata,
        )
        channel = str(response.get("channel") or to.channel_id)
        if channel != to.channel_id:  # posted to a user id: Slack answers with their DM
            self._bot_ims.add(channel)
            to = ConversationRef(
                PLATFORM, to.workspace_id, channel, thread, ConversationKind.DIRECT
            )
        return MessageRef(to, str(response.get("ts") or ""))

    async def open_conversation(
        self, members: Sequence[MemberRef], key: str | None = None
    ) -> ConversationRef:
        """A DM with one member, or a group DM with several (the bot is always in it)."""
        users = list(dict.fromkeys(m.user_id for m in members if m.user_id != self.bot_user_id))
        if not users:
            raise RecipientUnreachable("nobody to open a conversation with", code="no_users")
        if len(users) > MAX_GROUP_MEMBERS:
            raise RecipientUnreachable(
                f"a Slack group DM holds at most {MAX_GROUP_MEMBERS} people", code="too_many_users"
            )
        response = await self._call(
            "conversations.open", self.client.conversations_open(users=users)
        )
        channel = response.get("channel") or {}
        channel_id = str(channel.get("id") or "")
        if not channel_id:
            raise DeliveryError(
                "conversations.open gave no channel", retryable=False, code="no_channel"
            )
        kind = ConversationKind.DIRECT if len(users) == 1 else ConversationKind.GROUP
        if kind is ConversationKind.DIRECT:
            self._bot_ims.add(channel_id)
        workspace = members[0].workspace_id if members else (self.team_id or "")
        return ConversationRef(PLATFORM, workspace, channel_id, None, kind)

    async def lookup_user(self, member: MemberRef) -> PlatformProfile | None:
        """Name, time zone, language (``include_locale``) and (with users:read.email) e-mail
        from users.info, cached a while.

        None when Slack cannot tell us (unknown or deactivated user, a bot, Slack down): the
        core then stores nothing and says so.
        """
        cached = self._profiles.get(member.user_id)
        if cached is not None:
            return cached.value
        try:
            response = await self._call(
                "users.info", self.client.users_info(user=member.user_id, include_locale=True)
            )
        except DeliveryError:
            return None
        profile = profile_of(response.get("user"))
        if profile is not None:
            self._profiles.put(member.user_id, profile)
        return profile

    # -- HTTP mode ------------------------------------------------------------------------

    async def handle_http(self, request: web.Request) -> web.Response:
        """`POST /slack/events`: the gate checks the signature on the raw bytes and bounds the
        body (`gate`); then bolt parses and dispatches."""
        if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
            return _refused(TOO_LARGE)
        try:
            raw = await request.read()  # aiohttp stops at the app's client_max_size (1 MiB)
        except web.HTTPRequestEntityTooLarge:
            return _refused(TOO_LARGE)
        except (aiohttp.ClientError, ConnectionError, ValueError):
            return _refused(Refusal(400, "malformed body: could not be read"))
        refused = refusal(raw, request.headers, self._signatures)
        if refused is not None:
            return _refused(refused)
        bolt_request = AsyncBoltRequest(
            body=raw.decode("utf-8"),
            query=request.query_string,
            headers=request.headers,  # type: ignore[arg-type]
        )
        bolt_response = await self.bolt.async_dispatch(bolt_request)
        return await to_aiohttp_response(bolt_response)

    # -- inbound --------------------------------------------------------------------------

    def _register(self) -> None:
        for command in self.slash:
            self.bolt.command(command)(self._on_command)
        self.bolt.event("app_mention")(self._on_mention)
        self.bolt.event("message")(self._on_message)
        self.bolt.event("app_home_opened")(self._on_home_opened)
        self.bolt.event("member_joined_channel")(self._on_member_joined)
        self.bolt.block_action(re.compile(".+"))(self._on_action)

    async def _on_command(
        self, ack: Callable[[], Awaitable[None]], body: dict[str, Any], context: Mapping[str, Any]
    ) -> None:
        await ack()
        user_id = str(body.get("user_id") or "")
        channel_id = str(body.get("channel_id") or "")
        conversation = ConversationRef(
            PLATFORM,
            _workspace(context, body),
            channel_id,
            None,
            conversation_kind(channel_id, body.get("channel_name")),
        )
        line, mentioned = command_text(
            str(body.get("command") or ""),
            str(body.get("text") or ""),
            conversation.workspace_id,
            self.slash,
        )
        event = CommandInvoked(
            _event_id("command", body.get("trigger_id")),
            MemberRef(PLATFORM, conversation.workspace_id, user_id),
            conversation,
            line,
            mentioned,
        )
        self._spawn(event, _ReplyHint(channel_id, user_id, body.get("response_url")))

    async def _on_mention(
        self, body: dict[str, Any], event: dict[str, Any], context: Mapping[str, Any]
    ) -> None:
        channel_id = str(event.get("channel") or "")
        bot = context.get("bot_user_id")
        # In the bot's own DM every message is a command already (see _on_message).
        if channel_id.startswith("D") or not is_human_message(event, bot):
            return
        conversation = ConversationRef(
            PLATFORM,
            _workspace(context, body),
            channel_id,
            event.get("thread_ts"),
            conversation_kind(channel_id, event.get("channel_type")),
        )
        line, mentioned = strip_mention(
            str(event.get("text") or ""), bot, conversation.workspace_id
        )
        self._spawn(
            MessageReceived(
                _event_id("event", body.get("event_id")),
                MemberRef(PLATFORM, conversation.workspace_id, str(event["user"])),
                conversation,
                line,
                mentioned,
                addressed=True,
            )
        )

    async def _on_message(
        self, body: dict[str, Any], event: dict[str, Any], context: Mapping[str, Any]
    ) -> None:
        bot = context.get("bot_user_id")
        if not is_human_message(event, bot):
            return  # the bot's own posts, other bots, edits, deletions, joins…
        channel_id = str(event.get("channel") or "")
        channel_type = event.get("channel_type")
        text = str(event.get("text") or "")
        workspace = _workspace(context, body)
        actor = MemberRef(PLATFORM, workspace, str(event["user"]))
        event_id = _event_id("event", body.get("event_id"))
        kind = conversation_kind(channel_id, channel_type)
        conversation = ConversationRef(
            PLATFORM, workspace, channel_id, event.get("thread_ts"), kind
        )
        if channel_type == "im":
            self._bot_ims.add(channel_id)  # a DM to the bot: the core reads it as a command
            words, mentioned = strip_mention(text, bot, workspace)
        elif mentions(text, bot):
            return  # the app_mention event for the same message carries it
        else:
            words, mentioned = strip_mention(text, None, workspace)
        self._spawn(MessageReceived(event_id, actor, conversation, words, mentioned))

    async def _on_member_joined(
        self, body: dict[str, Any], event: dict[str, Any], context: Mapping[str, Any]
    ) -> None:
        user = str(event.get("user") or "")
        if not user or user == context.get("bot_user_id"):
            return
        channel_id = str(event.get("channel") or "")
        workspace = _workspace(context, body)
        self._spawn(
            MemberJoined(
                _event_id("event", body.get("event_id")),
                MemberRef(PLATFORM, workspace, user),
                ConversationRef(
                    PLATFORM,
                    workspace,
                    channel_id,
                    None,
                    conversation_kind(channel_id, event.get("channel_type")),
                ),
            )
        )

    async def _on_action(
        self, ack: Callable[[], Awaitable[None]], body: dict[str, Any], context: Mapping[str, Any]
    ) -> None:
        await ack()
        actions = body.get("actions") or []
        if not actions:
            return
        action = actions[0]
        user_id = str((body.get("user") or {}).get("id") or "")
        workspace = _workspace(context, body)
        actor = MemberRef(PLATFORM, workspace, user_id)
        container = body.get("container") or {}
        channel = body.get("channel") or {}
        channel_id = str(channel.get("id") or container.get("channel_id") or "")
        event_id = _event_id("action", body.get("trigger_id") or action.get("action_ts"))
        action_id = render.action_id_of(str(action.get("action_id") or ""))
        value = str(action.get("value") or "")
        response_url = body.get("response_url")
        message = body.get("message")
        pressed = pressed_message(body, action)
        hint = _ReplyHint(
            channel_id, user_id, response_url, message if isinstance(message, dict) else None
        )

        async def invoke() -> None:
            conversation: ConversationRef
            if channel_id:
                conversation = ConversationRef(
                    PLATFORM,
                    workspace,
                    channel_id,
                    container.get("thread_ts"),
                    conversation_kind(channel_id, channel.get("name")),
                )
            else:  # a button on the App Home tab: answer in the member's DM with the bot
                conversation = await self.open_conversation([actor])
            await self._answer(
                ActionInvoked(event_id, actor, conversation, action_id, value, pressed), hint
            )

        self._tasks.spawn(invoke())

    async def _on_home_opened(self, event: dict[str, Any], context: Mapping[str, Any]) -> None:
        if event.get("tab") != "home" or self._home is None:
            return
        user_id = str(event.get("user") or "")
        ref = MemberRef(PLATFORM, _workspace(context, {}), user_id)
        self._tasks.spawn(self._publish_home(ref))

    async def _publish_home(self, ref: MemberRef) -> None:
        assert self._home is not None
        view = await self._home(ref, self.lookup_user)
        payload = (
            render.home_view(view, self._shortened(ref))
            if view is not None
            # Slack could not say who this is, so not their language either: the default.
            else render.home_unavailable(
                self.phrases.translate_plain(None, "adapters-slack-home-unavailable")
            )
        )
        await self._call(
            "views.publish", self.client.views_publish(user_id=ref.user_id, view=payload)
        )

    def _shortened(self, reader: MemberRef | None) -> str:
        """What replaces text too long for one message, in the reader's Slack language when
        their profile is at hand (a private message, the Home tab); else the default."""
        known = self._profiles.get(reader.user_id) if reader is not None else None
        locale = known.value.locale if known is not None else None
        return self.phrases.translate_plain(locale, "adapters-slack-shortened")

    # -- running handlers after the ack ---------------------------------------------------

    def _spawn(self, event: InboundEvent, hint: _ReplyHint | None = None) -> None:
        self._tasks.spawn(self._answer(event, hint))

    async def _answer(self, event: InboundEvent, hint: _ReplyHint | None) -> None:
        """Hand `event` to the core and deliver its replies; `hint` is the request's own
        channel, member and response_url, for private replies the bot cannot post."""
        if self._dispatch is None:
            log.warning("slack event before start(); dropped id=%s", event.event_id)
            return
        replies = await self._dispatch(event)
        if isinstance(event, ActionInvoked) and event.pressed and replies.settled is not None:
            await self._settle(event, event.pressed, replies.settled, hint)
        await deliver_replies(replies, lambda message: self._send(message, hint))

    async def _settle(
        self,
        event: ActionInvoked,
        pressed: PressedMessage,
        line: RichText,
        hint: _ReplyHint | None,
    ) -> None:
        """Take the buttons off the message `event` was pressed on and say what was chosen
        (before the replies, so a second press finds no button). An ephemeral message can
        only be replaced through the press's response_url; one the conversation sees is
        updated with chat.update. A failure here leaves the buttons, which still answer."""
        shown = settled(hint.message if hint else None, line)
        try:
            if not pressed.private:
                await self._call(
                    "chat.update",
                    self.client.chat_update(
                        channel=event.conversation.channel_id,
                        ts=pressed.message_id,
                        text=shown.text,
                        blocks=shown.blocks,
                    ),
                )
            elif hint is not None and hint.response_url:
                await self._respond(hint.response_url, shown.text, shown.blocks, replace=True)
        except DeliveryError as error:
            log.warning("slack pressed message left as it was error=%s", error.code)

    # -- outbound helpers -----------------------------------------------------------------

    async def _send_ephemeral(
        self,
        to: ConversationRef,
        user_id: str,
        text: str,
        blocks: list[render.Block],
        thread: str | None,
        hint: _ReplyHint | None,
    ) -> MessageRef:
        try:
            response = await self._post(
                "chat.postEphemeral",
                channel=to.channel_id,
                user=user_id,
                text=text,
                blocks=blocks,
                thread_ts=thread,
            )
        except RecipientUnreachable:
            if (
                hint is None
                or not hint.response_url
                or hint.channel_id != to.channel_id
                or hint.user_id != user_id
            ):
                raise
            # A slash command (or button) in a channel the bot is not in: its response_url
            # still reaches the member, privately.
            await self._respond(hint.response_url, text, blocks)
            return MessageRef(to, "")
        return MessageRef(to, str(response.get("message_ts") or ""))

    async def _post(self, method: str, **fields: Any) -> Mapping[str, Any]:
        """chat.postMessage / chat.postEphemeral; if Slack rejects the blocks, text only."""
        arguments = {k: v for k, v in fields.items() if v is not None}
        try:
            return await self._call(method, self.client.api_call(method, json=arguments))
        except DeliveryError as error:
            if (
                error.code not in ("invalid_blocks", "invalid_blocks_format")
                or "blocks" not in arguments
            ):
                raise
        log.warning("slack refused our blocks method=%s; sending the text alone", method)
        arguments.pop("blocks")
        return await self._call(method, self.client.api_call(method, json=arguments))

    async def _respond(
        self, url: str, text: str, blocks: list[render.Block], replace: bool = False
    ) -> None:
        """Answer through a response_url: privately, or (`replace`) in place of the message
        the press was on."""
        webhook = AsyncWebhookClient(url, session=self._session, timeout=30)
        try:
            response = await webhook.send(
                text=text,
                blocks=blocks,
                response_type=None if replace else "ephemeral",
                replace_original=replace,
            )
        except (TimeoutError, aiohttp.ClientError, SlackClientError, OSError) as error:
            raise delivery_error("response_url", error) from None
        if response.status_code != 200:
            log.warning(
                "slack call failed method=response_url error=http_%s status=%s",
                response.status_code,
                response.status_code,
            )
            raise DeliveryError(
                "Slack refused the response",
                retryable=response.status_code >= 500,
                code=f"http_{response.status_code}",
            )

    async def _call(
        self, method: str, call: Awaitable[Any], logged: bool = True
    ) -> Mapping[str, Any]:
        """Await a Web API call; failures become `DeliveryError` (logged unless `logged` is
        False, token-free)."""
        try:
            response = await call
        except (
            TimeoutError,
            SlackApiError,
            SlackClientError,
            aiohttp.ClientError,
            OSError,
        ) as error:
            raise delivery_error(method, error, logged) from None
        data = response.data
        return data if isinstance(data, dict) else {}

    async def _identify(self) -> None:
        """auth.test: who the bot is. A refused token stops start-up with one clear line."""
        try:
            identity = await self._call("auth.test", self.client.auth_test())
        except DeliveryError as error:
            if error.retryable:
                log.warning("slack not reachable at start-up (%s); carrying on", error.code)
                return
            raise ConfigError(
                "SLACK_BOT_TOKEN", f"Slack refused the bot token ({error.code})"
            ) from None
        self.bot_user_id = str(identity.get("user_id") or "") or None
        self.team_id = str(identity.get("team_id") or "") or None

    async def _connect_socket(self) -> None:
        """Open Socket Mode. An app-level token Slack refuses is a configuration problem;
        Slack unreachable is not: the adapter keeps trying in the background, with a growing
        pause and one log line a try, and start-up goes on (a stop signal ends the tries)."""
        handler = AsyncSocketModeHandler(
            self.bolt, app_token=self.app_token, web_client=self.client
        )
        self._socket = handler
        try:
            url = await self._connection_url()
        except DeliveryError as error:
            if not error.retryable:
                self._socket = None
                await handler.close_async()  # type: ignore[no-untyped-call]
                raise ConfigError(
                    "SLACK_APP_TOKEN", f"Slack refused the app-level token ({error.code})"
                ) from None
            self._connector = asyncio.create_task(self._keep_connecting(handler, error.code))
            return
        handler.client.wss_uri = url  # connect with the address just issued
        await handler.connect_async()  # type: ignore[no-untyped-call]

    async def _connection_url(self) -> str | None:
        """A Socket Mode address from `apps.connections.open` (raises `DeliveryError`)."""
        opened = await self._call(
            "apps.connections.open",
            self.client.apps_connections_open(app_token=self.app_token),
            logged=False,
        )
        url = opened.get("url")
        return str(url) if url else None

    async def _keep_connecting(self, handler: AsyncSocketModeHandler, code: str) -> None:
        """Try `apps.connections.open` again after 1, 2, 4… seconds (at most a minute apart)
        until Slack answers, then connect. A token refused meanwhile stops the process."""
        delay = RECONNECT_FIRST_SECONDS
        tries = 1
        while True:
            log.warning("slack not reachable (%s); retrying in %.0fs", code, delay)
            await self._sleep(delay)
            delay = min(delay * 2, RECONNECT_MAX_SECONDS)
            tries += 1
            try:
                url = await self._connection_url()
            except DeliveryError as error:
                if error.retryable:
                    code = error.code
                    continue
                reason = f"Slack refused the app-level token ({error.code})"
                if self._fail is not None:
                    self._fail(reason)
                else:
                    log.error("slack socket mode gave up: %s", reason)
                return
            handler.client.wss_uri = url
            await handler.connect_async()  # type: ignore[no-untyped-call]
            log.info("slack socket mode connected after %d tries", tries)
            return


class _WithoutTraceback(logging.Filter):
    """Log records holding `fragment` as their one line, without the traceback."""

    def __init__(self, fragment: str) -> None:
        super().__init__()
        self.fragment = fragment

    def filter(self, record: logging.LogRecord) -> bool:
        if self.fragment in record.getMessage():
            record.exc_info = None
            record.exc_text = None
        return True


class _DropMessage(logging.Filter):
    def __init__(self, fragment: str) -> None:
        super().__init__()
        self.fragment = fragment

    def filter(self, record: logging.LogRecord) -> bool:
        return self.fragment not in record.getMessage()


def profile_of(user: Any) -> PlatformProfile | None:
    """A users.info `user` as the core's profile; None for bots and deactivated accounts."""
    if not isinstance(user, dict) or user.get("deleted") or user.get("is_bot"):
        return None
    raw_profile = user.get("profile")
    profile: dict[str, Any] = raw_profile if isinstance(raw_profile, dict) else {}
    name = next(
        (
            str(value).strip()
            for value in (
                profile.get("real_name"),
                user.get("real_name"),
                profile.get("display_name"),
                user.get("name"),
            )
            if value and str(value).strip()
        ),
        None,
    )
    if name is None:
        return None
    timezone = user.get("tz")
    email = profile.get("email")
    locale = user.get("locale")  # "fr-CA": the language the member set in Slack
    return PlatformProfile(
        display_name=name,
        timezone=str(timezone) if timezone else None,
        email=str(email) if email else None,
        locale=str(locale) if locale else None,
    )


def _workspace(context: Mapping[str, Any], body: Mapping[str, Any]) -> str:
    team = context.get("team_id") or context.get("enterprise_id") or body.get("team_id")
    return str(team or "")


def _event_id(kind: str, value: Any) -> str:
    # Every payload we act on has a stable id (event_id, trigger_id); the random fallback only
    # guards against a malformed payload, which then simply is not de-duplicated.
    return f"{kind}:{value or uuid.uuid4().hex}"


def _refused(refused: Refusal) -> web.Response:
    """The answer to a request the gate stopped; a signed but unreadable one is logged."""
    if refused.status == 400:
        log.warning("slack: refused a request to /slack/events (%s)", refused.reason)
    else:
        log.info("slack: refused a request to /slack/events (%s)", refused.reason)
    return web.json_response({"error": refused.reason}, status=refused.status)
