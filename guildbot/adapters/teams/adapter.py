"""The Teams adapter: a Microsoft 365 Agents SDK `AgentApplication` at ``/api/messages``.

Inbound, Bot Framework POSTs each activity to ``/api/messages``; the JWT it carries is
checked (or, with no credentials configured, the SDK's anonymous mode accepts requests
without one — for local testing only). Every handler stores the conversation reference the
activity carries, turns the activity into a neutral event and hands it to the core in a
task of its own, so Teams gets its 202 at once (it gives up after 15 seconds).

Outbound, nothing is sent "in the turn": every message — a reply or a reminder days later —
goes through `CloudAdapter.continue_conversation_with_claims` with the reference stored for
that conversation, which is how Teams lets a bot speak first. A member can only be messaged
first once the app is installed for them (personal scope) or for a team they are in; for
anyone else `open_conversation` raises `RecipientUnreachable` and the outbox tells the
facilitator. Teams bots cannot open group chats, so a group is a *fan-out*: each member gets
the message in their own chat with the others named and a deep link that opens a chat with
all of them.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import random
import re
import uuid
import warnings
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import aiohttp
import pydantic
from aiohttp import web
from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    Attachment,
    ChannelAccount,
    ConversationParameters,
    ConversationReference,
)
from microsoft_agents.activity import AdaptiveCardInvokeResponse as InvokeResponse
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import (
    AgentApplication,
    AgentAuthConfiguration,
    AuthenticationConstants,
    ClaimsIdentity,
    JwtTokenValidator,
    RestChannelServiceClientFactory,
    RouteRank,
    Storage,
    StoreItem,
    TurnContext,
    TurnState,
)
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient
from microsoft_agents.hosting.core.storage.storage import StoreItemT

from guildbot.adapters.teams import cards
from guildbot.adapters.teams.delivery import ConnectorRetry, Sleep, delivery_error
from guildbot.adapters.teams.inbound import (
    PLATFORM,
    action_of,
    command_text,
    conversation_key,
    conversation_kind,
    is_from_person,
    join_thread,
    mentions_bot,
    split_thread,
    tenant_of,
    user_key,
)
from guildbot.bot.conversation_store import Contact, ConversationStore, SavedConversation
from guildbot.bot.events import (
    ActionInvoked,
    CommandInvoked,
    ConversationKind,
    ConversationRef,
    InboundEvent,
    MemberJoined,
    MemberRef,
    MessageReceived,
    MessageRef,
    OutboundMessage,
)
from guildbot.bot.ports import (
    Capabilities,
    DeliveryError,
    Dispatch,
    PlatformProfile,
    RecipientUnreachable,
)

log = logging.getLogger(__name__)

MESSAGES_PATH = "/api/messages"
DEEP_LINK = "https://teams.microsoft.com/l/chat/0/0?users="
SHUTDOWN_GRACE_SECONDS = 10.0
PROFILE_CACHE_SIZE = 10_000
INVOKE_MESSAGE = "application/vnd.microsoft.activity.message"


@dataclass(frozen=True, slots=True)
class _Sent:
    message_id: str


class TeamsAdapter:
    """Microsoft Teams as a Guildbot platform (implements `guildbot.bot.ports.Adapter`)."""

    def __init__(
        self,
        *,
        store: ConversationStore,
        client_id: str = "",
        client_secret: str = "",
        tenant_id: str = "",
        sleep: Sleep = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
        max_attempts: int = 4,
        shutdown_grace: float = SHUTDOWN_GRACE_SECONDS,
    ) -> None:
        self.store = store
        self.client_id = client_id
        self.anonymous = not client_id
        self._shutdown_grace = shutdown_grace
        self.retry = ConnectorRetry(sleep, max_attempts=max_attempts, jitter=jitter)
        # The SDK logs conversation ids at INFO and, for unrouted activities, their text:
        # members' messages stay out of logs unless the operator asked for DEBUG.
        quiet = (
            logging.DEBUG if logging.getLogger().isEnabledFor(logging.DEBUG) else logging.WARNING
        )
        logging.getLogger("microsoft_agents").setLevel(quiet)
        self.auth = AgentAuthConfiguration(
            client_id=client_id or None,
            tenant_id=tenant_id or None,
            client_secret=client_secret or None,
            anonymous_allowed=self.anonymous,
        )
        connections = MsalConnectionManager(
            connections_configurations={"SERVICE_CONNECTION": self.auth}
        )
        self.clients = RestChannelServiceClientFactory(connections)
        self.cloud = CloudAdapter(channel_service_client_factory=self.clients)
        self.cloud.on_turn_error = self._on_turn_error
        self.agent: AgentApplication[TurnState] = AgentApplication[TurnState](
            storage=_NoStorage(),
            connection_manager=connections,
            start_typing_timer=False,
            remove_recipient_mention=False,  # `inbound.command_text` removes it, tested
        )
        self._dispatch: Dispatch | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._conversations: dict[tuple[str, str], SavedConversation] = {}
        self._profiles: dict[tuple[str, str], PlatformProfile] = {}
        self._roster_asked: set[tuple[str, str]] = set()
        self._register()

    # -- the Adapter protocol -------------------------------------------------------------

    @property
    def platform(self) -> str:
        """``teams``."""
        return PLATFORM

    @property
    def capabilities(self) -> Capabilities:
        """Cards with buttons and threads; no ephemeral messages and no bot-made group chats.
        Teams allows a bot about 7 messages a second per conversation, 60 per 30 seconds."""
        return Capabilities(
            buttons=True,
            ephemeral=False,
            group_conversations=False,
            threads=True,
            min_send_interval_seconds=0.5,
        )

    def routes(self) -> list[web.RouteDef]:
        """``POST /api/messages`` — the messaging endpoint of the Azure Bot registration."""
        return [web.post(MESSAGES_PATH, self.handle_http)]

    async def start(self, dispatch: Dispatch) -> None:
        """Receive activities (and return: Teams calls us, nothing to connect to)."""
        self._dispatch = dispatch
        if self.anonymous:
            log.warning(
                "teams adapter started in anonymous mode (no TEAMS_CLIENT_ID): requests are "
                "not authenticated; use this for local testing only"
            )
        else:
            log.info("teams adapter started app=%s", self.client_id)

    async def stop(self) -> None:
        """Let handlers in progress finish (a few seconds), then cancel the rest."""
        await self.drain(self._shutdown_grace)
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        log.info("teams adapter stopped")

    async def drain(self, grace: float | None = None) -> None:
        """Wait until every activity handed to the core so far has been handled."""
        loop = asyncio.get_running_loop()
        deadline = None if grace is None else loop.time() + grace
        while self._tasks:
            remaining = None if deadline is None else deadline - loop.time()
            if remaining is not None and remaining <= 0:
                return
            await asyncio.wait(set(self._tasks), timeout=remaining)

    async def send(self, message: OutboundMessage) -> MessageRef:
        """Post a message as an Adaptive Card through the conversation's stored reference.

        Private replies in a channel or group chat go to the member's own chat with the bot
        (Teams has no ephemeral messages). Raises `DeliveryError` on failure.
        """
        to = message.to
        private = message.ephemeral_to
        if private is not None and to.kind is not ConversationKind.DIRECT:
            try:
                direct = await self.open_conversation([private])
            except RecipientUnreachable:
                return await self._private_reply_elsewhere(message, private)
            return await self.send(
                OutboundMessage(direct, message.text, message.buttons, message.context)
            )
        saved = await self._conversation(to.workspace_id, to.channel_id)
        if saved is None:
            log.warning(
                "teams: no conversation reference for %s; has the bot been added there?",
                to.channel_id,
            )
            raise RecipientUnreachable(
                "Guildbot has no conversation reference for that Teams conversation",
                code="no_reference",
            )
        if saved.members:
            return await self._fan_out(message, saved)
        sent = await self._post(saved, message, message.thread_id or to.thread_id)
        return MessageRef(to, sent.message_id)

    async def open_conversation(self, members: Sequence[MemberRef]) -> ConversationRef:
        """A member's 1:1 chat with the bot, or — several members — a fan-out group."""
        people = list(dict.fromkeys(m for m in members))
        if not people:
            raise RecipientUnreachable("nobody to open a conversation with", code="no_users")
        tenant = people[0].workspace_id
        if len(people) == 1:
            return await self._direct(people[0])
        ids = sorted({m.user_id for m in people})
        key = "g:" + hashlib.sha256(",".join(ids).encode()).hexdigest()[:40]
        group = SavedConversation(key, ConversationKind.GROUP.value, {}, None, tuple(ids))
        await self.store.save(tenant, group)
        self._conversations[(tenant, key)] = group
        return ConversationRef(PLATFORM, tenant, key, None, ConversationKind.GROUP)

    async def lookup_user(self, member: MemberRef) -> PlatformProfile | None:
        """Name and time zone from the member's activities; sign-in e-mail from Teams' roster
        when it answers. None when the member never talked to the bot."""
        key = (member.workspace_id, member.user_id)
        cached = self._profiles.get(key)
        if cached is not None and (cached.email is not None or key in self._roster_asked):
            return cached
        contacts = await self.store.contacts(member.workspace_id, [member.user_id])
        contact = contacts.get(member.user_id)
        if contact is None:
            return cached
        email = contact.principal_name
        if not email and key not in self._roster_asked:
            # Once per member and process: the roster rarely changes, and lookups are frequent.
            self._roster_asked.add(key)
            email = await self._roster_email(member.workspace_id, contact)
        name = (cached.display_name if cached else "") or contact.display_name
        if not name:
            return None
        profile = PlatformProfile(
            display_name=name, timezone=cached.timezone if cached else None, email=email or None
        )
        self._remember_profile(key, profile)
        return profile

    # -- HTTP -----------------------------------------------------------------------------

    async def handle_http(self, request: web.Request) -> web.StreamResponse:
        """``POST /api/messages``: authenticate, then let the SDK run the activity's turn."""
        claims = await self._authenticate(request.headers.get("Authorization"))
        if claims is None:
            return web.json_response({"error": "unauthorized"}, status=401)
        try:
            body = await request.json()
        except (ValueError, UnicodeDecodeError):
            return _bad_request("the body is not JSON")
        if not isinstance(body, dict) or not isinstance(body.get("conversation"), dict):
            return _bad_request("expected a Bot Framework activity")
        with warnings.catch_warnings():
            # The SDK reads the claims under this plain string key.
            warnings.simplefilter("ignore", web.NotAppKeyWarning)
            request["claims_identity"] = claims
        try:
            response = await self.cloud.process(request, self.agent)
        except pydantic.ValidationError:
            return _bad_request("the activity is malformed")
        return response or web.Response(status=202)

    async def _authenticate(self, header: str | None) -> ClaimsIdentity | None:
        """The request's verified claims; anonymous ones when no credentials are configured
        and the request carries no token; None (-> 401) otherwise."""
        if not header:
            return ClaimsIdentity() if self.anonymous else None
        scheme, _, token = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        try:
            return await JwtTokenValidator(self.auth).validate_token(token.strip())
        except Exception as error:  # PyJWT, key lookup, audience: all "not authenticated"
            log.warning("teams request refused: %s", type(error).__name__)
            return None

    # -- inbound --------------------------------------------------------------------------

    def _register(self) -> None:
        self.agent.adaptive_card.action_execute(_ANY_VERB)(self._on_execute)
        self.agent.activity(ActivityTypes.message)(self._on_message)
        self.agent.conversation_update("membersAdded")(self._on_members_added)
        self.agent.activity(ActivityTypes.installation_update)(self._on_installed)
        # Everything else (typing, reactions, edits, other updates) is acknowledged and
        # dropped here rather than by the SDK, which would log the activity's text.
        self.agent.add_route(
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
        event: InboundEvent
        pressed = action_of(activity.get("value"))
        if pressed is not None:
            event = ActionInvoked(event_id, actor, conversation, pressed[0], pressed[1])
        elif activity.get("value") is not None and not activity.get("text"):
            return  # a card submit that is not ours
        elif conversation.kind is ConversationKind.DIRECT or mentions_bot(activity):
            event = CommandInvoked(event_id, actor, conversation, command_text(activity))
        else:
            event = MessageReceived(event_id, actor, conversation, command_text(activity))
        self._spawn(self._store_then(tenant, saved, [contact], event))

    async def _on_execute(
        self, context: TurnContext, _state: TurnState, data: Any
    ) -> InvokeResponse:
        pressed = action_of(data)
        if pressed is None:
            return InvokeResponse(
                status_code=400,
                type="application/vnd.microsoft.error",
                value={"code": "BadRequest", "message": "That button is not one of Guildbot's."},
            )
        activity = _json(context.activity)
        tenant, conversation, actor, saved, contact = self._where(context, activity)
        event_id = f"activity:{activity.get('id') or uuid.uuid4().hex}"
        event = ActionInvoked(event_id, actor, conversation, pressed[0], pressed[1])
        self._spawn(self._store_then(tenant, saved, [contact], event))
        return InvokeResponse(status_code=200, type=INVOKE_MESSAGE, value="Got it.")

    async def _on_members_added(self, context: TurnContext, _state: TurnState) -> None:
        activity = _json(context.activity)
        tenant, conversation, _actor, saved, contact = self._where(context, activity)
        bot = str((activity.get("recipient") or {}).get("id") or "")
        service_url = str(activity.get("serviceUrl") or "")
        joined: list[MemberJoined] = []
        contacts = [contact] if is_from_person(activity) else []
        for index, account in enumerate(activity.get("membersAdded") or []):
            if not isinstance(account, dict) or not account.get("id") or account["id"] == bot:
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
        self._spawn(self._store_then(tenant, saved, contacts, *joined))

    async def _on_installed(self, context: TurnContext, _state: TurnState) -> None:
        activity = _json(context.activity)
        if str(activity.get("action") or "").startswith("remove"):
            return
        tenant, _conversation, _actor, saved, contact = self._where(context, activity)
        contacts = [contact] if is_from_person(activity) else []
        self._spawn(self._store_then(tenant, saved, contacts))

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
        reference = _reference_json(context.activity.get_conversation_reference(), base)
        saved = SavedConversation(
            key,
            kind.value,
            reference,
            actor.user_id if kind is ConversationKind.DIRECT else None,
        )
        self._conversations[(tenant, key)] = saved
        name = str(sender.get("name") or "")
        if name:
            timezone = activity.get("localTimezone")
            self._remember_profile(
                (tenant, actor.user_id),
                PlatformProfile(name, str(timezone) if timezone else None),
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
        # sending later) can find it.
        await self.store.save(tenant, saved, [c for c in contacts if c.platform_user_id])
        for event in events:
            if self._dispatch is None:
                log.warning("teams activity before start(); dropped id=%s", event.event_id)
                return
            await self._dispatch(event)

    def _spawn(self, work: Awaitable[None]) -> None:
        async def run() -> None:
            try:
                await work
            except DeliveryError:
                pass  # logged where it happened, with the operation and status
            except Exception:
                log.exception("teams activity handling failed")

        task = asyncio.create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _on_turn_error(self, _context: TurnContext, error: Exception) -> None:
        # The SDK's default answers the member with the exception text; never do that.
        if isinstance(error, DeliveryError):
            raise error
        log.error("teams turn failed: %s", type(error).__name__, exc_info=error)

    # -- outbound -------------------------------------------------------------------------

    async def _conversation(self, tenant: str, key: str) -> SavedConversation | None:
        cached = self._conversations.get((tenant, key))
        if cached is not None:
            return cached
        saved = await self.store.get(tenant, key)
        if saved is not None:
            self._conversations[(tenant, key)] = saved
        return saved

    async def _direct(self, member: MemberRef) -> ConversationRef:
        """The member's 1:1 chat: stored, or created through a team they share with the bot."""
        tenant = member.workspace_id
        saved = await self.store.direct_with(tenant, member.user_id)
        if saved is None:
            saved = await self._create_direct(member)
        self._conversations[(tenant, saved.key)] = saved
        return ConversationRef(PLATFORM, tenant, saved.key, None, ConversationKind.DIRECT)

    async def _create_direct(self, member: MemberRef) -> SavedConversation:
        tenant = member.workspace_id
        contact = (await self.store.contacts(tenant, [member.user_id])).get(member.user_id)
        seen_in = (
            await self._conversation(tenant, contact.seen_in)
            if contact is not None and contact.seen_in
            else None
        )
        bot = (seen_in.reference.get("bot") if seen_in else None) or {}
        if contact is None or not contact.service_url or not bot.get("id"):
            log.warning(
                "teams: cannot message member %s first: they have no chat with Guildbot and "
                "share no team where it is installed (they must install the app first)",
                member.user_id,
            )
            raise RecipientUnreachable(
                "this member has not installed Guildbot in Teams yet, so it cannot message "
                "them first",
                code="not_installed",
            )
        parameters = ConversationParameters(
            is_group=False,
            bot=ChannelAccount(id=str(bot["id"]), name=str(bot.get("name") or "")),
            members=[ChannelAccount(id=contact.platform_user_id)],
            tenant_id=tenant,
            channel_data={"tenant": {"id": tenant}},
        )
        connector = await self._connector(contact.service_url)
        try:
            created = await self.retry.call(
                "create_conversation",
                lambda: connector.conversations.create_conversation(parameters),
            )
        except RecipientUnreachable:
            log.warning(
                "teams: member %s has not installed Guildbot (Teams refused a 1:1 chat)",
                member.user_id,
            )
            raise RecipientUnreachable(
                "this member has not installed Guildbot in Teams yet, so it cannot message "
                "them first",
                code="not_installed",
            ) from None
        finally:
            await connector.close()
        reference = ConversationReference.model_validate(
            {
                "bot": bot,
                "user": {"id": contact.platform_user_id, "aadObjectId": member.user_id},
                "conversation": {
                    "id": created.id,
                    "conversationType": "personal",
                    "tenantId": tenant,
                },
                "channelId": "msteams",
                "serviceUrl": contact.service_url,
            }
        )
        key = conversation_key(str(created.id))
        saved = SavedConversation(
            key,
            ConversationKind.DIRECT.value,
            _reference_json(reference, created.id),
            member.user_id,
        )
        await self.store.save(tenant, saved)
        return saved

    async def _post(
        self, saved: SavedConversation, message: OutboundMessage, thread: str | None
    ) -> _Sent:
        """Send one message through a stored reference (a proactive turn), with retries."""
        card = cards.message_card(message)
        summary = cards.fallback_text(message)
        activity = Activity(
            type=ActivityTypes.message,
            summary=summary[:1000],
            attachments=[Attachment(content_type=cards.CARD_CONTENT_TYPE, content=card)],
        )
        try:
            return await self._send_activity(saved, activity, thread)
        except DeliveryError as error:
            if error.code != "http_400":
                raise
        # Teams refused the card itself: the text alone still says everything.
        log.warning("teams refused our card in %s; sending the text alone", saved.key)
        text_only = Activity(type=ActivityTypes.message, text=summary, text_format="markdown")
        return await self._send_activity(saved, text_only, thread)

    async def _send_activity(
        self, saved: SavedConversation, activity: Activity, thread: str | None
    ) -> _Sent:
        reference = ConversationReference.model_validate(saved.reference)
        if thread:
            reference.conversation.id = join_thread(reference.conversation.id, thread)
        continuation = reference.get_continuation_activity()
        # Without an id the turn's reference has none either, so the SDK posts a new message
        # (POST …/activities) instead of a reply to the continuation event.
        continuation.id = None
        outcome: list[_Sent | BaseException] = []

        async def deliver(context: TurnContext) -> None:
            try:
                response = await self.retry.call(
                    "send", lambda: context.send_activity(activity.model_copy(deep=True))
                )
                outcome.append(_Sent(str(getattr(response, "id", "") or "")))
            except BaseException as error:  # handed back to the caller below
                outcome.append(error)

        try:
            await self.cloud.continue_conversation_with_claims(
                self._identity(), continuation, deliver, AuthenticationConstants.AGENTS_SDK_SCOPE
            )
        except (aiohttp.ClientError, TimeoutError, OSError) as error:
            raise delivery_error("connect", error) from None
        except DeliveryError:
            raise
        except Exception as error:  # token acquisition (MSAL) and the like
            raise delivery_error("token", error) from None
        if not outcome:
            raise DeliveryError("Teams send did not run", retryable=True, code="no_turn")
        result = outcome[0]
        if isinstance(result, BaseException):
            raise result
        return result

    async def _fan_out(self, message: OutboundMessage, group: SavedConversation) -> MessageRef:
        """A group Teams cannot open: each member in their own chat, with a deep link."""
        tenant = message.to.workspace_id
        contacts = await self.store.contacts(tenant, list(group.members))
        names = {
            m: (contacts[m].display_name if m in contacts else "") or "a colleague"
            for m in group.members
        }
        link = DEEP_LINK + ",".join(
            quote((contacts[m].principal_name if m in contacts else None) or m, safe="@.")
            for m in group.members
        )
        sent: list[str] = []
        unreachable: list[str] = []
        for member in group.members:
            others = [names[m] for m in group.members if m != member]
            note = f"Also sent to {_and(others)} — [open a group chat with all of you]({link})."
            context = f"{message.context}\n{note}" if message.context else note
            try:
                direct = await self._direct(MemberRef(PLATFORM, tenant, member))
                saved = await self._conversation(tenant, direct.channel_id)
                assert saved is not None
                single = OutboundMessage(direct, message.text, message.buttons, context)
                sent.append((await self._post(saved, single, None)).message_id)
            except RecipientUnreachable:
                unreachable.append(member)
        if unreachable:
            log.warning(
                "teams group %s: %s of %s members could not be messaged (app not installed)",
                group.key,
                len(unreachable),
                len(group.members),
            )
        if not sent:
            raise RecipientUnreachable(
                "none of this group's members has installed Guildbot in Teams",
                code="not_installed",
            )
        return MessageRef(message.to, ",".join(sent))

    async def _private_reply_elsewhere(
        self, message: OutboundMessage, member: MemberRef
    ) -> MessageRef:
        """A private answer for someone the bot cannot message: say so where they asked,
        without the answer itself."""
        log.warning("teams: private reply for %s undeliverable; told them in place", member.user_id)
        notice = OutboundMessage(
            message.to,
            "I have a private answer for you, but I can't message you yet: open a chat with "
            "Guildbot (Apps → Guildbot → Add) and ask again there.",
            thread_id=message.thread_id,
        )
        return await self.send(notice)

    async def _roster_email(self, tenant: str, contact: Contact) -> str | None:
        """The member's sign-in name from the conversation roster they were seen in."""
        if not contact.seen_in or not contact.service_url:
            return None
        seen_in = await self._conversation(tenant, contact.seen_in)
        conversation_id = str(
            ((seen_in.reference if seen_in else {}).get("conversation") or {}).get("id") or ""
        )
        if not conversation_id:
            return None
        connector = await self._connector(contact.service_url)
        try:
            account = await self.retry.call(
                "get_member",
                lambda: connector.get_conversation_member(
                    conversation_id, contact.platform_user_id
                ),
            )
        except DeliveryError:
            return None
        finally:
            await connector.close()
        email = account.user_principal_name or account.email
        if email:
            await self.store.save_contacts(
                tenant,
                [
                    Contact(
                        contact.user_id,
                        contact.platform_user_id,
                        contact.display_name or account.name or "",
                        principal_name=str(email),
                    )
                ],
            )
        return str(email) if email else None

    async def _connector(self, service_url: str) -> TeamsConnectorClient:
        """A connector client for `service_url` (the activity's serviceUrl) with our token."""
        try:
            client = await self.clients.create_connector_client(
                None,
                self._identity(),
                service_url,
                AuthenticationConstants.AGENTS_SDK_SCOPE,
                use_anonymous=self.anonymous,
            )
        except Exception as error:
            raise delivery_error("token", error) from None
        assert isinstance(client, TeamsConnectorClient)
        return client

    def _identity(self) -> ClaimsIdentity:
        """Who the bot is when it speaks first: its app id, or nobody in anonymous mode."""
        if self.anonymous:
            return ClaimsIdentity()
        return self.cloud.create_claims_identity(self.client_id)

    def _remember_profile(self, key: tuple[str, str], profile: PlatformProfile) -> None:
        if len(self._profiles) >= PROFILE_CACHE_SIZE and key not in self._profiles:
            self._profiles.pop(next(iter(self._profiles)))
        known = self._profiles.get(key)
        if known is not None:
            profile = PlatformProfile(
                profile.display_name or known.display_name,
                profile.timezone or known.timezone,
                profile.email or known.email,
            )
        self._profiles[key] = profile


class _NoStorage(Storage):
    """The SDK's turn state is not used: Guildbot keeps its state in its own database."""

    async def read(
        self, keys: list[str], *, target_cls: type[StoreItemT], **kwargs: Any
    ) -> dict[str, StoreItemT]:
        return {}

    async def write(self, changes: dict[str, StoreItem]) -> None:
        return None

    async def delete(self, keys: list[str]) -> None:
        return None


# Every Action.Execute verb: our buttons carry their action in `data`, not in the verb.
_ANY_VERB = re.compile(r"[\s\S]*")


def _json(activity: Activity) -> dict[str, Any]:
    data = activity.model_dump(mode="json", by_alias=True, exclude_none=True)
    return data if isinstance(data, dict) else {}


def _reference_json(reference: ConversationReference, conversation_id: str) -> dict[str, Any]:
    """A reference as stored: JSON, for the conversation itself (not a thread or a message)."""
    data = reference.model_dump(mode="json", by_alias=True, exclude_none=True)
    data.pop("activityId", None)
    data.pop("requestId", None)
    conversation = dict(data.get("conversation") or {})
    conversation["id"] = conversation_id
    data["conversation"] = conversation
    return data


def _bad_request(reason: str) -> web.Response:
    return web.json_response({"error": reason}, status=400)


def _and(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
