"""The Teams adapter: a Microsoft 365 Agents SDK `AgentApplication` at ``/api/messages``.

Inbound, Bot Framework POSTs each activity to ``/api/messages``; the JWT it carries, and the
activity against it, are checked by `auth.InboundAuth` (or, with no credentials configured
and anonymous mode asked for, the SDK's anonymous mode accepts requests without one — for
local testing only), then the SDK runs the activity's turn through `handlers.TurnHandlers`,
which store its conversation reference and hand a neutral event to the core in a task of
its own, so Teams gets its 202 at once.

Outbound, `proactive.ProactiveSender` sends every message — a reply or a reminder days
later — as a proactive turn through the reference stored for that conversation.
"""

from __future__ import annotations

import asyncio
import logging
import random
import warnings
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import pydantic
from aiohttp import web
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import (
    AgentApplication,
    AgentAuthConfiguration,
    OutboundHostValidator,
    RestChannelServiceClientFactory,
    Storage,
    StoreItem,
    TurnContext,
    TurnState,
)
from microsoft_agents.hosting.core.storage.storage import StoreItemT

from guildbot.adapters.common import ConnectionState, HandlerTasks, quiet_library_logs
from guildbot.adapters.teams.auth import InboundAuth, Refused, ServiceUrls, accepted_issuers
from guildbot.adapters.teams.delivery import ConnectorRetry, Sleep
from guildbot.adapters.teams.handlers import INVOKE_WAIT_SECONDS, Profiles, TurnHandlers
from guildbot.adapters.teams.inbound import PLATFORM
from guildbot.adapters.teams.proactive import ProactiveSender, References
from guildbot.contract.adapter import Capabilities, Connection, Dispatch, PlatformProfile
from guildbot.contract.errors import DeliveryError
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.phrases import Phrases
from guildbot.contract.reconciling import Found, SendKey
from guildbot.contract.refs import ConversationRef, MemberRef, MessageRef
from guildbot.contract.stores import ConversationStore

log = logging.getLogger(__name__)

MESSAGES_PATH = "/api/messages"
# Where a multi-tenant bot (no TEAMS_TENANT_ID) gets its tokens: Bot Framework's own tenant.
BOT_FRAMEWORK_TENANT = "botframework.com"
SHUTDOWN_GRACE_SECONDS = 10.0
# The SDK's token validator warns of each refusal, which `handle_http` logs in one line.
_SDK_VALIDATOR_LOG = "microsoft_agents.hosting.core.authorization.jwt"


class TeamsAdapter:
    """Microsoft Teams as a Guildbot platform (implements `guildbot.contract.adapter.Adapter`)."""

    def __init__(
        self,
        *,
        store: ConversationStore,
        phrases: Phrases,
        client_id: str = "",
        client_secret: str = "",
        tenant_id: str = "",
        sleep: Sleep = asyncio.sleep,
        jitter: Callable[[], float] = random.random,
        max_attempts: int = 4,
        shutdown_grace: float = SHUTDOWN_GRACE_SECONDS,
        host_validator: OutboundHostValidator | None = None,
        service_urls: Sequence[str] = (),
        invoke_wait: float = INVOKE_WAIT_SECONDS,
    ) -> None:
        self.store = store
        # The adapter's own words (a button not ours, an acknowledgement, a note), in the
        # member's Teams language where it is known.
        self.phrases = phrases
        self.client_id = client_id
        self.anonymous = not client_id
        self._shutdown_grace = shutdown_grace
        self.retry = ConnectorRetry(sleep, max_attempts=max_attempts, jitter=jitter)
        # The SDK logs conversation ids at INFO and, for unrouted activities, their text:
        # members' messages stay out of logs unless the operator asked for DEBUG.
        quiet_library_logs("microsoft_agents")
        quiet_library_logs(_SDK_VALIDATOR_LOG, level=logging.ERROR)
        self.auth = AgentAuthConfiguration(
            client_id=client_id or None,
            tenant_id=tenant_id or (None if self.anonymous else BOT_FRAMEWORK_TENANT),
            client_secret=client_secret or None,
            anonymous_allowed=self.anonymous,
            # The SDK's issuer check (off unless asked for); `InboundAuth` narrows it further.
            issuers=list(accepted_issuers(tenant_id)),
            validate_issuer=not self.anonymous,
        )
        self.inbound = InboundAuth(self.auth, tenant_id=tenant_id, anonymous=self.anonymous)
        connections = MsalConnectionManager(
            connections_configurations={"SERVICE_CONNECTION": self.auth}
        )
        clients = RestChannelServiceClientFactory(connections)
        if host_validator is None:
            # With credentials, an activity's serviceUrl must be a Microsoft host (https), or
            # one the operator listed (TEAMS_SERVICE_URLS), and match its token's
            # `serviceurl` claim: replies carry the bot's own token there.
            host_validator = ServiceUrls(service_urls, enabled=not self.anonymous)
        self.cloud = CloudAdapter(
            channel_service_client_factory=clients, host_validator=host_validator
        )
        self.cloud.on_turn_error = self._on_turn_error
        self.agent: AgentApplication[TurnState] = AgentApplication[TurnState](
            storage=_NoStorage(),
            connection_manager=connections,
            start_typing_timer=False,
            remove_recipient_mention=False,  # `inbound.command_text` removes it, tested
        )
        self._tasks = HandlerTasks(log, PLATFORM)
        self._connection = ConnectionState()
        self._profiles = Profiles()
        self._roster_asked: set[tuple[str, str]] = set()
        references = References(store)
        self.handlers = TurnHandlers(
            self.agent,
            store=store,
            references=references,
            profiles=self._profiles,
            tasks=self._tasks,
            phrases=phrases,
            invoke_wait=invoke_wait,
        )
        self.sender = ProactiveSender(
            store=store,
            references=references,
            cloud=self.cloud,
            clients=clients,
            retry=self.retry,
            client_id=client_id,
            phrases=phrases,
            locale_of=self._locale_of,
        )
        self.handlers.send = self.sender.send
        self.handlers.team_channels = self.sender.team_channels
        self.handlers.update_card = self.sender.update_card

    def _locale_of(self, tenant: str, user_id: str) -> str | None:
        """The member's Teams language, as their last activity said (None: not seen)."""
        known = self._profiles.get(tenant, user_id)
        return known.locale if known is not None else None

    # -- the Adapter protocol -------------------------------------------------------------

    @property
    def platform(self) -> str:
        """``teams``."""
        return PLATFORM

    @property
    def capabilities(self) -> Capabilities:
        """Teams allows a bot about 7 messages a second per conversation, 60 per 30 seconds.
        (No ephemeral messages and no bot-made group chats: `proactive` falls back to each
        member's own chat.)"""
        return Capabilities(min_send_interval_seconds=0.5)

    def routes(self) -> list[web.RouteDef]:
        """``POST /api/messages`` — the messaging endpoint of the Azure Bot registration."""
        return [web.post(MESSAGES_PATH, self.handle_http)]

    async def start(self, dispatch: Dispatch) -> None:
        """Receive activities (and return: Teams calls us, nothing to connect to)."""
        self.handlers.dispatch = dispatch
        self._connection.mark(True)
        if self.anonymous:
            log.warning(
                "teams adapter started in anonymous mode (no TEAMS_CLIENT_ID): requests are "
                "not authenticated; use this for local testing only"
            )
        else:
            log.info("teams adapter started app=%s", self.client_id)

    async def connection(self) -> Connection:
        """Teams is HTTP only (Bot Framework calls ``/api/messages``): "connected" from start
        to stop, since there is no connection of ours to lose."""
        return self._connection.snapshot()

    async def stop(self) -> None:
        """Let handlers in progress finish (a few seconds), then cancel the rest."""
        self._connection.mark(False)
        await self._tasks.close(self._shutdown_grace)
        log.info("teams adapter stopped")

    async def drain(self, grace: float | None = None) -> None:
        """Wait until every activity handed to the core so far has been handled."""
        await self._tasks.drain(grace)

    async def send(self, message: OutboundMessage) -> MessageRef:
        """Post a message as an Adaptive Card through the conversation's stored reference.

        Private replies in a channel or group chat go to the member's own chat with the bot
        (Teams has no ephemeral messages). Raises `DeliveryError` on failure.
        """
        return await self.sender.send(message)

    # -- Reconciling: what Teams keeps of an outbox row, and what it cannot tell --------------

    @property
    def resend_is_idempotent_for(self) -> timedelta:
        """Never: the connector posts every activity it is given, whatever it carries."""
        return timedelta(0)

    async def send_keyed(self, message: OutboundMessage, key: SendKey) -> MessageRef:
        """`send`, the row and attempt in each activity's channelData."""
        return await self.sender.send(message, key)

    async def find_sent(
        self, conversation: ConversationRef, keys: Sequence[SendKey], since: datetime
    ) -> Found | None:
        """Teams cannot tell: the Bot Connector lets a bot post, update and delete its
        activities but not read a conversation back, so after a sender stopped the outbox's
        per-kind policy decides (reminders are sent again; announcements are put to their
        owner, once per incident)."""
        return None

    async def open_conversation(
        self, members: Sequence[MemberRef], key: str | None = None
    ) -> ConversationRef:
        """A member's 1:1 chat with the bot, or — several members — a fan-out group."""
        return await self.sender.open_conversation(members)  # the same members: the same group

    async def lookup_user(self, member: MemberRef) -> PlatformProfile | None:
        """Name and time zone from the member's activities; sign-in e-mail from Teams' roster
        when it answers. None when the member never talked to the bot."""
        tenant, user_id = member.workspace_id, member.user_id
        key = (tenant, user_id)
        cached = self._profiles.get(tenant, user_id)
        if cached is not None and (cached.email is not None or key in self._roster_asked):
            return cached
        contacts = await self.store.contacts(tenant, [user_id])
        contact = contacts.get(user_id)
        if contact is None:
            return cached
        email = contact.principal_name
        name = (cached.display_name if cached else "") or contact.display_name
        if not (email and name) and key not in self._roster_asked:
            # Once per member and process: the roster rarely changes, and lookups are frequent.
            # It is where a member known only from `membersAdded` gets a name.
            self._roster_asked.add(key)
            roster = await self.sender.roster(tenant, contact)
            if roster is not None:
                email = email or roster.email
                name = name or roster.name
        if not name:
            return None
        profile = PlatformProfile(
            display_name=name,
            timezone=cached.timezone if cached else None,
            email=email or None,
            locale=cached.locale if cached else None,
        )
        self._profiles.remember(tenant, user_id, profile)
        return self._profiles.get(tenant, user_id)

    # -- HTTP -----------------------------------------------------------------------------

    async def handle_http(self, request: web.Request) -> web.StreamResponse:
        """``POST /api/messages``: authenticate, then let the SDK run the activity's turn.
        A refused request gets 401 before anything is stored or handed to the core."""
        try:
            claims = await self.inbound.claims(request.headers.get("Authorization"))
        except Refused as refusal:
            return _unauthorized(refusal)
        try:
            body = await request.json()
        except (ValueError, UnicodeDecodeError):
            return _bad_request("the body is not JSON")
        if not isinstance(body, dict) or not isinstance(body.get("conversation"), dict):
            return _bad_request("expected a Bot Framework activity")
        try:
            self.inbound.check_activity(claims, body)
        except Refused as refusal:
            return _unauthorized(refusal)
        with warnings.catch_warnings():
            # The SDK reads the claims under this plain string key.
            warnings.simplefilter("ignore", web.NotAppKeyWarning)
            request["claims_identity"] = claims
        try:
            response = await self.cloud.process(request, self.agent)
        except pydantic.ValidationError:
            return _bad_request("the activity is malformed")
        except Exception as error:  # the bot's own token (MSAL) before the turn, mostly
            # One line, no activity: Teams retries the request later.
            log.error(
                "teams activity not processed: %s (if this repeats, check TEAMS_CLIENT_ID, "
                "TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID)",
                type(error).__name__,
            )
            log.debug("teams activity not processed", exc_info=error)
            return web.json_response({"error": "unavailable"}, status=503)
        return response or web.Response(status=202)

    async def _on_turn_error(self, _context: TurnContext, error: Exception) -> None:
        # The SDK's default answers the member with the exception text; never do that.
        if isinstance(error, DeliveryError):
            raise error
        log.error("teams turn failed: %s", type(error).__name__, exc_info=error)


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


def _unauthorized(refusal: Refused) -> web.Response:
    log.warning("teams request refused: %s", refusal)
    return web.json_response({"error": "unauthorized"}, status=401)


def _bad_request(reason: str) -> web.Response:
    return web.json_response({"error": reason}, status=400)
