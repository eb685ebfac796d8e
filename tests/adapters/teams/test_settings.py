"""TEAMS_* settings: credentials together, anonymous mode only when asked, one clear line."""

from __future__ import annotations

import pytest

from guildbot.adapters.teams.auth import ServiceUrls
from guildbot.bot.config import load_settings
from guildbot.contract.errors import ConfigError

APP_ID = "0d3e5f7a-1111-4222-8333-944455566677"
TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"


def _load(**values: str):  # type: ignore[no-untyped-def]
    return load_settings(values, env_file=None)


def test_credentials_turn_teams_on_and_the_secret_stays_out_of_repr() -> None:
    settings = _load(
        TEAMS_CLIENT_ID=APP_ID, TEAMS_CLIENT_SECRET="Zx8Q~secret.value", TEAMS_TENANT_ID=TENANT
    )
    assert settings.teams_enabled and not settings.teams_anonymous
    assert (settings.teams_client_id, settings.teams_tenant_id) == (APP_ID, TENANT)
    assert "Zx8Q" not in repr(settings)


def test_teams_is_off_by_default_and_anonymous_only_when_asked() -> None:
    assert not _load().teams_enabled
    anonymous = _load(TEAMS_ANONYMOUS="on")
    assert anonymous.teams_enabled and anonymous.teams_anonymous


@pytest.mark.parametrize(
    ("values", "variable"),
    [
        ({"TEAMS_CLIENT_ID": "not-a-guid", "TEAMS_CLIENT_SECRET": "abcdefghij"}, "TEAMS_CLIENT_ID"),
        ({"TEAMS_CLIENT_ID": APP_ID}, "TEAMS_CLIENT_SECRET"),
        ({"TEAMS_CLIENT_SECRET": "abcdefghij"}, "TEAMS_CLIENT_ID"),
        ({"TEAMS_TENANT_ID": TENANT}, "TEAMS_CLIENT_ID"),
        (
            {"TEAMS_CLIENT_ID": APP_ID, "TEAMS_CLIENT_SECRET": "abc def ghi"},
            "TEAMS_CLIENT_SECRET",
        ),
        (
            {
                "TEAMS_CLIENT_ID": APP_ID,
                "TEAMS_CLIENT_SECRET": "abcdefghij",
                "TEAMS_TENANT_ID": "x",
            },
            "TEAMS_TENANT_ID",
        ),
        # Activities name their tenant by its id, which a domain cannot be checked against.
        (
            {
                "TEAMS_CLIENT_ID": APP_ID,
                "TEAMS_CLIENT_SECRET": "abcdefghij",
                "TEAMS_TENANT_ID": "contoso.onmicrosoft.com",
            },
            "TEAMS_TENANT_ID",
        ),
        ({"TEAMS_ANONYMOUS": "maybe"}, "TEAMS_ANONYMOUS"),
        (
            {
                "TEAMS_ANONYMOUS": "on",
                "TEAMS_CLIENT_ID": APP_ID,
                "TEAMS_CLIENT_SECRET": "abcdefghij",
            },
            "TEAMS_ANONYMOUS",
        ),
    ],
)
def test_a_bad_value_names_its_variable(values: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as error:
        _load(**values)
    assert error.value.variable == variable
    assert "abcdefghij" not in str(error.value)


def test_service_urls_beyond_microsofts_are_listed_by_the_operator() -> None:
    settings = _load(
        TEAMS_CLIENT_ID=APP_ID,
        TEAMS_CLIENT_SECRET="abcdefghij",
        TEAMS_SERVICE_URLS=" http://127.0.0.1:8089/teams/ , https://emulator.example.org/ ",
    )
    assert settings.teams_service_urls == (
        "http://127.0.0.1:8089/teams/",
        "https://emulator.example.org/",
    )
    assert _load().teams_service_urls == ()


@pytest.mark.parametrize(
    "value", ["127.0.0.1:8089", "ftp://x.example/", "https://x.example", "https://u@x.example/"]
)
def test_a_service_url_that_is_not_one_is_refused(value: str) -> None:
    with pytest.raises(ConfigError) as error:
        _load(TEAMS_SERVICE_URLS=value)
    assert error.value.variable == "TEAMS_SERVICE_URLS"


def test_only_listed_service_urls_join_microsofts_own() -> None:
    check = ServiceUrls(["http://127.0.0.1:8089/teams/"], enabled=True)
    assert check.is_allowed("http://127.0.0.1:8089/teams/")
    assert check.is_allowed("http://127.0.0.1:8089/teams")  # its trailing slash left off
    assert check.is_allowed("https://smba.trafficmanager.net/amer/")  # Microsoft's own
    for elsewhere in (
        "http://127.0.0.1:8089/other/",
        "http://127.0.0.1:80890/teams/",
        "http://127.0.0.1:8089.evil.example/teams/",
        "https://collector.example.net/teams/",
    ):
        assert not check.is_allowed(elsewhere), elsewhere
    assert not ServiceUrls([], enabled=True).is_allowed("http://127.0.0.1:8089/teams/")
