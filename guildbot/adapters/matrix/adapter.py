"""The Matrix adapter: a mautrix-python client with end-to-end encryption, for the core.

One homeserver account, one device, one sync loop at a time: the instance that holds the
account's lease (the contract's `ShardLeases`, shard 0 of 1, kept in the database like
Discord's shards) logs in, syncs and sends; another instance stands by (`standing_by`:
its scheduler claims no Matrix messages) and takes over when the lease runs out. The
device's keys, the room state and the sync position live in the same database as
everything else (`store.py`), so a restart — here or on the standby — is the same device,
and reads what was sent while it was away.

Inbound: in a direct room every line is a command; in other rooms, `!guild …` lines and
messages that mention the bot are, and the rest is chatter for question detection. Buttons
are numbered choices (`render.py`): a reply with the number, or a keycap reaction, presses
one, for the person it was sent to only. Outbound: `m.notice` events with HTML and a plain
body, in the event's thread where there was one. Private replies go to the member's direct
room (Matrix has no ephemeral messages). Groups are new private (encrypted) rooms, one per
key, found again through a room alias derived from the key.

This module is the adapter's life and its conversation with the core; its parts live beside
it: `device` (logging in, cross-signing), `rooms` (direct and group rooms), `pressing` (which
choices a number or keycap presses, and settling them), `inbound` (what a message says),
`render` (what the bot's messages look like) and `store` (the device's store).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import Any

from aiohttp import ClientError
from mautrix.client import Client, InternalEventType, MembershipEventDispatcher, SyncStream
from mautrix.client.encryption_manager import DecryptionDispatcher
from mautrix.crypto import OlmMachine
from mautrix.errors import (
    DecryptionError,
    MatrixConnectionError,
    MatrixError,
    MatrixRequestError,
    MForbidden,
    MNotFound,
    SessionNotFound,
)
from mautrix.types import (
    EncryptedEvent,
    EventType,
    Filter,
    MemberStateEventContent,
    MessageEvent,
    ReactionEvent,
    RoomEventFilter,
    RoomFilter,
    RoomID,
    StateEvent,
    UserID,
)
from mautrix.util.async_db import Database as MautrixDatabase

from guildbot.adapters.common import (
    ConnectionState,
    HandlerTasks,
    deliver_replies,
    keep_alive,
    quiet_library_logs,
)
from guildbot.adapters.matrix import store
from guildbot.adapters.matrix.api import HomeserverAPI, RateLimited
from guildbot.adapters.matrix.choices import Choice, ChoiceSet, choices_in
from guildbot.adapters.matrix.device import Login, cross_sign, log_in
from guildbot.adapters.matrix.inbound import Said, said
from guildbot.adapters.matrix.pressing import ChoiceBook
from guildbot.adapters.matrix.render import (
    CHOICES_KEY,
    PLATFORM,
    message_content,
    number_of_keycap,
)
from guildbot.adapters.matrix.rooms import WORKSPACE, Rooms, member_ref, raw
from guildbot.contract.adapter import (
    Capabilities,
    Connection,
    Dispatch,
    Fail,
    PlatformProfile,
)
from guildbot.contract.errors import ConfigError, DeliveryError, RecipientUnreachable
from guildbot.contract.inbound import (
    ActionInvoked,
    CommandInvoked,
    InboundEvent,
    MessageReceived,
    PressedMessage,
)
from guildbot.contract.outbound import Button, OutboundMessage
from guildbot.contract.phrases import KnownLocales, Phrases
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef, MessageRef
from guildbot.contract.richtext import Mention, RichText
from guildbot.contract.stores import ShardConflict, ShardLeases

log = logging.getLogger(__name__)

# Synapse's default rc_message allows a burst of 10, then 0.2 a second; pace one room to a
# message a second and let the homeserver's M_LIMIT_EXCEEDED hints do the rest.
SEND_INTERVAL_SECONDS = 1.0
# How long a message in an encrypted room waits for its room key (sent alongside it as a
# to-device event) before it counts as undecryptable.
ROOM_KEY_WAIT_SECONDS = 10.0
CANCEL_ACTION = "gb.matrix.cancel"
SHUTDOWN_GRACE_SECONDS = 10.0
SYNC_TIMELINE_LIMIT = 1000
UNPROTECTED_PICKLE_KEY = "guildbot matrix device"
MAX_DIGITS = 3  # "1".."25": longer numbers are text, not a choice


class MatrixAdapter:
    """One Matrix account on one homeserver."""

    def __init__(
        self,
        *,
        homeserver: str,
        user_id: str,
        database_url: str,
        phrases: Phrases,
        claims: ShardLeases,
        access_token: str = "",
        password: str = "",
        device_id: str = "",
        pickle_key: str = "",
        encryption: bool = True,
        allowed_servers: Sequence[str] = (),
        locales: KnownLocales | None = None,
    ) -> None:
        if not access_token and not password:
            raise ConfigError("MATRIX_ACCESS_TOKEN", "set it, or MATRIX_PASSWORD to log in")
        self.homeserver = homeserver.rstrip("/")
        self._login = Login(self.homeserver, user_id, access_token, password, device_id)
        self.user_id = user_id
        self.server_name = user_id.partition(":")[2]
        self.database_url = database_url
        self.phrases = phrases
        self.locales = locales  # each member's chosen language, for the adapter's own notes
        self.claims = claims
        # No secret given: the device's keys are pickled under a fixed word (and a warning).
        self.pickle_key = pickle_key or UNPROTECTED_PICKLE_KEY
        self.encryption = encryption
        # Whose invitations are accepted besides the bot's own homeserver's ("*": anyone's).
        self.allowed_servers = tuple(allowed_servers)
        self._dispatch: Dispatch | None = None
        self._fail: Fail | None = None
        self._client: Client | None = None
        self._state: store.RoomStateStore | None = None
        self._databases: list[MautrixDatabase] = []
        self._leading = asyncio.Event()
        self._stopping = False
        self._background: list[asyncio.Task[None]] = []
        self._handlers = HandlerTasks(log, PLATFORM)
        self._connection = ConnectionState()
        self._choices = ChoiceBook(user_id)
        self._rooms = Rooms(
            user_id=user_id, encryption=encryption, phrases=phrases, profile=self.lookup_user
        )
        self._told_to_verify: set[str] = set()
        # Events answered so far (or given up on): for `/metrics`-like counts and for tests,
        # which wait for an answer rather than for a quiet moment.
        self.answered = 0
        self._names: tuple[str, ...] = (user_id, user_id.partition(":")[0].lstrip("@"))

    # -- what the core and the runner see -------------------------------------------------

    @property
    def platform(self) -> str:
        """The platform name used in member refs."""
        return PLATFORM

    @property
    def capabilities(self) -> Capabilities:
        """One message a second per room (see SEND_INTERVAL_SECONDS)."""
        return Capabilities(min_send_interval_seconds=SEND_INTERVAL_SECONDS)

    @property
    def standing_by(self) -> bool:
        """Another instance holds the account: this one sends nothing until it takes over."""
        return not self._leading.is_set()

    def supervise(self, fail: Fail) -> None:
        """Remember how to stop the process when the account can no longer be used."""
        self._fail = fail

    @property
    def device_id_in_use(self) -> str | None:
        """The device this instance syncs as (None while standing by)."""
        return str(self._client.device_id) if self._client is not None else None

    async def connection(self) -> Connection:
        """Whether this instance syncs with the homeserver now (a standby is healthy too:
        it reports connected while it waits to take over)."""
        return self._connection.snapshot()

    async def start(self, dispatch: Dispatch) -> None:
        """Open the device's store, then lead or stand by in the background: this returns
        at once on a standby, and once syncing on the instance that holds the account."""
        self._dispatch = dispatch
        quiet_library_logs("mau", "mautrix")
        self._databases = await store.open_databases(self.database_url)
        if self.encryption and self.pickle_key == UNPROTECTED_PICKLE_KEY:
            log.warning(
                "matrix device keys are stored without a secret: set MATRIX_PICKLE_KEY "
                "(or GUILDBOT_SECRET_KEY) to a random string of 32 characters or more"
            )
        self._connection.mark(True)
        took_over = asyncio.Event()
        leading = asyncio.create_task(self._lead(took_over))
        self._background.append(leading)
        settled = asyncio.create_task(took_over.wait())
        done, _ = await asyncio.wait(
            [settled, leading],
            timeout=self.claims.lease.total_seconds() / 2,
            return_when=asyncio.FIRST_COMPLETED,
        )
        settled.cancel()
        if leading in done:
            leading.result()  # a refused token or password: stop start-up
        log.info(
            "matrix adapter started user=%s %s",
            self.user_id,
            "syncing" if self._leading.is_set() else "standing by",
        )

    async def stop(self) -> None:
        """Stop syncing, finish the handlers, release the account for the standby."""
        self._stopping = True
        await self._stop_syncing()
        await self._handlers.close(SHUTDOWN_GRACE_SECONDS)
        for task in self._background:
            task.cancel()
        for task in self._background:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._leading.is_set():
            self._leading.clear()
            with contextlib.suppress(Exception):
                await self.claims.release()
        for database in self._databases:
            await database.stop()
        self._databases = []

    # -- leading and standing by ----------------------------------------------------------

    async def _lead(self, took_over: asyncio.Event) -> None:
        """Claim the account, sync while it is ours; stand by while another instance has it."""
        first = True
        while not self._stopping:
            try:
                await self.claims.claim([0], 1)
            except ShardConflict:
                if first:
                    log.info(
                        "matrix account %s is synced by another instance; standing by", self.user_id
                    )
                    took_over.set()
                first = False
                await asyncio.sleep(self.claims.heartbeat_seconds)
                continue
            except Exception as error:
                log.warning("matrix lease not claimed (%s); retrying", type(error).__name__)
                await asyncio.sleep(self.claims.heartbeat_seconds)
                continue
            try:
                await self._start_syncing()
            except BaseException as error:
                with contextlib.suppress(Exception):
                    await self.claims.release()
                if isinstance(error, ConfigError) and self._fail is not None and took_over.is_set():
                    # Refused after start-up (a standby taking over with a revoked token):
                    # this instance cannot serve Matrix; its supervisor is told.
                    self._fail(f"matrix: {error}")
                raise
            self._leading.set()
            took_over.set()
            first = False
            lost = asyncio.Event()

            async def on_lost(reason: str, lost: asyncio.Event = lost) -> None:
                log.error("matrix %s; no longer syncing", reason)
                lost.set()

            await keep_alive(self.claims, 1, on_lost)
            self._leading.clear()
            await self._stop_syncing()

    async def _start_syncing(self) -> None:
        crypto_db, state_db = self._databases
        state = self._state = store.state_store(state_db)
        crypto_store = store.crypto_store(crypto_db, self.user_id, self.pickle_key)
        api = HomeserverAPI(self.homeserver, self._login.access_token)
        stored_device = await crypto_store.get_device_id() or ""
        client = Client(
            UserID(self.user_id),
            api=api,
            state_store=state,
            sync_store=crypto_store,
        )
        await log_in(client, self._login, stored_device)
        if self.encryption:
            machine = OlmMachine(client, crypto_store, state)
            await machine.load()
            if stored_device and stored_device != client.device_id:
                raise ConfigError(
                    "MATRIX_DEVICE_ID",
                    f"the stored keys are device {stored_device}'s, but this login is device "
                    f"{client.device_id}; log in as {stored_device} (or empty the crypto tables "
                    "to start a new device)",
                )
            await crypto_store.put_device_id(client.device_id)
            client.crypto = machine
            # Our own decryption step: it waits for late room keys and tells the member once
            # when a message cannot be read.
            client.remove_dispatcher(DecryptionDispatcher)
            client.add_event_handler(EventType.ROOM_ENCRYPTED, self._on_encrypted)
            if machine.account is not None and not machine.account.shared:
                await machine.share_keys()
            await cross_sign(machine, self.pickle_key)
        client.ignore_initial_sync = not await crypto_store.get_next_batch()
        client.add_event_handler(EventType.ROOM_MESSAGE, self._on_message)
        client.add_event_handler(EventType.REACTION, self._on_reaction)
        client.add_dispatcher(MembershipEventDispatcher)  # membership changes, as INVITE…
        client.add_event_handler(InternalEventType.INVITE, self._on_invite)
        client.add_event_handler(InternalEventType.SYNC_SUCCESSFUL, self._on_synced)
        client.add_event_handler(InternalEventType.SYNC_ERRORED, self._on_sync_error)
        self._client = client
        # Synapse sends 10 events a room per sync by default, and skips the rest: after a
        # restart, or a burst, every message still has to be read.
        client.start(Filter(room=RoomFilter(timeline=RoomEventFilter(limit=SYNC_TIMELINE_LIMIT))))
        # The device's public signing key: what members compare to verify it by hand.
        fingerprint = (
            client.crypto.account.signing_key if client.crypto and client.crypto.account else "-"
        )
        log.info(
            "matrix syncing user=%s device=%s fingerprint=%s",
            self.user_id,
            client.device_id,
            fingerprint,
        )

    async def _stop_syncing(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        client.stop()
        with contextlib.suppress(Exception):
            await client.api.session.close()

    async def _on_synced(self, event: Any) -> None:
        self._connection.mark(True)
        data = event.get("data") if isinstance(event, Mapping) else None
        if isinstance(data, Mapping) and data.get("net.maunium.mautrix", {}).get("is_initial"):
            await self._accept_waiting_invites(data)

    async def _on_sync_error(self, event: Any) -> None:
        self._connection.mark(False)
        error = event.get("error") if isinstance(event, Mapping) else None
        log.warning("matrix sync failed (%s); retrying", type(error).__name__)

    # -- inbound ----------------------------------------------------------------------------

    def accepts_invites_from(self, server: str) -> bool:
        """Whether a user of `server` may invite the bot: its own homeserver's users, and
        those of the allowed servers (``*``: anyone's)."""
        return server == self.server_name or bool({"*", server} & set(self.allowed_servers))

    async def _on_invite(self, event: StateEvent) -> None:
        if event.state_key != self.user_id:
            return  # someone else invited to a room the bot is in
        direct = isinstance(event.content, MemberStateEventContent) and event.content.is_direct
        await self._accept_invite(str(event.room_id), str(event.sender), direct)

    async def _accept_invite(self, room_id: str, inviter: str, direct: bool) -> None:
        """Join a room the bot was invited to, if the inviter's homeserver is allowed; a
        direct chat is where the bot writes to them, noted in its m.direct as clients do."""
        client = self._client
        if client is None:
            return
        if not self.accepts_invites_from(inviter.partition(":")[2]):
            log.info("matrix invite from another homeserver declined room=%s", room_id)
            with contextlib.suppress(MatrixError):
                await client.leave_room(RoomID(room_id))
            return
        try:
            await client.join_room(RoomID(room_id))
            if direct:
                self._rooms.note_direct_member(room_id, inviter)
                await self._rooms.note_direct(client, UserID(inviter), room_id)
        except MatrixError as error:
            log.warning("matrix invite not accepted room=%s (%s)", room_id, type(error).__name__)

    async def _accept_waiting_invites(self, data: Mapping[str, Any]) -> None:
        """The first sync of a new device is not handled (its timeline is the past), but the
        invitations in it still wait for an answer: sent before the bot first synced (just
        after start-up, say), they would never come again."""
        invited = data.get("rooms", {}).get("invite", {})
        for room_id, room in invited.items() if isinstance(invited, dict) else ():
            events = (
                room.get("invite_state", {}).get("events", []) if isinstance(room, dict) else []
            )
            for state in events if isinstance(events, list) else ():
                if (
                    isinstance(state, dict)
                    and state.get("type") == "m.room.member"
                    and state.get("state_key") == self.user_id
                    and isinstance(state.get("sender"), str)
                ):
                    content = state.get("content")
                    direct = isinstance(content, dict) and content.get("is_direct") is True
                    await self._accept_invite(str(room_id), state["sender"], direct)

    async def _on_encrypted(self, event: EncryptedEvent) -> None:
        client = self._client
        if client is None or client.crypto is None or event.sender == self.user_id:
            return
        try:
            decrypted = await client.crypto.decrypt_megolm_event(event)
        except SessionNotFound:
            session = event.content.session_id
            if await client.crypto.wait_for_session(
                event.room_id, session, timeout=ROOM_KEY_WAIT_SECONDS
            ):
                with contextlib.suppress(DecryptionError):
                    client.dispatch_event(
                        await client.crypto.decrypt_megolm_event(event), _source(event)
                    )
                    return
            await self._undecryptable(event)
            return
        except DecryptionError:
            await self._undecryptable(event)
            return
        client.dispatch_event(decrypted, _source(event))

    async def _undecryptable(self, event: EncryptedEvent) -> None:
        """Tell the member, once, that their messages do not reach the bot's device."""
        sender = str(event.sender)
        log.warning("matrix message not decryptable room=%s", event.room_id)
        if sender in self._told_to_verify:
            return
        self._told_to_verify.add(sender)
        locale = await self._locale_of(sender)
        words = self.phrases.translate_plain(locale, "adapters-matrix-cannot-decrypt")
        room = ConversationRef(PLATFORM, WORKSPACE, str(event.room_id))
        with contextlib.suppress(DeliveryError):
            await self.send(OutboundMessage(room, RichText.of(words)))

    async def _on_message(self, event: MessageEvent) -> None:
        if event.sender == self.user_id or self._dispatch is None:
            return
        content = event.content.serialize()
        actor = member_ref(str(event.sender))
        heard = said(content, self.user_id, self._names, actor)
        if heard is None:
            return
        conversation = await self._rooms.conversation(
            self._client, str(event.room_id), heard.thread_root
        )
        if heard.text.isdigit() and len(heard.text) <= MAX_DIGITS:
            found = await self._choices.answered_by_number(
                self._client, str(event.room_id), str(event.sender), heard.reply_to
            )
            if found is not None:
                await self._press(found, int(heard.text), event, conversation)
                return
        self._choices.forget(str(event.room_id), str(event.sender))
        self._spawn(self._answer(self._event_of(event, heard, actor, conversation)))

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        """Handle one member's event in a task of its own, counted once it is done."""

        async def counted() -> None:
            try:
                await work
            finally:
                self.answered += 1

        self._handlers.spawn(counted())

    def _event_of(
        self, event: MessageEvent, heard: Said, actor: MemberRef, conversation: ConversationRef
    ) -> InboundEvent:
        event_id = str(event.event_id)
        if heard.command:
            return CommandInvoked(
                event_id, actor, conversation, heard.text or "help", heard.mentions
            )
        return MessageReceived(
            event_id, actor, conversation, heard.text, heard.mentions, addressed=heard.addressed
        )

    async def _on_reaction(self, event: ReactionEvent) -> None:
        if event.sender == self.user_id or self._dispatch is None:
            return
        relates = event.content.relates_to
        number = number_of_keycap(str(relates.key or ""))
        if number is None or not relates.event_id:
            return
        found = await self._choices.of_message(
            self._client, str(event.room_id), str(relates.event_id)
        )
        if found is None:
            return
        conversation = await self._rooms.conversation(self._client, str(event.room_id), None)
        await self._press(found, number, event, conversation)

    async def _press(
        self,
        choices: ChoiceSet,
        number: int,
        event: MessageEvent | ReactionEvent,
        conversation: ConversationRef,
    ) -> None:
        sender = str(event.sender)
        if not choices.may_answer(sender):
            phrases = self.phrases
            self._spawn(
                self._tell(
                    conversation,
                    sender,
                    lambda locale: phrases.translate_plain(
                        locale, "adapters-matrix-not-your-choice"
                    ),
                )
            )
            return
        choice = choices.number(number)
        if choice is None:
            phrases, last = self.phrases, len(choices.options)
            self._spawn(
                self._tell(
                    conversation,
                    sender,
                    lambda locale: phrases.translate_plain(
                        locale, "adapters-matrix-choose-between", last=last
                    ),
                )
            )
            return
        self._choices.forget(str(event.room_id), sender)
        if not self._choices.first_press(choices):
            return  # a second press, before the first one was settled
        if choice.action_id == CANCEL_ACTION:
            self._spawn(self._cancelled(choices, sender, conversation))
            return
        if choice.confirm is not None:
            self._spawn(self._ask_to_confirm(choice, sender, conversation))
            return
        pressed = PressedMessage(
            choices.event_id, choice.label, conversation.kind == ConversationKind.DIRECT
        )
        action = ActionInvoked(
            str(event.event_id),
            member_ref(sender),
            conversation,
            choice.action_id,
            choice.value,
            pressed,
        )
        self._spawn(self._answer(action, choices))

    async def _ask_to_confirm(
        self, choice: Choice, sender: str, conversation: ConversationRef
    ) -> None:
        """A destructive choice is asked again, with the core's words, before it runs."""
        assert choice.confirm is not None
        confirm = choice.confirm
        question = OutboundMessage(
            conversation,
            RichText.of(f"{confirm.title}: {confirm.text}"),
            buttons=(
                Button(confirm.confirm_label, choice.action_id, choice.value),
                Button(confirm.deny_label, CANCEL_ACTION),
            ),
        )
        await self._send(question, for_user=sender)

    async def _answer(self, event: InboundEvent, pressed: ChoiceSet | None = None) -> None:
        assert self._dispatch is not None
        replies = await self._dispatch(event)
        await deliver_replies(replies, self.send)
        if pressed is not None and replies.settled is not None:
            await self._settle(pressed, replies.settled, event.conversation)
        typed = isinstance(event, CommandInvoked | MessageReceived)
        if (
            typed
            and event.conversation.kind is not ConversationKind.DIRECT
            and any(message.ephemeral_to == event.actor for message in replies.messages)
        ):
            await self._point_to_direct(event.actor, event.conversation)

    async def _point_to_direct(self, actor: MemberRef, where: ConversationRef) -> None:
        """Matrix has no message only one member sees: an answer for the member alone went
        to their direct chat, and the room (the thread, if the command was in one) is told
        where, so that nobody waits for it here."""
        profile = await self.lookup_user(actor)
        name = profile.display_name if profile else actor.user_id
        locale = await self._locale_of(actor.user_id)
        words = self.phrases.translate_plain(locale, "adapters-matrix-answered-in-direct")
        await self._say_rich(where, RichText.of(Mention(actor, name), " ", words))

    async def _settle(
        self, choices: ChoiceSet, line: RichText, conversation: ConversationRef
    ) -> None:
        await self._choices.settle(self._client, conversation.channel_id, choices, line)

    async def _cancelled(
        self, choices: ChoiceSet, sender: str, conversation: ConversationRef
    ) -> None:
        locale = await self._locale_of(sender)
        words = self.phrases.translate_plain(locale, "adapters-nothing-changed")
        await self._settle(choices, RichText.of(words), conversation)

    async def _locale_of(self, user_id: str) -> str | None:
        """The language a member chose in Guildbot, for the adapter's own notes to them
        (Matrix events do not say a reader's); None: the default language."""
        return await self.locales.locale_of(member_ref(user_id)) if self.locales else None

    async def _tell(
        self, conversation: ConversationRef, user_id: str, words: Callable[[str | None], str]
    ) -> None:
        """Say `words` in the member's language (`words` writes them for a locale)."""
        await self._say(conversation, words(await self._locale_of(user_id)))

    async def _say(self, conversation: ConversationRef, words: str) -> None:
        await self._say_rich(conversation, RichText.of(words))

    async def _say_rich(self, conversation: ConversationRef, text: RichText) -> None:
        with contextlib.suppress(DeliveryError):
            await self.send(OutboundMessage(conversation, text))

    # -- outbound ------------------------------------------------------------------------------

    async def send(self, message: OutboundMessage) -> MessageRef:
        """Send a message (privately to its member's direct room when it is for one)."""
        if message.ephemeral_to is not None:
            direct = await self.open_conversation([message.ephemeral_to])
            message = OutboundMessage(
                direct, message.text, message.buttons, message.context, None, None
            )
            return await self._send(
                message, for_user=self._rooms.known_direct_member(direct.channel_id)
            )
        for_user = None
        if message.to.kind == ConversationKind.DIRECT:
            for_user = await self._rooms.direct_member(self._client, message.to.channel_id)
        return await self._send(message, for_user=for_user)

    async def _send(self, message: OutboundMessage, *, for_user: str | None) -> MessageRef:
        client = self._client
        if client is None:
            raise _standing_by()
        content = message_content(message, for_user)
        room = RoomID(message.to.channel_id)
        try:
            event_id = await client.send_message_event(room, EventType.ROOM_MESSAGE, raw(content))
        except RateLimited as error:
            raise error.delivery_error() from None
        except (MForbidden, MNotFound) as error:
            raise RecipientUnreachable("matrix: not in that room", code=error.errcode) from None
        except MatrixRequestError as error:
            retryable = getattr(error, "http_status", 500) >= 500
            raise DeliveryError(
                "matrix refused the message", retryable=retryable, code=str(error.errcode or "")
            ) from None
        except (ClientError, MatrixConnectionError, TimeoutError) as error:
            raise DeliveryError(
                "matrix not reachable", retryable=True, code=type(error).__name__
            ) from None
        if CHOICES_KEY in content:
            found = choices_in(str(event_id), content)
            if found is not None:
                self._choices.remember(str(room), found)
        return MessageRef(message.to, str(event_id))

    async def open_conversation(
        self, members: Sequence[MemberRef], key: str | None = None
    ) -> ConversationRef:
        """A member's direct room (the one they share with the bot alone, else a new one),
        or a group's private room: one per key, however often and wherever it is opened."""
        client = self._client
        if client is None:
            raise _standing_by()
        users = [UserID(member.user_id) for member in members if member.user_id != self.user_id]
        try:
            if len(users) == 1 and key is None:
                room = await self._rooms.direct_room(client, self._state, users[0])
                return ConversationRef(PLATFORM, WORKSPACE, room, None, ConversationKind.DIRECT)
            room = await self._rooms.group_room(client, users, key or ",".join(sorted(users)))
        except RateLimited as error:
            raise error.delivery_error() from None
        except MatrixRequestError as error:
            raise DeliveryError(
                "matrix room not opened", retryable=True, code=str(error.errcode or "")
            ) from None
        return ConversationRef(PLATFORM, WORKSPACE, room, None, ConversationKind.GROUP)

    async def lookup_user(self, member: MemberRef) -> PlatformProfile | None:
        """The member's display name on their homeserver (time zone and language are theirs
        to set: Matrix profiles carry neither)."""
        client = self._client
        if client is None:
            return None
        try:
            profile = await client.get_profile(UserID(member.user_id))
        except MatrixError:
            return None
        return PlatformProfile(display_name=profile.displayname or member.user_id)


def _source(event: EncryptedEvent) -> SyncStream:
    """The sync stream an event came in (mautrix sets it on each event it dispatches)."""
    source = getattr(event, "source", SyncStream.TIMELINE)
    return source if isinstance(source, SyncStream) else SyncStream.TIMELINE


def _standing_by() -> DeliveryError:
    """Sending from a standby (its scheduler claims nothing for Matrix, and it receives no
    events to answer): to be tried again, by the instance that holds the account."""
    return DeliveryError("matrix: not syncing (standing by)", retryable=True, code="standby")
