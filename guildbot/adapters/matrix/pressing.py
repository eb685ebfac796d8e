"""Which choices a number or a keycap presses, and settling them once pressed.

The choices of the bot's latest messages are remembered per room and member, so a bare "2"
answers the latest ones sent to that member (else the room's latest for anyone); a reply to
an older message, or a reaction to it, answers that message, read back from the homeserver.
A message is settled by an edit (``m.replace``) that replaces its choices with what was
chosen; a message the bot has edited is never pressed again, and a second press before the
edit is on the homeserver counts once.
"""

from __future__ import annotations

import logging

from mautrix.api import Method, Path
from mautrix.client import Client
from mautrix.errors import DecryptionError, MatrixError
from mautrix.types import EncryptedEvent, EventID, EventType, RoomID

from guildbot.adapters.matrix.choices import ChoiceSet, choices_in
from guildbot.adapters.matrix.render import settled_content
from guildbot.adapters.matrix.rooms import raw
from guildbot.contract.richtext import RichText

log = logging.getLogger(__name__)

# Messages whose one-person choices were pressed here, before their settling edit is on the
# homeserver: the latest this many.
PRESSED_KEPT = 1000


class ChoiceBook:
    """The choices the bot's messages offer, and which of them were pressed here."""

    def __init__(self, user_id: str) -> None:
        self.user_id = user_id
        self._latest: dict[tuple[str, str | None], ChoiceSet] = {}
        self._pressed: dict[str, None] = {}

    def remember(self, room_id: str, found: ChoiceSet) -> None:
        """The bot just sent `found` in `room_id`: a bare number answers it from now on."""
        self._latest[(room_id, found.for_user)] = found

    def forget(self, room_id: str, user_id: str) -> None:
        """The member said something else: a later bare number is no longer an answer."""
        self._latest.pop((room_id, user_id), None)

    def first_press(self, choices: ChoiceSet) -> bool:
        """Whether this is the first press of a one-person message's choices (a second
        one, before the first was settled, counts for nothing)."""
        if choices.for_user is None:
            return True
        if choices.event_id in self._pressed:
            return False
        self._pressed[choices.event_id] = None
        while len(self._pressed) > PRESSED_KEPT:
            del self._pressed[next(iter(self._pressed))]
        return True

    async def answered_by_number(
        self, client: Client | None, room_id: str, sender: str, reply_to: str | None
    ) -> ChoiceSet | None:
        """The choices a number answers: those of the message it replied to, else the
        latest ones sent to this member in this room, else the room's latest for anyone."""
        if reply_to is not None:
            return await self.of_message(client, room_id, reply_to)
        return self._latest.get((room_id, sender)) or self._latest.get((room_id, None))

    async def of_message(
        self, client: Client | None, room_id: str, event_id: str
    ) -> ChoiceSet | None:
        """The choices of one of the bot's messages, read back from the homeserver (None
        when it has none, or they were settled)."""
        for found in self._latest.values():
            if found.event_id == event_id:
                return found
        if client is None:
            return None
        try:
            event = await client.get_event(RoomID(room_id), event_id)  # type: ignore[arg-type]
            if isinstance(event, EncryptedEvent) and client.crypto is not None:
                event = await client.crypto.decrypt_megolm_event(event)
        except (MatrixError, DecryptionError):
            return None
        if str(event.sender) != self.user_id:
            return None  # only the bot's own messages carry choices it honours
        content = event.content.serialize() if hasattr(event.content, "serialize") else {}
        choices = choices_in(event_id, content)
        if choices is None or await self._settled(client, room_id, event_id):
            return None
        return choices

    async def settle(
        self, client: Client | None, room_id: str, choices: ChoiceSet, line: RichText
    ) -> None:
        """Edit the message whose choice was made: its text kept, the choices replaced by
        what was chosen."""
        new = settled_content(choices.content, line)
        if client is None or new is None:
            return
        edit = {
            **new,
            "body": "* " + new["body"],
            "m.new_content": new,
            "m.relates_to": {"rel_type": "m.replace", "event_id": choices.event_id},
        }
        try:
            await client.send_message_event(RoomID(room_id), EventType.ROOM_MESSAGE, raw(edit))
        except MatrixError as error:
            log.warning("matrix choice not settled (%s)", type(error).__name__)

    async def _settled(self, client: Client, room_id: str, event_id: str) -> bool:
        """Whether the bot has edited this message: it edits a message with choices only to
        settle it, and the event read back still has the choices the edit took away."""
        path = Path.v1.rooms[RoomID(room_id)].relations[EventID(event_id)]["m.replace"]
        try:
            found = await client.api.request(Method.GET, path)
        except MatrixError:
            return False
        edits = found.get("chunk") if isinstance(found, dict) else None
        return isinstance(edits, list) and any(
            isinstance(edit, dict) and edit.get("sender") == self.user_id for edit in edits
        )
