"""Outbound Teams messages: every send is a proactive turn through a stored reference.

Nothing is sent "in the turn": a reply or a reminder days later alike goes through
`CloudAdapter.continue_conversation_with_claims` with the reference stored for that
conversation, which is how Teams lets a bot speak first — from any process. A member can
only be messaged first once the app is installed for them (personal scope) or for a team
they are in; for anyone else `open_conversation` raises `RecipientUnreachable`
(``not_installed``) and the outbox tells the facilitator. Teams bots cannot open group
chats, so a group is a *fan-out*: each member gets the message in their own chat with the
others named and a deep link that opens a chat with all of them.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import aiohttp
from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    Attachment,
    ChannelAccount,
    ConversationParameters,
    ConversationReference,
)
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import (
    AuthenticationConstants,
    ClaimsIdentity,
    RestChannelServiceClientFactory,
    TurnContext,
)
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient

from guildbot.adapters.common import TtlCache
from guildbot.adapters.teams import cards
from guildbot.adapters.teams.delivery import (
    ConnectorRetry,
    delivery_error,
    outbox_channel_data,
)
from guildbot.adapters.teams.inbound import (
    PLATFORM,
    conversation_key,
    join_thread,
    reference_json,
)
from guildbot.contract.errors import DeliveryError, RecipientUnreachable
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.phrases import Phrases
from guildbot.contract.reconciling import SendKey
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef, MessageRef
from guildbot.contract.richtext import Link, RichText
from guildbot.contract.stores import Contact, ConversationStore, SavedConversation

log = logging.getLogger(__name__)

DEEP_LINK = "https://teams.microsoft.com/l/chat/0/0?users="
# A reference cached by this process is read again after this long: another process may
# have stored a newer one (Teams moves a tenant to another serviceUrl now and then).
REFERENCE_CACHE_SECONDS = 600.0
REFERENCE_CACHE_SIZE = 10_000
NOT_INSTALLED = (
    "this member has not installed Guildbot in Teams yet, so it cannot message them first"
)


@dataclass(frozen=True, slots=True)
class Roster:
    """What a conversation's roster says of a member ("" where it says nothing)."""

    name: str
    email: str


@dataclass(frozen=True, slots=True)
class Sent:
    """A message Teams accepted, with its id."""

    message_id: str


class References:
    """Stored conversations, read through a small cache of this process's own."""

    def __init__(self, store: ConversationStore) -> None:
        self.store = store
        self._cache: TtlCache[SavedConversation] = TtlCache(
            REFERENCE_CACHE_SECONDS, REFERENCE_CACHE_SIZE
        )

    def remember(self, tenant: str, saved: SavedConversation) -> None:
        """Keep `saved` at hand (it was just seen or stored)."""
        self._cache.put(_cache_key(tenant, saved.key), saved)

    async def get(self, tenant: str, key: str) -> SavedConversation | None:
        """The conversation stored under `key`, from the cache or the database."""
        cached = self._cache.get(_cache_key(tenant, key))
        if cached is not None:
            return cached.value
        saved = await self.store.get(tenant, key)
        if saved is not None:
            self.remember(tenant, saved)
        return saved


class ProactiveSender:
    """Sends neutral messages to Teams conversations through their stored references."""

    def __init__(
        self,
        *,
        store: ConversationStore,
        references: References,
        cloud: CloudAdapter,
        clients: RestChannelServiceClientFactory,
        retry: ConnectorRetry,
        client_id: str,
        phrases: Phrases,
        locale_of: Callable[[str, str], str | None],
    ) -> None:
        self.store = store
        # The sender's own words, in each member's Teams language (`locale_of(tenant, user)`).
        self.phrases = phrases
        self.locale_of = locale_of
        self.references = references
        self.cloud = cloud
        self.clients = clients
        self.retry = retry
        self.client_id = client_id
        self.anonymous = not client_id

    async def send(self, message: OutboundMessage, key: SendKey | None = None) -> MessageRef:
        """Post a message as an Adaptive Card through the conversation's stored reference
        (an outbox row's activities carry its `key` in their channelData).

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
                OutboundMessage(direct, message.text, message.buttons, message.context), key
            )
        saved = await self.references.get(to.workspace_id, to.channel_id)
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
            return await self._fan_out(message, saved, key)
        sent = await self._post(saved, message, message.thread_id or to.thread_id, key)
        return MessageRef(to, sent.message_id)

    async def open_conversation(
        self, members: Sequence[MemberRef], key: str | None = None
    ) -> ConversationRef:
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
        self.references.remember(tenant, group)
        return ConversationRef(PLATFORM, tenant, key, None, ConversationKind.GROUP)

    async def roster(self, tenant: str, contact: Contact) -> Roster | None:
        """The member's name and sign-in name from the roster of the conversation they were
        seen in (Teams leaves the name out of `membersAdded`); stored for every process."""
        if not contact.seen_in or not contact.service_url:
            return None
        seen_in = await self.references.get(tenant, contact.seen_in)
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
        found = Roster(
            str(account.name or ""), str(account.user_principal_name or account.email or "")
        )
        if found.name or found.email:
            await self.store.save_contacts(
                tenant,
                [
                    Contact(
                        contact.user_id,
                        contact.platform_user_id,
                        contact.display_name or found.name,
                        principal_name=found.email or None,
                    )
                ],
            )
        return found

    async def team_channels(self, service_url: str, team_id: str) -> list[str]:
        """The conversation ids of a team's channels (its General channel among them)."""
        connector = await self._connector(service_url)
        try:
            channels = await self.retry.call(
                "channels", lambda: connector.fetch_channel_list(team_id)
            )
        finally:
            await connector.close()
        return [str(channel.id) for channel in channels if channel.id]

    # -- 1:1 chats --------------------------------------------------------------------------

    async def _direct(self, member: MemberRef) -> ConversationRef:
        """The member's 1:1 chat: stored, or created through a team they share with the bot."""
        tenant = member.workspace_id
        saved = await self.store.direct_with(tenant, member.user_id)
        if saved is None:
            saved = await self._create_direct(member)
        self.references.remember(tenant, saved)
        return ConversationRef(PLATFORM, tenant, saved.key, None, ConversationKind.DIRECT)

    async def _create_direct(self, member: MemberRef) -> SavedConversation:
        tenant = member.workspace_id
        contact = (await self.store.contacts(tenant, [member.user_id])).get(member.user_id)
        seen_in = (
            await self.references.get(tenant, contact.seen_in)
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
            raise RecipientUnreachable(NOT_INSTALLED, code="not_installed")
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
            raise RecipientUnreachable(NOT_INSTALLED, code="not_installed") from None
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
        saved = SavedConversation(
            conversation_key(str(created.id)),
            ConversationKind.DIRECT.value,
            reference_json(_dump(reference), str(created.id)),
            member.user_id,
        )
        await self.store.save(tenant, saved)
        return saved

    # -- sending ----------------------------------------------------------------------------

    async def _post(
        self,
        saved: SavedConversation,
        message: OutboundMessage,
        thread: str | None,
        key: SendKey | None = None,
    ) -> Sent:
        """Send one message through a stored reference (a proactive turn), with retries:
        its card, then — when its buttons need more room than one card has — the cards that
        carry the rest. The message is known by its first card's id."""
        # A direct chat's member reads the card's own words in their language.
        tenant = message.to.workspace_id
        locale = self.locale_of(tenant, saved.user_id) if saved.user_id else None
        first, *more = cards.message_cards(message, cards.CardWords(self.phrases, locale))
        channel_data = outbox_channel_data(key)
        activity = Activity(
            type=ActivityTypes.message,
            summary=cards.summary(message),
            attachments=[Attachment(content_type=cards.CARD_CONTENT_TYPE, content=first)],
            channel_data=channel_data,
        )
        try:
            sent = await self._send_activity(saved, activity, thread)
        except DeliveryError as error:
            if error.code != "http_400":
                raise
        else:
            for card in more:
                page = Activity(
                    type=ActivityTypes.message,
                    summary=str(card["fallbackText"]),
                    attachments=[Attachment(content_type=cards.CARD_CONTENT_TYPE, content=card)],
                    channel_data=channel_data,
                )
                await self._send_activity(saved, page, thread)
            return sent
        # Teams refused the card itself: the text alone still says everything.
        log.warning("teams refused our card in %s; sending the text alone", saved.key)
        # Plain: what people wrote is shown as written, never as markdown or HTML.
        text = cards.fallback_text(message, cards.MAX_CARD_JSON)
        text_only = Activity(
            type=ActivityTypes.message, text=text, text_format="plain", channel_data=channel_data
        )
        return await self._send_activity(saved, text_only, thread)

    async def update_card(
        self, saved: SavedConversation, thread: str | None, activity_id: str, card: cards.Card
    ) -> None:
        """Replace the card of a message the bot sent (``PUT …/activities/{id}``), for
        everyone in the conversation and on every device. Raises `DeliveryError`."""
        activity = Activity(
            type=ActivityTypes.message,
            id=activity_id,
            summary=str(card.get("fallbackText") or ""),
            attachments=[Attachment(content_type=cards.CARD_CONTENT_TYPE, content=card)],
        )
        await self._in_turn(
            saved,
            thread,
            "update",
            lambda context: context.update_activity(activity.model_copy(deep=True)),
        )

    async def _send_activity(
        self, saved: SavedConversation, activity: Activity, thread: str | None
    ) -> Sent:
        return await self._in_turn(
            saved,
            thread,
            "send",
            lambda context: context.send_activity(activity.model_copy(deep=True)),
        )

    async def _in_turn(
        self,
        saved: SavedConversation,
        thread: str | None,
        operation: str,
        call: Callable[[TurnContext], Awaitable[Any]],
    ) -> Sent:
        """Run one connector call in a proactive turn through a stored reference."""
        reference = ConversationReference.model_validate(saved.reference)
        if thread:
            reference.conversation.id = join_thread(reference.conversation.id, thread)
        continuation = reference.get_continuation_activity()
        # Without an id the turn's reference has none either, so the SDK posts a new message
        # (POST …/activities) instead of a reply to the continuation event.
        continuation.id = None
        outcome: list[Sent | BaseException] = []

        async def deliver(context: TurnContext) -> None:
            try:
                response = await self.retry.call(operation, lambda: call(context))
                outcome.append(Sent(str(getattr(response, "id", "") or "")))
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

    async def _fan_out(
        self, message: OutboundMessage, group: SavedConversation, key: SendKey | None = None
    ) -> MessageRef:
        """A group Teams cannot open: each member in their own chat, with a deep link."""
        tenant = message.to.workspace_id
        contacts = await self.store.contacts(tenant, list(group.members))
        names = {m: contacts[m].display_name if m in contacts else "" for m in group.members}
        link = deep_link(
            [(contacts[m].principal_name if m in contacts else None) or m for m in group.members]
        )
        sent: list[str] = []
        unreachable: list[str] = []
        for member in group.members:
            locale = self.locale_of(tenant, member)
            words = self.phrases
            colleague = words.translate_plain(locale, "adapters-teams-a-colleague")
            others = [names[m] or colleague for m in group.members if m != member]
            note = RichText.of(
                words.translate_plain(
                    locale, "adapters-teams-also-sent", names=self._and(locale, others)
                ),
                " ",
                Link(link, words.translate_plain(locale, "adapters-teams-open-group-chat")),
                ".",
            )
            context = note if message.context is None else message.context + "\n" + note
            try:
                direct = await self._direct(MemberRef(PLATFORM, tenant, member))
                saved = await self.references.get(tenant, direct.channel_id)
                assert saved is not None
                single = OutboundMessage(direct, message.text, message.buttons, context)
                sent.append((await self._post(saved, single, None, key)).message_id)
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

    def _and(self, locale: str | None, names: Sequence[str]) -> str:
        """``A, B and C`` in the reader's language."""
        if len(names) <= 1:
            return "".join(names)
        first = ", ".join(names[:-1])
        return self.phrases.translate_plain(locale, "adapters-and", first=first, last=names[-1])

    async def _private_reply_elsewhere(
        self, message: OutboundMessage, member: MemberRef
    ) -> MessageRef:
        """A private answer for someone the bot cannot message: say so where they asked,
        without the answer itself."""
        log.warning("teams: private reply for %s undeliverable; told them in place", member.user_id)
        locale = self.locale_of(member.workspace_id, member.user_id)
        notice = OutboundMessage(
            message.to,
            RichText.of(self.phrases.translate_plain(locale, "adapters-teams-cannot-message-you")),
            thread_id=message.thread_id,
        )
        return await self.send(notice)

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


def deep_link(people: Sequence[str]) -> str:
    """A link that opens a new Teams chat with `people`: sign-in names (UPNs), or Entra
    object ids (as ``8:orgid:<id>``, Teams' own id for a person of an organisation) for
    those whose sign-in name is unknown. The list is comma-separated, each entry encoded."""
    entries = [p if "@" in p else f"8:orgid:{p}" for p in people]
    return DEEP_LINK + ",".join(quote(entry, safe="@.:") for entry in entries)


def _cache_key(tenant: str, key: str) -> str:
    return f"{tenant}\n{key}"


def _dump(reference: ConversationReference) -> dict[str, Any]:
    data = reference.model_dump(mode="json", by_alias=True, exclude_none=True)
    return data if isinstance(data, dict) else {}
