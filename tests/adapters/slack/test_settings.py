"""SLACK_* and GUILDBOT_HTTP_* settings: a bad or missing value names its variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from guildbot.bot.config import DEFAULT_SLACK_API_URL, load_settings
from guildbot.contract.errors import ConfigError

BOT = "xoxb-1-2-abc"
APP = "xapp-1-A1-abc"
SECRET = "8f742231b10e8888abcd99b1c2d3e4f5"


def test_nothing_set_means_no_slack() -> None:
    settings = load_settings({}, env_file=None)
    assert not settings.slack_enabled
    assert settings.slack_api_url == DEFAULT_SLACK_API_URL
    assert (settings.http_host, settings.http_port) == ("127.0.0.1", 8080)


def test_http_mode_and_socket_mode() -> None:
    http = load_settings({"SLACK_BOT_TOKEN": BOT, "SLACK_SIGNING_SECRET": SECRET}, env_file=None)
    assert http.slack_enabled and not http.slack_socket_mode
    socket = load_settings({"SLACK_BOT_TOKEN": BOT, "SLACK_APP_TOKEN": APP}, env_file=None)
    assert socket.slack_socket_mode
    custom = load_settings(
        {
            "SLACK_BOT_TOKEN": BOT,
            "SLACK_APP_TOKEN": APP,
            "SLACK_API_URL": "http://127.0.0.1:9/api",
            "GUILDBOT_HTTP_HOST": "0.0.0.0",
            "GUILDBOT_HTTP_PORT": "3000",
        },
        env_file=None,
    )
    assert custom.slack_api_url == "http://127.0.0.1:9/api/"
    assert (custom.http_host, custom.http_port) == ("0.0.0.0", 3000)


def test_secrets_never_appear_in_the_settings_repr() -> None:
    settings = load_settings(
        {"SLACK_BOT_TOKEN": BOT, "SLACK_APP_TOKEN": APP, "SLACK_SIGNING_SECRET": SECRET},
        env_file=None,
    )
    shown = repr(settings)
    assert BOT not in shown and APP not in shown and SECRET not in shown


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({"SLACK_BOT_TOKEN": "xoxp-user-token", "SLACK_SIGNING_SECRET": SECRET}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": BOT, "SLACK_APP_TOKEN": "xoxa-nope"}, "SLACK_APP_TOKEN"),
        ({"SLACK_BOT_TOKEN": BOT}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_APP_TOKEN": APP}, "SLACK_BOT_TOKEN"),
        ({"SLACK_SIGNING_SECRET": SECRET}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": BOT, "SLACK_SIGNING_SECRET": "a b"}, "SLACK_SIGNING_SECRET"),
        (
            {"SLACK_BOT_TOKEN": BOT, "SLACK_APP_TOKEN": APP, "SLACK_API_URL": "slack"},
            "SLACK_API_URL",
        ),
        ({"GUILDBOT_HTTP_PORT": "80000"}, "GUILDBOT_HTTP_PORT"),
        ({"GUILDBOT_HTTP_PORT": "80.5"}, "GUILDBOT_HTTP_PORT"),
        ({"GUILDBOT_HTTP_HOST": "a host"}, "GUILDBOT_HTTP_HOST"),
    ],
)
def test_bad_slack_settings_name_the_variable(environ: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(environ, env_file=None)
    assert raised.value.variable == variable
    assert str(raised.value).startswith(f"{variable}: ")


def test_guildbot_run_with_a_bad_token_says_one_line_and_exits_2(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SLACK_", "GUILDBOT_"))
    }
    env.update({"SLACK_BOT_TOKEN": "not-a-bot-token", "SLACK_SIGNING_SECRET": SECRET})
    result = subprocess.run(
        [sys.executable, "-m", "guildbot.app.cli", "run"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "guildbot: SLACK_BOT_TOKEN: expected a bot token starting with xoxb-"
    ]
    assert "not-a-bot-token" not in result.stderr
