"""MATRIX_* settings: checked together, each refusal naming the variable to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from guildbot.bot.config import load_settings
from guildbot.contract.errors import ConfigError

GOOD = {
    "MATRIX_HOMESERVER": "https://matrix.example.org/",
    "MATRIX_USER_ID": "@guildbot:example.org",
    "MATRIX_PASSWORD": "secret",
    "MATRIX_PICKLE_KEY": "p" * 32,
}


def test_a_matrix_account_is_read(tmp_path: Path) -> None:
    settings = load_settings(
        {**GOOD, "MATRIX_ALLOWED_SERVERS": "agency.example.org, *"}, env_file=tmp_path / "x"
    )
    assert settings.matrix_enabled
    assert settings.matrix_homeserver == "https://matrix.example.org"
    assert settings.matrix_allowed_servers == ("agency.example.org", "*")
    assert settings.matrix_encryption
    assert "secret" not in repr(settings) and "p" * 32 not in repr(settings)


def test_no_homeserver_means_no_matrix(tmp_path: Path) -> None:
    assert not load_settings({}, env_file=tmp_path / "x").matrix_enabled


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("MATRIX_HOMESERVER", "matrix.example.org"),
        ("MATRIX_USER_ID", "guildbot"),
        ("MATRIX_USER_ID", "@Guild Bot:example.org"),
        ("MATRIX_PASSWORD", ""),
        ("MATRIX_PICKLE_KEY", "short"),
        ("MATRIX_DEVICE_ID", "a device"),
        ("MATRIX_ENCRYPTION", "maybe"),
        ("MATRIX_ALLOWED_SERVERS", "not a server!"),
    ],
)
def test_a_bad_matrix_setting_names_its_variable(tmp_path: Path, variable: str, value: str) -> None:
    with pytest.raises(ConfigError) as refused:
        load_settings({**GOOD, variable: value}, env_file=tmp_path / "x")
    expected = "MATRIX_ACCESS_TOKEN" if variable == "MATRIX_PASSWORD" else variable
    assert refused.value.variable == expected


def test_the_pickle_key_falls_back_to_the_secret_key_or_to_none(tmp_path: Path) -> None:
    secret = {**GOOD, "MATRIX_PICKLE_KEY": "", "GUILDBOT_SECRET_KEY": "s" * 32}
    assert load_settings(secret, env_file=tmp_path / "x").matrix_pickle_key == "s" * 32
    bare = {**GOOD, "MATRIX_PICKLE_KEY": ""}
    assert load_settings(bare, env_file=tmp_path / "x").matrix_pickle_key == ""
