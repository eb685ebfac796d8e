"""With credentials, /api/messages takes only activities Bot Framework sent for this bot.

Bot Framework signs its tokens with keys it publishes; here every key endpoint serves the
test's keys (no internet), read through the validator's real key client, and each fetch is
counted. The rest — signature, algorithm, audience, expiry, issuer — is the SDK's own
`JwtTokenValidator` at work; the adapter narrows its issuers to those a Teams bot accepts and
checks the token's `serviceurl` claim against the activity's `serviceUrl`, and the
activity's tenant against TEAMS_TENANT_ID. A refused request gets 401 and changes nothing:
no event reaches the core, nothing is stored or sent, and one WARNING line (without the
token) says why.
"""

from __future__ import annotations

import io
import json
import logging
import time
import urllib.request
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import jwt
import jwt.jwks_client
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from microsoft_agents.authentication.msal import MsalAuth
from microsoft_agents.hosting.core import JwtTokenValidator, OutboundHostValidator
from microsoft_agents.hosting.core.authorization.jwt.jwt_token_validator import _JwkClientManager
from sqlalchemy import func, select

from guildbot.adapters.teams import TeamsAdapter
from guildbot.app.build import Guildbot
from guildbot.bot.adapter_support.conversations import StoredConversations
from guildbot.bot.adapter_support.localised import CataloguePhrases
from guildbot.contract.inbound import InboundEvent, MessageReceived
from guildbot.storage.models import PlatformContact, StoredConversation
from tests.adapters.fake_time import FakeTime
from tests.adapters.teams.mock_connector import MockConnector
from tests.adapters.teams.rig import TENANT, TeamsRig, card_text, recorded, start_rig
from tests.replies import Heard

APP_ID = "0d3e5f7a-1111-4222-8333-944455566677"
ISSUER = "https://api.botframework.com"
BOT_TOKEN = "eyJ0eXAi.bot-token.for-tests"
KEY_ID = "test-key"
BOT_FRAMEWORK_KEYS = "https://login.botframework.com/v1/.well-known/keys"
OTHER_TENANT = "3c5e7a91-0b2d-4f6e-8a1c-5d7e9f0a1b2c"
# A Microsoft first-party tenant that the SDK's own issuer check always trusts; no Teams
# activity comes with a token from it.
FIRST_PARTY_TENANT = "f8cdef31-a31e-4b4a-93e4-5f571e91255a"

_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
_OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
_NEXT_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class PublishedKeys:
    """The signing keys every key endpoint serves (kid -> private key, whose public half is
    published), each fetch's URL, and the clock of the key client's refresh cool-down."""

    keys: dict[str, rsa.RSAPrivateKey]
    fetched: list[str] = field(default_factory=list)
    clock: FakeTime = field(default_factory=FakeTime)

    def open(self, request: urllib.request.Request, timeout: float = 0.0) -> io.BytesIO:
        """What the key client reads from a key endpoint (this stands in for its opener)."""
        self.fetched.append(request.full_url)
        published = [
            {
                **jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key(), as_dict=True),
                "kid": kid,
                "use": "sig",
            }
            for kid, key in self.keys.items()
        ]
        return io.BytesIO(json.dumps({"keys": published}).encode())


@pytest.fixture(autouse=True)
def published_keys(monkeypatch: pytest.MonkeyPatch) -> PublishedKeys:
    """The validator's real key client (PyJWT's `PyJWKClient`, cache and all) fetches Bot
    Framework's or Entra's published keys; every URL serves the test's keys here — as Entra
    signs every tenant's tokens with the same keys — and each fetch is counted."""
    published = PublishedKeys({KEY_ID: _KEY})
    network = SimpleNamespace(
        request=SimpleNamespace(
            Request=urllib.request.Request,
            HTTPSHandler=urllib.request.HTTPSHandler,
            build_opener=lambda *_handlers: published,
        )
    )
    monkeypatch.setattr(jwt.jwks_client, "urllib", network)
    monkeypatch.setattr(jwt.jwks_client, "time", published.clock)
    # The SDK keeps one key client per URL for the whole process; each test starts cold.
    monkeypatch.setattr(JwtTokenValidator, "_jwk_client_manager", _JwkClientManager())
    return published


@pytest.fixture(autouse=True)
def bot_token(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The bot's own token comes from Microsoft Entra (MSAL); here from the test, and the
    tenant it was asked for is recorded."""
    tenants: list[str] = []

    async def get_access_token(
        self: MsalAuth, _resource: str, _scopes: list[str], _force: bool = False
    ) -> str:
        tenants.append(str(self._msal_configuration.TENANT_ID))
        return BOT_TOKEN

    monkeypatch.setattr(MsalAuth, "get_access_token", get_access_token)
    return tenants


def _token(
    service_url: str | None,
    *,
    key: Any = _KEY,
    algorithm: str = "RS256",
    kid: str = KEY_ID,
    **claims: Any,
) -> str:
    """A token as Bot Framework sends it; a claim given as None is left out."""
    now = int(time.time())
    payload = {
        "iss": ISSUER,
        "aud": APP_ID,
        "serviceurl": service_url,
        "nbf": now - 60,
        "exp": now + 3600,
        **claims,
    }
    payload = {name: value for name, value in payload.items() if value is not None}
    signing_key = key if algorithm != "none" else None
    return jwt.encode(payload, signing_key, algorithm, headers={"kid": kid})


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@asynccontextmanager
async def _secured_rig(
    app: Guildbot, connector: MockConnector, tenant_id: str = ""
) -> AsyncIterator[TeamsRig]:
    rig = await start_rig(app, connector, client_id=APP_ID, tenant_id=tenant_id, clock=FakeTime())
    # The mock connector is plain http on 127.0.0.1, which the default host check refuses.
    rig.adapter.cloud._host_validator = OutboundHostValidator(enabled=False)
    try:
        yield rig
    finally:
        await rig.close()


@pytest.fixture
async def secured(app: Guildbot, connector: MockConnector) -> AsyncIterator[TeamsRig]:
    """A multi-tenant bot (no TEAMS_TENANT_ID)."""
    async with _secured_rig(app, connector) as rig:
        yield rig


@pytest.fixture
async def single_tenant(app: Guildbot, connector: MockConnector) -> AsyncIterator[TeamsRig]:
    """A single-tenant bot: TEAMS_TENANT_ID is the tenant of the recorded activities."""
    async with _secured_rig(app, connector, TENANT) as rig:
        yield rig


async def _stored(app: Guildbot) -> tuple[int, int]:
    async with app.database.transaction() as session:
        conversations = await session.scalar(select(func.count(StoredConversation.id)))
        contacts = await session.scalar(select(func.count(PlatformContact.id)))
    return conversations or 0, contacts or 0


async def _recording(rig: TeamsRig) -> list[InboundEvent]:
    record = Heard()
    seen = record.events

    rig.adapter.handlers.dispatch = record
    return seen


async def _assert_refused(
    rig: TeamsRig,
    activity: dict[str, Any],
    headers: dict[str, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """POST, and check the request was refused as README says: 401, nothing handed to the
    core, stored or sent, and one WARNING line, which does not show the token."""
    seen = await _recording(rig)
    stored, requests = await _stored(rig.app), len(rig.mock.requests)
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        status, body = await rig.post(activity, headers=headers)
    assert status == 401, body
    assert seen == []
    assert await _stored(rig.app) == stored
    assert len(rig.mock.requests) == requests
    warnings = [record for record in caplog.records if record.levelno >= logging.WARNING]
    assert [record.name for record in warnings] == ["guildbot.adapters.teams.adapter"], caplog.text
    credential = headers.get("Authorization", "").split(" ")[-1]
    assert not credential or credential not in caplog.text


def _from_tenant(
    activity: dict[str, Any], conversation: str | None, channel_data: str | None
) -> dict[str, Any]:
    """The activity as if from another tenant: Teams names it in the conversation and in
    `channelData` (None: not named there)."""
    activity["conversation"].pop("tenantId", None)
    activity["channelData"].pop("tenant", None)
    if conversation is not None:
        activity["conversation"]["tenantId"] = conversation
    if channel_data is not None:
        activity["channelData"]["tenant"] = {"id": channel_data}
    return activity


async def test_a_request_signed_for_this_app_is_handled_and_answered_with_the_bots_token(
    secured: TeamsRig, bot_token: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    activity = recorded("personal_message", secured.mock.service_url, text="help")
    token = _token(secured.mock.service_url)
    with caplog.at_level(logging.DEBUG, logger="guildbot"):
        status, _ = await secured.post(activity, headers={"Authorization": f"Bearer {token}"})
    assert status == 202
    assert await _stored(secured.app) == (1, 1)
    [answer] = secured.mock.posts
    assert "connects people" in card_text(answer)
    assert answer.token == BOT_TOKEN
    # No TEAMS_TENANT_ID: a multi-tenant bot, whose tokens come from Bot Framework's tenant.
    assert set(bot_token) == {"botframework.com"}
    assert BOT_TOKEN not in caplog.text and token not in caplog.text


async def test_a_command_reaches_the_core_once_authenticated(secured: TeamsRig) -> None:
    seen = await _recording(secured)
    activity = recorded("personal_message", secured.mock.service_url, text="help")
    token = _token(secured.mock.service_url)
    status, _ = await secured.post(activity, headers={"Authorization": f"Bearer {token}"})
    assert status == 202
    [event] = seen
    assert isinstance(event, MessageReceived) and event.text == "help"


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(None, id="no token"),
        pytest.param("Basic dXNlcjpwYXNz", id="not bearer"),
        pytest.param("Bearer not.a.jwt", id="not a jwt"),
        pytest.param("unsigned", id="unsigned (alg none)"),
        pytest.param("other key", id="signed by another key"),
        pytest.param("HS256", id="HMAC with a guessable secret"),
        pytest.param("audience", id="for another app"),
        pytest.param("expired", id="expired"),
        pytest.param("no expiry", id="without an expiry"),
    ],
)
async def test_a_request_without_a_valid_token_gets_401_and_changes_nothing(
    secured: TeamsRig, header: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    url = secured.mock.service_url
    tokens = {
        "unsigned": lambda: _token(url, algorithm="none"),
        "other key": lambda: _token(url, key=_OTHER_KEY),
        "HS256": lambda: _token(url, key="x" * 32, algorithm="HS256"),
        "audience": lambda: _token(url, aud="99999999-1111-4222-8333-944455566677"),
        "expired": lambda: _token(url, nbf=int(time.time()) - 7200, exp=int(time.time()) - 3600),
        "no expiry": lambda: _token(url, exp=None),
    }
    headers = {}
    if header in tokens:
        headers = _bearer(tokens[header]())
    elif header is not None:
        headers["Authorization"] = header
    activity = recorded("personal_message", url, text="help")
    await _assert_refused(secured, activity, headers, caplog)


async def test_with_credentials_a_service_url_off_microsoft_or_off_the_token_is_refused(
    app: Guildbot, connector: MockConnector
) -> None:
    adapter = TeamsAdapter(
        store=StoredConversations(app.database, app.clock, "teams"),
        phrases=CataloguePhrases(),
        client_id=APP_ID,
        client_secret="s3cr3t-value",
    )
    rig = await start_rig(app, connector, client_id=APP_ID)
    try:
        rig.adapter.cloud._host_validator = adapter.cloud._host_validator  # the default
        seen = await _recording(rig)
        elsewhere = "https://collector.example.net/teams/"
        teams_url = "https://smba.trafficmanager.net/amer/"
        for service_url, claim in ((elsewhere, elsewhere), (teams_url, elsewhere)):
            activity = recorded("personal_message", service_url, text="help")
            token = _token(claim)
            status, _ = await rig.post(activity, headers={"Authorization": f"Bearer {token}"})
            assert status == 401
    finally:
        await rig.close()
    assert seen == []
    assert await _stored(app) == (0, 0)


@pytest.mark.parametrize(
    ("issuer", "tid"),
    [
        pytest.param(f"https://sts.windows.net/{OTHER_TENANT}/", OTHER_TENANT, id="sts v1"),
        pytest.param(
            f"https://login.microsoftonline.com/{OTHER_TENANT}/v2.0", OTHER_TENANT, id="entra v2"
        ),
        # A multi-tenant bot has no tenant of its own: the activities' tenant is foreign too.
        pytest.param(f"https://sts.windows.net/{TENANT}/", TENANT, id="the activity's tenant"),
        pytest.param(
            f"https://sts.windows.net/{FIRST_PARTY_TENANT}/", FIRST_PARTY_TENANT, id="first party"
        ),
        pytest.param("https://issuer.example.net/", None, id="an arbitrary string"),
        pytest.param(None, None, id="no issuer"),
    ],
)
async def test_a_multi_tenant_bot_takes_tokens_from_bot_framework_only(
    secured: TeamsRig, issuer: str | None, tid: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    url = secured.mock.service_url
    token = _token(url, iss=issuer, tid=tid)
    activity = recorded("personal_message", url, text="privacy erase")
    await _assert_refused(secured, activity, _bearer(token), caplog)


@pytest.mark.parametrize(
    ("issuer", "tid"),
    [
        pytest.param(f"https://sts.windows.net/{OTHER_TENANT}/", OTHER_TENANT, id="sts v1"),
        pytest.param(
            f"https://login.microsoftonline.com/{OTHER_TENANT}/v2.0", OTHER_TENANT, id="entra v2"
        ),
        pytest.param(
            f"https://login.microsoftonline.com/{FIRST_PARTY_TENANT}/v2.0",
            FIRST_PARTY_TENANT,
            id="first party",
        ),
        pytest.param("https://issuer.example.net/", None, id="an arbitrary string"),
        # The bot's own tenant as issuer, but the token says it was issued in another.
        pytest.param(f"https://sts.windows.net/{TENANT}/", OTHER_TENANT, id="tid of another"),
    ],
)
async def test_a_single_tenant_bot_refuses_tokens_from_other_tenants(
    single_tenant: TeamsRig, issuer: str, tid: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    url = single_tenant.mock.service_url
    token = _token(url, iss=issuer, tid=tid)
    activity = recorded("personal_message", url, text="privacy erase")
    await _assert_refused(single_tenant, activity, _bearer(token), caplog)


@pytest.mark.parametrize(
    ("issuer", "keys"),
    [
        pytest.param(ISSUER, BOT_FRAMEWORK_KEYS, id="bot framework"),
        pytest.param(
            f"https://sts.windows.net/{TENANT}/",
            f"https://login.microsoftonline.com/{TENANT}/discovery/v2.0/keys",
            id="sts v1",
        ),
        pytest.param(
            f"https://login.microsoftonline.com/{TENANT}/v2.0",
            f"https://login.microsoftonline.com/{TENANT}/discovery/v2.0/keys",
            id="entra v2",
        ),
    ],
)
async def test_a_single_tenant_bot_takes_tokens_from_bot_framework_and_its_own_tenant(
    single_tenant: TeamsRig, published_keys: PublishedKeys, issuer: str, keys: str
) -> None:
    seen = await _recording(single_tenant)
    url = single_tenant.mock.service_url
    tid = None if issuer == ISSUER else TENANT
    activity = recorded("personal_message", url, text="help")
    token = _token(url, iss=issuer, tid=tid)
    status, _ = await single_tenant.post(activity, headers=_bearer(token))
    assert status == 202
    assert [type(event) for event in seen] == [MessageReceived]
    assert published_keys.fetched == [keys]


async def test_a_token_without_a_serviceurl_claim_is_refused(
    secured: TeamsRig, caplog: pytest.LogCaptureFixture
) -> None:
    activity = recorded("personal_message", secured.mock.service_url, text="help")
    await _assert_refused(secured, activity, _bearer(_token(None)), caplog)


@pytest.mark.parametrize(
    "claim",
    [
        pytest.param("https://smba.trafficmanager.net/amer/", id="another host"),
        pytest.param("SAME_HOST/other-path/", id="another path"),
        pytest.param("", id="empty"),
    ],
)
async def test_a_serviceurl_claim_that_is_not_the_activitys_is_refused(
    secured: TeamsRig, claim: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Even with the host check off (as here, for the mock on 127.0.0.1): replies go to
    the activity's serviceUrl, with the bot's token, so it must be the one Bot Framework
    signed."""
    url = secured.mock.service_url
    claim = claim.replace("SAME_HOST/", url.rsplit("/", 2)[0] + "/")
    activity = recorded("personal_message", url, text="help")
    await _assert_refused(secured, activity, _bearer(_token(claim)), caplog)


@pytest.mark.parametrize(
    ("conversation", "channel_data"),
    [
        pytest.param(OTHER_TENANT, OTHER_TENANT, id="another tenant"),
        pytest.param(TENANT, OTHER_TENANT, id="channelData names another"),
        pytest.param(OTHER_TENANT, TENANT, id="conversation names another"),
        pytest.param(None, None, id="no tenant"),
    ],
)
async def test_a_single_tenant_bot_refuses_activities_from_another_tenant(
    single_tenant: TeamsRig,
    conversation: str | None,
    channel_data: str | None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = single_tenant.mock.service_url
    activity = _from_tenant(
        recorded("personal_message", url, text="privacy erase"), conversation, channel_data
    )
    await _assert_refused(single_tenant, activity, _bearer(_token(url)), caplog)


async def test_a_single_tenant_bot_matches_its_tenant_id_whatever_its_case(
    app: Guildbot, connector: MockConnector
) -> None:
    async with _secured_rig(app, connector, TENANT.upper()) as rig:
        seen = await _recording(rig)
        activity = recorded("personal_message", rig.mock.service_url, text="help")
        status, _ = await rig.post(activity, headers=_bearer(_token(rig.mock.service_url)))
        assert status == 202
        assert len(seen) == 1


async def test_a_multi_tenant_bot_takes_activities_from_any_tenant(secured: TeamsRig) -> None:
    seen = await _recording(secured)
    url = secured.mock.service_url
    activity = _from_tenant(recorded("personal_message", url, text="help"), OTHER_TENANT, None)
    status, _ = await secured.post(activity, headers=_bearer(_token(url)))
    assert status == 202
    [event] = seen
    assert isinstance(event, MessageReceived) and event.actor.workspace_id == OTHER_TENANT


async def test_a_rolled_over_key_is_fetched_once_and_then_trusted(
    secured: TeamsRig, published_keys: PublishedKeys
) -> None:
    url = secured.mock.service_url
    status, _ = await secured.post(
        recorded("personal_message", url, text="help"), headers=_bearer(_token(url))
    )
    assert status == 202
    assert published_keys.fetched == [BOT_FRAMEWORK_KEYS]
    # Bot Framework publishes a new key and signs with it, past the key client's cool-down.
    published_keys.keys["next-key"] = _NEXT_KEY
    published_keys.clock.advance(60)
    token = _token(url, key=_NEXT_KEY, kid="next-key")
    status, _ = await secured.post(
        recorded("personal_message", url, text="help"), headers=_bearer(token)
    )
    assert status == 202
    assert published_keys.fetched == [BOT_FRAMEWORK_KEYS] * 2
    status, _ = await secured.post(
        recorded("personal_message", url, text="help"), headers=_bearer(token)
    )
    assert status == 202
    assert len(published_keys.fetched) == 2


async def test_an_unknown_key_is_looked_for_once_more_then_refused(
    secured: TeamsRig, published_keys: PublishedKeys, caplog: pytest.LogCaptureFixture
) -> None:
    url = secured.mock.service_url
    unknown = _bearer(_token(url, key=_OTHER_KEY, kid="unknown-key"))
    # A cold cache: the key set is fetched, just now, so it is not fetched again.
    await _assert_refused(secured, recorded("personal_message", url, text="help"), unknown, caplog)
    assert published_keys.fetched == [BOT_FRAMEWORK_KEYS]
    # Later (past the cool-down), an unknown key makes one refetch, then the refusal ...
    published_keys.clock.advance(60)
    await _assert_refused(secured, recorded("personal_message", url, text="help"), unknown, caplog)
    assert published_keys.fetched == [BOT_FRAMEWORK_KEYS] * 2
    # ... and more tokens with unknown keys do not make the bot fetch keys for each.
    for _ in range(3):
        activity = recorded("personal_message", url, text="help")
        await _assert_refused(secured, activity, unknown, caplog)
    assert len(published_keys.fetched) == 2
