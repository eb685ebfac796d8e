"""With credentials, /api/messages takes only requests whose JWT the SDK's validator accepts.

Bot Framework signs its tokens with keys it publishes; here the validator's key lookup is
pointed at a key made for the test (no internet), and everything else — signature,
algorithm, audience, expiry — is the SDK's own `JwtTokenValidator` at work. A refused
request gets 401 and changes nothing: no event reaches the core, nothing is stored.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt import PyJWK
from microsoft_agents.authentication.msal import MsalAuth
from microsoft_agents.hosting.core import OutboundHostValidator
from microsoft_agents.hosting.core.authorization.jwt.jwt_token_validator import _JwkClientManager
from sqlalchemy import func, select

from guildbot.adapters.teams import TeamsAdapter
from guildbot.app.build import Guildbot
from guildbot.bot.conversation_store import StoredConversations
from guildbot.contract.inbound import CommandInvoked, InboundEvent
from guildbot.storage.models import PlatformContact, StoredConversation
from tests.adapters.slack.rig import FakeTime
from tests.adapters.teams.mock_connector import MockConnector
from tests.adapters.teams.rig import TeamsRig, card_text, recorded, start_rig

APP_ID = "0d3e5f7a-1111-4222-8333-944455566677"
ISSUER = "https://api.botframework.com"
BOT_TOKEN = "eyJ0eXAi.bot-token.for-tests"
KEY_ID = "test-key"

_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
_OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(autouse=True)
def local_signing_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """The validator fetches Bot Framework's published keys; it gets the test's key."""

    async def signing_key(_self: Any, _uri: str, header: dict[str, Any]) -> PyJWK:
        if header.get("kid") != KEY_ID:
            raise jwt.PyJWKClientError("unknown key")
        return PyJWK.from_dict(jwt.algorithms.RSAAlgorithm.to_jwk(_KEY.public_key(), as_dict=True))

    monkeypatch.setattr(_JwkClientManager, "get_signing_key", signing_key)


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


def _token(service_url: str, *, key: Any = _KEY, algorithm: str = "RS256", **claims: Any) -> str:
    now = int(time.time())
    payload = {
        "iss": ISSUER,
        "aud": APP_ID,
        "serviceurl": service_url,
        "nbf": now - 60,
        "exp": now + 3600,
        **claims,
    }
    return jwt.encode(
        payload, key if algorithm != "none" else None, algorithm, headers={"kid": KEY_ID}
    )


@pytest.fixture
async def secured(app: Guildbot, connector: MockConnector) -> AsyncIterator[TeamsRig]:
    rig = await start_rig(app, connector, client_id=APP_ID, clock=FakeTime())
    # The mock connector is plain http on 127.0.0.1, which the default host check refuses.
    rig.adapter.cloud._host_validator = OutboundHostValidator(enabled=False)
    yield rig
    await rig.close()


async def _stored(app: Guildbot) -> tuple[int, int]:
    async with app.database.transaction() as session:
        conversations = await session.scalar(select(func.count(StoredConversation.id)))
        contacts = await session.scalar(select(func.count(PlatformContact.id)))
    return conversations or 0, contacts or 0


async def _recording(rig: TeamsRig) -> list[InboundEvent]:
    seen: list[InboundEvent] = []

    async def record(event: InboundEvent) -> None:
        seen.append(event)

    rig.adapter.handlers.dispatch = record
    return seen


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
    assert isinstance(event, CommandInvoked) and event.text == "help"


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
    ],
)
async def test_a_request_without_a_valid_token_gets_401_and_changes_nothing(
    secured: TeamsRig, header: str | None
) -> None:
    seen = await _recording(secured)
    url = secured.mock.service_url
    tokens = {
        "unsigned": lambda: _token(url, algorithm="none"),
        "other key": lambda: _token(url, key=_OTHER_KEY),
        "HS256": lambda: _token(url, key="x" * 32, algorithm="HS256"),
        "audience": lambda: _token(url, aud="99999999-1111-4222-8333-944455566677"),
        "expired": lambda: _token(url, nbf=int(time.time()) - 7200, exp=int(time.time()) - 3600),
    }
    headers = {}
    if header in tokens:
        headers["Authorization"] = f"Bearer {tokens[header]()}"
    elif header is not None:
        headers["Authorization"] = header
    activity = recorded("personal_message", url, text="help")
    status, body = await secured.post(activity, headers=headers)
    assert status == 401, body
    assert seen == []
    assert await _stored(secured.app) == (0, 0)
    assert secured.mock.requests == []


async def test_with_credentials_a_service_url_off_microsoft_or_off_the_token_is_refused(
    app: Guildbot, connector: MockConnector
) -> None:
    adapter = TeamsAdapter(
        store=StoredConversations(app.database, app.clock, "teams"),
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
