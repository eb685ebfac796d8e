"""Inbound Teams activities: the `AgentApplication`'s turn handlers.

Handlers only translate and store. Each stores the conversation reference its activity
carries (so the bot can speak there later, from any process), turns the activity into a
neutral event and hands it to the core in a task of its own, so the turn — and the HTTP
request — ends at once and Teams gets its 202 (it gives up after 15 seconds). A button
press (an ``adaptiveCard/action`` invoke) is the one answer that waits, a few seconds at
most, for the core to say whether the press settles its card: the settled card is the
invoke's answer (`settling`).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import re
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from microsoft_agents.activity import ActivityTypes
from microsoft_agents.activity import AdaptiveCardInvokeResponse as InvokeResponse
from microsoft_agents.hosting.core import AgentApplication, RouteRank, TurnContext, TurnState

from guildbot.adapters.common import HandlerTasks, TtlCache, deliver_replies
from guildbot.adapters.teams.cards import CARD_CONTENT_TYPE, Card
from guildbot.adapters.teams.inbound import (
    PLATFORM,
    action_of,
    command_text,
    conversation_key,
    conversation_kind,
    is_from_person,
    mentions_bot,
    reference_json,
    split_thread,
    team_of,
    tenant_of,
    user_key,
)
from guildbot.adapters.teams.proactive import References
from guildbot.adapters.teams.settling import pressed_message, settled_card
from guildbot.contract.adapter import Dispatch, PlatformProfile
from guildbot.contract.errors import DeliveryError
from guildbot.contract.inbound import (
    ActionInvoked,
    CommandInvoked,
    InboundEvent,
    MemberJoined,
    MessageReceived,
)
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.phrases import Phrases
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef, MessageRef
from guildbot.contract.stores import Contact, ConversationStore, SavedConversation

log = logging.getLogger(__name__)

INVOKE_MESSAGE = "application/vnd.microsoft.activity.message"
PROFILE_CACHE_SECONDS = 24 * 3600.0
PROFILE_CACHE_SIZE = 10_000
# What this process stored lately is not written again while it stays the same (every
# message carries its conversation's reference); after this long it is, to be sure.
STORED_CACHE_SECONDS = 600.0
STORED_CACHE_SIZE = 10_000
# A team's channels change seldom; several people often join at once.
CHANNELS_CACHE_SECONDS = 600.0
# What someone who installs the app for themselves is first answered with: the core's
# own overview of what Guildbot does (the adapter holds no copy of its own).
WELCOME_COMMAND = "help"
# Teams shows "Something went wrong" on a card when its invoke is not answered in 10-15
# seconds: a press waits this long for its settled card, then is answered without it.
INVOKE_WAIT_SECONDS = 4.0
# Every Action.Execute verb: our buttons carry their action in `data`, not in the verb.
_ANY_VERB = re.compile(r"[\s\S]*")


class Profiles:
    """Names, time zones and languages seen in activities (Teams sends them with every
    message)."""

    def __init__(self) -> None:
        self._known: TtlCache[PlatformProfile] = TtlCache(PROFILE_CACHE_SECONDS, PROFILE_CACHE_SIZE)

    def get(self, tenant: str, user_id: str) -> PlatformProfile | None:
        """What this process has seen of the member."""
        cached = self._known.get(f"{tenant}\n{user_id}")
        return cached.value if cached is not None else None

    def remember(self, tenant: str, user_id: str, profile: PlatformProfile) -> None:
        """Merge `profile` into what is known (a blank field keeps the known value)."""
        known = self.get(tenant, user_id)
        if known is not None:
            profile = PlatformProfile(
                profile.display_name or known.display_name,
                profile.timezone or known.timezone,
                profile.email or known.email,
                profile.locale or known.locale,
            )
        self._known.put(f"{tenant}\n{user_id}", profile)


class TurnHandlers:
    """Registers on an `AgentApplication` and turns its activities into neutral events."""

    def __init__(
        self,
        agent: AgentApplication[TurnState],
        *,
        store: ConversationStore,
        references: References,
        profiles: Profiles,
        tasks: HandlerTasks,
        phrases: Phrases,
        invoke_wait: float = INVOKE_WAIT_SECONDS,
    ) -> None:
        self.store = store
        self.phrases = phrases
        self.references = references
        self.profiles = profiles
        self.tasks = tasks
        self.dispatch: Dispatch | None = None
        # How replies are sent: every Teams message is a proactive turn (see proactive.py).
        self.send: Callable[[OutboundMessage], Awaitable[MessageRef]] | None = None
        # Puts a settled card in place of the one pressed (conversation, thread, activity id).
        self.update_card: (
            Callable[[SavedConversation, str | None, str, Card], Awaitable[None]] | None
        ) = None
        # How long a press's invoke waits for the core to say whether its card settles.
        self.invoke_wait = invoke_wait
        # A team's channel ids (service URL, team id), from the connector service.
        self.team_channels: Callable[[str, str], Awaitable[list[str]]] | None = None
        self._channels: TtlCache[tuple[str, ...]] = TtlCache(
            CHANNELS_CACHE_SECONDS, STORED_CACHE_SIZE
        )
        self._stored: TtlCache[tuple[SavedConversation, tuple[Contact, ...]]] = TtlCache(
            STORED_CACHE_SECONDS, STORED_CACHE_SIZE
        )
        agent.adaptive_card.action_execute(_ANY_VERB)(self._on_execute)
        agent.activity(ActivityTypes.message)(self._on_message)
        agent.conversation_update("membersAdded")(self._on_members_added)
        agent.activity(ActivityTypes.installation_update)(self._on_installed)
        # Everything else (typing, reactions, edits, other updates) is acknowledged and
        # dropped here rather than by the SDK, which would log the activity's text.
        agent.add_route(
            lambda context: context.activity.type != ActivityTypes.invoke,
            self._ignore,
            rank=RouteRank.LAST,
        )

    async def _ignore(self, _context: TurnContext, _state: TurnState) -> None:
        return None

    async def _on_message(self, context: TurnContext, _state: TurnState) -> None:
        activity = _json(context.activity)
        if not is_from_person(activity):
            return
        tenant, conversation, actor, saved, contact = self._where(context, activity)
        event_id = f"activity:{activity.get('id') or uuid.uuid4().hex}"
        data = activity.get("value")
        pressed = action_of(data)
        if pressed is not None:  # an Action.Submit: the card is settled by an update
            press = pressed_message(activity, data)
            action = ActionInvoked(event_id, actor, conversation, *pressed, press)
            self.tasks.spawn(self._press(tenant, saved, contact, action, data, None))
            return
        if data is not None and not activity.get("text"):
            return  # a card submit that is not ours
        text, mentioned = command_text(activity)
        addressed = mentions_bot(activity)
        event = MessageReceived(event_id, actor, conversation, text, mentioned, addressed)
        self.tasks.spawn(self._store_then(tenant, saved, [contact], event))

    async def _on_execute(
        self, context: TurnContext, _state: TurnState, data: Any
    ) -> InvokeResponse:
        """A press of an `Action.Execute` button (``adaptiveCard/action``), answered in the
        invoke response — with the card as it now reads when the press settles it, else a
        short acknowledgement — while the core goes on (its replies are messages of their
        own). An automatic refresh — Teams asking how a card should read as it shows it —
        presses nothing."""
        value = context.activity.value
        if isinstance(value, dict) and value.get("trigger") == "automatic":
            return InvokeResponse(status_code=200, type=INVOKE_MESSAGE, value="")
        # The presser's Teams language (the activity says it).
        locale = str(context.activity.locale or "") or None
        pressed = action_of(data)
        if pressed is None:
            not_ours = self.phrases.translate_plain(locale, "adapters-teams-not-our-button")
            return InvokeResponse(
                status_code=400,
                type="application/vnd.microsoft.error",
                value={"code": "BadRequest", "message": not_ours},
            )
        activity = _json(context.activity)
        tenant, conversation, actor, saved, contact = self._where(context, activity)
        event_id = f"activity:{activity.get('id') or uuid.uuid4().hex}"
        event = ActionInvoked(
            event_id, actor, conversation, pressed[0], pressed[1], pressed_message(activity, data)
        )
        settled: asyncio.Future[Card | None] = asyncio.get_running_loop().create_future()
        self.tasks.spawn(self._press(tenant, saved, contact, event, data, settled))
        # The settled card goes in the answer, so the presser sees it at once; a core slower
        # than that still settles the card (by an update) when it is done.
        try:
            card = await asyncio.wait_for(asyncio.shield(settled), self.invoke_wait)
        except TimeoutError:
            card = None
        if card is not None:
            return InvokeResponse(status_code=200, type=CARD_CONTENT_TYPE, value=card)
        got_it = self.phrases.translate_plain(locale, "adapters-teams-got-it")
        return InvokeResponse(status_code=200, type=INVOKE_MESSAGE, value=got_it)

    async def _press(
        self,
        tenant: str,
        saved: SavedConversation,
        contact: Contact,
        event: ActionInvoked,
        data: Any,
        settled: asyncio.Future[Card | None] | None,
    ) -> None:
        """Hand a press to the core; when the core says it settles its card, the card is
        rebuilt without buttons — handed to the invoke waiting for it, and put in place of
        the card (an update: for every device, and everyone the conversation shows it to) —
        before the replies go."""
        try:
            await self._store_then(tenant, saved, [contact])
            if self.dispatch is None or self.send is None:
                log.warning("teams activity before start(); dropped id=%s", event.event_id)
                return
            replies = await self.dispatch(event)
            card: Card | None = None
            if replies.settled is not None and event.pressed is not None:
                card = settled_card(data, replies.settled, private=event.pressed.private)
            if settled is not None and not settled.done():
                settled.set_result(card)
            if card is not None and event.pressed is not None and self.update_card is not None:
                # A failed update was logged where it failed; the replies still go.
                with contextlib.suppress(DeliveryError):
                    await self.update_card(
                        saved, event.conversation.thread_id, event.pressed.message_id, card
                    )
            await deliver_replies(replies, self.send)
        finally:
            if settled is not None and not settled.done():
                settled.set_result(None)

    async def _on_members_added(self, context: TurnContext, _state: TurnState) -> None:
        activity = _json(context.activity)
        tenant, conversation, actor, saved, contact = self._where(context, activity)
        bot = str((activity.get("recipient") or {}).get("id") or "")
        service_url = str(activity.get("serviceUrl") or "")
        joined: list[MemberJoined] = []
        contacts = [contact] if is_from_person(activity) else []
        added = [a for a in activity.get("membersAdded") or [] if isinstance(a, dict)]
        installed = any(account.get("id") == bot for account in added)
        if conversation.kind is ConversationKind.DIRECT and contacts and installed:
            # The app installed in someone's personal scope (Teams may say so twice: also
            # as an installationUpdate).
            self.tasks.spawn(self._welcome_once(tenant, saved, contacts, actor, conversation))
            return
        for index, account in enumerate(added):
            if not account.get("id") or account["id"] == bot:
                continue
            member = MemberRef(PLATFORM, tenant, user_key(account))
            contacts.append(
                Contact(
                    member.user_id,
                    str(account["id"]),
                    str(account.get("name") or ""),
                    service_url=service_url or None,
                    seen_in=conversation.channel_id,
                )
            )
            if conversation.kind is not ConversationKind.DIRECT:
                event_id = f"joined:{activity.get('id') or uuid.uuid4().hex}:{index}"
                joined.append(MemberJoined(event_id, member, conversation))
        team_id, _ = team_of(activity)
        if joined and team_id and conversation.kind is ConversationKind.CHANNEL:
            # Joining a team is joining each of its channels, whose communities may welcome.
            self.tasks.spawn(
                self._team_joined(tenant, saved, contacts, joined, team_id, service_url)
            )
            return
        self.tasks.spawn(self._store_then(tenant, saved, contacts, *joined))

    async def _on_installed(self, context: TurnContext, _state: TurnState) -> None:
        activity = _json(context.activity)
        if str(activity.get("action") or "").startswith("remove"):
            return
        tenant, conversation, actor, saved, contact = self._where(context, activity)
        contacts = [contact] if is_from_person(activity) else []
        if conversation.kind is ConversationKind.DIRECT and contacts:
            self.tasks.spawn(self._welcome_once(tenant, saved, contacts, actor, conversation))
            return
        self.tasks.spawn(self._store_then(tenant, saved, contacts))

    async def _welcome_once(
        self,
        tenant: str,
        saved: SavedConversation,
        contacts: Sequence[Contact],
        actor: MemberRef,
        conversation: ConversationRef,
    ) -> None:
        """Welcome someone who installed the app for themselves — the first time only: not
        when they had a chat with the bot already (a reinstall, a restart, the bot having
        written first). The welcome is the core's own answer to `help`; its event id is the
        member's, so the two activities Teams may send for one install welcome once."""
        known = await self.store.direct_with(tenant, actor.user_id)
        await self._store_then(tenant, saved, contacts)
        if known is not None:
            return
        event = CommandInvoked(f"welcome:{actor.user_id}", actor, conversation, WELCOME_COMMAND)
        await self._store_then(tenant, saved, contacts, event)

    async def _team_joined(
        self,
        tenant: str,
        general: SavedConversation,
        contacts: Sequence[Contact],
        joined: Sequence[MemberJoined],
        team_id: str,
        service_url: str,
    ) -> None:
        """People joined a team (Teams says so in its General channel only): they joined
        each of its channels too, so each one's community can welcome them where it lives.
        A channel the bot never saw gets its reference now (built from General's)."""
        await self._store_then(tenant, general, contacts)
        events: list[InboundEvent] = list(joined)
        for channel_id in await self._channels_of(tenant, service_url, team_id):
            key = conversation_key(channel_id)
            if key == general.key:
                continue
            channel = SavedConversation(
                key, ConversationKind.CHANNEL.value, reference_json(general.reference, channel_id)
            )
            self.references.remember(tenant, channel)
            await self._store_then(tenant, channel, ())
            where = ConversationRef(PLATFORM, tenant, key, None, ConversationKind.CHANNEL)
            digest = hashlib.sha256(key.encode()).hexdigest()[:12]
            events.extend(
                MemberJoined(f"{event.event_id}:{digest}", event.actor, where) for event in joined
            )
        await self._store_then(tenant, general, contacts, *events)

    async def _channels_of(self, tenant: str, service_url: str, team_id: str) -> tuple[str, ...]:
        """A team's channel ids (cached a while: people often join several at once)."""
        cache_key = f"{tenant}\n{team_id}"
        cached = self._channels.get(cache_key)
        if cached is not None:
            return cached.value
        if self.team_channels is None or not service_url:
            return ()
        try:
            channels = tuple(await self.team_channels(service_url, team_id))
        except DeliveryError:
            log.warning("teams: the channels of a team could not be listed; welcomed in General")
            return ()
        self._channels.put(cache_key, channels)
        return channels

    def _where(
        self, context: TurnContext, activity: Mapping[str, Any]
    ) -> tuple[str, ConversationRef, MemberRef, SavedConversation, Contact]:
        """Where an activity happened, who sent it, and what to remember about both."""
        tenant = tenant_of(activity)
        raw = activity.get("conversation") or {}
        base, thread = split_thread(str(raw.get("id") or ""))
        kind = conversation_kind(raw)
        key = conversation_key(base)
        sender = activity.get("from") or {}
        actor = MemberRef(PLATFORM, tenant, user_key(sender))
        reference = reference_json(_json(context.activity.get_conversation_reference()), base)
        saved = SavedConversation(
            key,
            kind.value,
            reference,
            actor.user_id if kind is ConversationKind.DIRECT else None,
        )
        self.references.remember(tenant, saved)
        name = str(sender.get("name") or "")
        if name:
            timezone = activity.get("localTimezone")
            locale = activity.get("locale")  # the member's Teams language, "fr-CA"
            self.profiles.remember(
                tenant,
                actor.user_id,
                PlatformProfile(
                    name,
                    str(timezone) if timezone else None,
                    locale=str(locale) if locale else None,
                ),
            )
        contact = Contact(
            actor.user_id,
            str(sender.get("id") or ""),
            name,
            service_url=str(activity.get("serviceUrl") or "") or None,
            seen_in=key,
        )
        return tenant, ConversationRef(PLATFORM, tenant, key, thread, kind), actor, saved, contact

    async def _store_then(
        self,
        tenant: str,
        saved: SavedConversation,
        contacts: Sequence[Contact],
        *events: InboundEvent,
    ) -> None:
        # The reference is stored before the core runs, so its reply (and any process
        # sending later) can find it — written only when it (or someone seen) changed.
        people = tuple(sorted((c for c in contacts if c.platform_user_id), key=_by_user))
        key = f"{tenant}\n{saved.key}"
        stored = self._stored.get(key)
        if stored is None or stored.value != (saved, people):
            await self.store.save(tenant, saved, people)
            self._stored.put(key, (saved, people))
        for event in events:
            if self.dispatch is None or self.send is None:
                log.warning("teams activity before start(); dropped id=%s", event.event_id)
                return
            await deliver_replies(await self.dispatch(event), self.send)


def _by_user(contact: Contact) -> str:
    return contact.user_id


def _json(model: Any) -> dict[str, Any]:
    """An SDK model (an activity, a reference) as its camelCase JSON."""
    data = model.model_dump(mode="json", by_alias=True, exclude_none=True)
    return data if isinstance(data, dict) else {}
