"""Slack: the real slack-bolt `AsyncApp` in Socket Mode or HTTP mode (see `adapter.py`).

The only package that imports slack_bolt and slack_sdk. `manifest.yml` beside this file
creates the Slack app with exactly the scopes, commands and events the adapter uses.
"""

from __future__ import annotations

from pathlib import Path

from guildbot.adapters.slack.adapter import SlackAdapter

MANIFEST = Path(__file__).with_name("manifest.yml")

__all__ = ["MANIFEST", "SlackAdapter"]
