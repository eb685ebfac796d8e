"""`guildbot run` with Teams credentials: a signed activity is checked against Bot
Framework's published keys, answered through the connector with the bot's own token from
Microsoft Entra, and a forged one is refused — the real process, against local doubles of
the connector (TEAMS_SERVICE_URLS) and of the key and token endpoints (reached through
HTTPS_PROXY, as behind an organisation's proxy)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.adapters.processes import (
    environment,
    free_port,
    kill_if_running,
    launch,
    stop,
    wait_until_ok,
)
from tests.adapters.teams.identity import KEYS_HOST, KEYS_PATH, LOGIN_HOST, MicrosoftIdentity
from tests.adapters.teams.mock_connector import MockConnector
from tests.adapters.teams.rig import card_text, recorded

APP_ID = "0d3e5f7a-1111-4222-8333-944455566677"
SECRET = "Zx8Q~run-test.secret-value"
BOT_TOKEN = "eyJ0eXAi.run-test-bot-token.signature"


@pytest.fixture
async def identity(tmp_path: Path) -> AsyncIterator[MicrosoftIdentity]:
    doubles = MicrosoftIdentity(tmp_path, BOT_TOKEN)
    await doubles.start()
    yield doubles
    await doubles.stop()


async def test_guildbot_run_serves_teams_with_credentials_and_stops_on_sigterm(
    connector: MockConnector, identity: MicrosoftIdentity, database_url: str, tmp_path: Path
) -> None:
    port = free_port()
    env = environment(
        TEAMS_CLIENT_ID=APP_ID,
        TEAMS_CLIENT_SECRET=SECRET,
        TEAMS_SERVICE_URLS=connector.service_url,
        GUILDBOT_HTTP_PORT=str(port),
        GUILDBOT_DATABASE_URL=database_url,
        GUILDBOT_INSTANCE_NAME="run-test",
        **identity.environment(),
    )
    process = await launch(env, tmp_path)
    base = f"http://127.0.0.1:{port}"
    url = connector.service_url
    try:
        async with aiohttp.ClientSession() as session:
            health = await wait_until_ok(session, f"{base}/healthz", process)
            assert health["adapters"]["teams"]["connected"] is True
            activity = recorded("personal_message", url, text="help")
            signed = {"Authorization": f"Bearer {identity.token(APP_ID, url)}"}
            async with session.post(f"{base}/api/messages", json=activity, headers=signed) as r:
                assert r.status == 202, await r.text()
            [reply] = await connector.wait_posts(1, within=30)
            assert "connects people who share a craft" in card_text(reply)
            assert reply.token == BOT_TOKEN  # the bot's own token, from Entra

            forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            identity.signing_key, genuine = forger, identity.signing_key
            forged = {"Authorization": f"Bearer {identity.token(APP_ID, url)}"}
            identity.signing_key = genuine
            again = recorded("personal_message", url, text="help")
            async with session.post(f"{base}/api/messages", json=again, headers=forged) as r:
                assert r.status == 401
        stdout, log = await stop(process)
    finally:
        await kill_if_running(process)
    assert process.returncode == 0, log
    assert len(connector.posts) == 1
    # The keys came from Bot Framework's key endpoint; the token from Entra, for this app.
    assert [s.path for s in identity.requests_to(KEYS_HOST)][:1] == [KEYS_PATH]
    [token_request] = [s for s in identity.requests_to(LOGIN_HOST) if s.method == "POST"]
    assert token_request.path == "/botframework.com/oauth2/v2.0/token"
    assert token_request.form["client_id"] == [APP_ID]
    assert token_request.form["grant_type"] == ["client_credentials"]
    assert "guildbot stopped" in log and "Traceback" not in log
    assert SECRET not in log and BOT_TOKEN not in log
    assert stdout == b""
