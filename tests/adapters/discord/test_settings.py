"""DISCORD_* settings: a bad or missing value names its variable."""

from __future__ import annotations

import pytest

from guildbot.bot.config import DEFAULT_DISCORD_API_URL, load_settings
from guildbot.contract.errors import ConfigError
from tests.adapters.discord.mock_discord import TOKEN


def test_nothing_set_means_no_discord() -> None:
    settings = load_settings({}, env_file=None)
    assert not settings.discord_enabled
    assert settings.discord_api_url == DEFAULT_DISCORD_API_URL
    assert (settings.discord_shard_count, settings.discord_shard_ids) == (1, ())
    assert not settings.discord_members_intent  # privileged: off unless asked for


def test_a_full_configuration() -> None:
    settings = load_settings(
        {
            "DISCORD_BOT_TOKEN": TOKEN,
            "DISCORD_SHARD_COUNT": "8",
            "DISCORD_SHARD_IDS": "0-2, 6",
            "DISCORD_INTRO_CHANNELS": "111:222, 333:444",
            "DISCORD_MESSAGE_CONTENT": "on",
            "DISCORD_MEMBERS_INTENT": "true",
        },
        env_file=None,
    )
    assert settings.discord_enabled and settings.discord_message_content
    assert settings.discord_members_intent
    assert settings.discord_shard_ids == (0, 1, 2, 6)
    assert settings.discord_intro_channels == {"111": "222", "333": "444"}
    assert TOKEN not in repr(settings)


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({"DISCORD_BOT_TOKEN": "not-a-token"}, "DISCORD_BOT_TOKEN"),
        ({"DISCORD_BOT_TOKEN": f"Bot {TOKEN}"}, "DISCORD_BOT_TOKEN"),
        ({"DISCORD_SHARD_COUNT": "0"}, "DISCORD_SHARD_COUNT"),
        ({"DISCORD_SHARD_IDS": "0"}, "DISCORD_SHARD_COUNT"),
        ({"DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "2"}, "DISCORD_SHARD_IDS"),
        ({"DISCORD_SHARD_COUNT": "4", "DISCORD_SHARD_IDS": "0,0"}, "DISCORD_SHARD_IDS"),
        ({"DISCORD_SHARD_COUNT": "4", "DISCORD_SHARD_IDS": "a-b"}, "DISCORD_SHARD_IDS"),
        ({"DISCORD_INTRO_CHANNELS": "general"}, "DISCORD_INTRO_CHANNELS"),
        ({"DISCORD_MESSAGE_CONTENT": "maybe"}, "DISCORD_MESSAGE_CONTENT"),
        ({"DISCORD_MEMBERS_INTENT": "sometimes"}, "DISCORD_MEMBERS_INTENT"),
        ({"DISCORD_API_URL": "ftp://x"}, "DISCORD_API_URL"),
        ({"DISCORD_GATEWAY_URL": "http://x"}, "DISCORD_GATEWAY_URL"),
    ],
)
def test_bad_values_name_their_variable(environ: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(environ, env_file=None)
    assert caught.value.variable == variable
