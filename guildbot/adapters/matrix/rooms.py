"""The bot's rooms with members: each member's direct room, and each group's private room.

A direct room is one the bot shares with that member alone. It is found again through the
bot's ``m.direct`` account data (as clients keep it) or the rooms the two share, and made
(and noted in ``m.direct``) only when there is none. A group's room is private and
encrypted, one per key: its alias is derived from the key, so a group opened again — after
a crash that kept the first opening from being recorded, say — gets the same room.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from mautrix.client import Client
from mautrix.errors import MatrixError, MNotFound, MRoomInUse
from mautrix.types import EventType, RoomCreatePreset, RoomID, UserID

from guildbot.adapters.matrix import store
from guildbot.adapters.matrix.render import PLATFORM
from guildbot.contract.adapter import PlatformProfile
from guildbot.contract.phrases import Phrases
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef

# Matrix user ids are global (@ana:example.org): all of Matrix is one workspace for the core.
WORKSPACE = "matrix"
GROUP_ALIAS_PREFIX = "guildbot-group-"
MAX_ROOM_NAME = 255

Profile = Callable[[MemberRef], Awaitable[PlatformProfile | None]]


def member_ref(user_id: str) -> MemberRef:
    """The core's reference to a Matrix user."""
    return MemberRef(PLATFORM, WORKSPACE, user_id)


class Rooms:
    """Which rooms are direct, with whom, and the rooms the bot opens."""

    def __init__(self, *, user_id: str, encryption: bool, phrases: Phrases, profile: Profile):
        self.user_id = user_id
        self.server_name = user_id.partition(":")[2]
        self.encryption = encryption
        self.phrases = phrases
        self._profile = profile
        self._direct_members: dict[str, str] = {}  # direct room id → the member in it

    def note_direct_member(self, room_id: str, user_id: str) -> None:
        """`room_id` is `user_id`'s direct room with the bot (they invited it as one)."""
        self._direct_members[room_id] = user_id

    def known_direct_member(self, room_id: str) -> str | None:
        """The member of a direct room already known here, without asking the homeserver."""
        return self._direct_members.get(room_id)

    async def conversation(
        self, client: Client | None, room_id: str, thread_root: str | None
    ) -> ConversationRef:
        """The core's reference to a room (a direct one if the bot shares it with one member)."""
        kind = ConversationKind.CHANNEL
        if await self.direct_member(client, room_id) is not None:
            kind = ConversationKind.DIRECT
        return ConversationRef(PLATFORM, WORKSPACE, room_id, thread_root, kind)

    async def direct_member(self, client: Client | None, room_id: str) -> str | None:
        """The one member of a room the bot shares with only them (a direct room)."""
        known = self._direct_members.get(room_id)
        if known is not None:
            return known
        if client is None:
            return None
        try:
            members = list(await client.get_joined_members(RoomID(room_id)))
        except MatrixError:
            return None
        others = [str(member) for member in members if member != self.user_id]
        if len(others) == 1 and len(members) == 2:
            self._direct_members[room_id] = others[0]
            return others[0]
        return None

    async def direct_room(
        self, client: Client, state: store.RoomStateStore | None, user: UserID
    ) -> str:
        """The member's direct room with the bot: the one they share, else a new one."""
        for room, member in self._direct_members.items():
            if member == user:
                return room
        direct = await self._direct_rooms(client)
        shared = [str(room) for room in await state.find_shared_rooms(user)] if state else []
        for room in [*direct.get(user, []), *shared]:
            if await self.direct_member(client, room) == user:
                return room
        room = await client.create_room(
            preset=RoomCreatePreset.TRUSTED_PRIVATE,
            is_direct=True,
            invitees=[user],
            initial_state=self._initial_state(),
        )
        await self._share_room_key(client, room, [user])
        self._direct_members[str(room)] = str(user)
        await self.note_direct(client, user, str(room))
        return str(room)

    async def note_direct(self, client: Client, user: UserID, room: str) -> None:
        """Note `room` as the member's direct room in the bot's m.direct, as clients do."""
        direct = await self._direct_rooms(client)
        if room in direct.get(user, []):
            return
        direct[user] = [*direct.get(user, []), room]
        with contextlib.suppress(MatrixError):
            await client.set_account_data(EventType.DIRECT, raw(direct))

    async def group_room(self, client: Client, users: list[UserID], key: str) -> str:
        """The group's private room: one per key, however often it is opened."""
        alias = GROUP_ALIAS_PREFIX + hashlib.sha256(key.encode()).hexdigest()[:24]
        names = []
        for user in users:
            profile = await self._profile(member_ref(str(user)))
            names.append(profile.display_name if profile else str(user))
        title = self.phrases.translate_plain(
            None, "adapters-matrix-group-room", names=", ".join(names)
        )
        try:
            room = await client.create_room(
                alias_localpart=alias,
                preset=RoomCreatePreset.TRUSTED_PRIVATE,
                name=title[:MAX_ROOM_NAME],
                invitees=users,
                initial_state=self._initial_state(),
            )
            await self._share_room_key(client, room, users)
            return str(room)
        except MRoomInUse:
            # Opened before (a crash kept it from being recorded): the same room again.
            found = await client.resolve_room_alias(f"#{alias}:{self.server_name}")  # type: ignore[arg-type]
            joined = set(await client.get_joined_members(found.room_id))
            invited = False
            for user in users:
                if user not in joined:
                    with contextlib.suppress(MatrixError):
                        await client.invite_user(found.room_id, user)
                        invited = True
            if invited and client.crypto is not None:
                # mautrix would go on with the room's session, which the newcomer never got.
                await client.crypto.crypto_store.remove_outbound_group_session(found.room_id)
                await self._share_room_key(client, found.room_id, users)
            return str(found.room_id)

    async def _direct_rooms(self, client: Client) -> dict[str, list[str]]:
        """The bot's m.direct account data: each member's direct rooms with it."""
        with contextlib.suppress(MNotFound, MatrixError):
            found = await client.get_account_data(EventType.DIRECT)
            if isinstance(found, dict):
                return {
                    str(k): [str(r) for r in v] for k, v in found.items() if isinstance(v, list)
                }
        return {}

    def _initial_state(self) -> list[dict[str, Any]]:
        if not self.encryption:
            return []
        return [
            {
                "type": "m.room.encryption",
                "state_key": "",
                "content": {"algorithm": "m.megolm.v1.aes-sha2"},
            }
        ]

    async def _share_room_key(self, client: Client, room: RoomID, users: list[UserID]) -> None:
        """Share a new room's Megolm session with the invited members' devices now: they
        have not joined yet, and mautrix shares only with members it knows joined, so what
        the bot sends before they join would stay unreadable to them."""
        if client.crypto is None or not self.encryption:
            return
        await client.crypto.share_group_session(room, [UserID(self.user_id), *users])


def raw(content: Mapping[str, Any]) -> Any:
    """Content we built as JSON, for mautrix (which types content as its own classes but
    sends a dict as it is)."""
    return dict(content)
