"""A human member of the test homeserver: a real mautrix client, end-to-end encrypted when asked
(an OlmMachine over in-memory stores), that syncs in the background, joins the rooms it is
invited to, and keeps every room event it sees, decrypted, for the tests to wait on.

Decryption is the real thing: the member's device uploads its keys when it starts, shares a
Megolm session with the room's devices when it sends in an encrypted room, and reads what
others send only with the room keys their devices sent it. It never asks for keys it was not
given, so a bot that forgets to share its session is seen failing, not papered over.
"""

from __future__ import annotations

import asyncio
import bisect
import copy
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, cast

from mautrix.client import Client
from mautrix.client.encryption_manager import DecryptionDispatcher
from mautrix.client.state_store import MemoryStateStore, MemorySyncStore
from mautrix.crypto import OlmMachine
from mautrix.crypto.store import MemoryCryptoStore
from mautrix.crypto.store import StateStore as CryptoStateStore
from mautrix.errors import DecryptionError, MNotFound, SessionNotFound
from mautrix.types import (
    JSON,
    CrossSigningUsage,
    DeviceID,
    EncryptedEvent,
    EventType,
    Filter,
    Membership,
    RoomCreatePreset,
    RoomEventFilter,
    RoomFilter,
    RoomID,
    SigningKey,
    TOFUSigningKey,
    UserID,
)

from tests.adapters.matrix.synapse import Account

MEGOLM = "m.megolm.v1.aes-sha2"
WAIT = 10.0  # seconds a test waits for what it expects to see
KEY_WAIT = 10.0  # seconds an encrypted event waits for its room key to arrive
# Synapse's default is 10 timeline events per room and sync: a bot sending faster than that
# would leave a gap ("limited") instead of messages to read.
TIMELINE_LIMIT = 1000
SYNC_FILTER = Filter(room=RoomFilter(timeline=RoomEventFilter(limit=TIMELINE_LIMIT)))


@dataclass(frozen=True)
class RoomEvent:
    """A room timeline event as the member saw it: its content as the sender wrote it (for an
    encrypted event, the decrypted payload's content)."""

    room_id: str
    event_id: str
    sender: str
    type: str
    content: dict[str, Any]
    encrypted: bool

    @property
    def body(self) -> str | None:
        return self.content.get("body")

    @property
    def formatted_body(self) -> str | None:
        return self.content.get("formatted_body")

    @property
    def format(self) -> str | None:
        return self.content.get("format")

    @property
    def msgtype(self) -> str | None:
        return self.content.get("msgtype")

    @property
    def relates_to(self) -> dict[str, Any] | None:
        return self.content.get("m.relates_to")

    @property
    def mentions(self) -> dict[str, Any] | None:
        return self.content.get("m.mentions")

    @property
    def thread_root(self) -> str | None:
        """The thread's root event, for an event sent in a thread."""
        relation = self.relates_to or {}
        return relation.get("event_id") if relation.get("rel_type") == "m.thread" else None

    @property
    def reply_to(self) -> str | None:
        """The event this one answers (a thread's fallback reply included)."""
        return ((self.relates_to or {}).get("m.in_reply_to") or {}).get("event_id")


@dataclass(frozen=True)
class Undecryptable:
    """An encrypted event the member could not read, and why."""

    room_id: str
    event_id: str
    sender: str
    error: str


class MemberCryptoStore(MemoryCryptoStore):
    """mautrix's in-memory crypto store, but able to take a cross-signing key it already
    knows again (its own sets an attribute of the key's named tuple, and fails as soon as a
    cross-signed user, such as the bot, is fetched twice)."""

    async def put_cross_signing_key(
        self, user_id: UserID, usage: CrossSigningUsage, key: SigningKey
    ) -> None:
        known = self._cross_signing_keys.get(user_id, {}).get(usage)
        first = known.first if known is not None else key
        self._cross_signing_keys.setdefault(user_id, {})[usage] = TOFUSigningKey(key, first)


# The two bases disagree on is_encrypted's type (bool | None for "not known yet" against
# bool); mautrix's own crypto state stores combine them the same way.
class MemberStateStore(MemoryStateStore, CryptoStateStore):  # type: ignore[misc]
    """mautrix's in-memory room state, plus the one question the OlmMachine asks that the
    client's store does not answer: which rooms a user shares with us (for rotating sessions
    when their devices change)."""

    async def find_shared_rooms(self, user_id: UserID) -> list[RoomID]:
        return [
            room_id
            for room_id, members in self.members.items()
            if (member := members.get(user_id)) is not None and member.membership == Membership.JOIN
        ]


class RecordingClient(Client):
    """A mautrix Client that hands each raw /sync answer to `on_sync` before mautrix parses it
    (parsing trims reply fallbacks out of bodies: the tests must see what was sent), and calls
    `on_handled` once mautrix's own handlers (room state, keys) are done with it."""

    def __init__(
        self,
        *args: Any,
        on_sync: Callable[[JSON], None],
        on_handled: Callable[[], None],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._on_sync = on_sync
        self._on_handled = on_handled

    def handle_sync(self, data: JSON) -> list[asyncio.Task[Any]]:
        self._on_sync(copy.deepcopy(data))
        tasks: list[asyncio.Task[Any]] = super().handle_sync(data)
        return [*tasks, asyncio.get_running_loop().create_task(self._handled(tasks))]

    async def _handled(self, tasks: list[asyncio.Task[Any]]) -> None:
        await asyncio.gather(*tasks, return_exceptions=True)
        self._on_handled()


class Member:
    """One person on the homeserver, on one device. Start it (or use `async with`) before
    inviting it anywhere; it joins whatever it is invited to by itself."""

    def __init__(self, account: Account, *, encryption: bool = True) -> None:
        self.account = account
        self.encryption = encryption
        self.key_wait = KEY_WAIT
        self.log = logging.getLogger(f"tests.matrix.{account.localpart}")
        self.state_store = MemberStateStore()
        self.crypto_store = MemberCryptoStore(account.user_id, "guildbot tests")
        self._read: list[tuple[int, RoomEvent]] = []  # (place in the timeline, event)
        self._arrived = 0  # timeline events handed over by sync so far
        self.undecryptable: list[Undecryptable] = []
        self._taken: set[str] = set()
        self._seen = asyncio.Condition()
        self._joining: set[str] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._first_sync = asyncio.Event()
        self._direct_lock = asyncio.Lock()
        self.client = RecordingClient(
            mxid=UserID(account.user_id),
            device_id=DeviceID(account.device_id),
            base_url=account.homeserver,
            token=account.access_token,
            state_store=self.state_store,
            sync_store=self.crypto_store if encryption else MemorySyncStore(),
            log=self.log,
            on_sync=self._on_sync,
            on_handled=self._first_sync.set,
        )
        self._syncing: asyncio.Future[Any] | None = None
        self.machine: OlmMachine | None = None
        if encryption:
            self.machine = OlmMachine(self.client, self.crypto_store, self.state_store)
            self.client.crypto = self.machine
            # Decryption is ours (in timeline order, waiting for room keys), not mautrix's.
            self.client.remove_dispatcher(DecryptionDispatcher)
            # People's clients encrypt their reactions too; mautrix's bots do not by default.
            self.client.encryption_blacklist = set()

    @property
    def user_id(self) -> str:
        return self.account.user_id

    @property
    def device_id(self) -> str:
        return self.account.device_id

    async def start(self) -> None:
        """Publish this device's keys (when encrypted), start syncing, and return once the
        first sync has been handled."""
        if self.machine is not None:
            await self.crypto_store.put_device_id(DeviceID(self.device_id))
            await self.machine.load()
            await self.machine.share_keys()
        self._syncing = self.client.start(SYNC_FILTER)
        try:
            await asyncio.wait_for(self._first_sync.wait(), WAIT)
        except TimeoutError:
            await self.stop()
            raise TimeoutError(f"{self.user_id}'s first sync did not come back") from None

    async def go_offline(self) -> None:
        """Stop syncing (the device stays): what happens meanwhile waits on the server."""
        self.client.stop()
        if self._syncing is not None:
            await asyncio.gather(self._syncing, return_exceptions=True)
            self._syncing = None

    async def come_online(self) -> None:
        """Sync again from where this member left off."""
        self._syncing = self.client.start(SYNC_FILTER)

    async def stop(self) -> None:
        """Stop syncing and reading, and close the client's HTTP session."""
        self.client.stop()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(
            *self._tasks, *([self._syncing] if self._syncing else []), return_exceptions=True
        )
        self._syncing = None
        await self.client.api.session.close()

    async def __aenter__(self) -> Member:
        await self.start()
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    # --- what the member does

    async def create_room(
        self,
        *,
        invite: Iterable[str] = (),
        encrypted: bool = False,
        direct: bool = False,
        name: str | None = None,
    ) -> str:
        """A private room (a direct chat when `direct`: is_direct on the invites and the room
        in the creator's m.direct, as people's clients do), end-to-end encrypted when asked."""
        invitees = [UserID(user_id) for user_id in invite]
        initial_state: list[dict[str, Any]] = []
        if encrypted:
            initial_state.append(
                {"type": "m.room.encryption", "state_key": "", "content": {"algorithm": MEGOLM}}
            )
        room_id = await self.client.create_room(
            preset=RoomCreatePreset.TRUSTED_PRIVATE if direct else RoomCreatePreset.PRIVATE,
            name=name,
            is_direct=direct,
            invitees=invitees,
            initial_state=cast(list[dict[str, JSON]], initial_state),
        )
        if direct:
            for user_id in invitees:
                await self._add_direct(user_id, room_id)
        return str(room_id)

    async def invite(self, room_id: str, user_id: str) -> None:
        """Invite `user_id`; in an encrypted room the next message goes out in a new session
        that they get too. (mautrix notes the invite in its state store at once, so the
        OlmMachine takes the invite's own event coming back in sync for a duplicate and keeps
        the session the invitee never received.)"""
        await self.client.invite_user(RoomID(room_id), UserID(user_id))
        if self.machine is not None:
            await self.crypto_store.remove_outbound_group_session(RoomID(room_id))

    async def join(self, room_id: str) -> None:
        await self.client.join_room(RoomID(room_id))

    async def leave(self, room_id: str) -> None:
        await self.client.leave_room(RoomID(room_id))

    async def send_text(
        self,
        room_id: str,
        body: str,
        *,
        html: str | None = None,
        thread_root: str | None = None,
        reply_to: str | None = None,
        mentions: Sequence[str] | None = None,
        notice: bool = False,
    ) -> str:
        """Send an m.text (or m.notice), encrypted if the room is: HTML as formatted_body, in
        a thread (replying to `reply_to`, else falling back to the root), or as a plain reply,
        with m.mentions naming `mentions` when given."""
        content: dict[str, Any] = {"msgtype": "m.notice" if notice else "m.text", "body": body}
        if html is not None:
            content["format"] = "org.matrix.custom.html"
            content["formatted_body"] = html
        if thread_root is not None:
            content["m.relates_to"] = {
                "rel_type": "m.thread",
                "event_id": thread_root,
                "is_falling_back": reply_to is None,
                "m.in_reply_to": {"event_id": reply_to or thread_root},
            }
        elif reply_to is not None:
            content["m.relates_to"] = {"m.in_reply_to": {"event_id": reply_to}}
        if mentions is not None:
            content["m.mentions"] = {"user_ids": list(mentions)}
        return await self.send(room_id, "m.room.message", content)

    async def react(self, room_id: str, event_id: str, key: str) -> str:
        """An m.reaction (encrypted in an encrypted room, as people's clients send them)."""
        content = {"m.relates_to": {"rel_type": "m.annotation", "event_id": event_id, "key": key}}
        return await self.send(room_id, "m.reaction", content)

    async def send(self, room_id: str, event_type: str, content: dict[str, Any]) -> str:
        """Any room event (encrypted when the room is)."""
        event_id = await self.client.send_message_event(
            RoomID(room_id), EventType.find(event_type, EventType.Class.MESSAGE), cast(Any, content)
        )
        return str(event_id)

    async def direct_rooms(self) -> dict[str, list[str]]:
        """This member's m.direct account data: user ID to their direct rooms."""
        try:
            data: dict[str, list[str]] = await self.client.get_account_data(EventType.DIRECT)
        except MNotFound:
            return {}
        return data

    # --- waiting for what others did

    @property
    def events(self) -> list[RoomEvent]:
        """Every room event read so far, in timeline order."""
        return [event for _, event in self._read]

    def mark(self) -> int:
        """A place in the timeline, for `events_since`: what sync brings from now on."""
        return self._arrived

    def events_since(self, mark: int, *, event_type: str | None = None) -> list[RoomEvent]:
        return [
            event
            for place, event in self._read
            if place >= mark and (event_type is None or event.type == event_type)
        ]

    def messages_since(self, mark: int) -> list[RoomEvent]:
        return self.events_since(mark, event_type="m.room.message")

    async def next_message(
        self, room_id: str | None = None, *, sender: str | None = None, within: float = WAIT
    ) -> RoomEvent:
        """The earliest m.room.message (in `room_id`, from `sender`) read and not yet returned
        by a `next_*` call, waiting for one up to `within` seconds. (An event still waiting
        for its room key is not read yet: the ones after it can come first.)"""
        return await self.next_event(
            "m.room.message", room_id=room_id, sender=sender, within=within
        )

    async def next_event(
        self,
        event_type: str,
        *,
        room_id: str | None = None,
        sender: str | None = None,
        within: float = WAIT,
    ) -> RoomEvent:
        """Like `next_message`, for any event type (m.reaction, m.room.redaction…)."""

        def wanted(event: RoomEvent) -> bool:
            return (
                event.type == event_type
                and (room_id is None or event.room_id == room_id)
                and (sender is None or event.sender == sender)
            )

        deadline = time.monotonic() + within
        async with self._seen:
            while True:
                for event in self.events:
                    if event.event_id not in self._taken and wanted(event):
                        self._taken.add(event.event_id)
                        return event
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(self._nothing_seen(event_type, room_id, sender, within))
                try:
                    await asyncio.wait_for(self._seen.wait(), left)
                except TimeoutError:
                    continue

    async def wait_for_membership(
        self,
        room_id: str,
        user_id: str,
        membership: Membership = Membership.JOIN,
        *,
        within: float = WAIT,
    ) -> None:
        """Until this member's sync has shown `user_id`'s `membership` in the room: sending
        in an encrypted room before then would leave a just-joined member without the key."""
        deadline = time.monotonic() + within
        while True:
            member = await self.state_store.get_member(RoomID(room_id), UserID(user_id))
            if member is not None and member.membership == membership:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"{self.user_id} did not see {user_id} {membership.value} {room_id}"
                )
            await asyncio.sleep(0.05)

    # --- the sync loop's side

    def _on_sync(self, data: JSON) -> None:
        rooms = data.get("rooms", {})
        for room_id, room in rooms.get("join", {}).items():
            if room.get("timeline", {}).get("limited") and self._first_sync.is_set():
                self.log.warning("sync skipped timeline events in %s", room_id)
            for raw in room.get("timeline", {}).get("events", []):
                if "state_key" not in raw:
                    self._spawn(self._read_event(self._arrived, {**raw, "room_id": room_id}))
                    self._arrived += 1
        for room_id, room in rooms.get("invite", {}).items():
            if room_id not in self._joining:
                self._joining.add(room_id)
                self._spawn(self._accept(room_id, room.get("invite_state", {}).get("events", [])))

    async def _accept(self, room_id: str, invite_state: list[dict[str, Any]]) -> None:
        invite = next(
            (
                event
                for event in invite_state
                if event.get("type") == "m.room.member" and event.get("state_key") == self.user_id
            ),
            {},
        )
        try:
            await self.join(room_id)
            if invite.get("content", {}).get("is_direct") and invite.get("sender"):
                await self._add_direct(invite["sender"], room_id)
        finally:
            self._joining.discard(room_id)  # so that being invited again is accepted again

    async def _add_direct(self, user_id: str, room_id: str) -> None:
        async with self._direct_lock:
            direct = await self.direct_rooms()
            rooms = direct.setdefault(user_id, [])
            if room_id not in rooms:
                rooms.append(room_id)
                await self.client.set_account_data(EventType.DIRECT, cast(Any, direct))

    async def _read_event(self, place: int, raw: dict[str, Any]) -> None:
        """Read one timeline event into its place. Each is read on its own, so that one whose
        room key never comes (sent before we joined, say) holds back none of the others."""
        event = await self._readable(raw)
        if event is not None:
            async with self._seen:
                bisect.insort(self._read, (place, event), key=lambda entry: entry[0])
                self._seen.notify_all()

    async def _readable(self, raw: dict[str, Any]) -> RoomEvent | None:
        if raw.get("type") != "m.room.encrypted":
            return RoomEvent(
                room_id=raw["room_id"],
                event_id=raw["event_id"],
                sender=raw["sender"],
                type=raw["type"],
                content=raw.get("content", {}),
                encrypted=False,
            )
        if self.machine is None:
            self._cannot_read(raw, "this member has no encryption")
            return None
        encrypted = EncryptedEvent.deserialize(cast(JSON, raw))
        try:
            try:
                decrypted = await self.machine.decrypt_megolm_event(encrypted)
            except SessionNotFound as missing:
                if not await self.machine.wait_for_session(
                    encrypted.room_id, missing.session_id, timeout=self.key_wait
                ):
                    raise
                decrypted = await self.machine.decrypt_megolm_event(encrypted)
        except DecryptionError as error:
            self._cannot_read(raw, f"{type(error).__name__}: {error}")
            return None
        return RoomEvent(
            room_id=raw["room_id"],
            event_id=raw["event_id"],
            sender=raw["sender"],
            type=str(decrypted.type),
            content=decrypted.content.serialize(),
            encrypted=True,
        )

    def _cannot_read(self, raw: dict[str, Any], error: str) -> None:
        self.log.warning("cannot decrypt %s in %s: %s", raw["event_id"], raw["room_id"], error)
        self.undecryptable.append(
            Undecryptable(
                room_id=raw["room_id"], event_id=raw["event_id"], sender=raw["sender"], error=error
            )
        )

    def _nothing_seen(
        self, event_type: str, room_id: str | None, sender: str | None, within: float
    ) -> str:
        wanted = " ".join(
            part
            for part in (
                event_type,
                f"in {room_id}" if room_id else "",
                f"from {sender}" if sender else "",
            )
            if part
        )
        seen = "; ".join(f"{e.type} {e.sender}: {e.body!r}" for e in self.events[-5:]) or "nothing"
        unread = "; ".join(f"{u.event_id} from {u.sender}: {u.error}" for u in self.undecryptable)
        return f"{self.user_id} saw no new {wanted} within {within:.0f} s (last seen: {seen})" + (
            f"; could not decrypt: {unread}" if unread else ""
        )

    def _spawn(self, work: Any) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            self.log.error("member task failed", exc_info=task.exception())
