"""The real Discord adapter, logged in against the mock, and interactions as Discord sends
them: payloads handed to discord.py's own parser (`parse_interaction_create`), so the real
CommandTree and view store dispatch them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from guildbot.adapters.discord import DiscordAdapter
from guildbot.app.build import Guildbot
from guildbot.bot.adapter_support.localised import CataloguePhrases
from guildbot.bot.features import catalogue
from guildbot.contract.adapter import Dispatch
from tests.adapters.discord.mock_discord import (
    APP_ID,
    BOT_ID,
    GUILD,
    INTRO_CHANNEL,
    TOKEN,
    Call,
    MockDiscord,
    message_payload,
    user_payload,
)

OPTION_STRING = 3
OPTION_SUBCOMMAND = 1


def interaction_payload(
    interaction_id: str,
    *,
    user: dict[str, Any],
    channel_id: str,
    guild_id: str | None,
    interaction_type: int,
    data: dict[str, Any],
    message: dict[str, Any] | None = None,
    locale: str = "en-US",
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": interaction_id,
        "application_id": APP_ID,
        "type": interaction_type,
        "token": f"token-{interaction_id}",
        "version": 1,
        "attachment_size_limit": 8_388_608,
        "data": data,
        "channel_id": channel_id,
        "locale": locale,
        "app_permissions": "0",
        "entitlements": [],
        "authorizing_integration_owners": {},
    }
    if guild_id is None:
        payload["user"] = user
        payload["channel"] = {"id": channel_id, "type": 1, "recipients": [user]}
        payload["context"] = 1
    else:
        payload["guild_id"] = guild_id
        payload["member"] = {
            "user": user,
            "roles": [],
            "joined_at": "2026-01-01T00:00:00+00:00",
            "permissions": "0",
            "deaf": False,
            "mute": False,
            "flags": 0,
        }
        payload["channel"] = {
            "id": channel_id,
            "type": 0,
            "guild_id": guild_id,
            "name": "general",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
        }
        payload["context"] = 0
    if message is not None:
        payload["message"] = message
    return payload


def command_data(command: str, options: dict[str, str], sub: str | None = None) -> dict[str, Any]:
    values = [{"name": k, "type": OPTION_STRING, "value": v} for k, v in options.items()]
    if sub is not None:
        values = [{"name": sub, "type": OPTION_SUBCOMMAND, "options": values}]
    return {"id": "930000000000000001", "name": command, "type": 1, "options": values}


PRESSED_MESSAGE = "940000000000000001"


def button_message(
    custom_id: str,
    label: str,
    channel_id: str,
    *,
    private: bool = True,
    content: str = "earlier message",
    others: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A message with the pressed button (and buttons labelled `others` after it), as a
    previous process sent it: ephemeral unless not `private`."""
    buttons = [
        {"type": 2, "style": 1, "label": label, "custom_id": custom_id},
        *(
            {"type": 2, "style": 2, "label": other, "custom_id": f"gb:other.{n}:x"}
            for n, other in enumerate(others)
        ),
    ]
    body = {
        "content": content,
        "flags": 64 if private else 0,
        "components": [{"type": 1, "components": buttons}],
    }
    return message_payload(
        PRESSED_MESSAGE, channel_id, body, user_payload(BOT_ID, "guildbot", bot=True)
    )


@dataclass
class DiscordRig:
    """One process's Discord side, and a way to act as a member."""

    adapter: DiscordAdapter
    mock: MockDiscord

    def _interaction_id(self) -> str:
        # Snowflakes are unique across all of Discord: two rigs on one mock never share one.
        return str(950000000000000000 + next(self.mock.interaction_ids))

    async def _deliver(self, payload: dict[str, Any]) -> list[Call]:
        before = len(self.mock.replies())
        self.adapter.client._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
        await self._settle()
        return self.mock.replies()[before:]

    async def _settle(self) -> None:
        # discord.py runs the command in a task of its own; then our handler tasks run.
        import asyncio  # noqa: PLC0415

        for _ in range(50):
            await asyncio.sleep(0)
        await self.adapter.drain()
        for _ in range(20):
            await asyncio.sleep(0)

    async def command(
        self,
        command: str,
        options: dict[str, str] | None = None,
        *,
        sub: str | None = None,
        user: str = "100000000000000001",
        channel: str = "800000000000000001",
        guild: str | None = None,
        locale: str = "en-US",
    ) -> list[Call]:
        """Run an app command; returns what the bot said because of it."""
        payload = interaction_payload(
            self._interaction_id(),
            user=self._user(user),
            channel_id=channel,
            guild_id=guild,
            interaction_type=2,
            data=command_data(command, options or {}, sub),
            locale=locale,
        )
        return await self._deliver(payload)

    def _user(self, user_id: str) -> dict[str, Any]:
        """Who acts: a user the mock knows, or a stranger with that id."""
        return self.mock.users.get(user_id) or user_payload(user_id, "x")

    async def press(
        self,
        custom_id: str,
        label: str = "Press",
        *,
        user: str = "100000000000000001",
        channel: str = "800000000000000001",
        guild: str | None = None,
        private: bool = True,
        content: str = "earlier message",
        others: tuple[str, ...] = (),
        locale: str = "en-US",
    ) -> list[Call]:
        """Press a button on a message the bot sent (ephemeral unless not `private`)."""
        message = button_message(
            custom_id, label, channel, private=private, content=content, others=others
        )
        payload = interaction_payload(
            self._interaction_id(),
            user=self._user(user),
            channel_id=channel,
            guild_id=guild,
            interaction_type=3,
            data={"custom_id": custom_id, "component_type": 2},
            message=message,
            locale=locale,
        )
        return await self._deliver(payload)

    async def close(self) -> None:
        await self.adapter.stop()


async def start_rig(
    mock: MockDiscord,
    app: Guildbot | None = None,
    *,
    dispatch: Dispatch | None = None,
    connect_gateway: bool = False,
    intro_channels: dict[str, str] | None = None,
    **options: Any,
) -> DiscordRig:
    """Log the real adapter in against the mock (and, if asked, connect to its gateway)."""
    adapter = DiscordAdapter(
        bot_token=TOKEN,
        commands=catalogue(),
        phrases=CataloguePhrases(),
        api_url=mock.api_url,
        gateway_url=mock.gateway_url,
        intro_channels={GUILD: INTRO_CHANNEL} if intro_channels is None else intro_channels,
        connect_gateway=connect_gateway,
        shutdown_grace=5.0,
        **options,
    )
    if dispatch is None:
        assert app is not None
        dispatch = app.dispatcher(adapter)
    await adapter.start(dispatch)
    return DiscordRig(adapter, mock)


def content_of(call: Call) -> str:
    """The text of a reply, whichever way it was sent."""
    body = call.body.get("data", call.body) if call.path.startswith("/interactions/") else call.body
    return str(body.get("content", ""))


def body_of(call: Call) -> dict[str, Any]:
    return dict(call.body.get("data", {})) if call.path.startswith("/interactions/") else call.body
