"""The Slack app manifest asks for exactly what the adapter registers and calls."""

from __future__ import annotations

import json
from itertools import takewhile
from typing import Any

import pytest
import yaml

from guildbot.adapters.slack import MANIFEST
from guildbot.adapters.slack.adapter import (
    BOT_EVENTS,
    COMMAND_SCOPES,
    EVENT_SCOPES,
    EVENTS_PATH,
    METHOD_SCOPES,
)
from guildbot.adapters.slack.inbound import slash_commands
from guildbot.bot.features import catalogue
from guildbot.contract.refs import MemberRef
from tests.adapters.slack.mock_slack import BOT_USER, TEAM
from tests.adapters.slack.rig import SlackRig

SLASH_COMMANDS = slash_commands(catalogue())


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    loaded = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_commands_match_the_registered_slash_commands(manifest: dict[str, Any]) -> None:
    commands = manifest["features"]["slash_commands"]
    assert {c["command"] for c in commands} == set(SLASH_COMMANDS)
    assert all(c["url"].endswith(EVENTS_PATH) for c in commands)
    assert all(c["should_escape"] is True for c in commands)


def test_events_match_the_registered_listeners(manifest: dict[str, Any]) -> None:
    assert sorted(manifest["settings"]["event_subscriptions"]["bot_events"]) == sorted(BOT_EVENTS)
    assert set(EVENT_SCOPES) == set(BOT_EVENTS)


def test_scopes_are_exactly_what_the_events_and_calls_need(manifest: dict[str, Any]) -> None:
    needed = set(COMMAND_SCOPES)
    for event in BOT_EVENTS:
        needed |= EVENT_SCOPES[event]
    for scopes in METHOD_SCOPES.values():
        needed |= scopes
    granted = manifest["oauth_config"]["scopes"]["bot"]
    assert len(granted) == len(set(granted))
    assert set(granted) == needed  # nothing missing, nothing extra


def test_every_scope_is_justified_in_a_comment() -> None:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    start = lines.index("    bot:")
    scope_lines = list(takewhile(lambda line: line.startswith("      - "), lines[start + 1 :]))
    assert scope_lines
    assert all(" # " in line and len(line.split(" # ", 1)[1]) > 10 for line in scope_lines)


def test_interactivity_app_home_and_modes(manifest: dict[str, Any]) -> None:
    settings = manifest["settings"]
    assert settings["interactivity"]["is_enabled"] is True
    assert settings["interactivity"]["request_url"].endswith(EVENTS_PATH)
    assert settings["event_subscriptions"]["request_url"].endswith(EVENTS_PATH)
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True
    assert settings["socket_mode_enabled"] is False  # HTTP mode by default; README explains


# Bolt answers 404 to a request no listener matches: none of the manifest's may be one.
@pytest.mark.parametrize(
    "event",
    [
        {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"},
        {"type": "app_mention", "user": "U1", "channel": "C1", "text": f"<@{BOT_USER}> help"},
        {"type": "member_joined_channel", "user": "U2", "channel": "C1", "channel_type": "C"},
        {"type": "message", "user": "U1", "channel": "C1", "channel_type": "channel", "text": "x"},
        {"type": "message", "user": "U1", "channel": "G1", "channel_type": "group", "text": "x"},
        {"type": "message", "user": "U1", "channel": "D1", "channel_type": "im", "text": "help"},
        {"type": "message", "user": "U1", "channel": "G2", "channel_type": "mpim", "text": "x"},
    ],
    ids=lambda e: f"{e['type']}-{e.get('channel_type', '')}",
)
async def test_each_subscribed_event_is_handled(slack: SlackRig, event: dict[str, Any]) -> None:
    assert await slack.event({**event, "ts": "1700000000.000500"}) == 200


@pytest.mark.parametrize("command", sorted(SLASH_COMMANDS))
async def test_each_manifest_command_is_handled(slack: SlackRig, command: str) -> None:
    replies = await slack.command(command, "help")
    assert len(replies) == 1


async def test_the_adapter_calls_only_methods_whose_scopes_are_declared(slack: SlackRig) -> None:
    await slack.command("/guild", "expertise add kubernets")
    await slack.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"})
    await slack.adapter.open_conversation([MemberRef("slack", TEAM, "U2")])
    called = {c.method for c in slack.mock.calls if c.method != "response_url"}
    assert called <= set(METHOD_SCOPES), json.dumps(sorted(called - set(METHOD_SCOPES)))
