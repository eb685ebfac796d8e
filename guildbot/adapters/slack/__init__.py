"""Slack: the real slack-bolt `AsyncApp` in Socket Mode or HTTP mode (see `adapter.py`).

The only package that imports slack_bolt and slack_sdk. `manifest.yml` beside this file
creates the Slack app with exactly the scopes, commands and events the adapter uses.
"""

from __future__ import annotations

from pathlib import Path

from guildbot.adapters.slack.adapter import HomeSource, SlackAdapter
from guildbot.bot.config import Settings

MANIFEST = Path(__file__).with_name("manifest.yml")

__all__ = ["MANIFEST", "HomeSource", "SlackAdapter", "slack_adapter"]


def slack_adapter(settings: Settings, home: HomeSource | None = None) -> SlackAdapter:
    """The adapter configured by SLACK_* settings: Socket Mode with an app-level token,
    otherwise HTTP mode (mount `adapter.routes()` on the web app)."""
    return SlackAdapter(
        bot_token=settings.slack_bot_token,
        signing_secret=settings.slack_signing_secret,
        app_token=settings.slack_app_token,
        api_url=settings.slack_api_url,
        home=home,
    )
